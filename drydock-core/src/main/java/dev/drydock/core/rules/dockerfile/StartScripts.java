package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.entrypoint.ScriptFiles;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import dev.drydock.core.rules.support.DatabaseInitScripts;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.rules.support.StartScriptPaths;
import dev.drydock.core.shell.Shebang;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's shell scripts that containers built here start with, and the init scripts database containers run
 * ({@link DatabaseInitScripts}), each once, for ShellCheck.
 */
final class StartScripts {

    /**
     * One start script.
     *
     * @param interpreter the program of its #! line, or sh without one (the container runs it with sh)
     * @param busyBox whether the image's /bin/sh is BusyBox's
     * @param variables the ENV and ARG of the image's final stage
     * @param variableNames those names and the container's environment, which the script may read
     */
    record Script(SourceFile file, String interpreter, boolean busyBox, Variables variables, Set<String> variableNames,
            ShellScript parsed) {}

    private StartScripts() {}

    static List<Script> of(ReviewContext context) {
        Map<String, Script> scripts = new LinkedHashMap<>();
        for (Container c : context.project().containers()) {
            EntryPoint ep = c.entryPoint();
            if (c.build() == null || c.build().model() == null || c.build().stage() == null) {
                continue;
            }
            List<String> paths = StartScriptPaths.of(c);
            for (String path : paths) {
                SourceFile file = c.scripts().find(path).orElse(null);
                ShellScript parsed = c.scripts().parsed(path).orElse(null);
                if (file == null || parsed == null || scripts.containsKey(file.path())
                        || file.text().contains("\r\n")) {
                    continue; // Windows line endings are script-windows-line-endings'
                }
                String interpreter = Shebang.of(file.text()).map(Shebang::interpreter).orElse("sh");
                boolean busyBox = InferredImageTools.of(c.build().model(), c.build().stage())
                        .map(ImageTools::busyBox).orElse(false);
                Variables variables = c.build().stage().variables();
                Set<String> names = new LinkedHashSet<>(ep == null ? Set.of() : ep.environment().keySet());
                variables.inOrder().forEach(d -> names.add(d.name()));
                scripts.put(file.path(), new Script(file, interpreter, busyBox, variables, names, parsed));
            }
        }
        for (DatabaseInitScripts.Script init : DatabaseInitScripts.of(context)) {
            SourceFile file = init.file();
            if (scripts.containsKey(file.path()) || file.text().contains("\r\n")) {
                continue;
            }
            // a script the entrypoint sources runs in its bash, whatever its #! line says
            String interpreter = init.executed() ? Shebang.of(file.text()).map(Shebang::interpreter).orElse("sh") : "bash";
            Set<String> names = new LinkedHashSet<>(init.container().entryPoint() == null ? Set.of()
                    : init.container().entryPoint().environment().keySet());
            init.container().service().environment().forEach(e -> names.add(e.name()));
            names.addAll(init.variables());
            scripts.put(file.path(), new Script(file, interpreter, false, Variables.empty(), names,
                    ScriptFiles.parse(file)));
        }
        return new ArrayList<>(scripts.values());
    }
}
