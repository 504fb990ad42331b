package dev.drydock.core.project;

import dev.drydock.core.dockerfile.model.HealthcheckSpec;
import java.time.Duration;
import java.util.ArrayList;
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

    /** A Dockerfile's HEALTHCHECK as Docker stores it in the image; null for none. */
    public static EffectiveHealthcheck of(HealthcheckSpec health) {
        if (health == null) {
            return null;
        }
        List<String> test;
        if (health.disabled()) {
            test = List.of("NONE");
        } else if (health.test().execForm()) {
            test = new ArrayList<>(List.of("CMD"));
            test.addAll(health.test().arguments());
        } else {
            test = List.of("CMD-SHELL", health.test().shellText());
        }
        Origin origin = new Origin(health.instruction().file().path(), health.instruction().span());
        return new EffectiveHealthcheck(test, health.disabled(), "dockerfile", origin, health.interval(),
                health.timeout(), health.startPeriod(), health.retries() == null ? null : health.retries().longValue());
    }

    /**
     * The argv the probe runs: the program and its arguments, or {@code /bin/sh -c} followed by the CMD-SHELL strings
     * (Docker runs the first as the script; any further string becomes the script's {@code $0}, {@code $1}...).
     */
    public List<String> argv() {
        if (test.isEmpty() || disabled) {
            return List.of();
        }
        return switch (test.get(0)) {
            case "CMD" -> test.subList(1, test.size());
            case "CMD-SHELL" -> {
                List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c"));
                argv.addAll(test.subList(1, test.size()));
                yield List.copyOf(argv);
            }
            default -> List.of();
        };
    }
}
