package dev.drydock.core.kubernetes;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * A container's {@code resources} changed by one kustomize patch, on the memory and cpu requests and limits: a
 * strategic merge merges it, its limits and its requests by key (a null value removes the key), a JSON 6902 operation
 * adds, replaces or removes at a path below it ({@link MapPatch}). A setting the patch sets takes the patch's file
 * and line; one it removes keeps the mark of where ({@link KubeResources#removed}). Null stands for what drydock
 * cannot tell: a value of the wrong type, an operation kustomize cannot apply.
 */
final class ResourcesPatch {

    private ResourcesPatch() {}

    /** The resources after a strategic-merge patch ({@code patch}: the value the container's entry gives the key). */
    static KubeResources merge(KubeResources current, Object patch, String file, int keyLine, boolean lined) {
        if (patch == null) {
            return read(current, Map.of(), file, place -> keyLine);
        }
        if (!(patch instanceof Map<?, ?> map)) {
            return null;
        }
        return read(current, MapPatch.merge(settings(current), map), file, place -> {
            if (!lined) {
                return 0;
            }
            String[] parts = place.split("\\.", 2);
            int line = LinedYaml.line(map.get(parts[0]), parts[1]);
            line = line > 0 ? line : LinedYaml.line(map, parts[0]);
            return line > 0 ? line : keyLine;
        });
    }

    /** The resources after a JSON 6902 operation at {@code tail}, the path below them; {@code line} the operation's. */
    static KubeResources operate(KubeResources current, String op, List<String> tail, Object value, int line,
            String file) {
        Map<String, Object> settings = settings(current);
        boolean absent = settings.isEmpty() && current.settings().values().stream().allMatch(q -> q.text() == null);
        Object after = MapPatch.operate(absent ? null : settings, op, tail, value);
        if (after == null) {
            return read(current, Map.of(), file, place -> line);
        }
        return after instanceof Map<?, ?> map ? read(current, MapPatch.copy(map), file, place -> line) : null;
    }

    /** The settings drydock reads, as YAML would hold them. */
    private static Map<String, Object> settings(KubeResources r) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String place : KubeResources.PLACES) {
            KubeQuantity q = r.set(place);
            if (q != null) {
                String[] parts = place.split("\\.", 2);
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = (Map<String, Object>) map.computeIfAbsent(parts[0],
                        k -> new LinkedHashMap<String, Object>());
                inner.put(parts[1], q.text());
            }
        }
        return map;
    }

    /**
     * The resources the settings hold: a setting whose text did not change keeps its quantity, one that did takes
     * {@code file} and the line {@code lines} gives it, one that went away the mark of that place. Null where
     * limits or requests is not a map.
     */
    private static KubeResources read(KubeResources before, Map<?, ?> after, String file,
            ToIntFunction<String> lines) {
        Map<String, KubeQuantity> out = new HashMap<>();
        for (String place : KubeResources.PLACES) {
            String[] parts = place.split("\\.", 2);
            Object group = after.get(parts[0]);
            if (group != null && !(group instanceof Map<?, ?>)) {
                return null;
            }
            Object value = group == null ? null : ((Map<?, ?>) group).get(parts[1]);
            KubeQuantity was = before.set(place);
            if (value != null && (value instanceof Map<?, ?> || value instanceof List<?>)) {
                return null;
            }
            if (value != null && was != null && Objects.equals(was.text(), textOf(value))) {
                out.put(place, was);
            } else if (value != null) {
                out.put(place, KubeQuantity.of(value, file, lines.applyAsInt(place)));
            } else if (was != null) {
                out.put(place, new KubeQuantity(null, null, file, lines.applyAsInt(place)));
            } else if (before.removed(place) != null) {
                out.put(place, before.removed(place));
            }
        }
        return new KubeResources(out);
    }

    private static String textOf(Object value) {
        return KubeQuantity.of(value, null, 0).text();
    }
}
