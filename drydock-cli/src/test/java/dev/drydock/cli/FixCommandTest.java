package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixCommandTest {

    private static final String COMPOSE = "version: \"3.9\"\n\nservices:\n  web:\n    image: nginx:1.27.3\n";

    @TempDir
    Path dir;

    private Path project() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
        return dir;
    }

    @Test
    void dryRunPrintsTheDiffAndWritesNothing() throws IOException {
        CliRun run = CliRun.of("fix", project().toString(), "--dry-run", "--rule", "compose-version-obsolete",
                "--fail-on", "none");
        assertThat(run.out()).contains("--- a/compose.yaml", "+++ b/compose.yaml", "-version: \"3.9\"",
                "Would fix 1 finding", "would change compose.yaml");
        assertThat(run.exit()).as("changes pending").isEqualTo(1);
        assertThat(Files.readString(dir.resolve("compose.yaml"))).isEqualTo(COMPOSE);
    }

    @Test
    void fixWritesTheFileAndSaysWhatRemains() throws IOException {
        CliRun run = CliRun.of("fix", project().toString(), "--rule", "no-version-field", "--fail-on", "none");
        assertThat(run.exit()).isZero();
        assertThat(Files.readString(dir.resolve("compose.yaml"))).isEqualTo("services:\n  web:\n    image: nginx:1.27.3\n");
        assertThat(run.out()).contains("Fixed 1 finding", "wrote compose.yaml", "compose-version-obsolete");
        CliRun again = CliRun.of("fix", dir.toString(), "--rule", "compose-version-obsolete", "--fail-on", "none");
        assertThat(again.out()).startsWith("Nothing to fix");
    }

    @Test
    void jsonSaysWhatWasAppliedAndWhyTheRestRemains() throws IOException {
        CliRun run = CliRun.of("fix", project().toString(), "--dry-run", "--format", "json", "--fail-on", "none");
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.get("written").asBoolean()).isFalse();
        assertThat(result.get("applied").get(0).get("rule").asText()).isEqualTo("compose-version-obsolete");
        assertThat(result.get("files").get(0).get("diff").asText()).contains("-version: \"3.9\"");
        for (JsonNode remaining : result.get("remaining")) {
            assertThat(remaining.get("reason").asText()).isIn("no-fix", "unsafe", "suggestion", "not-selected",
                    "not-resolved");
        }
    }

    @Test
    void anUnknownRuleIsAnInputError() throws IOException {
        CliRun run = CliRun.of("fix", project().toString(), "--rule", "no-such-rule");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-rule", "no rule has this id or alias");
    }

    @Test
    void noShellCheckLeavesTheRunScriptsUnchecked() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.drydock.core.shellcheck.ShellCheck.onPath().isPresent(),
                "shellcheck is not on PATH (Debian package shellcheck)");
        Files.writeString(dir.resolve("Dockerfile"), "FROM debian:12.7-slim\nARG files\nRUN touch $files\n");
        CliRun checked = CliRun.of("fix", dir.toString(), "--dry-run", "--format", "json", "--fail-on", "none");
        CliRun unchecked = CliRun.of("fix", dir.toString(), "--dry-run", "--format", "json", "--fail-on", "none",
                "--no-shellcheck");
        assertThat(remainingRules(checked)).contains("SC2086");
        assertThat(remainingRules(unchecked)).doesNotContain("SC2086");
    }

    private static java.util.List<String> remainingRules(CliRun run) throws IOException {
        java.util.List<String> rules = new java.util.ArrayList<>();
        new ObjectMapper().readTree(run.out()).get("remaining").forEach(r -> rules.add(r.get("rule").asText()));
        return rules;
    }
}
