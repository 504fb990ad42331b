package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration on the command line: found or given with --config, its fail-on, its errors. */
class ConfigOptionTest {

    private static final String ROOT_IMAGE = "FROM alpine:3.20.3\nEXPOSE 8080\nCMD [\"sleep\", \"1\"]\n";
    private static final String COMPOSE = "version: \"3.9\"\n\nservices:\n  web:\n    image: nginx:1.27.3\n";

    @TempDir
    Path dir;

    @BeforeEach
    void repository() throws IOException {
        Files.createDirectory(dir.resolve(".git")); // the search for a configuration stops here
    }

    @Test
    void failOnOfTheConfigurationSetsTheExitCodeUnlessTheOptionIsGiven() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), ROOT_IMAGE);
        assertThat(CliRun.of("review", dir.toString()).exit()).as("runs-as-root is critical").isEqualTo(1);
        Files.writeString(dir.resolve(".drydock.yaml"), "fail-on: none\n");
        assertThat(CliRun.of("review", dir.toString()).exit()).isZero();
        assertThat(CliRun.of("review", dir.toString(), "--fail-on", "critical").exit()).isEqualTo(1);
    }

    @Test
    void aConfigurationInAParentFolderApplies() throws IOException {
        Path service = Files.createDirectories(dir.resolve("services/api"));
        Files.writeString(service.resolve("Dockerfile"), ROOT_IMAGE);
        Files.writeString(dir.resolve(".drydock.yaml"), "severity:\n  runs-as-root: low\n");
        CliRun run = CliRun.of("review", service.toString(), "--format", "json");
        assertThat(run.exit()).isZero();
        JsonNode finding = rule(new ObjectMapper().readTree(run.out()), "runs-as-root");
        assertThat(finding.get("severity").asText()).isEqualTo("low");
    }

    @Test
    void configGivesTheFileAndSuppressedFindingsAreCounted() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), ROOT_IMAGE);
        Path config = Files.writeString(dir.resolve("drydock-ci.yaml"), "ignore: [runs-as-root, DL3002]\n");
        CliRun run = CliRun.of("review", dir.toString(), "--config", config.toString(), "--format", "json");
        JsonNode review = new ObjectMapper().readTree(run.out());
        assertThat(review.get("findings").findValuesAsText("rule")).doesNotContain("runs-as-root");
        assertThat(review.get("suppressed").asInt()).isEqualTo(1);
        assertThat(run.exit()).isZero();
        CliRun text = CliRun.of("review", dir.toString(), "--config", config.toString(), "--color", "never");
        assertThat(text.out()).contains("(1 suppressed)");
    }

    @Test
    void anInvalidConfigurationIsAnInputErrorAtItsPosition() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), ROOT_IMAGE);
        Files.writeString(dir.resolve(".drydock.yaml"), "ignore: [runs-as-root]\nfail-on: sometimes\n");
        CliRun run = CliRun.of("review", dir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(".drydock.yaml:2:10: unknown severity sometimes");
        CliRun missing = CliRun.of("review", dir.toString(), "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: no such file");
    }

    @Test
    void anUnknownRuleIdIsAFindingNotAnError() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20.3\nUSER 10001\n");
        Files.writeString(dir.resolve(".drydock.yaml"), "ignore:\n  - runs-as-rot\n");
        CliRun run = CliRun.of("review", dir.toString(), "--format", "json");
        JsonNode finding = rule(new ObjectMapper().readTree(run.out()), "unknown-rule-id");
        assertThat(finding.get("file").asText()).isEqualTo(".drydock.yaml");
        assertThat(finding.get("line").asInt()).isEqualTo(2);
        assertThat(finding.get("column").asInt()).isEqualTo(5);
        assertThat(finding.get("severity").asText()).isEqualTo("low");
    }

    private static JsonNode rule(JsonNode review, String id) {
        for (JsonNode finding : review.get("findings")) {
            if (finding.get("rule").asText().equals(id)) {
                return finding;
            }
        }
        throw new AssertionError("no " + id + " finding in " + review);
    }

    @Test
    void fixDoesNotApplyTheFixOfASuppressedFinding() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "# drydock global ignore=compose-version-obsolete\n" + COMPOSE);
        CliRun run = CliRun.of("fix", dir.toString(), "--rule", "compose-version-obsolete", "--fail-on", "none");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Nothing to fix");
        Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
        Files.writeString(dir.resolve(".hadolint.yaml"), "ignored: [compose-version-obsolete]\n");
        assertThat(CliRun.of("fix", dir.toString(), "--rule", "compose-version-obsolete", "--fail-on", "none").out())
                .startsWith("Nothing to fix");
        assertThat(Files.readString(dir.resolve("compose.yaml"))).isEqualTo(COMPOSE);
    }

    @Test
    void batchReviewsEachProjectWithItsOwnConfiguration() throws IOException {
        Path quiet = Files.createDirectories(dir.resolve("quiet"));
        Path loud = Files.createDirectories(dir.resolve("loud"));
        Files.writeString(quiet.resolve("Dockerfile"), ROOT_IMAGE);
        Files.writeString(loud.resolve("Dockerfile"), ROOT_IMAGE);
        Files.writeString(quiet.resolve(".drydock.yaml"), "ignore: [runs-as-root]\n");
        CliRun run = CliRun.of("review", "--batch", quiet.toString(), "--format", "jsonl");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"suppressed\":1").doesNotContain("runs-as-root");
        assertThat(CliRun.of("review", "--batch", dir.toString(), "--format", "jsonl").exit()).isEqualTo(1);
    }
}
