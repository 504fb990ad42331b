package dev.drydock.core.dockerfile.model;

import java.util.List;
import java.util.Map;

/**
 * The configuration an image gets from its Dockerfile, as it stands at the end of a stage (or at any
 * point of it): every field is null (or empty) where the Dockerfile did not set it, which means the
 * base image's own value (for USER: root unless the base image says otherwise). A stage built on an
 * earlier stage starts from that stage's configuration.
 *
 * @param exposedPorts the EXPOSE entries as written after expansion ({@code 8080}, {@code 53/udp})
 * @param labels LABEL keys and values in the order they were first set, later values replacing earlier ones
 */
public record ImageConfig(Setting<String> user, Setting<String> workdir, Setting<List<String>> shell,
        CommandSpec entrypoint, CommandSpec cmd, HealthcheckSpec healthcheck, Setting<String> stopSignal,
        List<Setting<String>> exposedPorts, List<Setting<String>> volumes, Map<String, Setting<String>> labels) {

    /** The shell Docker uses for shell-form commands on Linux when no SHELL instruction is given. */
    public static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    public static final ImageConfig EMPTY = new ImageConfig(null, null, null, null, null, null, null, List.of(),
            List.of(), Map.of());

    public ImageConfig {
        exposedPorts = List.copyOf(exposedPorts);
        volumes = List.copyOf(volumes);
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }

    /** The shell for shell-form commands: the SHELL in effect, else {@link #DEFAULT_SHELL}. */
    public List<String> effectiveShell() {
        return shell == null ? DEFAULT_SHELL : shell.value();
    }
}
