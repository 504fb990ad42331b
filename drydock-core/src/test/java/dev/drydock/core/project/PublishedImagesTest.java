package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishedImagesTest {

    private static DeclaredBuild tagged(String dockerfile, String... tags) {
        return new DeclaredBuild(dockerfile, "", null, Map.of(), List.of(tags), new Origin("Makefile", null));
    }

    @Test
    void repositoriesAreComparedWithDockerHubsDefaultsAndWithoutTags() {
        assertThat(PublishedImages.repository("python:3.12")).isEqualTo("docker.io/library/python");
        assertThat(PublishedImages.repository("acme/app@sha256:abc")).isEqualTo("docker.io/acme/app");
        assertThat(PublishedImages.repository("localhost:5000/app:1")).isEqualTo("localhost:5000/app");
        assertThat(PublishedImages.repository("ghcr.io/Acme/App:${TAG:-latest}")).isEqualTo("ghcr.io/acme/app");
        assertThat(PublishedImages.repository("${REGISTRY}/app")).isNull();
    }

    @Test
    void tagsWithVariablesMatchWhenTheyHaveALiteralPart() {
        PublishedImages images = new PublishedImages();
        DeclaredBuild app = tagged("Dockerfile", "ghcr.io/${{ github.repository }}:${{ github.sha }}");
        DeclaredBuild any = tagged("other/Dockerfile", "${{ env.REGISTRY }}/${{ env.IMAGE }}:latest");
        assertThat(images.declared("ghcr.io/acme/shop:1.0", List.of(app, any))).isSameAs(app);
        assertThat(images.declared("docker.io/acme/shop", List.of(app, any))).isNull();
        assertThat(images.declared("index.docker.io/acme/shop:2", List.of(tagged("Dockerfile", "acme/shop:$VERSION"))))
                .isNotNull();
        assertThat(images.declared("acme/shop@sha256:" + "a".repeat(64),
                List.of(tagged("Dockerfile", "docker.io/acme/shop:${{ github.sha }}")))).isNotNull();
    }

    @Test
    void aNameSeveralDockerfilesAreTaggedWithLinksToNone() {
        PublishedImages images = new PublishedImages();
        List<DeclaredBuild> builds = List.of(tagged("Dockerfile", "acme/app"), tagged("Dockerfile.alpine", "acme/app"));
        assertThat(images.declared("acme/app:latest", builds)).isNull();
    }
}
