package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {

    @TempDir
    Path dir;

    private static Path sharedExample() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("shared/examples/unify"))) {
                return d.resolve("shared/examples/unify");
            }
        }
        throw new IllegalStateException("shared examples not found");
    }

    @Test
    void jsonShowsTheServiceLinkedToWhatItBuildsAndRuns() throws IOException {
        CliRun run = CliRun.of("parse", sharedExample().toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode app = new ObjectMapper().readTree(run.out()).get("containers").get(0);
        assertThat(app.get("name").asText()).isEqualTo("unify-app");
        assertThat(app.get("build").get("dockerfile").asText()).isEqualTo("Dockerfile");
        assertThat(app.get("build").get("dockerignore").asText()).isEqualTo(".dockerignore");
        assertThat(app.get("manifests").get(0).asText()).isEqualTo("requirements.txt");
        assertThat(app.get("entryFiles").get(0).asText()).isEqualTo("app.py");
        assertThat(app.get("command").get("argv").toString()).isEqualTo("[\"python\",\"app.py\"]");
        assertThat(app.get("command").get("form").asText()).isEqualTo("exec");
        assertThat(app.get("healthcheck").get("origin").get("file").asText()).isEqualTo("docker-compose.yml");
        assertThat(app.get("healthcheck").get("origin").get("line").asInt()).isEqualTo(62);
    }

    @Test
    void textSummaryNamesTheLinks() {
        CliRun run = CliRun.of("parse", sharedExample().toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Container unify-app (docker-compose.yml:4:3)")
                .contains("command:     python app.py (exec form, Dockerfile:44:1)")
                .contains("healthcheck: CMD curl -f http://localhost:5000/health (compose, docker-compose.yml:62:7)");
    }

    @Test
    void buildkitFormatPrintsTheAstDump() throws IOException {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, "FROM alpine AS base\nRUN --mount=type=cache,target=/root/.cache \\\n  echo hi\n");
        CliRun run = CliRun.of("parse", file.toString(), "--format", "buildkit");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("(from \"alpine\" \"AS\" \"base\")\n(run [\"--mount=type=cache,target=/root/.cache\"] \"echo hi\")\n");
    }

    @Test
    void aMissingPathIsOneLineAndExitCodeTwo() {
        CliRun run = CliRun.of("parse", dir.resolve("missing").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("drydock: ").endsWith("missing: no such file or directory"));
    }

    @Test
    void invalidSyntaxIsFileLineColumnAndExitCodeTwo() throws IOException {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, "FROM alpine\nHEALTHCHECK --interval=soon CMD true\n");
        CliRun run = CliRun.of("parse", file.toString(), "--format", "json");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().lines()).singleElement().satisfies(l -> assertThat(l).matches("drydock: Dockerfile:2:\\d+: .+"));
    }

    @Test
    void aFileWithNoInstructionsIsRejectedLikeBuildKitDoes() throws IOException {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, "# nothing here\n");
        CliRun run = CliRun.of("parse", file.toString(), "--format", "buildkit");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("drydock: ").contains("Dockerfile").doesNotContain("\tat ");
    }

    @Test
    void aFileWithAnOddNameCanSayWhatItIs() throws IOException {
        Path file = dir.resolve("stack.yml.tmpl");
        Files.writeString(file, "services:\n  web:\n    image: nginx:1.27\n");
        CliRun run = CliRun.of("parse", file.toString(), "--as", "compose");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Container web");
    }
}
