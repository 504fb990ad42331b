package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesLinkerTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void deployment(String... images) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  template:
                    spec:
                      containers:
                """);
        for (int i = 0; i < images.length; i++) {
            yaml.append("        - name: c").append(i).append("\n          image: ").append(images[i]).append('\n');
        }
        write("k8s/shop.yaml", yaml.toString());
    }

    private List<String> links() {
        Project project = new ProjectLoader().load(dir);
        return project.kubernetesWorkloads().get(0).containers().stream()
                .map(c -> c.image() + "=" + c.dockerfile() + (c.stage() == null ? "" : "#" + c.stage())).toList();
    }

    @Test
    void aPublishersImageNamedLikeAFolderLinksNoDockerfile() throws IOException {
        write("redis/Dockerfile", "FROM redis:7.4.1\nCOPY redis.conf /usr/local/etc/redis/redis.conf\n");
        write("postgresql/Dockerfile", "FROM postgres:16.4\nCOPY init.sql /docker-entrypoint-initdb.d/\n");
        write("api/Dockerfile", "FROM python:3.12.7-slim\nCMD [\"python\", \"-m\", \"api\"]\n");
        deployment("redis:7.4.1", "docker.io/library/redis", "bitnami/postgresql:16.4.0",
                "quay.io/prometheus/redis:1", "api:dev");
        assertThat(links()).containsExactly("redis:7.4.1=null", "docker.io/library/redis=null",
                "bitnami/postgresql:16.4.0=null", "quay.io/prometheus/redis:1=null", "api:dev=api/Dockerfile#0");
    }

    @Test
    void theOneLocalNameNoRegistryHasIsTheImageOfTheOnlyDockerfile() throws IOException {
        write("Dockerfile", "FROM node:22.11.0-slim\nCMD [\"node\", \"index.js\"]\n");
        deployment("sit737-prac6c-app", "redis:7.4.1", "ghcr.io/acme/worker:1.0");
        assertThat(links()).containsExactly("sit737-prac6c-app=Dockerfile#0", "redis:7.4.1=null",
                "ghcr.io/acme/worker:1.0=null");
    }

    @Test
    void twoLocalNamesLeaveTheOnlyDockerfileUnlinked() throws IOException {
        write("Dockerfile", "FROM node:22.11.0-slim\nCMD [\"node\", \"index.js\"]\n");
        deployment("shop-api:dev", "shop-worker:dev");
        assertThat(links()).containsExactly("shop-api:dev=null", "shop-worker:dev=null");
    }

    @Test
    void aComposeBuildTaggedWithAnOfficialNameDoesNotMakeTheClustersImageTheProjects() throws IOException {
        write("redis/Dockerfile", "FROM redis:7.4.1\nCOPY redis.conf /usr/local/etc/redis/redis.conf\n");
        write("compose.yaml", "services:\n  cache:\n    build: ./redis\n    image: redis:7.4.1\n");
        deployment("redis:7.4.1");
        assertThat(links()).containsExactly("redis:7.4.1=null");
    }

    @Test
    void aNameAloneLinksOnlyUnderTheRegistryAndOwnerTheProjectTagsItsBuildsWith() throws IOException {
        write("api/Dockerfile", "FROM python:3.12.7-slim\nCMD [\"python\", \"-m\", \"api\"]\n");
        write("web/Dockerfile", "FROM nginx:1.27.3\n");
        write("Makefile", "image:\n\tdocker build -t ghcr.io/acme/storefront:latest web\n");
        deployment("ghcr.io/acme/api:1.0", "ghcr.io/someone/api:1.0", "api:local");
        assertThat(links()).containsExactly("ghcr.io/acme/api:1.0=api/Dockerfile#0", "ghcr.io/someone/api:1.0=null",
                "api:local=api/Dockerfile#0");
    }

    @Test
    void theLinkNamesTheStageTheDeployedImageIsBuiltUpTo() throws IOException {
        write("api/Dockerfile", """
                FROM python:3.12.7-slim AS base
                FROM base AS prod
                CMD ["python", "-m", "api"]
                FROM base AS dev
                CMD ["python", "-m", "api", "--reload"]
                """);
        write("Makefile", "image:\n\tdocker build --target prod -t ghcr.io/acme/api api\n");
        write("compose.yaml", "services:\n  api:\n    build:\n      context: ./api\n      target: dev\n"
                + "    image: ghcr.io/acme/api-dev\n");
        deployment("ghcr.io/acme/api:1.0", "ghcr.io/acme/api-dev:1.0");
        // the compose build of the dev stage names an image, but a cluster runs the one the Dockerfile's own build makes
        assertThat(links()).containsExactly("ghcr.io/acme/api:1.0=api/Dockerfile#1",
                "ghcr.io/acme/api-dev:1.0=api/Dockerfile#1");
    }

    @Test
    void aLastStageForDevelopmentLeavesTheStageOpen() throws IOException {
        write("api/Dockerfile", """
                FROM python:3.12.7-slim AS prod
                CMD ["python", "-m", "api"]
                FROM prod AS development
                CMD ["python", "-m", "api", "--reload"]
                """);
        deployment("ghcr.io/acme/api:1.0");
        assertThat(links()).containsExactly("ghcr.io/acme/api:1.0=api/Dockerfile");
    }

    @Test
    void aSingleStageIsTheStageWhateverItsName() throws IOException {
        write("api/Dockerfile", "FROM python:3.12.7-slim AS dev\nCMD [\"python\", \"-m\", \"api\"]\n");
        deployment("ghcr.io/acme/api:1.0");
        assertThat(links()).containsExactly("ghcr.io/acme/api:1.0=api/Dockerfile#0");
    }
}
