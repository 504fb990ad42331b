package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewBatchCommandTest {

    @TempDir
    Path dir;

    private static final String ROOT_IMAGE = "FROM alpine:3.20.3\nEXPOSE 8080\nCMD [\"sleep\", \"1\"]\n";
    private static final String CLEAN_IMAGE = "FROM alpine:3.20.3\nUSER 10001\nCMD [\"sleep\", \"1\"]\n";

    private Path project(String folder, String dockerfile) throws IOException {
        Path project = dir.resolve(folder);
        Files.createDirectories(project);
        Files.writeString(project.resolve("Dockerfile"), dockerfile);
        return project;
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            nodes.add(new ObjectMapper().readTree(line));
        }
        return nodes;
    }

    @Test
    void jsonlIsTheDefaultWithoutATerminal() throws IOException {
        project("team-a/api", ROOT_IMAGE);
        project("team-a/web", CLEAN_IMAGE);
        Path other = project("other", CLEAN_IMAGE);

        CliRun run = CliRun.of("review", "--batch", dir.resolve("team-a").toString(), other.toString());

        List<JsonNode> lines = lines(run.out());
        assertThat(lines).filteredOn(l -> l.get("type").asText().equals("summary"))
                .extracting(l -> l.get("project").asText())
                .containsExactly(dir.resolve("team-a/api").toString(), dir.resolve("team-a/web").toString(),
                        other.toString());
        assertThat(lines).filteredOn(l -> l.get("type").asText().equals("finding"))
                .anySatisfy(l -> {
                    assertThat(l.get("project").asText()).isEqualTo(dir.resolve("team-a/api").toString());
                    assertThat(l.get("rule").asText()).isEqualTo("runs-as-root");
                    assertThat(l.get("line").asInt()).isEqualTo(1);
                });
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEmpty(); // no progress bar without a terminal
    }

    @Test
    void exclusionsAreRelativeToTheConfigurationFileForEveryProject() throws IOException {
        Path api = project("team-a/api", CLEAN_IMAGE);
        Files.createDirectories(api.resolve("legacy"));
        Files.writeString(api.resolve("legacy/Dockerfile"), ROOT_IMAGE);
        project("team-b/web", CLEAN_IMAGE);
        Path config = dir.resolve(".drydock.yaml");
        Files.writeString(config, "exclude: [team-a/api/legacy/]\nfail-on: critical\n");

        for (CliRun run : List.of(CliRun.of("review", "--batch", dir.resolve("team-a").toString()),
                CliRun.of("review", "--batch", dir.resolve("team-a").toString(), "--config", config.toString()))) {
            List<JsonNode> lines = lines(run.out());
            assertThat(lines).filteredOn(l -> l.get("type").asText().equals("finding"))
                    .noneMatch(l -> l.path("file").asText("").contains("legacy/") || l.get("project").asText().endsWith("legacy"));
            assertThat(run.exit()).as(run.err()).isZero();
        }
    }

    @Test
    void exitCodeFollowsTheThresholdOverAllProjects() throws IOException {
        project("a", ROOT_IMAGE);
        project("b", CLEAN_IMAGE);

        assertThat(CliRun.of("review", "--batch", dir.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("review", "--batch", dir.toString(), "--fail-on", "none").exit()).isZero();
        assertThat(CliRun.of("review", "--batch", dir.resolve("b").toString(), "--fail-on", "critical").exit()).isZero();
    }

    @Test
    void textGivesEachProjectAHeading() throws IOException {
        Path a = project("a", ROOT_IMAGE);
        Path b = project("b", CLEAN_IMAGE);

        CliRun run = CliRun.of("review", "--batch", dir.toString(), "--format", "text", "--fail-on", "none");

        assertThat(run.out()).contains("== " + a + "\nCRITICAL Dockerfile:1:1 Container runs as root [runs-as-root]")
                .contains("== " + b + "\n");
        assertThat(run.exit()).isZero();
    }

    @Test
    void theResultsCanBeWrittenToAFile() throws IOException {
        project("a", ROOT_IMAGE);
        Path report = dir.resolve("batch.jsonl");

        CliRun run = CliRun.of("review", "--batch", dir.resolve("a").toString(), "--output", report.toString(),
                "--fail-on", "none");

        assertThat(run.out()).isEmpty();
        assertThat(lines(Files.readString(report))).last().satisfies(l -> assertThat(l.get("type").asText()).isEqualTo("summary"));
    }

    @Test
    void aMissingPathIsAnInputErrorBeforeAnyOutput() throws IOException {
        Path a = project("a", ROOT_IMAGE);

        CliRun run = CliRun.of("review", "--batch", a.toString(), dir.resolve("nope").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("drydock: ").contains("no such file or directory");
    }

    @Test
    void severalPathsNeedBatch() throws IOException {
        Path a = project("a", ROOT_IMAGE);
        Path b = project("b", ROOT_IMAGE);

        CliRun run = CliRun.of("review", a.toString(), b.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("several PATHs need --batch");
    }

    @Test
    void batchWritesJsonlTextGithubOrSarifOnly() throws IOException {
        Path a = project("a", ROOT_IMAGE);

        assertThat(CliRun.of("review", "--batch", a.toString(), "--format", "json").err())
                .contains("--batch writes --format jsonl, text, github or sarif");
        assertThat(CliRun.of("review", a.toString(), "--format", "jsonl").exit()).isEqualTo(2);
        assertThat(CliRun.of("review", "--batch", a.toString(), "--verify").exit()).isEqualTo(2);
    }

    @Test
    void githubAnnotationsNameEachProjectsFilesUnderItsFolder() throws IOException {
        project("team-a/api", ROOT_IMAGE);
        project("team-b/web", CLEAN_IMAGE);

        CliRun run = CliRun.of("review", "--batch", dir.toString(), "--format", "github");

        assertThat(run.exit()).isEqualTo(1);
        String root = dir.toString().replace('\\', '/');
        assertThat(run.out().lines()).isNotEmpty().allMatch(l -> l.startsWith("::"))
                .anyMatch(l -> l.startsWith("::error file=" + root.replace(":", "%3A") + "/team-a/api/Dockerfile,line=1,"));
    }

    @Test
    void aFolderWithoutProjectsWritesNothing() throws IOException {
        Files.createDirectories(dir.resolve("empty"));

        CliRun run = CliRun.of("review", "--batch", dir.resolve("empty").toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void batchStreamsOneSarifLog() throws IOException {
        Path a = project("a", ROOT_IMAGE);
        Path b = project("b", ROOT_IMAGE);

        CliRun run = CliRun.of("review", "--batch", a.toString(), b.toString(), "--format", "sarif", "--fail-on", "none");

        assertThat(run.exit()).isZero();
        JsonNode log = new ObjectMapper().readTree(run.out());
        List<String> files = new ArrayList<>();
        log.at("/runs/0/results").forEach(r -> files.add(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()));
        assertThat(files).anyMatch(f -> f.endsWith("a/Dockerfile")).anyMatch(f -> f.endsWith("b/Dockerfile"));
        assertThat(log.at("/runs/0/tool/driver/name").asText()).isEqualTo("drydock");
    }

    @Test
    void projectsComeInTheOrderFoundAndTwoRunsWriteTheSameBytes() throws IOException {
        // the first project found is by far the largest, so it finishes after the others
        StringBuilder big = new StringBuilder("FROM python:3.12\n");
        for (int i = 0; i < 1500; i++) {
            big.append("RUN pip install package").append(i).append(" && apt-get install -y tool").append(i).append('\n');
        }
        project("a-big", big.toString());
        List<String> found = new ArrayList<>(List.of(dir.resolve("a-big").toString()));
        for (int i = 0; i < 8; i++) {
            found.add(project("b" + i, i % 2 == 0 ? ROOT_IMAGE : CLEAN_IMAGE).toString());
        }

        for (String format : List.of("jsonl", "sarif")) {
            CliRun first = CliRun.of("review", "--batch", dir.toString(), "--format", format, "--fail-on", "none");
            CliRun second = CliRun.of("review", "--batch", dir.toString(), "--format", format, "--fail-on", "none");

            assertThat(first.exit()).as(format).isZero();
            assertThat(second.out()).as(format).isEqualTo(first.out());
            if (format.equals("jsonl")) {
                assertThat(lines(first.out())).filteredOn(l -> l.get("type").asText().equals("summary"))
                        .extracting(l -> l.get("project").asText()).containsExactlyElementsOf(found);
            } else {
                assertThat(first.out()).contains("\"partialFingerprints\"");
                List<String> files = new ArrayList<>();
                new ObjectMapper().readTree(first.out()).at("/runs/0/results")
                        .forEach(r -> files.add(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()));
                String under = dir.getFileName() + "/";
                List<String> projects = files.stream()
                        .map(f -> f.substring(f.indexOf(under) + under.length()).replaceAll("/.*", "")).toList();
                assertThat(projects).first().isEqualTo("a-big");
                assertThat(projects).isSorted().contains("b0", "b6");
            }
        }
    }
}
