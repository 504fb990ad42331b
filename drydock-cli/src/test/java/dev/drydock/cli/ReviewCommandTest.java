package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewCommandTest {

    @TempDir
    Path dir;

    private Path rootImage() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20.3\nEXPOSE 8080\nCMD [\"sleep\", \"1\"]\n");
        return dir;
    }

    @Test
    void jsonFollowsTheContract() throws IOException {
        CliRun run = CliRun.of("review", rootImage().toString(), "--format", "json");
        JsonNode review = new ObjectMapper().readTree(run.out());
        assertThat(review.get("tool").get("name").asText()).isEqualTo("drydock");
        assertThat(review.get("project").asText()).isEqualTo(dir.toString());
        JsonNode finding = review.get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("runs-as-root");
        assertThat(finding.get("severity").asText()).isEqualTo("critical");
        assertThat(finding.get("file").asText()).isEqualTo("Dockerfile");
        assertThat(finding.get("line").asInt()).isEqualTo(1);
        for (String field : new String[] {"title", "message", "endLine", "column", "endColumn", "category", "aliases"}) {
            assertThat(finding.has(field)).as(field).isTrue();
        }
        assertThat(review.get("strengths").isArray()).isTrue();
        assertThat(review.get("summary").get("critical").asInt()).isEqualTo(1);
    }

    @Test
    void exitCodeFollowsTheThreshold() throws IOException {
        Path project = rootImage();
        assertThat(CliRun.of("review", project.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("review", project.toString(), "--fail-on", "none").exit()).isZero();
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20.3\nUSER 10001\nCMD [\"sleep\", \"1\"]\n");
        assertThat(CliRun.of("review", project.toString(), "--fail-on", "critical").exit()).isZero();
    }

    @Test
    void aMissingPathIsAnInputError() {
        CliRun run = CliRun.of("review", dir.resolve("nope").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("drydock: ").contains("no such file or directory");
    }

    @Test
    void theReviewCanBeWrittenToAFile() throws IOException {
        Path report = dir.resolve("review.json");
        CliRun run = CliRun.of("review", rootImage().toString(), "--format", "json", "--output", report.toString());
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(report)).contains("\"rule\" : \"runs-as-root\"");
    }

    @Test
    void textIsCompactAndUncolouredWhenNotATerminal() throws IOException {
        CliRun run = CliRun.of("review", rootImage().toString());
        assertThat(run.out()).contains("CRITICAL Dockerfile:1:1 Container runs as root [runs-as-root]")
                .doesNotContain("\u001b[");
    }
}
