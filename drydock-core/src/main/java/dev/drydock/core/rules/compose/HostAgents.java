package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.Optional;
import java.util.Set;

/**
 * Host monitoring agents whose documentation mounts host directories on purpose, to read the host's or the
 * containers' metrics: Prometheus' node exporter ({@code /:/host:ro,rslave}, or {@code /proc} and {@code /sys}
 * under {@code /host}) and cAdvisor ({@code /:/rootfs:ro}, {@code /var/run:/var/run:ro}, {@code /sys:/sys:ro},
 * {@code /var/lib/docker:/var/lib/docker:ro}), all read-only.
 *
 * @param name the agent's name for messages
 * @param mounts the host paths its documentation mounts
 */
record HostAgents(String name, Set<String> mounts) {

    private static final HostAgents NODE_EXPORTER = new HostAgents("the Prometheus node exporter", Set.of("/", "/proc", "/sys"));
    private static final HostAgents CADVISOR = new HostAgents("cAdvisor", Set.of("/", "/var/run", "/run", "/sys",
            "/var/lib/docker", "/dev/disk"));

    /** The agent a service runs, by the last part of its image's name ({@code prom/node-exporter}, {@code gcr.io/cadvisor/cadvisor}). */
    static Optional<HostAgents> of(Service service) {
        return ComposeServices.pulledImage(service).flatMap(HostAgents::named);
    }

    /** The agent a Kubernetes container runs, by the last part of its image's name; empty for no image or another. */
    static Optional<HostAgents> ofImage(String image) {
        return Optional.ofNullable(image).flatMap(ImageReference::tryParse).filter(ImageReference::isImage)
                .flatMap(HostAgents::named);
    }

    private static Optional<HostAgents> named(ImageReference image) {
        return switch (PathNames.fileName(image.familiarName())) {
            case "node-exporter" -> Optional.of(NODE_EXPORTER);
            case "cadvisor" -> Optional.of(CADVISOR);
            default -> Optional.empty();
        };
    }

    /** Whether the agent's documentation mounts this host path (absolute, normalised). */
    boolean documents(String hostPath) {
        return mounts.contains(hostPath);
    }
}
