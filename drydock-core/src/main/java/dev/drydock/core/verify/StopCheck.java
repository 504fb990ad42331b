package dev.drydock.core.verify;

import java.time.Duration;

/**
 * {@code stop} must end the container on SIGTERM within the grace period, exit code 0 or 143. The engine
 * sends SIGKILL when the grace period ends, so the exit code is the verdict: 137 means it had to. The
 * stop command's own wall time also holds the engine's start-up and clean-up, which on a busy machine
 * can pass the grace period although the process ended on SIGTERM before it.
 */
final class StopCheck {

    static final String ID = "stop";

    private StopCheck() {}

    /**
     * @param exitCode the container's exit code after the stop
     * @param elapsed how long {@code stop} took
     * @param grace the grace period it was given
     * @param stopFailed whether the stop command itself failed or timed out
     */
    static CheckResult evaluate(int exitCode, Duration elapsed, Duration grace, boolean stopFailed) {
        String took = Durations.seconds(elapsed);
        String limit = Durations.seconds(grace);
        CheckResult result;
        if (stopFailed) {
            result = CheckResult.fail(ID, "the stop command failed after " + took);
        } else if (exitCode == 137) {
            result = CheckResult.fail(ID, "killed with SIGKILL after " + took + " (exit 137): the main process did not end"
                    + " on SIGTERM within the grace period of " + limit);
        } else if ((exitCode == 0 || exitCode == 143) && elapsed.compareTo(grace) >= 0) {
            result = CheckResult.pass(ID, "stopped on SIGTERM (exit " + exitCode + ") before the SIGKILL due at the end of the"
                    + " grace period of " + limit + "; the stop command took " + took + " with the engine's own work");
        } else if (exitCode == 0 || exitCode == 143) {
            result = CheckResult.pass(ID, "stopped on SIGTERM in " + took + " (exit " + exitCode + ", grace period " + limit + ")");
        } else {
            result = CheckResult.fail(ID, "exited with code " + exitCode + " on SIGTERM after " + took
                    + " (a clean stop exits 0 or 143)");
        }
        return result.with("exitCode", (long) exitCode).with("elapsedMillis", elapsed.toMillis())
                .with("graceMillis", grace.toMillis());
    }
}
