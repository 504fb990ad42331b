package dev.drydock.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.core.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkedDockerfilesTest {

    @TempDir
    Path dir;

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void aDockerfileLinkedToAnotherIsReviewedOnceAndSharesItsBuilds() throws IOException {
        write("docker/server.Dockerfile", """
                FROM golang:1.23.3 AS build
                WORKDIR /src
                COPY . .
                RUN CGO_ENABLED=0 go build -o /relay .

                FROM alpine:3.20.3
                COPY --from=build /relay /usr/bin/relay
                CMD ["/usr/bin/relay"]
                """);
        write("docker/docker-bake.hcl", """
                target "default" {
                  dockerfile = "docker/server.Dockerfile"
                  labels = { "org.opencontainers.image.source" = "https://github.com/example/relay" }
                }
                """);
        write("go.mod", "module example.com/relay\n\ngo 1.23\n");
        write("main.go", "package main\n\nfunc main() {}\n");
        try {
            Files.createSymbolicLink(dir.resolve("Dockerfile"), Path.of("docker/server.Dockerfile"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symlinks are not supported here");
        }
        Review review = Reviewer.standard(ReviewSettings.DEFAULT).review(new ProjectLoader().load(dir));
        assertThat(review.findings()).filteredOn(f -> f.ruleId().equals("runs-as-root"))
                .extracting(f -> f.location().file()).containsExactly("docker/server.Dockerfile");
        assertThat(review.findings()).filteredOn(f -> f.ruleId().equals("oci-labels-missing")).isEmpty();
        assertThat(review.findings()).extracting(f -> f.location().file()).doesNotContain("Dockerfile");
    }
}
