package dev.drydock.core.rules.support;

import dev.drydock.core.kubernetes.KubeWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One patch of a kustomize overlay, as far as drydock reads it: the objects it targets, and whether it sets or removes
 * a probe of a container. Kustomize tells the two kinds apart by their content: a list of operations is a JSON 6902
 * patch, an object a strategic-merge patch.
 */
final class KustomizePatch {

    /**
     * The target selector of a patch: kind compared exactly, name an anchored regular expression; {@code unknown}
     * when it also selects by namespace, labels or annotations, which drydock does not evaluate.
     */
    record Target(String kind, String name, boolean unknown) {

        static Target of(Map<?, ?> target) {
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

    private static final LoadSettings SETTINGS = LoadSettings.builder().setMaxAliasesForCollections(50).build();

    private final Target target;
    private final List<Map<?, ?>> merges;
    private final List<Map<?, ?>> operations;
    private final boolean readable;

    private KustomizePatch(Target target, List<Map<?, ?>> merges, List<Map<?, ?>> operations, boolean readable) {
        this.target = target;
        this.merges = merges;
        this.operations = operations;
        this.readable = readable;
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
            for (Object doc : new Load(SETTINGS).loadAllFromString(text)) {
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
    boolean apply(ContainerTrack t, String probe) {
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

}
