package dev.drydock.core.verify;

import java.time.Duration;
import java.util.List;

/**
 * What one engine command did.
 *
 * @param argv the command run
 * @param exitCode its exit code, -1 when it timed out or could not start
 * @param stdout standard output (trailing whitespace kept)
 * @param stderr standard error
 * @param elapsed how long it took
 * @param timedOut whether it was killed at its timeout
 */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr, Duration elapsed,
        boolean timedOut) {

    public CommandResult {
        argv = List.copyOf(argv);
    }

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** Standard output and error together, as a build log is read. */
    public String output() {
        if (stderr.isEmpty()) {
            return stdout;
        }
        return stdout.isEmpty() ? stderr : stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
    }

    /** The last {@code count} non-blank lines of the output. */
    public List<String> tail(int count) {
        List<String> lines = output().lines().filter(l -> !l.isBlank()).toList();
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    /** One line saying why the command failed, for a report. */
    public String failure() {
        if (timedOut) {
            return "timed out after " + elapsed.toSeconds() + " s";
        }
        List<String> last = tail(1);
        return "exit code " + exitCode + (last.isEmpty() ? "" : ": " + last.get(0).strip());
    }
}
