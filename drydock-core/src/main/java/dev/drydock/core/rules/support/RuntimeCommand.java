package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The program an image's container starts and the files it needs, as far as the command says: the
 * program after wrappers such as tini ({@code gunicorn}, {@code /entrypoint.sh}), the entry-point
 * scripts and the application files it runs.
 *
 * @param program the program as written (a bare name is looked up in PATH), or null when no command is set
 * @param files container paths the command reads or runs: scripts and the application's target files
 * @param launchers the programs that start it, outermost first: the command's first word as written and the
 *     wrappers seen through ({@code poetry run}, {@code uv run}, {@code tini})
 */
public record RuntimeCommand(String program, List<String> files, List<String> launchers) {

    private static final Pattern INTERPRETER = Pattern.compile("(python|pypy)(\\d+(\\.\\d+)?)?");
    private static final Set<String> SYSTEM = Set.of("sh", "bash", "ash", "dash", "zsh", "env", "exec", "node", "java",
            "ruby", "php", "php-fpm", "perl", "nginx", "httpd", "apache2", "caddy", "tini", "dumb-init", "gosu",
            "su-exec", "npm", "npx", "yarn", "pnpm", "dotnet", "deno", "bun", "catatonit", "s6-svscan");

    public RuntimeCommand {
        files = List.copyOf(files);
        launchers = List.copyOf(launchers);
    }

    public static RuntimeCommand of(BuiltImage image) {
        return of(image.container());
    }

    public static RuntimeCommand of(Container c) {
        EntryPoint entry = c.entryPoint();
        List<String> files = new ArrayList<>();
        List<String> launchers = new ArrayList<>();
        String program = null;
        String first = c.command() == null || c.command().isEmpty() ? null : firstProgram(c.command());
        if (first != null) {
            launchers.add(first);
        }
        if (entry != null && !entry.args().isEmpty()) {
            program = entry.args().get(0);
            files.addAll(entry.scripts());
            files.addAll(entry.targetFiles());
            entry.wrappers().forEach(w -> launchers.add(w.name()));
        } else if (first != null) {
            program = first;
            List<String> argv = c.command().argv();
            if (argv.size() > 1 && argv.get(1).equals("run") && Set.of("poetry", "uv").contains(base(first))) {
                launchers.add(base(first) + " run");
            }
        }
        if (program != null && program.contains("/")) {
            String workdir = entry != null && entry.workdir() != null ? entry.workdir() : "/";
            files.add(0, ContainerPaths.clean(program.startsWith("/") ? program : workdir + "/" + program));
        }
        return new RuntimeCommand(program, files, launchers);
    }

    private static String firstProgram(EffectiveCommand command) {
        if (command.shellForm() && command.script() != null) {
            String[] words = command.script().strip().split("\\s+");
            int i = words.length > 0 && words[0].equals("exec") ? 1 : 0;
            return i < words.length && !words[i].isEmpty() ? words[i] : null;
        }
        return command.argv().get(0);
    }

    /** Whether the command is started through this wrapper ({@code poetry run}). */
    public boolean launchedBy(String wrapper) {
        return launchers.contains(wrapper);
    }

    /** Whether a program is the Python interpreter ({@code python}, {@code python3.12}). */
    public static boolean isPython(String program) {
        return INTERPRETER.matcher(base(program)).matches();
    }

    /** Whether a program normally comes with the base system or a language image, not from pip or npm. */
    public static boolean isSystemProgram(String program) {
        String name = base(program);
        return SYSTEM.contains(name) || isPython(name);
    }

    /**
     * The files under {@code folder} the command needs, in words ("/app/app.py"), or null for none;
     * the working directory of the application counts as needed.
     */
    public String filesUnder(String folder, String workdir) {
        List<String> needed = new ArrayList<>();
        for (String file : files) {
            String clean = ContainerPaths.clean(file);
            if ((clean.equals(folder) || clean.startsWith(folder.equals("/") ? "/" : folder + "/"))
                    && !needed.contains(clean)) {
                needed.add(clean);
            }
        }
        if (needed.isEmpty() && program != null && ContainerPaths.clean(workdir).equals(folder) && !folder.equals("/")) {
            return "the application in " + folder;
        }
        return needed.isEmpty() ? null : String.join(", ", needed);
    }

    private static String base(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }
}
