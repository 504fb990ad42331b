package dev.drydock.core.rules.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several compose services built from one Dockerfile are one image: each problem in it is reported once. */
class SharedImageTest {

    @Test
    void oneFindingPerImageNotPerService(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM python:3.12-slim
                RUN apt-get update && apt-get install -y gcc
                ENV APP_ENV=development
                RUN mkdir -p /app/data
                CMD ["gunicorn", "app:app"]
                """);
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web:
                    build: .
                    environment:
                      APP_ENV: production
                  worker:
                    build: .
                    command: ["celery", "-A", "app", "worker"]
                    environment:
                      APP_ENV: production
                """);
        Review review = new Reviewer(DockerfileRules.all()).review(new ProjectLoader().load(dir));
        for (String rule : List.of("unpinned-base-image", "build-tools-in-final-image", "dev-config-in-image",
                "implicit-permissions", "apt-lists-cleaned", "apt-no-install-recommends", "oci-labels-missing",
                "build-args-missing", "python-unbuffered")) {
            assertThat(review.findings().stream().filter(f -> f.ruleId().equals(rule)))
                    .as(rule).hasSize(1);
        }
        Finding devConfig = review.findings().stream().filter(f -> f.ruleId().equals("dev-config-in-image"))
                .findFirst().orElseThrow();
        assertThat(devConfig.message()).contains("for web", "for worker");
    }

    @Test
    void aTargetStageIsItsOwnImage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM python:3.12.4-slim AS prod
                CMD ["gunicorn", "app:app"]

                FROM prod AS dev
                RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
                ENV FLASK_DEBUG=1
                CMD ["flask", "run", "--debug"]
                """);
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web:
                    build:
                      context: .
                      target: prod
                """);
        Review review = new Reviewer(DockerfileRules.all()).review(new ProjectLoader().load(dir));
        assertThat(review.findings()).noneMatch(f -> f.ruleId().equals("dev-config-in-image")
                || f.ruleId().equals("build-tools-in-final-image"));
    }
}
