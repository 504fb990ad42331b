package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** action.yml and the script its step runs, with a stand-in for the launcher that records its arguments. */
class GithubActionTest {

    private static final Path REPOSITORY = Path.of("..");

    @Test
    @SuppressWarnings("unchecked")
    void theInputsReachTheStepThroughItsEnvironmentNeverThroughItsScript() throws IOException {
        Map<String, Object> action = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(REPOSITORY.resolve("action.yml")));
        assertThat((Map<String, Object>) action.get("inputs")).containsOnlyKeys("path", "fail-on", "sarif-file", "annotations");
        Map<String, Object> runs = (Map<String, Object>) action.get("runs");
        assertThat(runs).containsEntry("using", "composite");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) runs.get("steps");
        Map<String, Object> review = steps.get(steps.size() - 1);
        assertThat((String) review.get("run")).isEqualTo("\"$GITHUB_ACTION_PATH/scripts/github-action\"");
        assertThat((Map<String, Object>) review.get("env")).containsEntry("DRYDOCK_PATH", "${{ inputs.path }}")
                .containsEntry("DRYDOCK_FAIL_ON", "${{ inputs.fail-on }}");
    }

    private static Path copyWithStandIn(Path dir, int exit) throws IOException {
        Files.createDirectories(dir.resolve("scripts"));
        Files.copy(REPOSITORY.resolve("scripts/github-action"), dir.resolve("scripts/github-action"));
        Files.writeString(dir.resolve("drydock"), "#!/bin/sh\nprintf '%s|' \"$@\" >> \"$(dirname \"$0\")/calls\"\n"
                + "echo >> \"$(dirname \"$0\")/calls\"\nexit " + exit + "\n");
        Files.setPosixFilePermissions(dir.resolve("drydock"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private static int run(Path dir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", dir.resolve("scripts/github-action").toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start().waitFor();
    }

    @Test
    void reviewsIntoSarifThenAnnotatesAndKeepsTheReviewsExitCode(@TempDir Path dir) throws Exception {
        copyWithStandIn(dir, 1);
        int exit = run(dir, Map.of("DRYDOCK_PATH", "services/api; rm -rf /", "DRYDOCK_FAIL_ON", "medium",
                "DRYDOCK_SARIF", "out.sarif"));
        assertThat(exit).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("calls"), StandardCharsets.UTF_8)).containsExactly(
                "review|services/api; rm -rf /|--format|sarif|-o|out.sarif|--fail-on|medium|",
                "review|services/api; rm -rf /|--format|github|--fail-on|none|--no-shellcheck|");
    }

    @Test
    void anInputErrorStopsBeforeTheAnnotationsAndAnnotationsCanBeTurnedOff(@TempDir Path dir) throws Exception {
        copyWithStandIn(dir.resolve("broken"), 2);
        assertThat(run(dir.resolve("broken"), Map.of())).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("broken/calls"))).containsExactly(
                "review|.|--format|sarif|-o|drydock.sarif|--fail-on|high|");
        copyWithStandIn(dir.resolve("quiet"), 0);
        assertThat(run(dir.resolve("quiet"), Map.of("DRYDOCK_ANNOTATIONS", "false"))).isZero();
        assertThat(Files.readAllLines(dir.resolve("quiet/calls"))).hasSize(1);
    }
}
