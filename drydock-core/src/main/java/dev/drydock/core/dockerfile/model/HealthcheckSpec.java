package dev.drydock.core.dockerfile.model;

import dev.drydock.core.dockerfile.syntax.Instruction;
import java.time.Duration;

/**
 * A HEALTHCHECK instruction. {@code test} is null for {@code HEALTHCHECK NONE}; durations and
 * retries are null where the flag is absent (Docker then uses 30s, 30s, 0s, 5s and 3).
 */
public record HealthcheckSpec(Instruction instruction, CommandSpec test, Duration interval, Duration timeout,
        Duration startPeriod, Duration startInterval, Integer retries) {

    public boolean disabled() {
        return test == null;
    }
}
