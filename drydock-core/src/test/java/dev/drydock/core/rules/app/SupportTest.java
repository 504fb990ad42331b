package dev.drydock.core.rules.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.Probes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helpers the application rules share: what base images contain, what a Dockerfile installs, what a probe runs. */
class SupportTest {

    @TempDir
    Path dir;

    private static Optional<BaseImageFacts.ImageTools> tools(String image) {
        ImageReference ref = ImageReference.parse(image);
        return BaseImageFacts.tools(new BaseImage.External(image, image, ref, null));
    }

    @Test
    void baseImagesShipWhatTheirDockerfilesInstall() {
        assertThat(tools("python:3.11-slim")).hasValueSatisfying(t -> {
            assertThat(t.has("curl")).isFalse();
            assertThat(t.has("wget")).isFalse();
            assertThat(t.has("python")).isTrue();
            assertThat(t.shell()).isTrue();
            assertThat(t.packageManager()).isEqualTo("apt");
        });
        assertThat(tools("python:3.12")).hasValueSatisfying(t -> assertThat(t.has("curl")).isTrue());
        assertThat(tools("node:22-alpine")).hasValueSatisfying(t -> {
            assertThat(t.has("wget")).isTrue();
            assertThat(t.has("curl")).isFalse();
            assertThat(t.packageManager()).isEqualTo("apk");
        });
        assertThat(tools("debian:12")).hasValueSatisfying(t -> assertThat(t.has("curl")).isFalse());
        assertThat(tools("gcr.io/distroless/python3-debian12")).hasValueSatisfying(t -> {
            assertThat(t.shell()).isFalse();
            assertThat(t.has("python3")).isTrue();
        });
        assertThat(tools("gcr.io/distroless/base-debian12:debug")).hasValueSatisfying(t -> {
            assertThat(t.shell()).isFalse(); // BusyBox lives in /busybox: no /bin/sh
            assertThat(t.has("sh")).isTrue();
            assertThat(t.has("wget")).isTrue();
            assertThat(t.shellOutsideBin()).isEqualTo("/busybox/sh");
        });
        assertThat(tools("registry.example.com/team/python:3.12")).isEmpty();
        assertThat(tools("python@sha256:" + "a".repeat(64))).isEmpty();
        assertThat(BaseImageFacts.tools(new BaseImage.Scratch())).hasValueSatisfying(t -> assertThat(t.shell()).isFalse());
    }

    private Container container(String dockerfile) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        Project project = new ProjectLoader().load(dir);
        return project.containers().get(0);
    }

    @Test
    void whatTheFinalStageInstallsAndRemoves() throws IOException {
        ImageContents image = ImageContents.of(container("""
                FROM alpine:3.20 AS tools
                RUN apk add --no-cache jq

                FROM debian:12-slim
                RUN apt-get -o Acquire::Retries=3 update && apt-get install -y --no-install-recommends curl=7.88.1-10 wget \\
                    && apt-get purge -y wget
                RUN pip install --no-cache-dir "gunicorn==23.0.0" uvicorn[standard]
                """));
        assertThat(image.has("curl")).contains(true);
        assertThat(image.installed("curl")).hasValueSatisfying(i -> assertThat(i.origin().line()).isEqualTo(5));
        assertThat(image.has("wget")).contains(false);
        assertThat(image.has("python")).contains(false);
        assertThat(image.pythonPackage("gunicorn")).isPresent();
        assertThat(image.pythonPackage("uvicorn")).isPresent();
        assertThat(image.baseImage()).isEqualTo("debian:12-slim");
        assertThat(ImageContents.of(container("FROM example.com/base:1\n")).has("curl")).isEmpty();
    }

    @Test
    void aDockerfileProbeIsLocatedAtItsProgramWord() throws IOException {
        Container shell = container("FROM python:3.12.7-slim\nHEALTHCHECK --interval=30s \\\n"
                + "    CMD curl -f http://localhost:8000/health || exit 1\nCMD [\"python\", \"app.py\"]\n");
        Probes.Probe probe = Probes.of(shell.healthcheck());
        var at = Probes.locate(shell, shell.healthcheck(), probe.programs().get(0));
        assertThat(at.file()).isEqualTo("Dockerfile");
        assertThat(at.span().startLine()).isEqualTo(3);
        assertThat(at.span().startColumn()).isEqualTo(9);
        assertThat(at.span().endLine()).isEqualTo(3);

        Container exec = container("FROM node:22.11.0-slim\nHEALTHCHECK CMD [\"wget\", \"-q\", \"http://localhost:3000/\"]\n");
        var execAt = Probes.locate(exec, exec.healthcheck(), Probes.of(exec.healthcheck()).programs().get(0));
        assertThat(execAt.span().startLine()).isEqualTo(2);
        assertThat(execAt.span().startColumn()).isEqualTo(18);
    }

    @Test
    void probesAreReadForProgramsAndUrls() {
        Probes.Probe exec = Probes.of(new EffectiveHealthcheck(List.of("CMD", "/usr/bin/curl", "-fsS",
                "http://127.0.0.1:8080/api/health?full=1"), false, "compose", null, null, null, null, null));
        assertThat(exec.shell()).isFalse();
        assertThat(exec.programs()).extracting(Probes.Program::name).containsExactly("curl");
        assertThat(exec.localUrl()).satisfies(u -> {
            assertThat(u.port()).isEqualTo(8080);
            assertThat(u.path()).isEqualTo("/api/health?full=1");
            assertThat(u.withPath("/ready")).isEqualTo("http://127.0.0.1:8080/ready");
        });
        Probes.Probe shell = Probes.of(new EffectiveHealthcheck(List.of("CMD-SHELL",
                "wget -qO- http://localhost:${PORT}/health || exit 1"), false, "dockerfile", null, null, null, null, null));
        assertThat(shell.shell()).isTrue();
        assertThat(shell.programs()).extracting(Probes.Program::name).containsExactly("wget");
        assertThat(shell.localUrl()).satisfies(u -> assertThat(u.port()).isNull());
        Probes.Probe remote = Probes.of(new EffectiveHealthcheck(List.of("CMD", "curl", "https://example.com/x"), false,
                "compose", null, null, null, null, null));
        assertThat(remote.localUrl()).isNull();
        assertThat(Probes.of(new EffectiveHealthcheck(List.of("NONE"), true, "compose", null, null, null, null, null))).isNull();
    }

    @Test
    void probeUrlsEndWhereTheShellEndsAWord() {
        Probes.Probe piped = Probes.of(new EffectiveHealthcheck(List.of("CMD-SHELL",
                "curl -f http://localhost:8080/| grep UP"), false, "dockerfile", null, null, null, null, null));
        assertThat(piped.urls()).extracting(Probes.Url::path).containsExactly("/");
        Probes.Probe chained = Probes.of(new EffectiveHealthcheck(List.of("CMD-SHELL",
                "wget -qO- localhost:9000/q/health/live&&exit 0;exit 1"), false, "dockerfile", null, null, null, null, null));
        assertThat(chained.localUrl()).satisfies(u -> {
            assertThat(u.port()).isEqualTo(9000);
            assertThat(u.path()).isEqualTo("/q/health/live");
        });
        Probes.Probe quoted = Probes.of(new EffectiveHealthcheck(List.of("CMD", "sh", "-c",
                "curl -fs 'http://localhost:8080/health?a=1&b=2'>/dev/null"), false, "compose", null, null, null, null, null));
        assertThat(quoted.urls()).extracting(Probes.Url::path).containsExactly("/health?a=1&b=2");
        Probes.Probe substituted = Probes.of(new EffectiveHealthcheck(List.of("CMD-SHELL",
                "[ \"$(curl -s http://localhost:8080/q/health|jq -r .status)\" = UP ]"), false, "dockerfile", null, null,
                null, null, null));
        assertThat(substituted.urls()).extracting(Probes.Url::path).containsExactly("/q/health");
    }
}
