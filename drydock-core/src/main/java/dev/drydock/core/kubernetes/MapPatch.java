package dev.drydock.core.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes a kustomize patch makes to a map of settings below a container (its securityContext, its resources):
 * a strategic merge by key ({@code $patch: replace} and {@code delete} as kustomize reads them, a null value removing
 * the key), and RFC 6902 add, replace and remove.
 */
final class MapPatch {

    /** What {@link #operate} gives for an operation that fails (kustomize's build fails). */
    static final Object FAILED = new Object();

    private MapPatch() {}

    /**
     * The settings after an RFC 6902 operation at {@code tail}, the path below them ("" for the settings themselves),
     * split at its slashes: null once removed, {@link #FAILED} where the operation fails (the parent must exist,
     * replace and remove need the target). {@code current} is null where the container has none.
     */
    static Object operate(Map<String, Object> current, String op, List<String> tail, Object value) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", current);
        List<String> path = new ArrayList<>(List.of("settings"));
        path.addAll(tail);
        if (current == null && tail.isEmpty() && op.equals("add")) {
            root.put("settings", new LinkedHashMap<>());
        } else if (current == null) {
            return FAILED; // nothing to change: the operation fails
        }
        return apply(root, path, op, value) ? root.get("settings") : FAILED;
    }

    static Map<String, Object> merge(Map<String, Object> current, Map<?, ?> patch) {
        if ("delete".equals(patch.get("$patch"))) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> merged = "replace".equals(patch.get("$patch")) ? new LinkedHashMap<>()
                : new LinkedHashMap<>(current);
        for (Map.Entry<?, ?> e : patch.entrySet()) {
            if (!(e.getKey() instanceof String key) || key.startsWith("$")) {
                continue;
            }
            if (e.getValue() == null) {
                merged.remove(key);
            } else if (e.getValue() instanceof Map<?, ?> inner && merged.get(key) instanceof Map<?, ?> before) {
                merged.put(key, merge(copy(before), inner));
            } else if (e.getValue() instanceof Map<?, ?> inner) {
                merged.put(key, merge(new LinkedHashMap<>(), inner));
            } else {
                merged.put(key, e.getValue());
            }
        }
        return merged;
    }

    /** RFC 6902 add, replace or remove at the path; false where the operation fails. */
    static boolean apply(Map<String, Object> root, List<String> path, String op, Object value) {
        Object parent = root;
        for (String segment : path.subList(0, path.size() - 1)) {
            parent = child(parent, segment);
            if (parent == null) {
                return false;
            }
        }
        String last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            if (!op.equals("add") && !m.containsKey(last)) {
                return false;
            }
            if (op.equals("remove")) {
                m.remove(last);
            } else {
                m.put(last, mutable(value));
            }
            return true;
        }
        if (!(parent instanceof List<?> list)) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) list;
        int index = last.equals("-") && op.equals("add") ? l.size()
                : last.matches("0|[1-9][0-9]{0,8}") ? Integer.parseInt(last) : -1;
        if (index < 0 || index > l.size() || index == l.size() && !op.equals("add")) {
            return false;
        }
        switch (op) {
            case "add" -> l.add(index, mutable(value));
            case "replace" -> l.set(index, mutable(value));
            default -> l.remove(index);
        }
        return true;
    }

    static Object child(Object node, String segment) {
        if (node instanceof Map<?, ?> map) {
            return map.get(segment);
        }
        if (node instanceof List<?> list && segment.matches("0|[1-9][0-9]{0,8}")) {
            int index = Integer.parseInt(segment);
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    static Object mutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copy(map);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(mutable(item)));
            return out;
        }
        return value;
    }

    static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), mutable(v)));
        return out;
    }
}
