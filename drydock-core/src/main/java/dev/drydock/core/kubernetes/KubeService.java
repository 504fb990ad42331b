package dev.drydock.core.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code kind: Service} of a manifest.
 *
 * @param file the manifest, relative to the project root
 * @param line the line of the document's {@code kind:}
 * @param name metadata.name, or null
 * @param namespace metadata.namespace, or null
 * @param type spec.type as written (ClusterIP when absent)
 * @param headless whether spec.clusterIP is None: no virtual IP and no proxying, clients connect to the pods directly
 * @param selector spec.selector's labels, empty when it has none (its endpoints are then managed by hand)
 * @param ports its ports, each with a port number
 */
public record KubeService(String file, int line, String name, String namespace, String type, boolean headless,
        Map<String, String> selector, List<KubeServicePort> ports) {

    public KubeService {
        type = type == null ? "ClusterIP" : type;
        selector = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(selector));
        ports = List.copyOf(ports);
    }

    /** Whether it selects the workload's pods: a selector whose every label the pods carry, in the same namespace. */
    public boolean selects(KubeWorkload workload) {
        return !selector.isEmpty() && (namespace == null || workload.namespace() == null
                || namespace.equals(workload.namespace()))
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(workload.podLabels().get(e.getKey())));
    }

    /** Whether the cluster proxies its ports to the selected pods: a selector, a virtual IP, not an ExternalName. */
    public boolean proxiesToPods() {
        return !selector.isEmpty() && !headless && !type.equals("ExternalName");
    }

    /** {@code Service web (k8s/service.yaml)}. */
    public String describe() {
        return "Service " + (name == null ? "" : name + " ") + "(" + file + ")";
    }
}
