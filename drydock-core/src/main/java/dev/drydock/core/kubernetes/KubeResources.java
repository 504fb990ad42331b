package dev.drydock.core.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * The requests and limits of a container's {@code resources} drydock reads: memory, cpu and GPUs, by their place
 * ({@code limits.memory}, {@code requests.cpu}...). A setting an overlay's patch removes keeps a mark of where
 * (a quantity without text), so that a finding about a missing limit can point at the patch that removed it.
 *
 * @param settings the quantities by place ({@link #PLACES})
 */
public record KubeResources(Map<String, KubeQuantity> settings) {

    /** The settings drydock reads. */
    public static final List<String> PLACES = List.of("limits.memory", "limits.cpu", "requests.memory",
            "requests.cpu", "limits.nvidia.com/gpu", "requests.nvidia.com/gpu", "limits.amd.com/gpu");

    public static final KubeResources NONE = new KubeResources(Map.of());

    public KubeResources {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /** The memory limit, or null when none is set. */
    public KubeQuantity memoryLimit() {
        return set("limits.memory");
    }

    /** The CPU limit, or null when none is set. */
    public KubeQuantity cpuLimit() {
        return set("limits.cpu");
    }

    /**
     * Whether the container asks the device plugins for a GPU: a positive {@code nvidia.com/gpu} (or
     * {@code amd.com/gpu}) under limits or requests.
     */
    public boolean requestsGpu() {
        return PLACES.stream().filter(p -> p.endsWith("/gpu")).map(this::set)
                .anyMatch(q -> q != null && q.amount() != null && q.amount().signum() > 0);
    }

    /** The quantity at the place, or null when none is set. */
    public KubeQuantity set(String place) {
        KubeQuantity q = settings.get(place);
        return q == null || q.text() == null ? null : q;
    }

    /** Where an overlay's patch removed the setting at the place (a quantity without text), or null. */
    public KubeQuantity removed(String place) {
        KubeQuantity q = settings.get(place);
        return q != null && q.text() == null ? q : null;
    }
}
