package dev.drydock.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.dockerfile.model.BaseImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenoImagesTest {

    private static BaseImage image(String reference) {
        return new BaseImage.External(reference, reference, ImageReference.parse(reference), null);
    }

    @Test
    void entryScriptHandsSubCommandsAndOptionsToDeno() {
        BaseImage debian = image("denoland/deno:2.1.4");
        assertThat(DenoImages.entrypoint(debian, List.of("task", "start"))).contains(List.of("/tini", "--", "deno"));
        assertThat(DenoImages.entrypoint(debian, List.of("--version"))).contains(List.of("/tini", "--", "deno"));
        assertThat(DenoImages.entrypoint(debian, List.of("deno", "run", "main.ts"))).contains(List.of("/tini", "--"));
        assertThat(DenoImages.entrypoint(image("denoland/deno:alpine-2.1.4"), List.of("serve", "main.ts")))
                .contains(List.of("/tini", "--", "deno"));
    }

    @Test
    void distrolessAlwaysRunsDeno() {
        assertThat(DenoImages.entrypoint(image("denoland/deno:distroless-2.1.4"), List.of("run", "main.ts")))
                .contains(List.of("/tini", "--", "/bin/deno"));
    }

    @Test
    void otherImagesAndBinTagsHaveNone() {
        assertThat(DenoImages.entrypoint(image("denoland/deno:bin-2.1.4"), List.of("run", "main.ts"))).isEmpty();
        assertThat(DenoImages.entrypoint(image("node:22"), List.of("run", "main.ts"))).isEmpty();
    }

    @Test
    void denoUserByVariant() {
        assertThat(DenoImages.denoUser(image("denoland/deno:2.1.4"))).contains("1993:1993");
        assertThat(DenoImages.denoUser(image("denoland/deno:ubuntu-2.1.4"))).contains("1993:1993");
        assertThat(DenoImages.denoUser(image("denoland/deno:alpine-2.1.4"))).contains("1000:1000");
        assertThat(DenoImages.denoUser(image("denoland/deno:distroless-2.1.4"))).isEmpty();
    }
}
