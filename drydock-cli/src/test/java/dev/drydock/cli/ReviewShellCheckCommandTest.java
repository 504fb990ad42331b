package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.core.shellcheck.ShellCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewShellCheckCommandTest {

    @TempDir
    Path dir;

    @BeforeEach
    void dockerfile() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM debian:12.7-slim
                ARG files
                RUN mkdir -p /srv && \\
                    touch $files
                """);
    }

    @Test
    void runScriptsGoToShellCheckAtTheirExactPosition() throws IOException {
        assumeTrue(ShellCheck.onPath().isPresent(), "shellcheck is not on PATH (Debian package shellcheck)");
        CliRun run = CliRun.of("review", dir.toString(), "--format", "json", "--verbose", "--fail-on", "none");
        assertThat(codes(run)).containsExactly("SC2086 4:11");
        assertThat(run.err()).contains("drydock: shellcheck ").contains("checked 1 RUN script");
    }

    @Test
    void noShellCheckTurnsItOffAndVerboseSaysSo() throws IOException {
        CliRun run = CliRun.of("review", dir.toString(), "--format", "json", "--verbose", "--no-shellcheck",
                "--fail-on", "none");
        assertThat(codes(run)).isEmpty();
        assertThat(run.err()).contains("shellcheck turned off (--no-shellcheck");
    }

    private static List<String> codes(CliRun run) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(run.out()).get("findings")) {
            if (f.get("rule").asText().startsWith("SC")) {
                out.add(f.get("rule").asText() + " " + f.get("line").asInt() + ":" + f.get("column").asInt());
            }
        }
        return out;
    }

    @Test
    void aBatchLeavesShellCheckOutUnlessAsked() throws IOException {
        assumeTrue(ShellCheck.onPath().isPresent(), "shellcheck is not on PATH (Debian package shellcheck)");
        CliRun quiet = CliRun.of("review", "--batch", dir.toString(), "--format", "jsonl", "--verbose", "--fail-on", "none");
        assertThat(quiet.out()).doesNotContain("\"SC2086\"");
        assertThat(quiet.err()).contains("the default with --batch");
        CliRun asked = CliRun.of("review", "--batch", dir.toString(), "--format", "jsonl", "--shellcheck", "--fail-on", "none");
        assertThat(asked.out()).contains("\"SC2086\"");
    }
}
