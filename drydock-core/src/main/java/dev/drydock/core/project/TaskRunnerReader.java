package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.ContextPaths;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.shell.ShellWords;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import dev.drydock.core.supervisor.Manager;
import dev.drydock.core.supervisor.Program;
import dev.drydock.core.supervisor.Supervision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the programs of a task runner that a container starts as its command, directly or through the package.json
 * script that {@code npm start} (yarn, pnpm, bun) runs: concurrently's commands (its {@code npm:NAME} shortcuts, with
 * wildcards, as the scripts they run), the scripts npm-run-all, run-p and run-s start (their patterns, where {@code *}
 * stays within one {@code :}-separated part and {@code **} spans several), and the Procfile processes that honcho and
 * foreman start (each with the PORT they give it: the base port, from PORT or 5000, plus 100 for each process type
 * before it). Each program is read as the shell command the runner hands to {@code sh -c}; a script that runs
 * {@code npm run X} is followed to X's command. Null when the command is none of these or names nothing drydock can
 * read.
 */
final class TaskRunnerReader {

    private static final Set<String> CONCURRENTLY_VALUES = Set.of("-m", "--max-processes", "-n", "--names",
            "--name-separator", "-s", "--success", "--hide", "-p", "--prefix", "-c", "--prefix-colors", "-l",
            "--prefix-length", "-t", "--timestamp-format", "--restart-tries", "--restart-after",
            "--default-input-target", "--kill-signal", "-ks", "--teardown", "--cwd");
    private static final Set<String> NPM_RUN_ALL_VALUES = Set.of("--max-parallel", "--npm-path");
    private static final Set<String> PROCFILE_VALUES = Set.of("-f", "--procfile", "-d", "--app-root", "--root", "-e",
            "--env", "-p", "--port", "-c", "--concurrency", "-m", "--formation", "-t", "--timeout", "-q", "--quiet");
    private static final Pattern SHORTCUT = Pattern.compile("(npm|yarn|pnpm|bun):(.+)");
    private static final Pattern PROCFILE_LINE = Pattern.compile("([A-Za-z0-9_-]+):\\s*(.+)");
    private static final Set<Runtime> SCRIPT_RUNNERS = Set.of(Runtime.NPM, Runtime.YARN, Runtime.PNPM, Runtime.BUN);

    private final ProjectLoader.Reading reading;

    TaskRunnerReader(ProjectLoader.Reading reading) {
        this.reading = reading;
    }

    /** The runner's programs, where {@code command} starts one; {@code origin} is where the command is written. */
    Supervision read(EntryPoint command, BuildLink build, ContextPaths paths, Origin origin,
            Function<EntryPoint, List<String>> entryFiles) {
        if (command == null || build == null) {
            return null;
        }
        Scripts scripts = scripts(build, paths, command.workdir());
        List<String> words;
        Origin written = origin;
        if (SCRIPT_RUNNERS.contains(command.runtime()) && command.target().kind() == Target.Kind.SCRIPT) {
            PackageJson.Script script = scripts == null ? null : scripts.pkg().script(command.target().value()).orElse(null);
            if (script == null) {
                return null;
            }
            words = ShellWords.withoutEnvironment(split(script.command()));
            written = new Origin(scripts.path(), script.span());
        } else if (command.runtime() == Runtime.BINARY && !command.args().isEmpty()) {
            words = command.args();
        } else {
            return null;
        }
        if (words.isEmpty() || written == null) {
            return null;
        }
        Reader reader = new Reader(command, scripts, written, entryFiles);
        String program = PathNames.fileName(words.get(0));
        List<String> args = words.subList(1, words.size());
        return switch (program) {
            case "concurrently" -> reader.concurrently(args);
            case "npm-run-all", "run-p", "run-s" -> reader.npmRunAll(args);
            case "honcho" -> reader.procfile(Manager.HONCHO, args, build, paths);
            case "foreman" -> reader.procfile(Manager.FOREMAN, args, build, paths);
            default -> null;
        };
    }

    /** The package.json in the working directory, where the image has one from the build context. */
    private record Scripts(String path, PackageJson pkg) {}

    private Scripts scripts(BuildLink build, ContextPaths paths, String workdir) {
        Optional<String> inContext = paths.toContext(PathNames.normalizeAbsolute(workdir, "package.json"));
        if (inContext.isEmpty()) {
            return null;
        }
        String path = PathNames.join(build.context(), inContext.get());
        try {
            return reading.files.exists(path) ? new Scripts(path, PackageJson.of(reading.files.read(path).file())) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private final class Reader {
        private final EntryPoint command;
        private final Scripts scripts;
        private final Origin written;
        private final Function<EntryPoint, List<String>> entryFiles;

        Reader(EntryPoint command, Scripts scripts, Origin written, Function<EntryPoint, List<String>> entryFiles) {
            this.command = command;
            this.scripts = scripts;
            this.written = written;
            this.entryFiles = entryFiles;
        }

        Supervision concurrently(List<String> args) {
            List<String> names = new ArrayList<>();
            List<String> commands = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--")) {
                    commands.addAll(args.subList(i + 1, args.size()));
                    break;
                }
                if (arg.startsWith("-")) {
                    String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                            : CONCURRENTLY_VALUES.contains(option) && i + 1 < args.size() ? args.get(++i) : null;
                    if ((option.equals("-n") || option.equals("--names")) && value != null) {
                        names.addAll(List.of(value.split(",")));
                    }
                    continue;
                }
                commands.add(arg);
            }
            List<Program> programs = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                String line = commands.get(i);
                Matcher shortcut = SHORTCUT.matcher(line.strip());
                if (shortcut.matches()) {
                    if (scripts == null) {
                        return null;
                    }
                    String[] parts = shortcut.group(2).split("\\s+", 2);
                    for (PackageJson.Script s : scripts.pkg().scripts().values()) {
                        if (wildcardMatches(parts[0], s.name())) {
                            programs.add(script(s, command.environment()));
                        }
                    }
                    continue;
                }
                String name = i < names.size() && !names.get(i).isBlank() ? names.get(i).strip() : line;
                programs.add(program(name, line, written.file(), written.span(), command.environment()));
            }
            return supervision(Manager.CONCURRENTLY, programs);
        }

        Supervision npmRunAll(List<String> args) {
            if (scripts == null) {
                return null;
            }
            List<Program> programs = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--")) {
                    break; // arguments for every task
                }
                if (arg.startsWith("-")) {
                    i += NPM_RUN_ALL_VALUES.contains(arg) ? 1 : 0;
                    continue;
                }
                String pattern = arg.strip().split("\\s+", 2)[0];
                for (PackageJson.Script s : scripts.pkg().scripts().values()) {
                    if (taskMatches(pattern, s.name())) {
                        programs.add(script(s, command.environment()));
                    }
                }
            }
            return supervision(Manager.NPM_RUN_ALL, programs);
        }

        Supervision procfile(Manager manager, List<String> args, BuildLink build, ContextPaths paths) {
            if (args.isEmpty() || !args.get(0).equals("start")) {
                return null;
            }
            String file = "Procfile";
            String root = null;
            String port = null;
            List<String> wanted = new ArrayList<>();
            for (int i = 1; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.startsWith("-")) {
                    String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                            : PROCFILE_VALUES.contains(option) && i + 1 < args.size() ? args.get(++i) : null;
                    switch (option) {
                        case "-f", "--procfile" -> file = value;
                        case "-d", "--app-root", "--root" -> root = value;
                        case "-p", "--port" -> port = value;
                        default -> { }
                    }
                    continue;
                }
                wanted.add(arg);
            }
            if (file == null) {
                return null;
            }
            String containerPath = PathNames.normalizeAbsolute(root != null
                    ? PathNames.normalizeAbsolute(command.workdir(), root) : command.workdir(), file);
            Optional<String> inContext = paths.toContext(containerPath);
            if (inContext.isEmpty()) {
                return null;
            }
            String path = PathNames.join(build.context(), inContext.get());
            SourceFile procfile;
            try {
                if (!reading.files.exists(path) || reading.files.isDirectory(path)) {
                    return null;
                }
                procfile = reading.files.read(path).file();
            } catch (SourceException e) {
                return null;
            }
            Map<String, Integer> lines = new LinkedHashMap<>();
            for (int n = 1; n <= procfile.lineCount(); n++) {
                Matcher m = PROCFILE_LINE.matcher(procfile.line(n));
                if (m.matches() && (wanted.isEmpty() || wanted.contains(m.group(1)))) {
                    lines.putIfAbsent(m.group(1), n);
                }
            }
            // honcho numbers the processes it is given in the order given, foreman in the Procfile's
            List<String> order = manager == Manager.HONCHO && !wanted.isEmpty()
                    ? wanted.stream().filter(lines::containsKey).distinct().toList() : List.copyOf(lines.keySet());
            int base = basePort(port != null ? port : command.environment().get("PORT"));
            List<Program> programs = new ArrayList<>();
            for (String name : order) {
                int n = lines.get(name);
                Matcher m = PROCFILE_LINE.matcher(procfile.line(n));
                m.matches();
                Map<String, String> env = new LinkedHashMap<>(command.environment());
                env.put("PORT", Integer.toString(base + 100 * programs.size()));
                programs.add(program(name, m.group(2), path, procfile.lines(n, n), env));
            }
            return supervision(manager, programs);
        }

        private Supervision supervision(Manager manager, List<Program> programs) {
            if (programs.isEmpty()) {
                return null;
            }
            List<String> files = programs.stream().map(Program::file).distinct().toList();
            return new Supervision(manager, files.get(0), files, null, programs, List.of(), false);
        }

        /** A script as the program it runs, followed through {@code npm run X} to X's own command. */
        private Program script(PackageJson.Script s, Map<String, String> env) {
            PackageJson.Script runs = s;
            for (int hops = 0; hops < 5; hops++) {
                EntryPoint ep = EntryPoints.interpret(List.of(runs.command()), true, env, command.workdir());
                PackageJson.Script next = SCRIPT_RUNNERS.contains(ep.runtime()) && ep.target().kind() == Target.Kind.SCRIPT
                        ? scripts.pkg().script(ep.target().value()).orElse(null) : null;
                if (next == null || next == runs) {
                    break;
                }
                runs = next;
            }
            return program(s.name(), runs.command(), scripts.path(), runs.span(), env);
        }

        private Program program(String name, String line, String file, Span span, Map<String, String> env) {
            EntryPoint started = EntryPoints.interpret(List.of(line), true, env, command.workdir());
            Map<String, String> own = new LinkedHashMap<>(env); // what the runner sets beyond the container's own
            own.entrySet().removeIf(e -> e.getValue().equals(command.environment().get(e.getKey())));
            return new Program(name, file, span, span, line, started, entryFiles.apply(started), null, null, own, true,
                    "TERM", 10);
        }
    }

    private static int basePort(String value) {
        try {
            return value == null ? 5000 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 5000;
        }
    }

    /** concurrently's wildcard: {@code *} matches any text; {@code (!x)} after it leaves out names with x there. */
    static boolean wildcardMatches(String pattern, String name) {
        String excluded = null;
        int bang = pattern.indexOf("(!");
        if (bang >= 0 && pattern.endsWith(")")) {
            excluded = pattern.substring(bang + 2, pattern.length() - 1);
            pattern = pattern.substring(0, bang);
        }
        if (!pattern.contains("*")) {
            return pattern.equals(name);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("(.*)");
            }
            regex.append(Pattern.quote(part));
        }
        Matcher m = Pattern.compile(regex.toString()).matcher(name);
        return m.matches() && (excluded == null || !m.group(1).contains(excluded));
    }

    /** npm-run-all's pattern: parts split at {@code :}, {@code *} within one part, {@code **} over several. */
    static boolean taskMatches(String pattern, String name) {
        return matchParts(pattern.split(":", -1), 0, name.split(":", -1), 0);
    }

    private static boolean matchParts(String[] pattern, int p, String[] name, int n) {
        if (p == pattern.length) {
            return n == name.length;
        }
        if (pattern[p].equals("**")) {
            for (int k = n; k <= name.length; k++) {
                if (matchParts(pattern, p + 1, name, k)) {
                    return true;
                }
            }
            return false;
        }
        return n < name.length && partMatches(pattern[p], name[n]) && matchParts(pattern, p + 1, name, n + 1);
    }

    private static boolean partMatches(String pattern, String part) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return part.matches(regex.toString());
    }

    private static List<String> split(String line) {
        try {
            return ShellWords.split(line);
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
