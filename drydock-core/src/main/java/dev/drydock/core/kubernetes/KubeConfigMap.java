package dev.drydock.core.kubernetes;

import java.util.List;

/**
 * A ConfigMap of a manifest: its literal {@code data}, which pods read through {@code envFrom},
 * {@code configMapKeyRef} or a volume.
 *
 * @param file the manifest, relative to the project root
 * @param line the line of the document's {@code kind:}
 * @param name metadata.name, or null
 * @param data the entries of its {@code data} with a non-empty value, in the order written
 */
public record KubeConfigMap(String file, int line, String name, List<Entry> data) {

    public KubeConfigMap {
        data = List.copyOf(data);
    }

    /**
     * One entry of the data.
     *
     * @param line the line of its value
     */
    public record Entry(String key, String value, int line) {}

    /** {@code ConfigMap db-config (k8s/db.yaml)}. */
    public String describe() {
        return "ConfigMap " + (name == null ? "" : name + " ") + "(" + file + ")";
    }
}
