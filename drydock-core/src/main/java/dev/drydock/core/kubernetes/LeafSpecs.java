package dev.drydock.core.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What each leaf kustomization deploys of a container of a manifest: its securityContext and its pod's, and its
 * resources, through the
 * patches of every kustomization of the chain in kustomize's order (at each level patchesStrategicMerge, then
 * patches, then namePrefix and nameSuffix, then patchesJson6902), the patches selecting and tracking the container as
 * {@link KustomizePatch} and {@link ContainerTrack} do for probes.
 */
public final class LeafSpecs {

    private LeafSpecs() {}

    /**
     * One spec per chain of the manifest ({@link Kustomizations#chains}), in their order; the manifest's own spec
     * alone when no kustomization lists it. {@code patches} gives the patch of a kustomization's entry (read once).
     */
    public static List<LeafSpec> of(Kustomizations tree, Function<Kustomization.Patch, KustomizePatch> patches,
            KubeWorkload w, KubeContainer c) {
        List<List<Kustomization>> chains = tree.chains(w.file());
        if (chains.isEmpty()) {
            return List.of(new LeafSpec(null, w.podSecurity(), c.security(), c.resources()));
        }
        List<LeafSpec> specs = new ArrayList<>();
        for (List<Kustomization> chain : chains) {
            specs.add(build(chain, patches, w, c));
        }
        return specs;
    }

    private static LeafSpec build(List<Kustomization> chain, Function<Kustomization.Patch, KustomizePatch> patches,
            KubeWorkload w, KubeContainer c) {
        String leaf = chain.get(chain.size() - 1).dir();
        LeafSpec security = follow(chain, patches, new ContainerTrack(w, c),
                new LeafSpec(leaf, w.podSecurity(), c.security(), c.resources()), KustomizePatch::secure);
        KubeResources resources = follow(chain, patches, new ContainerTrack(w, c), c.resources(),
                KustomizePatch::resources);
        return security == null ? new LeafSpec(leaf, null, null, resources)
                : new LeafSpec(leaf, security.pod(), security.container(), resources);
    }

    /**
     * Whether some patch of the chain, applied in kustomize's order to the tracked container, answers {@code hit}
     * (a patch that sets or removes a key of the container, or fails the build).
     */
    public static boolean anyPatch(List<Kustomization> chain, Function<Kustomization.Patch, KustomizePatch> patches,
            KubeWorkload w, KubeContainer c, java.util.function.BiPredicate<KustomizePatch, ContainerTrack> hit) {
        return follow(chain, patches, new ContainerTrack(w, c), Boolean.FALSE,
                (patch, track, value) -> hit.test(patch, track) ? null : value) == null;
    }

    /** What the patches of the chain make of a value of the container, in kustomize's order; null once unknown. */
    private static <T> T follow(List<Kustomization> chain, Function<Kustomization.Patch, KustomizePatch> patches,
            ContainerTrack track, T value, Step<T> step) {
        T out = value;
        for (Kustomization k : chain) {
            for (boolean json6902 : new boolean[] {false, true}) {
                for (Kustomization.Patch p : k.patches()) {
                    if (p.json6902() == json6902 && (out = step.apply(patches.apply(p), track, out)) == null) {
                        return null;
                    }
                }
                if (!json6902) {
                    track.rename(k);
                }
            }
        }
        return out;
    }

    private interface Step<T> {
        T apply(KustomizePatch patch, ContainerTrack track, T value);
    }
}
