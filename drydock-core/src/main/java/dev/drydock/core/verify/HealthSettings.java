package dev.drydock.core.verify;

import java.time.Duration;
import java.util.List;

/**
 * The healthcheck a verified container gets: compose's over the image's, with the engine's defaults
 * filled in (interval 30 s, timeout 30 s, start period 0, retries 3).
 *
 * @param test the probe ({@code [CMD, ...]} or {@code [CMD-SHELL, script]})
 * @param source {@code compose} or {@code image}
 */
public record HealthSettings(List<String> test, String source, Duration interval, Duration timeout,
        Duration startPeriod, int retries) {

    /** The longest verification waits for a healthy state, whatever the declared timings. */
    public static final Duration CAP = Duration.ofSeconds(120);

    public HealthSettings {
        test = List.copyOf(test);
    }

    /**
     * How long the declared timings allow before the engine must have decided: the start period,
     * then {@code retries} intervals, then one probe timeout.
     */
    public Duration budget() {
        return startPeriod.plus(interval.multipliedBy(retries)).plus(timeout);
    }

    /** How long verification waits: the budget, capped. */
    public Duration wait(Duration cap) {
        Duration budget = budget();
        return budget.compareTo(cap) > 0 ? cap : budget;
    }

    /** The probe as one line, for a report. */
    public String describe() {
        if (test.isEmpty()) {
            return "";
        }
        return String.join(" ", test.subList(1, test.size()));
    }
}
