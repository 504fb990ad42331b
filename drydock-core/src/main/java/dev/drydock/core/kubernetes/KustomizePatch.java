package dev.drydock.core.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One patch of a kustomize overlay, as far as drydock reads it: the objects it targets, whether it sets or removes
 * a probe of a container, and what it makes of the securityContexts of a container and its pod. Kustomize tells the two kinds apart by their content: a list of operations is a JSON 6902
 * patch, an object a strategic-merge patch.
 */
public final class KustomizePatch {

    /**
     * The target selector of a patch: kind compared exactly, name an anchored regular expression; {@code unknown}
     * when it also selects by namespace, labels or annotations, which drydock does not evaluate.
     */
    public record Target(String kind, String name, boolean unknown) {

        public static Target of(Map<?, ?> target) {
            boolean unknown = List.of("namespace", "labelSelector", "annotationSelector").stream()
                    .anyMatch(key -> target.get(key) != null);
            return new Target(target.get("kind") instanceof String k && !k.isBlank() ? k : null,
                    target.get("name") instanceof String n && !n.isBlank() ? n : null, unknown);
        }

        /**
         * TRUE when it selects the workload, FALSE when it does not, null when drydock cannot tell. Kustomize matches
         * the name against the object's original name and its current one (after the namePrefix and nameSuffix of the
         * kustomizations below).
         */
        Boolean selects(ContainerTrack t) {
            if (kind != null && !kind.equals(t.kind)) {
                return Boolean.FALSE;
            }
            if (name != null) {
                if (t.original == null) {
                    return null;
                }
                try {
                    Pattern pattern = Pattern.compile("^(?:" + name + ")$");
                    if (!pattern.matcher(t.original).matches() && !pattern.matcher(t.current).matches()) {
                        return Boolean.FALSE;
                    }
                } catch (PatternSyntaxException e) {
                    return null;
                }
            }
            return unknown ? null : Boolean.TRUE;
        }
    }

    private final Target target;
    private final List<Map<?, ?>> merges;
    private final List<Map<?, ?>> operations;
    private final boolean readable;
    private String file;
    private String kustomization;

    private KustomizePatch(Target target, List<Map<?, ?>> merges, List<Map<?, ?>> operations, boolean readable) {
        this.target = target;
        this.merges = merges;
        this.operations = operations;
        this.readable = readable;
    }

    /**
     * The patch of a kustomization, its file read with {@code read} (project path to text); one drydock cannot find
     * or read counts as changing whatever it may target.
     */
    public static KustomizePatch of(Kustomization.Patch p, Function<String, Optional<String>> read) {
        Target target = p.target() == null ? null : Target.of(p.target());
        KustomizePatch patch = p.text() != null ? parse(p.text(), target) : p.path() == null ? unreadable(target)
                : read.apply(p.path()).map(text -> parse(text, target)).orElse(unreadable(target));
        patch.file = p.text() != null ? null : p.path();
        patch.kustomization = p.kustomization();
        return patch;
    }

    /** A patch drydock cannot read (a file it does not find, text that is not YAML). */
    static KustomizePatch unreadable(Target target) {
        return new KustomizePatch(target, List.of(), List.of(), false);
    }

    /** The patch written in the text: a JSON 6902 list of operations, or one or more strategic-merge objects. */
    static KustomizePatch parse(String text, Target target) {
        List<Map<?, ?>> merges = new ArrayList<>();
        List<Map<?, ?>> operations = new ArrayList<>();
        try {
            for (Object doc : LinedYaml.loadAll(text)) {
                if (doc instanceof List<?> list) {
                    list.stream().filter(o -> o instanceof Map<?, ?>).forEach(o -> operations.add((Map<?, ?>) o));
                } else if (doc instanceof Map<?, ?> map) {
                    merges.add(map);
                } else if (doc != null) {
                    return unreadable(target);
                }
            }
        } catch (RuntimeException e) {
            return unreadable(target);
        }
        return new KustomizePatch(target, merges, operations, true);
    }

    /**
     * Applies the patch to the tracked container: whether it may set, replace or remove its probe
     * ({@code readinessProbe}...), or fails; a JSON 6902 patch also moves the container's index.
     */
    public boolean apply(ContainerTrack t, String probe) {
        Boolean selected = target == null ? null : target.selects(t);
        if (Boolean.FALSE.equals(selected)) {
            return false;
        }
        if (!readable) {
            return true; // cannot tell what it changes
        }
        for (Map<?, ?> merge : merges) {
            if ((target != null || names(merge, t)) && merges(merge, t, probe)) {
                return true;
            }
        }
        if (target == null) {
            return false; // kustomize applies a JSON 6902 patch only with a target
        }
        for (Map<?, ?> op : operations) {
            if (t.operate(op, probe)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A strategic-merge patch without a target patches the object of its own kind and metadata.name, which may be
     * any name the object has had (kustomize keeps the names before each namePrefix and nameSuffix).
     */
    private static boolean names(Map<?, ?> merge, ContainerTrack t) {
        return t.kind.equals(merge.get("kind")) && merge.get("metadata") instanceof Map<?, ?> m
                && m.get("name") instanceof String name && t.names.contains(name);
    }

    /** Containers merge by name; a probe key (a null value removes the probe) or a $patch directive changes it. */
    private static boolean merges(Map<?, ?> merge, ContainerTrack t, String probe) {
        Object node = merge;
        for (String key : KubeWorkload.podSpecPath(t.kind)) {
            node = node instanceof Map<?, ?> m ? m.get(key) : null;
        }
        if (!(node instanceof Map<?, ?> pod) || !(pod.get(t.list) instanceof List<?> items)) {
            return false;
        }
        for (Object item : items) {
            if (item instanceof Map<?, ?> m && ("replace".equals(m.get("$patch"))
                    || t.container != null && t.container.equals(m.get("name"))
                            && (m.containsKey(probe) || "delete".equals(m.get("$patch"))))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The securityContexts of the tracked container and its pod after this patch: unchanged where it does not target
     * them; null where drydock cannot tell what they become (a patch it cannot read, a target it cannot evaluate whose
     * patch changes them, the container or its list replaced or removed, an operation that fails the build). A JSON
     * 6902 patch also moves the container's index.
     */
    LeafSpec secure(ContainerTrack t, LeafSpec s) {
        return through(t, s, merge -> out -> mergeSecurity(merge, t, out), op -> out -> operateSecurity(op, t, out));
    }

    /**
     * The memory and cpu requests and limits of the tracked container after this patch, as {@link #secure} follows
     * securityContexts: null where drydock cannot tell what they become.
     */
    KubeResources resources(ContainerTrack t, KubeResources r) {
        return through(t, r, merge -> out -> mergeResources(merge, t, out),
                op -> out -> operateResources(op, t, out));
    }

    /** The value after the patch's strategic merges, then its JSON 6902 operations, each null where it cannot tell. */
    private <T> T through(ContainerTrack t, T value, Function<Map<?, ?>, UnaryOperator<T>> merged,
            Function<Map<?, ?>, UnaryOperator<T>> operated) {
        Boolean selected = target == null ? null : target.selects(t);
        if (Boolean.FALSE.equals(selected)) {
            return value;
        }
        if (!readable) {
            return null;
        }
        T out = value;
        for (Map<?, ?> merge : merges) {
            if ((target != null || names(merge, t)) && (out = merged.apply(merge).apply(out)) == null) {
                return null;
            }
        }
        if (target != null) {
            for (Map<?, ?> op : operations) {
                if ((out = operated.apply(op).apply(out)) == null) {
                    return null;
                }
            }
        }
        return target != null && selected == null && !out.equals(value) ? null : out;
    }

    /** Where a setting the patch makes is written: its file, else (inline) the kustomization's, with no line. */
    private String where() {
        return file != null ? file : kustomization;
    }

    /** The pod spec a strategic-merge patch writes for the tracked workload, or null. */
    private static Map<?, ?> podSpec(Map<?, ?> merge, ContainerTrack t) {
        Object node = merge;
        for (String key : KubeWorkload.podSpecPath(t.kind)) {
            node = node instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return node instanceof Map<?, ?> pod ? pod : null;
    }

    /**
     * The entry of the tracked container in the pod spec's list of a strategic-merge patch, or an empty map when
     * there is none; null when the patch replaces the list, removes the container, or replaces the pod spec.
     */
    private static Map<?, ?> containerEntry(Map<?, ?> pod, ContainerTrack t) {
        if (pod.containsKey("$patch")) {
            return null;
        }
        Map<?, ?> found = Map.of();
        if (pod.get(t.list) instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> m)) {
                    continue;
                }
                boolean named = t.container != null && t.container.equals(m.get("name"));
                if (m.containsKey("$patch") && (!m.containsKey("name") || named)) {
                    return null; // the list replaced, or the container removed
                }
                if (named) {
                    found = m;
                }
            }
        }
        return found;
    }

    private LeafSpec mergeSecurity(Map<?, ?> merge, ContainerTrack t, LeafSpec s) {
        Map<?, ?> pod = podSpec(merge, t);
        if (pod == null) {
            return s;
        }
        Map<?, ?> entry = containerEntry(pod, t);
        if (entry == null) {
            return null;
        }
        KubeSecurity podSecurity = s.pod();
        if (pod.containsKey("securityContext")) {
            podSecurity = SecurityPatch.merge(podSecurity, pod.get("securityContext"), where(), file != null);
        }
        KubeSecurity container = s.container();
        if (entry.containsKey("securityContext") && container != null) {
            container = SecurityPatch.merge(container, entry.get("securityContext"), where(), file != null);
        }
        return podSecurity == null || container == null ? null : new LeafSpec(s.leaf(), podSecurity, container,
                s.resources());
    }

    private KubeResources mergeResources(Map<?, ?> merge, ContainerTrack t, KubeResources r) {
        Map<?, ?> pod = podSpec(merge, t);
        if (pod == null) {
            return r;
        }
        Map<?, ?> entry = containerEntry(pod, t);
        if (entry == null || !entry.containsKey("resources")) {
            return entry == null ? null : r;
        }
        return ResourcesPatch.merge(r, entry.get("resources"), where(), file != null ? LinedYaml.line(entry,
                "resources") : 0, file != null);
    }

    private KubeResources operateResources(Map<?, ?> op, ContainerTrack t, KubeResources r) {
        String path = op.get("path") instanceof String p ? p.strip() : null;
        String kind = op.get("op") instanceof String k ? k : "";
        if (path == null) {
            return r;
        }
        List<String> inside = below("resources", t.inside(path));
        String from = op.get("from") instanceof String f ? f.strip() : null;
        boolean edits = kind.equals("add") || kind.equals("replace") || kind.equals("remove");
        if (!edits && (inside != null || from != null && below("resources", t.inside(from)) != null)) {
            return kind.equals("test") ? r : null; // a copy or move of resources
        }
        if (inside != null) {
            t.operate(op, "resources");
            return ResourcesPatch.operate(r, kind, inside, op.get("value"), file != null ? LinedYaml.line(op, "path")
                    : 0, where());
        }
        return t.operate(op, "resources") ? null : r;
    }

    private LeafSpec operateSecurity(Map<?, ?> op, ContainerTrack t, LeafSpec s) {
        String path = op.get("path") instanceof String p ? p.strip() : null;
        String kind = op.get("op") instanceof String k ? k : "";
        if (path == null) {
            return s;
        }
        List<String> inside = secured(t.inside(path));
        List<String> inPod = secured(t.inPod(path));
        String from = op.get("from") instanceof String f ? f.strip() : null;
        boolean edits = kind.equals("add") || kind.equals("replace") || kind.equals("remove");
        if (!edits && (inside != null || inPod != null
                || from != null && (secured(t.inside(from)) != null || secured(t.inPod(from)) != null))) {
            return kind.equals("test") ? s : null; // a copy or move of a securityContext
        }
        int line = file != null ? LinedYaml.line(op, "path") : 0;
        if (inside != null) {
            t.operate(op, "securityContext");
            KubeSecurity c = SecurityPatch.operate(s.container(), kind, inside, op.get("value"), line, where());
            return c == null ? null : new LeafSpec(s.leaf(), s.pod(), c, s.resources());
        }
        if (inPod != null) {
            KubeSecurity p = SecurityPatch.operate(s.pod(), kind, inPod, op.get("value"), line, where());
            return p == null ? null : new LeafSpec(s.leaf(), p, s.container(), s.resources());
        }
        return t.operate(op, "securityContext") ? null : s;
    }

    /** The segments below a securityContext where the path points into one, else null. */
    private static List<String> secured(List<String> segments) {
        return below("securityContext", segments);
    }

    /** The segments below the key where the path's segments point into it, else null. */
    private static List<String> below(String key, List<String> segments) {
        return segments == null || !segments.get(0).equals(key) ? null : segments.subList(1, segments.size());
    }
}
