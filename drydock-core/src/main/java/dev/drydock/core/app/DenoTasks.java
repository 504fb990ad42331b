package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.manifest.JsonTree;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task {@code deno task NAME} runs: the {@code tasks} entry of deno.json, else of deno.jsonc (JSON with comments),
 * in the build context's root, as a string or as an object's {@code command}; without one, Deno runs the package.json
 * script of that name. Deno runs a task's command through its own shell, which reads it as sh would for the commands
 * drydock follows.
 */
public final class DenoTasks {

    private DenoTasks() {}

    /** The configuration files Deno reads, in its order. */
    public static final List<String> CONFIG_FILES = List.of("deno.json", "deno.jsonc");

    /** The task {@code name} of the Deno configuration (or package.json) in {@code dir}, read as a command. */
    public static Optional<NodePackage> task(SourceSet files, String dir, String name, Map<String, String> env,
            String workdir) {
        if (name == null) {
            return Optional.empty();
        }
        for (String config : CONFIG_FILES) {
            String path = PathNames.join(dir, config);
            Optional<SourceFile> file = files.read(path);
            if (file.isPresent()) {
                Optional<NodePackage> task = fromConfig(file.get(), name, env, workdir);
                if (task.isPresent()) {
                    return task;
                }
            }
        }
        return NodePackage.script(files, dir, name, env, workdir);
    }

    /** The task {@code name} of a deno.json(c) file, read as a command; empty when it has none or can't be read. */
    static Optional<NodePackage> fromConfig(SourceFile file, String name, Map<String, String> env, String workdir) {
        try {
            if (!(JsonTree.parseWithComments(file) instanceof JsonTree.Obj root)) {
                return Optional.empty();
            }
            JsonTree.Obj tasks = root.object("tasks");
            JsonTree.Member task = tasks == null ? null : tasks.member(name);
            if (task == null) {
                return Optional.empty();
            }
            String command = task.value() instanceof JsonTree.Obj object ? object.string("command")
                    : task.value() instanceof JsonTree.Scalar s && s.isString() ? s.text() : null;
            if (command == null || command.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new NodePackage(file.path(), name, command,
                    file.span(task.keySpan().start(), Math.max(task.keySpan().end(), task.value().span().end())),
                    EntryPoints.interpret(List.of(command), true, env, workdir)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
