package dev.drydock.core.rules.support;

import dev.drydock.core.kubernetes.KubeContainer;
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

        /** TRUE when it selects the workload, FALSE when it does not, null when drydock cannot tell. */
        Boolean selects(KubeWorkload w) {
            if (kind != null && !kind.equals(w.kind())) {
                return Boolean.FALSE;
            }
            if (name != null) {
                if (w.name() == null) {
                    return null;
                }
                try {
                    if (!Pattern.compile("^(?:" + name + ")$").matcher(w.name()).matches()) {
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

    /** Whether the patch may set, replace or remove the probe ({@code readinessProbe}...) of the workload's container. */
    boolean replaces(KubeWorkload w, KubeContainer c, String probe) {
        Boolean selected = target == null ? null : target.selects(w);
        if (Boolean.FALSE.equals(selected)) {
            return false;
        }
        if (!readable) {
            return true; // cannot tell what it changes
        }
        for (Map<?, ?> merge : merges) {
            if ((target != null || names(merge, w)) && merges(merge, w, c, probe)) {
                return true;
            }
        }
        // kustomize applies a JSON 6902 patch only with a target
        return target != null && operations.stream().anyMatch(op -> operates(op, pointer(w, c, probe)));
    }

    /** A strategic-merge patch without a target patches the object of its own kind and metadata.name. */
    private static boolean names(Map<?, ?> merge, KubeWorkload w) {
        return w.kind().equals(merge.get("kind")) && w.name() != null && merge.get("metadata") instanceof Map<?, ?> m
                && w.name().equals(m.get("name"));
    }

    /** Containers merge by name; a probe key (a null value removes the probe) or a $patch directive changes it. */
    private static boolean merges(Map<?, ?> merge, KubeWorkload w, KubeContainer c, String probe) {
        Object node = merge;
        for (String key : KubeWorkload.podSpecPath(w.kind())) {
            node = node instanceof Map<?, ?> m ? m.get(key) : null;
        }
        String list = c.place().substring(0, c.place().indexOf('/'));
        if (!(node instanceof Map<?, ?> pod) || !(pod.get(list) instanceof List<?> items)) {
            return false;
        }
        for (Object item : items) {
            if (item instanceof Map<?, ?> m && ("replace".equals(m.get("$patch"))
                    || c.name() != null && c.name().equals(m.get("name"))
                            && (m.containsKey(probe) || "delete".equals(m.get("$patch"))))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a JSON 6902 operation replaces, removes or writes the probe at that pointer, or what holds it. */
    private static boolean operates(Map<?, ?> op, String pointer) {
        String path = op.get("path") instanceof String p ? p.strip() : null;
        String from = op.get("from") instanceof String f ? f.strip() : null;
        if (!(op.get("op") instanceof String kind) || path == null) {
            return false;
        }
        return switch (kind) {
            case "replace", "remove" -> touches(path, pointer);
            case "add", "copy" -> writes(path, pointer);
            case "move" -> writes(path, pointer) || from != null && touches(from, pointer);
            default -> false; // test changes nothing
        };
    }

    private static boolean touches(String path, String pointer) {
        return path.equals(pointer) || path.startsWith(pointer + "/") || pointer.startsWith(path + "/");
    }

    /** An add at an array index inserts before it and leaves the element there in place (shifted). */
    private static boolean writes(String path, String pointer) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return path.equals(pointer) || path.startsWith(pointer + "/")
                || pointer.startsWith(path + "/") && !last.matches("[0-9]+|-");
    }

    private static String pointer(KubeWorkload w, KubeContainer c, String probe) {
        return "/" + String.join("/", KubeWorkload.podSpecPath(w.kind())) + "/" + c.place() + "/" + probe;
    }

}
