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
    @Test
    void aStageThatIsOneBuildsImageAndAnotherBuildsBuilderIsReadOnce(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM node:lts AS development
                WORKDIR /code
                COPY package.json package-lock.json ./
                RUN npm ci
                COPY . .
                USER node
                CMD ["npm", "start"]

                FROM development AS builder
                RUN npm run build

                FROM nginxinc/nginx-unprivileged:1.27.3-alpine
                COPY --from=builder /code/build /usr/share/nginx/html
                """);
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web:
                    build:
                      context: .
                      target: development
                """);
        Review review = new Reviewer(DockerfileRules.all()).review(new ProjectLoader().load(dir));
        List<Finding> unpinned = review.findings().stream().filter(f -> f.ruleId().equals("unpinned-base-image"))
                .toList();
        assertThat(unpinned).hasSize(1);
        assertThat(unpinned.get(0).message()).doesNotContain("builder");
    }

    @Test
    void goCodeBuiltIntoTwoTargetsIsOneShutdownFinding(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("go.mod"), "module example.com/notes\n\ngo 1.23\n");
        Files.writeString(dir.resolve("main.go"), """
                package main

                import (
                	"log"
                	"net/http"
                )

                func main() {
                	log.Fatal(http.ListenAndServe(":8080", http.NewServeMux()))
                }
                """);
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM golang:1.23.4-alpine AS builder
                WORKDIR /code
                COPY go.mod *.go ./
                RUN CGO_ENABLED=0 go build -o bin/notes .
                CMD ["/code/bin/notes"]

                FROM scratch
                COPY --from=builder /code/bin/notes /usr/local/bin/notes
                CMD ["/usr/local/bin/notes"]
                """);
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  notes:
                    build:
                      context: .
                      target: builder
                """);
        Review review = Reviewer.standard().review(new ProjectLoader().load(dir));
        assertThat(review.findings().stream().filter(f -> f.ruleId().equals("graceful-shutdown-missing")))
                .hasSize(1);
    }
}
