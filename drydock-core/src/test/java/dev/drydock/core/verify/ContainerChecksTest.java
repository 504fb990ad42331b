package dev.drydock.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order of the checks made on a started container, with an engine answering from a script: a
 * container that dies while it is being checked must not be reported as missing its own files.
 */
class ContainerChecksTest {

    private static final RunPlan PLAN = new RunPlan(
            new RunSpec("app:verify", "app-verify", Map.of(), null, false, null, null, null, null, null, null, null,
                    Duration.ofSeconds(10)),
            List.of("uvicorn", "main:app", "--port", "80"), null, Duration.ofSeconds(10), "/code", List.of(), List.of());

    private static final ImageInfo IMAGE = new ImageInfo(1, 1, "", "/code", List.of(), List.of(), Map.of(), List.of(), null);

    @Test
    void aContainerThatExitsDuringTheChecksSkipsThemAndFailsTheStop() {
        ScriptedEngine engine = new ScriptedEngine(true, false);
        List<CheckResult> results = new ContainerChecks(engine, Duration.ofSeconds(5), false).run(PLAN, IMAGE);

        assertThat(results).extracting(CheckResult::check)
                .containsExactly(HealthCheck.ID, UserCheck.ID, MainProcessCheck.ID, FilesCheck.ID, StopCheck.ID);
        assertThat(results.subList(1, 4)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
            assertThat(r.detail()).isEqualTo("the container exited with code 1 while it was being checked");
        });
        assertThat(results.get(4).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(results.get(4).lines()).containsExactly("PermissionError: [Errno 13] error while attempting to bind");
        assertThat(engine.stopped).as("nothing left to stop").isFalse();
        assertThat(engine.removed).isTrue();
    }

    @Test
    void aContainerStillRunningAfterTheChecksIsStopped() {
        ScriptedEngine engine = new ScriptedEngine(true, true);
        List<CheckResult> results = new ContainerChecks(engine, Duration.ofSeconds(5), false).run(PLAN, IMAGE);

        assertThat(results).extracting(CheckResult::check)
                .containsExactly(HealthCheck.ID, UserCheck.ID, MainProcessCheck.ID, FilesCheck.ID, StopCheck.ID);
        assertThat(results.get(1).status()).isEqualTo(CheckStatus.PASS);
        assertThat(engine.stopped).isTrue();
    }

    /** Answers every exec with success and uid 1000; the container's state follows the given script. */
    private static final class ScriptedEngine implements ContainerEngine {

        private final List<Boolean> running;
        boolean stopped;
        boolean removed;

        ScriptedEngine(Boolean... running) {
            this.running = new ArrayList<>(List.of(running));
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public CommandResult build(BuildRequest request, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ImageInfo inspectImage(String tag) {
            return IMAGE;
        }

        @Override
        public String run(RunSpec spec) {
            return "c1";
        }

        @Override
        public CommandResult exec(String container, String user, List<String> argv) {
            String out = argv.equals(List.of("id", "-u")) ? "1000\n" : argv.get(0).equals("cat") ? "uvicorn\0main:app\0" : "";
            return new CommandResult(argv, 0, out, "", Duration.ZERO, false);
        }

        @Override
        public ContainerState state(String container) {
            boolean now = running.size() > 1 ? running.remove(0) : running.get(0);
            return new ContainerState(now && !stopped, now ? 0 : 1, "", "");
        }

        @Override
        public ContainerState probeHealth(String container) {
            return state(container);
        }

        @Override
        public CommandResult stop(String container, Duration grace) {
            stopped = true;
            return new CommandResult(List.of("stop"), 0, "", "", Duration.ofMillis(300), false);
        }

        @Override
        public List<String> logs(String container, int lines) {
            return List.of("PermissionError: [Errno 13] error while attempting to bind");
        }

        @Override
        public void removeContainer(String container) {
            removed = true;
        }

        @Override
        public void removeImage(String tag) {
        }
    }
}
