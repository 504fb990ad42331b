package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.ContextPaths;
import dev.drydock.core.entrypoint.Copy;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.entrypoint.Invocation;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.shell.ShellWords;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import dev.drydock.core.supervisor.Manager;
import dev.drydock.core.supervisor.Program;
import dev.drydock.core.supervisor.Supervision;
import dev.drydock.core.supervisor.UserLine;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the services of an s6 or runit supervision tree from the files the image copies from the build context:
 * each service is a folder with a {@code run} script, which s6-supervise (or runsv) runs and restarts.
 *
 * <p>Where the folders are: {@code s6-svscan DIR} (the working directory without one) and {@code runsvdir [-P] DIR}
 * scan DIR; s6-overlay's {@code /init} starts the longrun services of {@code /etc/s6-overlay/s6-rc.d} that a bundle
 * of its user tree names ({@code user/contents.d/NAME}, or a folder's {@code dependencies.d}) and every service of
 * {@code /etc/services.d}; given a command (a CMD after {@code ENTRYPOINT ["/init"]}), /init also runs that as the
 * container's main program, whose end stops the container: the container's entry point is then that command, read
 * through /init (see {@link Supervision#mainCommand()}). Folders whose name starts with a dot are skipped, as the scanners do. A run script is
 * read for its last {@code exec} line (a shell script) or its whole chain (an execline script), through
 * {@code with-contenv}, {@code fdmove}, {@code cd} and the privilege-dropping wrappers; a tree with a run script
 * drydock cannot read that way is not modelled at all, so that nothing is said about a service it did not see.
 */
final class ServiceDirReader {

    private static final String S6_RC = "/etc/s6-overlay/s6-rc.d";
    private static final String SERVICES_D = "/etc/services.d";

    private final ProjectLoader.Reading reading;

    ServiceDirReader(ProjectLoader.Reading reading) {
        this.reading = reading;
    }

    Supervision read(EntryPoint command, BuildLink build, List<Copy> copies, ContextPaths paths,
            Function<EntryPoint, List<String>> entryFiles) {
        if (command == null || build == null) {
            return null;
        }
        boolean mainCommand = command.underS6OverlayInit();
        Manager manager;
        List<String> scanDirs;
        if (mainCommand || command.runtime() == Runtime.BINARY && "/init".equals(command.target().value())
                && command.args().size() == 1) {
            manager = Manager.S6_OVERLAY; // with a CMD, /init runs it as the main program beside the services
            scanDirs = List.of(S6_RC, SERVICES_D);
        } else if (command.runtime() != Runtime.BINARY || command.target().value() == null) {
            return null;
        } else {
            String program = PathNames.fileName(command.target().value());
            List<String> args = command.args().subList(Math.min(1, command.args().size()), command.args().size());
            if (program.equals("s6-svscan")) {
                manager = Manager.S6;
                String dir = args.isEmpty() || args.get(args.size() - 1).startsWith("-") ? "."
                        : args.get(args.size() - 1);
                scanDirs = List.of(PathNames.normalizeAbsolute(command.workdir(), dir));
            } else if (program.equals("runsvdir")) {
                manager = Manager.RUNIT;
                List<String> positionals = args.stream().filter(a -> !a.startsWith("-")).toList();
                if (positionals.isEmpty()) {
                    return null;
                }
                scanDirs = List.of(PathNames.normalizeAbsolute(command.workdir(), positionals.get(0)));
            } else {
                return null;
            }
        }
        List<Program> programs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String dir : scanDirs) {
            for (String name : serviceNames(build, copies, paths, dir)) {
                String run = dir + "/" + name + "/run";
                Optional<String> inContext = paths.toContext(run).filter(p -> readable(build, p));
                if (inContext.isEmpty()) {
                    continue;
                }
                boolean autostart = true;
                if (dir.equals(S6_RC)) {
                    String type = text(build, paths, dir + "/" + name + "/type").strip();
                    if (!type.isEmpty() && !type.equals("longrun")) {
                        continue;
                    }
                    autostart = registered(build, paths, name);
                }
                String path = PathNames.join(build.context(), inContext.get());
                Program read = program(path, name, command, autostart, entryFiles);
                if (read == null) {
                    return null;
                }
                files.add(path);
                programs.add(read);
            }
        }
        if (programs.isEmpty()) {
            return null;
        }
        return new Supervision(manager, scanDirs.get(0), files, null, programs, List.of(), mainCommand);
    }

    /**
     * The names of the service folders under a container folder, from the copies that put files there: a folder
     * copied over it (or over a parent) and files copied into it.
     */
    private TreeSet<String> serviceNames(BuildLink build, List<Copy> copies, ContextPaths paths, String dir) {
        TreeSet<String> names = new TreeSet<>();
        paths.toContext(dir).ifPresent(folder -> names.addAll(folders(build, folder)));
        for (Copy copy : copies) {
            String destination = copy.destination();
            if (PathNames.isUnder(destination, dir) && !destination.equals(dir)) {
                names.add(destination.substring(dir.length() + 1).split("/")[0]);
            }
        }
        names.removeIf(n -> n.startsWith(".") || n.isEmpty());
        return names;
    }

    /** Whether s6-overlay's user bundle starts an s6-rc service: contents.d names it, or another service needs it. */
    private boolean registered(BuildLink build, ContextPaths paths, String name) {
        for (String bundle : List.of("user", "user2")) {
            if (paths.toContext(S6_RC + "/" + bundle + "/contents.d/" + name).filter(p -> exists(build, p)).isPresent()) {
                return true;
            }
        }
        String marker = "contents.d/" + name;
        boolean createdByBuild = build.stage().steps().stream()
                .anyMatch(s -> s.instruction().rawText().contains(marker));
        return createdByBuild || paths.toContext(S6_RC).map(folder -> folders(build, folder).stream()
                .anyMatch(other -> exists(build, PathNames.join(folder, other + "/dependencies.d/" + name))))
                .orElse(false);
    }

    /**
     * The service a run script starts, with the user it switches to; null when the script's command cannot be read.
     */
    private Program program(String path, String name, EntryPoint container, boolean autostart,
            Function<EntryPoint, List<String>> entryFiles) {
        SourceFile script;
        try {
            script = reading.files.read(path).file();
        } catch (SourceException e) {
            return null;
        }
        Command command = script.lineCount() > 0 && script.line(1).startsWith("#!") && script.line(1).contains("execlineb")
                ? execline(script, container.workdir()) : shell(script, container.workdir());
        if (command == null) {
            return null;
        }
        EntryPoint started = EntryPoints.interpret(new Invocation(List.of(command.text()), true, container.environment(),
                command.workdir()));
        if (started.runtime() == Runtime.NONE || started.runtime() == Runtime.SHELL) {
            return null;
        }
        Span line = script.lines(command.line(), command.endLine());
        UserLine user = started.user() == null ? null : new UserLine(started.user(), path, line);
        return new Program(name, path, line, line, command.text(), started, entryFiles.apply(started), user,
                command.workdir(), Map.of(), autostart, "TERM", 0);
    }

    /** A run script's command: its text as a shell reads it, the working directory, and its lines. */
    private record Command(String text, String workdir, int line, int endLine) {}

    /** The last {@code exec} of a shell run script, after the {@code cd} or {@code pushd} lines before it. */
    private static Command shell(SourceFile script, String workdir) {
        String dir = workdir;
        Command found = null;
        for (int n = 1; n <= script.lineCount(); n++) {
            String line = script.line(n).strip();
            List<String> words = words(line);
            if (words.size() == 2 && (words.get(0).equals("cd") || words.get(0).equals("pushd"))) {
                dir = PathNames.normalizeAbsolute(dir, words.get(1));
            } else if (!words.isEmpty() && words.get(0).equals("exec") && words.size() > 1 && !line.endsWith("\\")) {
                found = new Command(line, dir, n, n);
            }
        }
        return found;
    }

    /**
     * An execline run script: its lines form one command line, which execlineb runs program after program. The chain
     * programs that only set up the process (with-contenv, fdmove, cd) are left out; a script with blocks or
     * conditions ({@code { }}, {@code if}, {@code foreground}) is not read.
     */
    private static Command execline(SourceFile script, String workdir) {
        List<String> words = new ArrayList<>();
        int first = 0;
        for (int n = 2; n <= script.lineCount(); n++) {
            List<String> line = words(script.line(n).strip());
            if (!line.isEmpty() && first == 0) {
                first = n;
            }
            words.addAll(line);
        }
        String dir = workdir;
        int i = 0;
        while (i < words.size()) {
            String w = words.get(i);
            if (w.equals("with-contenv") || w.endsWith("/with-contenv")) {
                i++;
            } else if (w.equals("fdmove")) {
                i += i + 1 < words.size() && words.get(i + 1).equals("-c") ? 4 : 3;
            } else if (w.equals("cd") && i + 1 < words.size()) {
                dir = PathNames.normalizeAbsolute(dir, words.get(i + 1));
                i += 2;
            } else {
                break;
            }
        }
        List<String> rest = words.subList(Math.min(i, words.size()), words.size());
        if (rest.isEmpty() || rest.stream().anyMatch(w -> w.equals("{") || w.equals("}") || w.equals("if")
                || w.equals("foreground") || w.equals("background") || w.equals("backtick") || w.equals("importas"))) {
            return null;
        }
        String text = String.join(" ", rest.stream().map(ServiceDirReader::quoted).toList());
        return new Command(text, dir, first, script.lineCount());
    }

    private static String quoted(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static List<String> words(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return List.of();
        }
        try {
            return ShellWords.split(line);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private String text(BuildLink build, ContextPaths paths, String containerPath) {
        Optional<String> inContext = paths.toContext(containerPath).filter(p -> readable(build, p));
        if (inContext.isEmpty()) {
            return "";
        }
        try {
            return reading.files.read(PathNames.join(build.context(), inContext.get())).file().text();
        } catch (SourceException e) {
            return "";
        }
    }

    private boolean readable(BuildLink build, String inContext) {
        String path = PathNames.join(build.context(), inContext);
        return reading.files.exists(path) && !reading.files.isDirectory(path) && build.ignore().includes(inContext);
    }

    private boolean exists(BuildLink build, String inContext) {
        return reading.files.exists(PathNames.join(build.context(), inContext)) && build.ignore().includes(inContext);
    }

    /** The folders directly in a context folder, by name. */
    private List<String> folders(BuildLink build, String folder) {
        String path = PathNames.join(build.context(), folder);
        if (!reading.files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<java.nio.file.Path> list = Files.list(reading.files.locate(path))) {
            return list.filter(Files::isDirectory).map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException | SourceException e) {
            return List.of();
        }
    }
}
