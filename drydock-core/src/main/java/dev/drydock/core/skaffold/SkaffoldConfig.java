package dev.drydock.core.skaffold;

import java.util.List;

/**
 * One configuration of a skaffold.yaml (a file may hold several, separated by {@code ---}).
 *
 * @param name its {@code metadata.name}, or null
 * @param artifacts the images its {@code build.artifacts} build from a Dockerfile
 * @param manifests the manifests it deploys with kubectl ({@code manifests.rawYaml}, {@code deploy.kubectl.manifests}):
 *     paths or globs as written
 * @param kustomizations the folders it renders with kustomize ({@code manifests.kustomize.paths},
 *     {@code deploy.kustomize.paths})
 * @param profiles its profiles, in the order written
 */
public record SkaffoldConfig(String name, List<SkaffoldArtifact> artifacts, List<String> manifests,
        List<String> kustomizations, List<Profile> profiles) {

    public SkaffoldConfig {
        artifacts = List.copyOf(artifacts);
        manifests = List.copyOf(manifests);
        kustomizations = List.copyOf(kustomizations);
        profiles = List.copyOf(profiles);
    }

    /**
     * A profile: what it sets in place of the configuration's own (a list a profile sets replaces the configuration's).
     * Its JSON {@code patches} are not applied.
     *
     * @param artifacts the artifacts it builds instead, or null when it keeps the configuration's
     * @param manifests the manifests it deploys instead, or empty when it keeps the configuration's
     * @param kustomizations the kustomize folders it renders instead, or empty when it keeps the configuration's
     */
    public record Profile(String name, List<SkaffoldArtifact> artifacts, List<String> manifests,
            List<String> kustomizations) {

        public Profile {
            artifacts = artifacts == null ? null : List.copyOf(artifacts);
            manifests = List.copyOf(manifests);
            kustomizations = List.copyOf(kustomizations);
        }
    }
}
