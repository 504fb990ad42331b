package dev.drydock.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JupyterStackImagesTest {

    private static ImageReference ref(String reference) {
        return ImageReference.parse(reference);
    }

    @Test
    void stacksOnQuayAndDockerHub() {
        assertThat(JupyterStackImages.is(ref("quay.io/jupyter/scipy-notebook:2024-05-27"))).isTrue();
        assertThat(JupyterStackImages.is(ref("jupyter/base-notebook"))).isTrue();
        assertThat(JupyterStackImages.is(ref("quay.io/jupyter/docker-stacks-foundation"))).isTrue();
        assertThat(JupyterStackImages.is(ref("jupyterhub/jupyterhub:5"))).isFalse();
    }

    @Test
    void healthcheckSinceMarch2022() {
        assertThat(JupyterStackImages.checksItself(ref("quay.io/jupyter/base-notebook:2023-10-20"))).isTrue();
        assertThat(JupyterStackImages.checksItself(ref("jupyter/scipy-notebook:latest"))).isTrue();
        assertThat(JupyterStackImages.checksItself(ref("jupyter/scipy-notebook:python-3.11"))).isTrue();
        assertThat(JupyterStackImages.checksItself(ref("jupyter/scipy-notebook:2022-05-02"))).isTrue();
        assertThat(JupyterStackImages.checksItself(ref("jupyter/scipy-notebook:2022-01-10"))).isFalse();
        assertThat(JupyterStackImages.checksItself(ref("jupyter/scipy-notebook:8d22c86ed4d7"))).isFalse();
        assertThat(JupyterStackImages.checksItself(ref("quay.io/jupyter/docker-stacks-foundation"))).isFalse();
    }

    @Test
    void onlyQuayProbeIsClaimed() {
        assertThat(JupyterStackImages.healthcheck(ref("quay.io/jupyter/base-notebook"))).contains(JupyterStackImages.HEALTHCHECK);
        assertThat(JupyterStackImages.healthcheck(ref("jupyter/base-notebook:latest"))).isEmpty();
    }
}
