package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The flags of a HEALTHCHECK, read and checked as BuildKit does: durations in Go syntax, zero or at
 * least 1ms; retries a non-negative 32-bit integer; each flag at most once. A flag given as
 * {@code --interval=} (empty) counts as not set. Problems are {@link dev.drydock.core.source.SourceException}s
 * at the offending flag or value.
 */
public record HealthcheckOptions(
        Optional<Duration> interval,
        Optional<Duration> timeout,
        Optional<Duration> startPeriod,
        Optional<Duration> startInterval,
        OptionalInt retries) {

    private static final Duration MINIMUM = Duration.ofMillis(1);

    /** Reads the options of a HEALTHCHECK instruction; flags other than these five are ignored. */
    public static HealthcheckOptions of(Instruction healthcheck) {
        Set<String> seen = new HashSet<>();
        Optional<Duration> interval = Optional.empty();
        Optional<Duration> timeout = Optional.empty();
        Optional<Duration> startPeriod = Optional.empty();
        Optional<Duration> startInterval = Optional.empty();
        OptionalInt retries = OptionalInt.empty();
        for (Flag flag : healthcheck.flags()) {
            String name = flag.name();
            switch (name) {
                case "interval", "timeout", "start-period", "start-interval", "retries" -> {
                    if (!seen.add(name)) {
                        throw flag.error("Duplicate flag specified: " + name);
                    }
                }
                default -> {
                    continue;
                }
            }
            String value = flag.stringValue();
            if (value.isEmpty()) {
                continue;
            }
            switch (name) {
                case "interval" -> interval = Optional.of(interval(flag));
                case "timeout" -> timeout = Optional.of(interval(flag));
                case "start-period" -> startPeriod = Optional.of(interval(flag));
                case "start-interval" -> startInterval = Optional.of(interval(flag));
                default -> retries = OptionalInt.of(retries(flag));
            }
        }
        return new HealthcheckOptions(interval, timeout, startPeriod, startInterval, retries);
    }

    private static Duration interval(Flag flag) {
        Duration d = flag.durationValue();
        if (!d.isZero() && d.compareTo(MINIMUM) < 0) {
            throw flag.valueError("Interval " + GoText.quote(flag.name()) + " cannot be less than 1ms");
        }
        return d;
    }

    private static int retries(Flag flag) {
        String value = flag.value();
        long parsed;
        try {
            parsed = GoInts.parseInt(value, 10, 32);
        } catch (IllegalArgumentException e) {
            throw flag.valueError(e.getMessage());
        }
        if (parsed < 0) {
            throw flag.valueError("--retries cannot be negative (" + parsed + ")");
        }
        return (int) parsed;
    }
}
