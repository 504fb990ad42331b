package dev.drydock.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code drydock verify} end to end on the projects under {@code src/test/resources/verify/}, on a
 * real engine (Podman in CI, prepared by {@code scripts/setup-podman}): each project as written fails
 * the way a first Dockerfile does, and as {@code drydock fix --unsafe} leaves it, it builds, runs as
 * non-root, turns healthy and stops on SIGTERM in time. The projects are verified one after the
 * other: on one engine, a verification that removes its images at the end can take away a cached layer
 * another build is committing (Podman: "layer not known").
 */
class VerifyExamplesPodmanTest {

    private static final String BASE = "drydock-test/debian:bookworm";
    private static final Path PROJECTS = Path.of("src/test/resources/verify");

    private static ContainerEngine engine;
    private static ExecutorService pool;
    private static Map<String, CompletableFuture<VerifyReport>> reports;

    @BeforeAll
    static void verifyAll() {
        Optional<ContainerEngine> found = new EngineDetector().find(null);
        assumeTrue(found.isPresent(), "no container engine (Docker or Podman) answers: verify examples skipped");
        engine = found.get();
        CommandResult base = new ProcessRunner().run(List.of(engine.name(), "image", "exists", BASE), Duration.ofSeconds(30));
        assumeTrue(engine.name().equals("docker") || base.ok(),
                "the local base image " + BASE + " is missing (scripts/setup-podman creates it): verify examples skipped");
        pool = Executors.newSingleThreadExecutor();
        reports = Map.of(
                "flask", verify("flask"),
                "node", verify("node"),
                "seed-recommendation", verify("seed-recommendation"),
                "fastapi", verify("fastapi"));
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static CompletableFuture<VerifyReport> verify(String project) {
        return CompletableFuture.supplyAsync(
                () -> new Verifier(engine, VerifyOptions.defaults()).verify(PROJECTS.resolve(project)), pool);
    }

    private static ContainerVerification only(String project) {
        VerifyReport report = reports.get(project).join();
        assertThat(report.problems()).as(project + ": problems").isEmpty();
        assertThat(report.containers()).as(project + ": containers").hasSize(1);
        return report.containers().get(0);
    }

    private static CheckStatus status(ImageVerification image, String check) {
        return image.check(check).map(CheckResult::status).orElse(null);
    }

    private static void fixedPassesEverything(ContainerVerification c) {
        assertThat(c.after()).as("the fixed image").isNotNull();
        assertThat(c.after().checks()).as(c.after().toString()).allMatch(r -> r.status() == CheckStatus.PASS);
        assertThat(c.after().check("user").orElseThrow().detail()).doesNotContain("uid 0");
        assertThat(c.after().check("stop").orElseThrow().detail()).contains("on SIGTERM");
    }

    @Test
    void flaskFirstDockerfileFailsAndItsFixPasses() {
        ContainerVerification c = only("flask");
        ImageVerification before = c.before();
        assertThat(status(before, "build")).isEqualTo(CheckStatus.PASS);
        assertThat(status(before, "user")).as("runs as root").isEqualTo(CheckStatus.FAIL);
        assertThat(status(before, "health")).as("curl probe without curl").isEqualTo(CheckStatus.FAIL);
        assertThat(status(before, "pid1")).as("sh -c as PID 1").isEqualTo(CheckStatus.FAIL);
        assertThat(before.check("stop").orElseThrow().detail()).contains("SIGKILL");
        fixedPassesEverything(c);
    }

    @Test
    void nodeFirstDockerfileFailsAndItsFixPasses() {
        ContainerVerification c = only("node");
        ImageVerification before = c.before();
        assertThat(status(before, "user")).isEqualTo(CheckStatus.FAIL);
        assertThat(status(before, "health")).isEqualTo(CheckStatus.FAIL);
        assertThat(before.check("stop").orElseThrow().detail()).contains("SIGKILL");
        fixedPassesEverything(c);
    }

    @Test
    void fastapiFromDebianPackagesGetsAPythonProbeAndItsFixPasses() {
        ContainerVerification c = only("fastapi");
        ImageVerification before = c.before();
        assertThat(status(before, "build")).isEqualTo(CheckStatus.PASS);
        assertThat(status(before, "user")).as("runs as root").isEqualTo(CheckStatus.FAIL);
        assertThat(status(before, "health")).as("no healthcheck").isEqualTo(CheckStatus.FAIL);
        fixedPassesEverything(c);
        assertThat(c.after().check("health").orElseThrow().detail()).contains("healthy");
    }

    @Test
    void theOriginalReviewsRecommendationNeverServesAndDrydocksFixDoes() {
        ContainerVerification c = only("seed-recommendation");
        ImageVerification before = c.before();
        assertThat(status(before, "build")).isEqualTo(CheckStatus.PASS);
        assertThat(status(before, "user")).as("appuser, not root").isNotEqualTo(CheckStatus.FAIL);
        assertThat(status(before, "health")).as("the app in /root/.local cannot be imported by appuser")
                .isEqualTo(CheckStatus.FAIL);
        fixedPassesEverything(c);
    }
}
