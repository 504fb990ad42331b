package dev.drydock.core.project;

import dev.drydock.core.dockerfile.model.SearchPath;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.Copy;
import dev.drydock.core.entrypoint.ContextPaths;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.entrypoint.Glob;
import dev.drydock.core.entrypoint.Invocation;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.shell.ShellWords;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.supervisor.Manager;
import dev.drydock.core.supervisor.Program;
import dev.drydock.core.supervisor.Supervision;
import dev.drydock.core.supervisor.SupervisorConfig;
import dev.drydock.core.supervisor.UserLine;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds the configuration a container's supervisord reads among the files the image copies from the build context,
 * and reads its programs.
 *
 * <p>Without {@code -c}, supervisord takes the first of {@code $CWD/supervisord.conf}, {@code $CWD/etc/supervisord.conf},
 * {@code /etc/supervisord.conf} and {@code /etc/supervisor/supervisord.conf} that exists. When the image copies none of
 * them, the distribution package's own file is assumed: Debian's and Ubuntu's {@code /etc/supervisor/supervisord.conf}
 * includes {@code /etc/supervisor/conf.d/*.conf}, Alpine's {@code /etc/supervisord.conf} includes
 * {@code /etc/supervisor.d/*.ini}. A {@code -c} naming one of those two files, which the image does not copy, reads the
 * package's file the same way: its include folder's programs.
 */
final class SupervisorReader {

    private static final List<String> PACKAGE_INCLUDES = List.of("/etc/supervisor/conf.d/*.conf", "/etc/supervisor.d/*.ini");
    /** The distribution packages' configuration files and the folder each includes (Debian and Ubuntu, Alpine). */
    private static final Map<String, String> PACKAGE_CONFIGS = Map.of(
            "/etc/supervisor/supervisord.conf", "/etc/supervisor/conf.d/*.conf", "/etc/supervisord.conf", "/etc/supervisor.d/*.ini");

    private final ProjectLoader.Reading reading;

    SupervisorReader(ProjectLoader.Reading reading) {
        this.reading = reading;
    }

    /**
     * @param entryFiles the project files an entry point runs, as the container's command's are found
     */
    Supervision read(EntryPoint command, BuildLink build, List<Copy> copies, ContextPaths paths,
            Function<EntryPoint, List<String>> entryFiles) {
        if (command == null || build == null) {
            return null;
        }
        List<String> notes = new ArrayList<>();
        EntryPoint ep = command.runtime() == Runtime.BINARY || command.runtime() == Runtime.SCRIPT
                ? fromStartScript(command, build, paths, notes) : command;
        if (ep == null || ep.runtime() != Runtime.SUPERVISORD) {
            return null;
        }
        List<String> candidates = ep.target().kind() == Target.Kind.CONFIG ? List.of(ep.target().path())
                : List.of(PathNames.normalizeAbsolute(ep.workdir(), "supervisord.conf"),
                        PathNames.normalizeAbsolute(ep.workdir(), "etc/supervisord.conf"), "/etc/supervisord.conf",
                        "/etc/supervisor/supervisord.conf");
        List<String> files = new ArrayList<>();
        List<SupervisorConfig> configs = new ArrayList<>();
        String config = null;
        List<String> includes = new ArrayList<>();
        for (String candidate : candidates) {
            Optional<SupervisorConfig> read = paths.toContext(candidate).flatMap(p -> parse(build, p, files));
            if (read.isPresent()) {
                config = candidate;
                configs.add(read.get());
                String here = PathNames.parent(candidate);
                read.get().section("include").flatMap(s -> s.value("files")).ifPresent(v -> {
                    for (String pattern : SupervisorConfig.expand(v.text(), ep.environment(), here, null).split("\\s+")) {
                        if (!pattern.isEmpty()) {
                            includes.add(PathNames.normalizeAbsolute(here, pattern));
                        }
                    }
                });
                break;
            }
        }
        if (config == null) {
            String named = ep.target().kind() == Target.Kind.CONFIG ? ep.target().path() : null;
            if (named != null && !PACKAGE_CONFIGS.containsKey(named)) {
                return null; // a configuration the build makes or the base image has: not readable here
            }
            includes.addAll(named == null ? PACKAGE_INCLUDES : List.of(PACKAGE_CONFIGS.get(named)));
        }
        for (String pattern : includes) {
            List<String> matched = matching(build, copies, paths, pattern);
            for (String file : matched) {
                parse(build, file, files).ifPresent(configs::add);
            }
            if (config == null && !matched.isEmpty()) {
                notes.add("the image copies no supervisord.conf: the distribution package's, which includes " + pattern
                        + ", is assumed");
            }
        }
        if (configs.isEmpty()) {
            return null;
        }
        UserLine user = null;
        List<Program> programs = new ArrayList<>();
        for (SupervisorConfig c : configs) {
            String here = PathNames.parent(c.file().path());
            for (SupervisorConfig.Section s : c.sections()) {
                if (s.name().equals("supervisord")) {
                    user = userLine(c, s, ep, here, null).orElse(user);
                }
                int colon = s.name().indexOf(':');
                String kind = colon < 0 ? s.name() : s.name().substring(0, colon);
                if (colon > 0 && (kind.equals("program") || kind.equals("fcgi-program"))) {
                    programs.add(program(c, s, s.name().substring(colon + 1).strip(), ep, here, entryFiles));
                }
            }
        }
        return new Supervision(Manager.SUPERVISORD, config, files, user, programs, notes, false);
    }

    /**
     * supervisord as a start script of the project starts it: a line of the script that runs (or execs) supervisord,
     * on whichever branch (Laravel Sail's start-container execs it when the container is given no command). Null when
     * the script is not in the build context or runs no supervisord.
     */
    private EntryPoint fromStartScript(EntryPoint ep, BuildLink build, ContextPaths paths, List<String> notes) {
        String program = ep.target().value();
        if (program == null) {
            return null;
        }
        List<String> places = program.contains("/") ? List.of(ep.target().path())
                : SearchPath.DEFAULT.stream().map(dir -> dir + "/" + program).toList();
        for (String place : places) {
            Optional<String> inContext = paths.toContext(place);
            String path = inContext.map(p -> PathNames.join(build.context(), p)).orElse(null);
            if (path == null || !reading.files.exists(path) || reading.files.isDirectory(path)) {
                continue;
            }
            try {
                SourceFile script = reading.files.read(path).file();
                for (int line = 1; line <= script.lineCount(); line++) {
                    List<String> words = words(script.line(line).strip());
                    if (!words.isEmpty() && words.get(0).equals("exec")) {
                        words = words.subList(1, words.size());
                    }
                    if (!words.isEmpty() && PathNames.fileName(words.get(0)).equals("supervisord")) {
                        notes.add(path + " starts supervisord on line " + line + ", a branch assumed to run");
                        return EntryPoints.interpret(new Invocation(words, false, ep.environment(), ep.workdir()));
                    }
                }
            } catch (SourceException e) {
                return null;
            }
            return null;
        }
        return null;
    }

    private static List<String> words(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return List.of();
        }
        try {
            return ShellWords.split(line);
        } catch (RuntimeException e) {
            return List.of(); // unbalanced quotes: not a command line drydock can take apart
        }
    }

    private static Optional<UserLine> userLine(SupervisorConfig c, SupervisorConfig.Section s, EntryPoint ep, String here,
            String program) {
        return s.value("user").map(v -> new UserLine(SupervisorConfig.expand(v.text(), ep.environment(), here, program),
                c.file().path(), v.span()));
    }

    private Program program(SupervisorConfig c, SupervisorConfig.Section s, String name, EntryPoint ep, String here,
            Function<EntryPoint, List<String>> entryFiles) {
        Map<String, String> base = ep.environment();
        String commandLine = s.value("command").map(v -> SupervisorConfig.expand(v.text(), base, here, name)).orElse(null);
        Map<String, String> env = new LinkedHashMap<>(base);
        Map<String, String> own = s.value("environment")
                .map(v -> environment(SupervisorConfig.expand(v.text(), base, here, name))).orElse(Map.of());
        env.putAll(own);
        String directory = s.value("directory").map(v -> SupervisorConfig.expand(v.text(), base, here, name)).orElse(null);
        EntryPoint started = commandLine == null ? null : EntryPoints.interpret(new Invocation(
                ShellWords.split(commandLine), false, env, directory != null ? directory : ep.workdir()));
        String stopSignal = s.value("stopsignal").map(v -> v.text().toUpperCase(Locale.ROOT).replaceFirst("^SIG", ""))
                .orElse("TERM");
        int stopWait = s.value("stopwaitsecs").map(v -> v.text()).filter(t -> t.matches("\\d+")).map(Integer::parseInt)
                .orElse(10);
        // supervisord reads false, no, off and 0 as false; a value from a variable the image does not set counts as true
        boolean autostart = s.value("autostart").map(v -> SupervisorConfig.expand(v.text(), base, here, name).strip()
                .toLowerCase(Locale.ROOT)).map(v -> !List.of("false", "no", "off", "0").contains(v)).orElse(true);
        return new Program(name, c.file().path(), s.header(),
                s.value("command").map(SupervisorConfig.Value::span).orElse(s.header()), commandLine, started,
                started == null ? List.of() : entryFiles.apply(started), userLine(c, s, ep, here, name).orElse(null),
                directory,
                own, autostart, stopSignal, stopWait);
    }

    /** {@code KEY="value",KEY2=value2}: commas inside quotes belong to the value. */
    static Map<String, String> environment(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        List<String> parts = new ArrayList<>();
        for (char ch : text.toCharArray()) {
            if (quote == 0 && (ch == '"' || ch == '\'')) {
                quote = ch;
            } else if (ch == quote) {
                quote = 0;
            } else if (quote == 0 && ch == ',') {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            } else {
                part.append(ch);
                continue;
            }
        }
        parts.add(part.toString());
        for (String p : parts) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                env.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            }
        }
        return env;
    }

    /**
     * The context files the image copies to container paths matching {@code pattern} (whose wildcards are in its last
     * part, as in supervisord's include globs): each copied file, and the files of the folder a folder copy puts there.
     */
    private List<String> matching(BuildLink build, List<Copy> copies, ContextPaths paths, String pattern) {
        String folder = PathNames.parent(pattern);
        List<String> candidates = new ArrayList<>();
        for (Copy copy : copies) {
            String source = PathNames.normalizeRelative(copy.source());
            if (source == null) {
                continue;
            }
            if (Glob.hasWildcards(source)) {
                listed(build, PathNames.parent(source)).stream().filter(f -> Glob.matches(source, f)).forEach(candidates::add);
            } else if (reading.files.isDirectory(PathNames.join(build.context(), source))) {
                if (PathNames.isUnder(folder, copy.destination())) {
                    String sub = folder.equals(copy.destination()) ? "" : folder.substring(copy.destination().length() + 1);
                    candidates.addAll(listed(build, PathNames.join(source, sub)));
                }
            } else {
                candidates.add(source);
            }
        }
        return candidates.stream().distinct()
                .filter(f -> paths.toContainer(f).stream().anyMatch(p -> Glob.matches(pattern, p)))
                .toList();
    }

    /** The files directly in a context folder, as context paths. */
    private List<String> listed(BuildLink build, String folder) {
        String path = PathNames.join(build.context(), folder);
        if (!reading.files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<java.nio.file.Path> list = Files.list(reading.files.locate(path))) {
            return list.filter(Files::isRegularFile).map(f -> PathNames.join(folder, f.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException | SourceException e) {
            return List.of();
        }
    }

    private Optional<SupervisorConfig> parse(BuildLink build, String inContext, List<String> files) {
        String path = PathNames.join(build.context(), inContext);
        if (!reading.files.exists(path) || reading.files.isDirectory(path) || !build.ignore().includes(inContext)
                || files.contains(path)) {
            return Optional.empty();
        }
        try {
            SourceFile file = reading.files.read(path).file();
            files.add(path);
            return Optional.of(SupervisorConfig.parse(file));
        } catch (SourceException e) {
            return Optional.empty();
        }
    }
}
