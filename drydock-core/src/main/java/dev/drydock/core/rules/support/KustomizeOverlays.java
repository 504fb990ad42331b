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
 * The probes of a kustomize base that every overlay built on it replaces with a strategic-merge patch: the
 * overlays, not the base, are what is applied, and a patch names the Deployment and the container and sets the
 * probe anew (containers merge by name, and the probe's fields by key). A probe written in the base is then never
 * deployed as written. Only patch files are read; an inline patch, a JSON 6902 patch or a base no overlay uses leaves
 * the base's probe standing.
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

    private record Kustomization(String dir, List<String> resources, List<String> patchFiles) {}

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

    /** Whether one of the overlay's patch files sets that probe of that container of that workload. */
    private static boolean patches(ReviewContext context, Kustomization overlay, KubeWorkload w, String container,
            String probe) {
        for (String file : overlay.patchFiles()) {
            String path = resolve(overlay.dir(), file);
            for (KubeWorkload patch : context.project().kubernetesWorkloads()) {
                if (!patch.file().equals(path) || !patch.kind().equals(w.kind()) || w.name() == null
                        || !w.name().equals(patch.name())) {
                    continue;
                }
                for (KubeContainer c : patch.containers()) {
                    if (c.name() != null && c.name().equals(container) && switch (probe) {
                        case "liveness" -> c.liveness() != null;
                        case "readiness" -> c.readiness() != null;
                        default -> c.startup() != null;
                    }) {
                        return true;
                    }
                }
            }
        }
        return false;
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
            List<String> patchFiles = new ArrayList<>();
            for (String p : strings(map.get("patchesStrategicMerge"))) {
                if (!p.contains("\n")) {
                    patchFiles.add(p);
                }
            }
            if (map.get("patches") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> m && m.get("path") instanceof String p && m.get("target") == null) {
                        patchFiles.add(p);
                    }
                }
            }
            return java.util.Optional.of(new Kustomization(PathNames.parent(path), resources, patchFiles));
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // not YAML drydock can read: no overlay known
        }
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
