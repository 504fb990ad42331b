package dev.drydock.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification against a real engine, on small images built from the local Debian base (no package
 * installs, so each builds in seconds). Skipped when no container engine answers.
 */
class VerifierPodmanTest {

    private static final String BASE = "drydock-test/debian:bookworm";

    /** Serves until SIGTERM, then exits 0; ready once /tmp/ready exists. */
    private static final String SERVER_SCRIPT = """
            #!/bin/sh
            trap 'exit 0' TERM
            touch /tmp/ready
            while :; do sleep 1 & wait $!; done
            """;

    static ContainerEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void findEngine() {
        Optional<ContainerEngine> found = new EngineDetector().find(null);
        assumeTrue(found.isPresent(), "no container engine (Docker or Podman) answers: verify integration tests skipped");
        engine = found.get();
        CommandResult base = new ProcessRunner().run(List.of(engine.name(), "image", "exists", BASE),
                java.time.Duration.ofSeconds(30));
        assumeTrue(engine.name().equals("docker") || base.ok(),
                "the local base image " + BASE + " is missing (scripts/setup-podman creates it): verify integration tests skipped");
    }

    private VerifyReport verify(Path project) {
        return new Verifier(engine, VerifyOptions.defaults()).verify(project);
    }

    private static Map<String, CheckStatus> statuses(ImageVerification image) {
        Map<String, CheckStatus> map = new java.util.LinkedHashMap<>();
        image.checks().forEach(c -> map.put(c.check(), c.status()));
        return map;
    }

    @Test
    void aWellBehavedImagePassesEveryCheck() throws IOException {
        write("srv/run.sh", SERVER_SCRIPT);
        write("Dockerfile", """
                FROM %s
                RUN useradd --uid 10001 --no-create-home app && mkdir -p /data && chown app /data
                COPY srv/run.sh /srv/run.sh
                WORKDIR /srv
                VOLUME /data
                USER 10001
                HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["test", "-f", "/tmp/ready"]
                ENTRYPOINT ["/bin/sh", "/srv/run.sh"]
                """.formatted(BASE));
        VerifyReport report = verify(dir);
        ImageVerification before = report.containers().get(0).before();
        assertThat(before.checks()).as(before.toString()).allMatch(c -> c.status() == CheckStatus.PASS);
        assertThat(before.check("health").orElseThrow().detail()).contains("declared budget 93 s");
        assertThat(before.check("user").orElseThrow().detail()).isEqualTo("runs as uid 10001");
        assertThat(before.check("files").orElseThrow().lines()).anyMatch(l -> l.contains("/data is writable"));
        assertThat(Files.readString(dir.resolve("Dockerfile"))).contains("USER 10001");
    }

    @Test
    void aShellFormRootImageWithoutHealthcheckFails() throws IOException {
        write("Dockerfile", """
                FROM %s
                CMD while :; do sleep 1; done
                """.formatted(BASE));
        write("compose.yaml", """
                services:
                  web:
                    build: .
                    stop_grace_period: 2s
                    environment:
                      TOKEN: ${TOKEN:?set TOKEN}
                """);
        VerifyReport report = verify(dir);
        ImageVerification before = report.containers().get(0).before();
        assertThat(statuses(before)).containsEntry("build", CheckStatus.PASS).containsEntry("health", CheckStatus.FAIL)
                .containsEntry("user", CheckStatus.FAIL).containsEntry("pid1", CheckStatus.FAIL)
                .containsEntry("stop", CheckStatus.FAIL);
        assertThat(before.check("stop").orElseThrow().detail()).contains("SIGKILL");
        assertThat(before.notes()).anyMatch(n -> n.contains("TOKEN") && n.contains(RunPlanner.PLACEHOLDER));
        assertThat(report.passed()).isFalse();
    }

    @Test
    void unreadableFilesAndAFailingProbeFail() throws IOException {
        write("srv/run.sh", SERVER_SCRIPT);
        write("Dockerfile", """
                FROM %s
                RUN useradd --uid 10001 --no-create-home app && mkdir -p /data
                COPY srv/run.sh /srv/run.sh
                VOLUME /data
                USER 10001
                HEALTHCHECK --interval=30s --timeout=2s --retries=2 CMD ["test", "-f", "/tmp/never"]
                ENTRYPOINT ["/bin/sh", "/srv/run.sh"]
                """.formatted(BASE));
        ImageVerification before = verify(dir).containers().get(0).before();
        assertThat(statuses(before)).containsEntry("health", CheckStatus.FAIL).containsEntry("files", CheckStatus.FAIL)
                .containsEntry("user", CheckStatus.PASS).containsEntry("pid1", CheckStatus.PASS)
                .containsEntry("stop", CheckStatus.PASS);
        assertThat(before.check("health").orElseThrow().detail()).startsWith("unhealthy after");
        assertThat(before.check("files").orElseThrow().detail()).contains("/data is not writable");
    }

    @Test
    void aFailingBuildReportsItsLog() throws IOException {
        write("Dockerfile", """
                FROM %s
                RUN echo "compiling the thing" && false
                """.formatted(BASE));
        ImageVerification before = verify(dir).containers().get(0).before();
        CheckResult build = before.check("build").orElseThrow();
        assertThat(build.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(build.lines()).anyMatch(l -> l.contains("compiling the thing"));
        assertThat(before.checks()).hasSize(1);
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
