package dev.drydock.cli;

import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * What one run of the command sees of the world beyond its arguments: the working folder, whether standard
 * output is a terminal, the environment. A normal process passes its own ({@link #process()}); the daemon
 * passes its client's, so that concurrent runs in one JVM do not read the server's folder or environment.
 *
 * @param workingFolder the client's folder, absolute; null in a normal process (relative paths stay relative,
 *     resolved by the JVM against its own folder, so output and messages are exactly as before)
 * @param terminal whether standard output is a terminal
 * @param environment an environment variable's value, null when unset
 * @param served whether a daemon runs this on a client's behalf (commands it must not run say so)
 */
record Invocation(Path workingFolder, boolean terminal, Function<String, String> environment, boolean served) {

    /** The exit code a command returns when it must run in a process of its own, not in the daemon. */
    static final int NOT_SERVED = -111;

    /** This process: its folder, its console, its environment. */
    static Invocation process() {
        return new Invocation(null, System.console() != null, System::getenv, false);
    }

    /** A run for a daemon's client in {@code folder} (absolute). */
    static Invocation client(Path folder, boolean terminal, Function<String, String> environment) {
        return new Invocation(folder.toAbsolutePath().normalize(), terminal, environment, true);
    }

    String env(String name) {
        return environment.apply(name);
    }

    /** {@code path} as this run reaches it: against the client's folder in the daemon, unchanged otherwise. */
    Path resolve(Path path) {
        return path == null || workingFolder == null ? path : workingFolder.resolve(path);
    }

    /** The folder relative paths in messages are shown against. */
    Path shownFrom() {
        return workingFolder == null ? Path.of("") : workingFolder;
    }

    /** Whether output in color is welcome when not asked for: a terminal, no NO_COLOR, a TERM that is not dumb. */
    boolean colorByDefault() {
        return terminal && env("NO_COLOR") == null && !"dumb".equals(env("TERM"));
    }

    /** A path option's converter: resolved against the client's folder in the daemon. */
    CommandLine.ITypeConverter<Path> pathConverter() {
        return value -> resolve(Path.of(value));
    }

    /** Stops a command the daemon must not run (it streams, runs for long or needs the process): the client runs it itself. */
    void requireOwnProcess() {
        if (served) {
            throw new NotServed();
        }
    }

    /** A command the daemon hands back to its client. */
    static final class NotServed extends RuntimeException {
        NotServed() {
            super("not served by the daemon", null, false, false);
        }
    }
}
