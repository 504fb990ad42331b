package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The probes of a kustomize base that every overlay built on it replaces or removes with a patch: the overlays, not
 * the base, are what is applied, so a probe written in the base is then never deployed as written. An overlay's
 * patches are read from patchesStrategicMerge, patchesJson6902 and patches, as files or inline, the way kustomize
 * reads them: a strategic-merge patch without a target names the object by its own kind and metadata.name, and
 * patches the container of the same name (its probe's fields merge by key, a null probe removes it); with a
 * target (kind exactly, name an anchored regular expression) it patches every object the target selects; a JSON 6902
 * patch (a list of operations, always with a target) replaces, removes or adds at a path such as
 * {@code /spec/template/spec/containers/0/readinessProbe}. A target drydock cannot evaluate (labelSelector,
 * annotationSelector, namespace) and a patch it cannot read count as replacing the probe, so that a probe the
 * overlays may change is not reported; a base no overlay uses keeps its probe.
 */
public final class KustomizeOverlays {

    private static final Set<String> NAMES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private KustomizeOverlays() {}

    /** Whether every overlay of the base that holds the run's manifest replaces its probe of that kind. */
    public static boolean replaced(ReviewContext context, KubernetesRuns run, String kind) {
        return context.memo("kustomize-replaced-probes", KustomizeOverlays.class, KustomizeOverlays::compute)
                .contains(key(run.workload().file(), run.workload().kind(), run.workload().name(),
                        run.container().name(), kind));
    }

    private static String key(String file, String kind, String workload, String container, String probe) {
        return file + "|" + kind + "|" + workload + "|" + container + "|" + probe;
    }

    private record Kustomization(String dir, List<String> resources, List<KustomizePatch> patches) {}

    private static Set<String> compute(ReviewContext context) {
        List<Kustomization> all = new ArrayList<>();
        for (ProjectEntry entry : context.project().layout().entries()) {
            if (NAMES.contains(PathNames.fileName(entry.path()))) {
                read(context, entry.path()).ifPresent(all::add);
            }
        }
        Set<String> replaced = new HashSet<>();
        if (all.size() < 2) {
            return replaced;
        }
        for (KubeWorkload w : context.project().kubernetesWorkloads()) {
            String base = PathNames.parent(w.file());
            boolean listed = all.stream().anyMatch(k -> k.dir().equals(base)
                    && k.resources().contains(PathNames.fileName(w.file())));
            List<Kustomization> overlays = all.stream().filter(k -> !k.dir().equals(base)
                    && k.resources().stream().anyMatch(r -> resolve(k.dir(), r).equals(base))).toList();
            if (!listed || overlays.isEmpty()) {
                continue;
            }
            for (KubeContainer c : w.containers()) {
                for (String probe : List.of("liveness", "readiness", "startup")) {
                    if (overlays.stream().allMatch(o -> patches(context, o, w, c.name(), probe))) {
                        replaced.add(key(w.file(), w.kind(), w.name(), c.name(), probe));
                    }
                }
            }
        }
        return replaced;
    }

    /** Whether one of the overlay's patches sets or removes that probe of that container of that workload. */
    private static boolean patches(ReviewContext context, Kustomization overlay, KubeWorkload w, String container,
            String probe) {
        KubeContainer c = w.containers().stream().filter(k -> container != null && container.equals(k.name()))
                .findFirst().orElse(null);
        return c != null && overlay.patches().stream().anyMatch(p -> p.replaces(w, c, probe + "Probe"));
    }

    private static String resolve(String dir, String relative) {
        String joined = PathNames.normalizeRelative(dir.isEmpty() ? relative : dir + "/" + relative);
        if (joined == null) {
            return "";
        }
        return joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static java.util.Optional<Kustomization> read(ReviewContext context, String path) {
        var source = context.project().source(path);
        if (source.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            Object doc = new Load(LoadSettings.builder().setMaxAliasesForCollections(50).build())
                    .loadFromString(source.get().text());
            if (!(doc instanceof Map<?, ?> map)) {
                return java.util.Optional.empty();
            }
            List<String> resources = strings(map.get("resources"));
            resources.addAll(strings(map.get("bases")));
            String dir = PathNames.parent(path);
            List<KustomizePatch> patches = new ArrayList<>();
            if (map.get("patchesStrategicMerge") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof String text) {
                        patches.add(text.contains("\n") ? KustomizePatch.parse(text, null) : file(context, dir, text, null));
                    }
                }
            }
            for (String key : List.of("patchesJson6902", "patches")) {
                if (map.get(key) instanceof List<?> list) {
                    for (Object item : list) {
                        if (item instanceof Map<?, ?> m) {
                            KustomizePatch.Target target = m.get("target") instanceof Map<?, ?> t ? KustomizePatch.Target.of(t) : null;
                            patches.add(m.get("patch") instanceof String text ? KustomizePatch.parse(text, target)
                                    : m.get("path") instanceof String file ? file(context, dir, file, target)
                                    : KustomizePatch.unreadable(target));
                        }
                    }
                }
            }
            return java.util.Optional.of(new Kustomization(dir, resources, patches));
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // not YAML drydock can read: no overlay known
        }
    }

    /** A patch file of the overlay; one drydock cannot find or read counts as replacing whatever it may target. */
    private static KustomizePatch file(ReviewContext context, String dir, String file, KustomizePatch.Target target) {
        return context.project().source(resolve(dir, file)).map(source -> KustomizePatch.parse(source.text(), target))
                .orElse(KustomizePatch.unreadable(target));
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
