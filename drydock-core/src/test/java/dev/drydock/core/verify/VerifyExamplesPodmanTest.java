package dev.drydock.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.core.fix.FixEngine;
import dev.drydock.core.fix.FixOptions;
import dev.drydock.core.fix.FixResult;
import dev.drydock.core.fix.FixWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projects under {@code src/test/resources/verify}, built and run with Podman as they are and as
 * {@code drydock fix --unsafe} leaves them: the originals run as root, are not healthy and are killed
 * on stop (the seed review's own Dockerfile does not even start), the fixed images run as a non-root
 * user, become healthy and stop on SIGTERM. Skipped when Podman or the local base image is missing
 * ({@code scripts/setup-podman} prepares both).
 */
class VerifyExamplesPodmanTest {

    static final String BASE_IMAGE = "drydock-test/debian:bookworm";
    static final List<String> PROJECTS = List.of("flask", "node", "seed-recommendation");
    static final int STOP_SECONDS = 3;

    /** What a run of an image shows; null where it could not be told (the container was not running). */
    record Outcome(boolean builds, boolean runs, Boolean nonRoot, Boolean healthy, Boolean stopsOnSigterm) {

        static final Outcome ORIGINAL_FIRST_DOCKERFILE = new Outcome(true, true, false, false, false);
        static final Outcome DOES_NOT_START = new Outcome(true, false, null, null, null);
        static final Outcome PRODUCTION_READY = new Outcome(true, true, true, true, true);
    }

    @TempDir
    static Path temp;

    private static final Map<String, Future<Build>> builds = new ConcurrentHashMap<>();
    private static ExecutorService pool;

    record Build(String tag, boolean ok, String log) {}

    @BeforeAll
    static void buildAll() throws Exception {
        assumeTrue(Podman.available(), "podman is not installed: run scripts/setup-podman to run the verify examples");
        assumeTrue(Podman.run(30, "image", "exists", BASE_IMAGE).code() == 0,
                "the base image " + BASE_IMAGE + " is missing: run scripts/setup-podman to import it");
        pool = Executors.newFixedThreadPool(PROJECTS.size() * 2);
        for (String project : PROJECTS) {
            Path before = Path.of("src/test/resources/verify", project);
            Path after = temp.resolve(project);
            copyTree(before, after);
            FixResult result = FixEngine.standard().fix(after, FixOptions.withUnsafe());
            new FixWriter(after).write(result.changes());
            builds.put(project + "-before", pool.submit(() -> build(project + "-before", before)));
            builds.put(project + "-after", pool.submit(() -> build(project + "-after", after)));
        }
    }

    @AfterAll
    static void removeImages() {
        if (pool != null) {
            pool.shutdownNow();
            for (String key : builds.keySet()) {
                Podman.run(60, "rmi", "-f", tag(key));
            }
        }
    }

    @Test
    void flask() throws Exception {
        verify("flask", Outcome.ORIGINAL_FIRST_DOCKERFILE, Outcome.PRODUCTION_READY);
    }

    @Test
    void node() throws Exception {
        verify("node", Outcome.ORIGINAL_FIRST_DOCKERFILE, Outcome.PRODUCTION_READY);
    }

    @Test
    void seedRecommendation() throws Exception {
        verify("seed-recommendation", Outcome.DOES_NOT_START, Outcome.PRODUCTION_READY);
    }

    private static void verify(String project, Outcome before, Outcome after) throws Exception {
        assertThat(outcome(project + "-before")).as(project + " as written").isEqualTo(before);
        assertThat(outcome(project + "-after")).as(project + " after drydock fix --unsafe").isEqualTo(after);
    }

    private static Outcome outcome(String key) throws Exception {
        Build build = builds.get(key).get(5, TimeUnit.MINUTES);
        assertThat(build.ok()).as("build of " + key + ":\n" + build.log()).isTrue();
        String name = "drydock-verify-test-" + key;
        Podman.run(30, "rm", "-f", name);
        Podman.Result started = Podman.run(30, "run", "-d", "--name", name, "--health-interval=1s",
                "--health-start-period=0s", build.tag());
        assertThat(started.code()).as("podman run " + key + ": " + started.errors()).isZero();
        try {
            Thread.sleep(1500);
            if (!running(name)) {
                return new Outcome(true, false, null, null, null);
            }
            boolean nonRoot = !Podman.run(30, "exec", name, "id", "-u").output().strip().equals("0");
            boolean healthy = waitHealthy(name, 10);
            long start = System.nanoTime();
            Podman.run(STOP_SECONDS + 30, "stop", "-t", Integer.toString(STOP_SECONDS), name);
            double seconds = (System.nanoTime() - start) / 1e9;
            String exit = Podman.run(30, "inspect", name, "--format", "{{.State.ExitCode}}").output().strip();
            boolean graceful = seconds < STOP_SECONDS && (exit.equals("0") || exit.equals("143"));
            return new Outcome(true, true, nonRoot, healthy, graceful);
        } finally {
            Podman.run(30, "rm", "-f", name);
        }
    }

    private static boolean running(String name) {
        return Podman.run(30, "inspect", name, "--format", "{{.State.Running}}").output().strip().equals("true");
    }

    /** Runs the image's probe once a second (no timer runs it here) until healthy, for at most {@code seconds}. */
    private static boolean waitHealthy(String name, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds; i++) {
            if (Podman.run(30, "healthcheck", "run", name).code() == 0 && Podman.run(30, "inspect", name, "--format",
                    "{{.State.Health.Status}}").output().strip().equals("healthy")) {
                return true;
            }
            if (!running(name)) {
                return false;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    private static Build build(String key, Path context) {
        Podman.Result r = Podman.run(600, "build", "--format", "docker", "--isolation", "chroot", "--network", "host",
                "-t", tag(key), "-f", context.resolve("Dockerfile").toString(), context.toString());
        String log = r.output() + r.errors();
        return new Build(tag(key), r.code() == 0, log.length() > 4000 ? log.substring(log.length() - 4000) : log);
    }

    private static String tag(String key) {
        return "localhost/drydock-verify-test/" + key + ":latest";
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** The podman CLI, run directly. */
    static final class Podman {

        /** The exit code, standard output, and standard error (Podman logs its warnings there). */
        record Result(int code, String output, String errors) {}

        static boolean available() {
            return run(30, "--version").code() == 0;
        }

        static Result run(int timeoutSeconds, String... args) {
            List<String> command = new ArrayList<>(List.of("podman"));
            command.addAll(List.of(args));
            try {
                Path out = Files.createTempFile("podman", ".out");
                Path err = Files.createTempFile("podman", ".err");
                try {
                    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        return new Result(-1, "", "timed out: " + String.join(" ", command));
                    }
                    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                            Files.readString(err, StandardCharsets.UTF_8));
                } finally {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(err);
                }
            } catch (IOException e) {
                return new Result(-1, "", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(-1, "", "interrupted");
            }
        }
    }
}
