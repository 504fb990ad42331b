package dev.drydock.core.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What each leaf kustomization deploys of a container of a manifest: its securityContext and its pod's, through the
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
            return List.of(new LeafSpec(null, w.podSecurity(), c.security()));
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
        ContainerTrack track = new ContainerTrack(w, c);
        LeafSpec spec = new LeafSpec(leaf, w.podSecurity(), c.security());
        for (Kustomization k : chain) {
            for (boolean json6902 : new boolean[] {false, true}) {
                for (Kustomization.Patch p : k.patches()) {
                    if (p.json6902() == json6902 && (spec = patches.apply(p).secure(track, spec)) == null) {
                        return new LeafSpec(leaf, null, null);
                    }
                }
                if (!json6902) {
                    track.rename(k);
                }
            }
        }
        return spec;
    }
}
