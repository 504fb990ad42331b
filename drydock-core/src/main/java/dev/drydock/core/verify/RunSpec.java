package dev.drydock.core.verify;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start a container for verification, from the image and what compose says for its service.
 *
 * @param image the image tag
 * @param name the container name
 * @param env environment variables to set
 * @param user the user to run as, or null for the image's
 * @param init whether to run an init process as PID 1 ({@code init: true})
 * @param entrypoint the entrypoint override, or null to keep the image's
 * @param command the command override, or null to keep the image's
 * @param healthTest a healthcheck test to use instead of the image's ({@code [CMD, ...]} or
 *     {@code [CMD-SHELL, script]}), or null
 * @param healthTimeout the probe timeout override, or null
 * @param healthRetries the retries override, or null
 * @param healthStartPeriod the start period override, or null
 * @param healthInterval how often the engine itself runs the probe (1 s, so verification does not wait
 *     for declared intervals), or null when the container has no healthcheck
 * @param stopTimeout the grace period between SIGTERM and SIGKILL
 */
public record RunSpec(String image, String name, Map<String, String> env, String user, boolean init,
        List<String> entrypoint, List<String> command, List<String> healthTest, Duration healthTimeout,
        Integer healthRetries, Duration healthStartPeriod, Duration healthInterval, Duration stopTimeout) {

    public RunSpec {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        command = command == null ? null : List.copyOf(command);
        healthTest = healthTest == null ? null : List.copyOf(healthTest);
    }
}
