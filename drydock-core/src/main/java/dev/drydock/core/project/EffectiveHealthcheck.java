package dev.drydock.core.project;

import java.time.Duration;
import java.util.List;

/**
 * The healthcheck a container gets: compose's {@code healthcheck} over the image's HEALTHCHECK.
 *
 * @param test the probe as Docker stores it: {@code [CMD, prog, args...]}, {@code [CMD-SHELL, script]}
 *     or {@code [NONE]}
 * @param disabled whether health checking is switched off
 * @param source {@code compose} or {@code dockerfile}
 * @param origin where it is written
 * @param interval the durations, null where not given (Docker's defaults then apply)
 */
public record EffectiveHealthcheck(List<String> test, boolean disabled, String source, Origin origin, Duration interval,
        Duration timeout, Duration startPeriod, Long retries) {

    public EffectiveHealthcheck {
        test = List.copyOf(test);
    }

    /** The argv the probe runs: the program and its arguments, or {@code /bin/sh -c script}. */
    public List<String> argv() {
        if (test.isEmpty() || disabled) {
            return List.of();
        }
        return switch (test.get(0)) {
            case "CMD" -> test.subList(1, test.size());
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
            default -> List.of();
        };
    }
}
