package dev.drydock.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KustomizationsTest {

    private static Kustomization read(String path, String text) {
        return Kustomization.read(path, text).orElseThrow();
    }

    @Test
    void anOverlayOfAnOverlayIsOneChainFromTheBaseToTheLeaf() {
        Kustomizations tree = new Kustomizations(List.of(
                read("deploy/base/kustomization.yaml", "resources: [app.yaml]"),
                read("deploy/common/kustomization.yaml", "resources: [../base/]\nnamePrefix: acme-"),
                read("deploy/prod/kustomization.yaml", "resources: [../common]"),
                read("deploy/dev/kustomization.yaml", "bases: [../common]")));

        List<List<Kustomization>> chains = tree.chains("deploy/base/app.yaml");

        assertThat(chains).extracting(c -> c.stream().map(Kustomization::dir).toList()).containsExactly(
                List.of("deploy/base", "deploy/common", "deploy/prod"),
                List.of("deploy/base", "deploy/common", "deploy/dev"));
        assertThat(tree.chains("deploy/other.yaml")).isEmpty();
    }

    @Test
    void kustomizationsThatUseEachOtherEndTheChainInsteadOfLooping() {
        Kustomizations tree = new Kustomizations(List.of(
                read("a/kustomization.yaml", "resources: [app.yaml, ../b]"),
                read("b/kustomization.yaml", "resources: [../a]")));

        assertThat(tree.chains("a/app.yaml")).hasSize(1);
    }

    @Test
    void imagesTransformersOfEveryLevelApplyInOrder() {
        Kustomizations tree = new Kustomizations(List.of(
                read("base/kustomization.yaml", """
                        resources: [app.yaml]
                        images:
                          - name: app
                            newName: ghcr.io/acme/api
                        """),
                read("prod/kustomization.yaml", """
                        resources: [../base]
                        images:
                          - name: ghcr.io/acme/api
                            newTag: 1.4.2
                        """),
                read("dev/kustomization.yaml", """
                        resources: [../base]
                        images:
                          - name: app
                            newName: wrong
                        """)));

        assertThat(tree.images("base/app.yaml", "app:latest")).containsExactly("ghcr.io/acme/api:1.4.2",
                "ghcr.io/acme/api:latest");
        assertThat(tree.images("other/app.yaml", "app:latest")).containsExactly("app:latest");
    }

    @Test
    void anImagesEntryReplacesNameTagAndDigestAsKustomizeDoes() {
        KustomizeImage tag = new KustomizeImage("registry:5000/acme/api", null, "2.0", null);
        KustomizeImage digest = new KustomizeImage("api", "ghcr.io/acme/api", null, "sha256:abc");
        KustomizeImage both = new KustomizeImage("api", null, "2.0", "sha256:abc");

        assertThat(tag.apply("registry:5000/acme/api")).isEqualTo("registry:5000/acme/api:2.0");
        assertThat(tag.apply("registry:5000/acme/api@sha256:old")).isEqualTo("registry:5000/acme/api:2.0");
        assertThat(digest.apply("api:1.0")).isEqualTo("ghcr.io/acme/api@sha256:abc");
        assertThat(both.apply("api")).isEqualTo("api:2.0@sha256:abc");
        assertThat(digest.apply("acme/api:1.0")).isEqualTo("acme/api:1.0");
        assertThat(digest.apply("api-gateway:1.0")).isEqualTo("api-gateway:1.0");
    }

    @Test
    void badKustomizationsReadAsNoneOrWithoutTheParts() {
        assertThat(Kustomization.read("k/kustomization.yaml", "resources: [")).isEmpty();
        assertThat(Kustomization.read("k/kustomization.yaml", "- a\n- b")).isEmpty();
        Kustomization odd = read("k/kustomization.yaml", """
                resources: ../base
                namePrefix: [x]
                images: [{newName: x}, 3, {name: app, newTag: 1.10}]
                patches: [3, {target: x}]
                patchesStrategicMerge: [{a: b}]
                """);
        assertThat(odd.resources()).isEmpty();
        assertThat(odd.rename("web")).isEqualTo("web");
        assertThat(odd.images()).extracting(KustomizeImage::name).containsExactly("app");
        assertThat(odd.patches()).hasSize(1);
    }
}
