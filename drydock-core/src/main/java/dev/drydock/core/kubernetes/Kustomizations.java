package dev.drydock.core.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The kustomizations of a project and how they build on one another: an overlay lists the folder of a base (or of
 * another overlay) among its resources. What is applied is a leaf, a kustomization no other one uses; it builds its
 * resources first, each with every transformer of the kustomizations below it, so a manifest reaches a cluster through
 * a chain from the kustomization that lists it up to a leaf.
 */
public final class Kustomizations {

    /** Beyond this many chains for one manifest the rest are not followed. */
    private static final int MAX_CHAINS = 64;

    private final List<Kustomization> all;

    public Kustomizations(List<Kustomization> all) {
        this.all = List.copyOf(all);
    }

    /**
     * The chains through which the manifest is applied, each from the kustomization that lists it to a leaf, in the
     * order kustomize builds them; none when no kustomization lists it.
     */
    public List<List<Kustomization>> chains(String manifest) {
        List<List<Kustomization>> chains = new ArrayList<>();
        for (Kustomization k : all) {
            if (k.resources().contains(manifest)) {
                climb(new ArrayList<>(List.of(k)), chains);
            }
        }
        return chains;
    }

    private void climb(List<Kustomization> chain, List<List<Kustomization>> into) {
        if (into.size() >= MAX_CHAINS) {
            return;
        }
        Kustomization top = chain.get(chain.size() - 1);
        List<Kustomization> users = all.stream()
                .filter(k -> !chain.contains(k) && k.resources().contains(top.dir())).toList();
        if (users.isEmpty()) {
            into.add(List.copyOf(chain));
            return;
        }
        for (Kustomization user : users) {
            chain.add(user);
            climb(chain, into);
            chain.remove(chain.size() - 1);
        }
    }

    /**
     * The image references a container of the manifest runs with, after the images transformers of every chain: the
     * image as written when no kustomization lists the manifest.
     */
    public Set<String> images(String manifest, String image) {
        Set<String> images = new LinkedHashSet<>();
        for (List<Kustomization> chain : chains(manifest)) {
            String current = image;
            for (Kustomization k : chain) {
                for (KustomizeImage transform : k.images()) {
                    current = transform.apply(current);
                }
            }
            images.add(current);
        }
        if (images.isEmpty()) {
            images.add(image);
        }
        return images;
    }
}
