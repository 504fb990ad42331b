package dev.drydock.core.kubernetes;

import java.util.List;

/**
 * A Secret of a manifest with values written into it: its {@code data} (base64, decoded here) and its
 * {@code stringData} (plain text, which the API server merges into data).
 *
 * @param file the manifest, relative to the project root
 * @param line the line of the document's {@code kind:}
 * @param name metadata.name, or null
 * @param type its type as written ({@code kubernetes.io/tls}), or null (Opaque)
 * @param entries the non-empty values of data (those that decode to text) and stringData, in the order written
 */
public record KubeSecret(String file, int line, String name, String type, List<Entry> entries) {

    public KubeSecret {
        entries = List.copyOf(entries);
    }

    /**
     * One value of the Secret.
     *
     * @param key its key
     * @param value the value: decoded for data, as written for stringData
     * @param written the text as written in the manifest (the base64 of a data value)
     * @param line the line of the value
     * @param encoded whether it is a data value, written in base64
     */
    public record Entry(String key, String value, String written, int line, boolean encoded) {

        /** {@code stringData} or {@code data}: where the entry is written. */
        public String field() {
            return encoded ? "data" : "stringData";
        }
    }

    /** {@code Secret db-credentials (k8s/db.yaml)}. */
    public String describe() {
        return "Secret " + (name == null ? "" : name + " ") + "(" + file + ")";
    }
}
