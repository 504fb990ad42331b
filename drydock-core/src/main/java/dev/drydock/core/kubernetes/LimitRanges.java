package dev.drydock.core.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * LimitRange objects of a manifest: the LimitRanger admission plugin gives a container created in their namespace
 * without a memory limit the {@code default} memory limit of a limit of {@code type: Container} (the API defaults
 * {@code default} to {@code max} where only max is set).
 */
public final class LimitRanges {

    private LimitRanges() {}

    /** Whether a document of the manifest is a LimitRange that gives containers a default memory limit. */
    public static boolean defaultMemoryLimit(String text) {
        if (!text.contains("LimitRange")) {
            return false;
        }
        try {
            for (Object doc : LinedYaml.loadAll(text)) {
                if (doc instanceof Map<?, ?> map && "LimitRange".equals(map.get("kind"))
                        && map.get("spec") instanceof Map<?, ?> spec && spec.get("limits") instanceof List<?> limits
                        && limits.stream().anyMatch(LimitRanges::defaultsMemory)) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
        return false;
    }

    private static boolean defaultsMemory(Object limit) {
        return limit instanceof Map<?, ?> l && "Container".equals(l.get("type"))
                && (l.get("default") instanceof Map<?, ?> d && d.get("memory") != null
                        || l.get("max") instanceof Map<?, ?> m && m.get("memory") != null);
    }
}
