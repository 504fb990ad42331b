package dev.drydock.core.verify;

import java.time.Duration;

/** {@code stop} must end the container on SIGTERM within the grace period, exit code 0 or 143. */
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
        } else if (elapsed.compareTo(grace) >= 0) {
            result = CheckResult.fail(ID, "took " + took + " to stop (exit " + exitCode + "), the grace period is " + limit);
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
