package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.kubernetes.LeafSpecs;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.kubernetes.Kustomization;
import dev.drydock.core.kubernetes.Kustomizations;
import dev.drydock.core.kubernetes.KustomizePatch;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The probes of a kustomize base that every overlay built on it replaces or removes with a patch: the overlays, not
 * the base, are what is applied, so a probe written in the base is then never deployed as written. What is applied is
 * a leaf kustomization ({@link Kustomizations#chains}); an overlay of an overlay gets the patches of every level, in
 * kustomize's order: at each level patchesStrategicMerge, then patches, then namePrefix and nameSuffix, then
 * patchesJson6902. Patches are read as files or inline: a strategic-merge patch without a target names the object by
 * its own kind and metadata.name (any name the object has had, before or after a prefix), and patches the container of
 * the same name (its probe's fields merge by key, a null probe removes it); with a target (kind exactly, name an
 * anchored regular expression matched against the original or the current name) it patches every object the target
 * selects; a JSON 6902 patch (a list of operations, always with a target) replaces, removes or adds at a path such as
 * {@code /spec/template/spec/containers/0/readinessProbe}, its indexes following the containers its earlier
 * operations insert or remove ({@link dev.drydock.core.kubernetes.ContainerTrack}). A target drydock cannot evaluate (labelSelector,
 * annotationSelector, namespace), a patch it cannot read and an operation kustomize cannot apply count as replacing
 * the probe, so that a probe the overlays may change is not reported; a base no kustomization lists keeps its probe.
 */
public final class KustomizeOverlays {

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

    private static Set<String> compute(ReviewContext context) {
        Set<String> replaced = new HashSet<>();
        if (context.project().kubernetesWorkloads().isEmpty()) {
            return replaced;
        }
        Kustomizations tree = tree(context);
        for (KubeWorkload w : context.project().kubernetesWorkloads()) {
            List<List<Kustomization>> chains = tree.chains(w.file());
            if (chains.isEmpty()) {
                continue;
            }
            for (KubeContainer c : w.containers()) {
                for (String probe : List.of("liveness", "readiness", "startup")) {
                    if (chains.stream().allMatch(chain -> replacedIn(context, chain, w, c, probe + "Probe"))) {
                        replaced.add(key(w.file(), w.kind(), w.name(), c.name(), probe));
                    }
                }
            }
        }
        return replaced;
    }

    /**
     * Whether a patch of the chain of the leaf that deploys the run sets, replaces or removes that key of its
     * container ({@code volumeMounts}), or may; false for a run as its manifest writes it.
     */
    public static boolean patchedIn(ReviewContext context, KubernetesRuns run, String key) {
        if (run.leaf() == null) {
            return false;
        }
        return tree(context).chains(run.workload().file()).stream()
                .filter(chain -> chain.get(chain.size() - 1).dir().equals(run.leaf()))
                .anyMatch(chain -> replacedIn(context, chain, run.workload(), run.container(), key));
    }

    /**
     * Whether a patch of any kustomization that deploys the run's manifest sets, replaces or removes that key of its
     * container ({@code env}), or may: what holds of the manifest alone may not hold of what is applied.
     */
    public static boolean patchedByAny(ReviewContext context, KubernetesRuns run, String key) {
        return tree(context).chains(run.workload().file()).stream()
                .anyMatch(chain -> replacedIn(context, chain, run.workload(), run.container(), key));
    }

    /** Whether a patch of the chain sets or removes that probe of that container, or the chain fails to build. */
    private static boolean replacedIn(ReviewContext context, List<Kustomization> chain, KubeWorkload w,
            KubeContainer c, String probe) {
        return LeafSpecs.anyPatch(chain, p -> patch(context, p), w, c, (patch, track) -> patch.apply(track, probe));
    }

    /** The project's kustomizations drydock can read, and how they build on one another. */
    public static Kustomizations tree(ReviewContext context) {
        return context.memo("kustomizations", KustomizeOverlays.class, c -> {
            List<Kustomization> all = new ArrayList<>();
            for (ProjectEntry entry : c.project().layout().entries()) {
                if (Kustomization.FILE_NAMES.contains(PathNames.fileName(entry.path()))) {
                    c.project().source(entry.path()).flatMap(s -> Kustomization.read(entry.path(), s.text()))
                            .ifPresent(all::add);
                }
            }
            return new Kustomizations(all);
        });
    }

    /** The patch of a kustomization's entry, read once per review. */
    public static KustomizePatch patch(ReviewContext context, Kustomization.Patch p) {
        Map<Kustomization.Patch, KustomizePatch> parsed = context.memo("kustomize-patches", KustomizeOverlays.class,
                () -> new IdentityHashMap<>());
        synchronized (parsed) {
            return parsed.computeIfAbsent(p, q -> KustomizePatch.of(q,
                    path -> context.project().source(path).map(s -> s.text())));
        }
    }
}
