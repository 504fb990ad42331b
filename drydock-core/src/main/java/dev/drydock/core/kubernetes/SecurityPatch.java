package dev.drydock.core.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A securityContext (a pod's or a container's) changed by one kustomize patch, on the settings drydock reads: a
 * strategic merge merges it by key ({@code capabilities} too; its add and drop lists are replaced whole, as the API
 * declares them atomic; a null value removes the key; {@code $patch: replace} and {@code delete} as kustomize reads
 * them), a JSON 6902 operation adds, replaces or removes at a path below it as RFC 6902 says (the parent must exist,
 * replace and remove need the target). A setting the patch changes takes the patch's file and line. Null stands for
 * what drydock cannot tell: a value of the wrong type, an operation kustomize cannot apply (its build fails).
 */
final class SecurityPatch {

    private static final List<String> FLAGS = List.of("runAsNonRoot", "readOnlyRootFilesystem",
            "allowPrivilegeEscalation", "privileged");

    private SecurityPatch() {}

    /** The securityContext after a strategic-merge patch of it ({@code patch}: the value the patch gives the key). */
    static KubeSecurity merge(KubeSecurity current, Object patch, String file, boolean lined) {
        if (patch == null) {
            return KubeSecurity.NONE;
        }
        if (!(patch instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> merged = MapPatch.merge(settings(current), map);
        return read(current, merged, file, key -> !lined ? 0 : key.equals("capabilities.drop")
                ? LinedYaml.line(map.get("capabilities"), "drop") : LinedYaml.line(map, key));
    }

    /**
     * The securityContext after a JSON 6902 operation at {@code tail}, the path below it ("" for the securityContext
     * itself), split at its slashes; {@code line} is the operation's.
     */
    static KubeSecurity operate(KubeSecurity current, String op, List<String> tail, Object value, int line,
            String file) {
        Object after = MapPatch.operate(current.equals(KubeSecurity.NONE) ? null : settings(current), op, tail,
                value);
        if (after == null) {
            return KubeSecurity.NONE;
        }
        return after instanceof Map<?, ?> map ? read(current, MapPatch.copy(map), file, key -> line) : null;
    }

    /** The settings drydock reads, as YAML would hold them. */
    private static Map<String, Object> settings(KubeSecurity s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("runAsNonRoot", s.runAsNonRoot());
        map.put("runAsUser", s.runAsUser());
        map.put("readOnlyRootFilesystem", s.readOnlyRootFilesystem());
        map.put("allowPrivilegeEscalation", s.allowPrivilegeEscalation());
        map.put("privileged", s.privileged());
        if (!s.capabilitiesAdd().isEmpty() || !s.capabilitiesDrop().isEmpty()) {
            Map<String, Object> capabilities = new LinkedHashMap<>();
            if (!s.capabilitiesAdd().isEmpty()) {
                capabilities.put("add", new ArrayList<>(s.capabilitiesAdd()));
            }
            if (!s.capabilitiesDrop().isEmpty()) {
                capabilities.put("drop", new ArrayList<>(s.capabilitiesDrop()));
            }
            map.put("capabilities", capabilities);
        }
        map.values().removeIf(Objects::isNull);
        return map;
    }

    /**
     * The securityContext the settings hold; a setting whose value did not change keeps its line and file, one that
     * did takes {@code file} and the line {@code lines} gives it. Null where a setting has a value of the wrong type.
     */
    private static KubeSecurity read(KubeSecurity before, Map<String, Object> after, String file,
            java.util.function.ToIntFunction<String> lines) {
        Map<String, Boolean> flags = new HashMap<>();
        for (String flag : FLAGS) {
            Object value = after.get(flag);
            if (value != null && !(value instanceof Boolean)) {
                return null;
            }
            flags.put(flag, (Boolean) value);
        }
        Object user = after.get("runAsUser");
        if (user != null && !(user instanceof Long)) {
            return null;
        }
        List<String> add = strings(after.get("capabilities"), "add");
        List<String> drop = strings(after.get("capabilities"), "drop");
        if (add == null || drop == null) {
            return null;
        }
        Map<String, String> files = new HashMap<>();
        int[] lineOf = new int[KubeSecurity.SETTINGS.size()];
        Object[] was = {before.runAsNonRoot(), before.runAsUser(), before.readOnlyRootFilesystem(),
                before.capabilitiesDrop()};
        Object[] now = {flags.get("runAsNonRoot"), user, flags.get("readOnlyRootFilesystem"), drop};
        int[] wasLine = {before.runAsNonRootLine(), before.runAsUserLine(), before.readOnlyRootFilesystemLine(),
                before.capabilitiesDropLine()};
        for (int i = 0; i < lineOf.length; i++) {
            String setting = KubeSecurity.SETTINGS.get(i);
            boolean unset = now[i] == null || now[i] instanceof List<?> l && l.isEmpty();
            if (Objects.equals(was[i], now[i])) {
                lineOf[i] = wasLine[i];
                if (before.files().containsKey(setting)) {
                    files.put(setting, before.files().get(setting));
                }
            } else if (!unset) {
                lineOf[i] = lines.applyAsInt(setting);
                if (file != null) {
                    files.put(setting, file);
                }
            }
        }
        return new KubeSecurity(flags.get("runAsNonRoot"), (Long) user, flags.get("readOnlyRootFilesystem"),
                flags.get("allowPrivilegeEscalation"), flags.get("privileged"), lineOf[0], lineOf[1], lineOf[2], add,
                drop, lineOf[3], files);
    }

    /** The strings of capabilities.add or .drop, empty when unset, null when not a list of strings. */
    private static List<String> strings(Object capabilities, String key) {
        if (capabilities == null) {
            return List.of();
        }
        Object value = capabilities instanceof Map<?, ?> map ? map.get(key) : "";
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(o -> o instanceof String)) {
            return null;
        }
        return list.stream().map(o -> (String) o).toList();
    }
}
