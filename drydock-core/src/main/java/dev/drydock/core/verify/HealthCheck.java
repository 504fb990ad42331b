package dev.drydock.core.verify;

import java.time.Duration;

/** The healthcheck must report healthy within the time its own timings allow. */
final class HealthCheck {

    static final String ID = "health";

    private HealthCheck() {}

    /**
     * What polling the container's health ended with.
     *
     * @param status the last health status seen ({@code healthy}, {@code unhealthy}, {@code starting}, "")
     * @param elapsed how long it took to get there
     * @param exited whether the container stopped while waiting, with {@code exitCode}
     * @param lastProbeOutput the last probe's output
     */
    record Outcome(String status, Duration elapsed, boolean exited, int exitCode, String lastProbeOutput) {}

    static CheckResult noHealthcheck() {
        return CheckResult.fail(ID, "no healthcheck: nothing tells the engine or an orchestrator when the service is ready");
    }

    static CheckResult evaluate(HealthSettings health, Outcome outcome) {
        Duration budget = health.budget();
        String timing = " (declared budget " + Durations.seconds(budget) + ": start period "
                + Durations.seconds(health.startPeriod()) + " + " + health.retries() + " x interval "
                + Durations.seconds(health.interval()) + " + timeout " + Durations.seconds(health.timeout()) + ")";
        CheckResult result;
        if (outcome.status().equals("healthy") && outcome.elapsed().compareTo(budget) <= 0) {
            result = CheckResult.pass(ID, "healthy after " + Durations.seconds(outcome.elapsed()) + timing);
        } else if (outcome.status().equals("healthy")) {
            result = CheckResult.fail(ID, "healthy only after " + Durations.seconds(outcome.elapsed()) + timing);
        } else if (outcome.exited()) {
            result = CheckResult.fail(ID, "the container exited with code " + outcome.exitCode() + " before it was healthy");
        } else if (outcome.status().equals("unhealthy")) {
            result = CheckResult.fail(ID, "unhealthy after " + Durations.seconds(outcome.elapsed()) + timing
                    + probeOutput(outcome));
        } else {
            result = CheckResult.fail(ID, "not healthy after " + Durations.seconds(outcome.elapsed())
                    + " (status " + (outcome.status().isEmpty() ? "unknown" : outcome.status()) + ")" + timing
                    + probeOutput(outcome));
        }
        return result.with("probe", health.describe()).with("source", health.source())
                .with("elapsedMillis", outcome.elapsed().toMillis()).with("budgetMillis", budget.toMillis());
    }

    private static String probeOutput(Outcome outcome) {
        String output = outcome.lastProbeOutput().strip();
        if (output.isEmpty()) {
            return "";
        }
        String line = output.lines().reduce((a, b) -> b).orElse("");
        return "; last probe: " + (line.length() > 160 ? line.substring(0, 160) + "..." : line);
    }
}
