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
        Files.writeString(project.resolve("Dockerfile"), "FROM alpine:3.20.3\nEXPOSE 8080\nCMD [\"sleep\", \"1\"]\n");
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

    @Test
    void eachCiFormatWritesItsKindOfReport() throws IOException {
        String project = rootImage().toString();

        assertThat(CliRun.of("review", project, "--format", "checkstyle").out())
                .startsWith("<?xml").contains("<checkstyle").contains("source=\"drydock.runs-as-root\"");
        assertThat(CliRun.of("review", project, "--format", "junit").out())
                .startsWith("<?xml").contains("<testsuites").contains("<failure");
        JsonNode issues = new ObjectMapper().readTree(CliRun.of("review", project, "--format", "gitlab").out());
        assertThat(issues.get(0).get("check_name").asText()).isEqualTo("runs-as-root");
        assertThat(issues.get(0).get("severity").asText()).isEqualTo("blocker");
        CliRun github = CliRun.of("review", project, "--format", "github");
        assertThat(github.exit()).isEqualTo(1);
        assertThat(github.out()).startsWith("::error file=" + project.replace('\\', '/').replace(":", "%3A") + "/Dockerfile,line=1,");
    }

    @Test
    void aRelativeFolderPrefixesThePathsAsCiToolsResolveThemFromTheRepositoryRoot() throws IOException {
        Path project = Files.createDirectories(Path.of("target", "ci-formats-" + System.nanoTime(), "api"));
        Files.writeString(project.resolve("Dockerfile"), "FROM alpine:3.20.3\nEXPOSE 8080\nCMD [\"sleep\", \"1\"]\n");
        String relative = project.toString().replace('\\', '/');

        JsonNode issues = new ObjectMapper().readTree(CliRun.of("review", relative, "--format", "gitlab").out());

        assertThat(issues.get(0).at("/location/path").asText()).isEqualTo(relative + "/Dockerfile");
    }

    @Test
    void theOutputFileNameChoosesTheFormatOnlyWhenItIsUnambiguous() throws IOException {
        String project = rootImage().toString();
        Path json = dir.resolve("review.json");
        assertThat(CliRun.of("review", project, "-o", json.toString(), "--fail-on", "none").exit()).isZero();
        assertThat(new ObjectMapper().readTree(json.toFile()).get("findings").isArray()).isTrue();

        CliRun xml = CliRun.of("review", project, "-o", dir.resolve("review.xml").toString());
        assertThat(xml.exit()).isEqualTo(2);
        assertThat(xml.err()).contains("checkstyle or junit").hasLineCount(1);
        assertThat(dir.resolve("review.xml")).doesNotExist();

        Path junit = dir.resolve("junit.xml");
        CliRun written = CliRun.of("review", project, "-o", junit.toString(), "--format", "junit");
        assertThat(written.exit()).isEqualTo(1);
        assertThat(Files.readString(junit)).contains("<testsuites");
    }
}
