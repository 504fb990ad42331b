package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewSarifCommandTest {

    @TempDir
    Path dir;

    private Path rootImage() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("Dockerfile"), "FROM alpine:3.20.3\nCMD [\"sleep\", \"1\"]\n");
        return project;
    }

    @Test
    void aSarifOutputFileGetsSarifAndTheExitCodeStillFollowsTheThreshold() throws IOException {
        Path report = dir.resolve("drydock.sarif");
        CliRun run = CliRun.of("review", rootImage().toString(), "-o", report.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        JsonNode log = new ObjectMapper().readTree(report.toFile());
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        JsonNode result = log.at("/runs/0/results/0");
        assertThat(result.get("ruleId").asText()).isEqualTo("runs-as-root");
        assertThat(result.get("level").asText()).isEqualTo("error");
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("Dockerfile");
        assertThat(log.at("/runs/0/originalUriBaseIds/SRCROOT/uri").asText()).endsWith("/project/");
    }

    @Test
    void formatSarifWritesToStandardOutput() throws IOException {
        CliRun run = CliRun.of("review", rootImage().toString(), "--format", "sarif", "--fail-on", "none");

        assertThat(run.exit()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).at("/runs/0/tool/driver/name").asText()).isEqualTo("drydock");
    }
}
