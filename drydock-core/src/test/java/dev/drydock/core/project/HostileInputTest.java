package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.fix.FixEngine;
import dev.drydock.core.fix.FixOptions;
import dev.drydock.core.fix.FixResult;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects a careless or hostile repository can hold: files drydock does not read must be reported
 * (never a quiet pass), nothing may block on a FIFO, and bytes of the project that could drive a
 * terminal never reach a message raw.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileInputTest {

    @TempDir
    Path dir;

    private Review review() {
        return Reviewer.standard().review(new ProjectLoader().load(dir));
    }

    private static List<Finding> notRead(Review review) {
        return review.findings().stream().filter(f -> f.ruleId().equals("file-not-read")).toList();
    }

    private void fifo(String name) throws IOException, InterruptedException {
        Path path = dir.resolve(name);
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
        } catch (IOException e) {
            mkfifo = null;
        }
        assumeTrue(mkfifo != null && mkfifo.waitFor() == 0 && Files.exists(path), "mkfifo is not available");
    }

    @Test
    void aDockerfileAboveTheSizeBoundIsReportedNotPassedOver() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20\n" + "RUN true\n".repeat(
                (int) (ProjectFiles.DEFAULT_MAX_TEXT_BYTES / 9) + 1));
        assertThat(notRead(review())).singleElement().satisfies(f -> {
            assertThat(f.location().file()).isEqualTo("Dockerfile");
            assertThat(f.message()).matches("file is 4\\.0 MiB, above the 4 MiB limit for text inputs; skipped");
        });
    }

    @Test
    void brokenAndLoopingSymlinksNamedLikeProjectFilesAreReported() throws IOException {
        Files.createSymbolicLink(dir.resolve("Dockerfile"), dir.resolve("gone"));
        Files.createSymbolicLink(dir.resolve("compose.yaml"), dir.resolve("compose.yml"));
        Files.createSymbolicLink(dir.resolve("compose.yml"), dir.resolve("compose.yaml"));
        assertThat(notRead(review())).extracting(f -> f.location().file() + ": " + f.message()).containsExactlyInAnyOrder(
                "Dockerfile: broken symlink; skipped",
                "compose.yaml: symlink loop; skipped",
                "compose.yml: symlink loop; skipped");
    }

    @Test
    void aSourceFileSymlinkedFromOutsideIsNoReadingError() throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("helpers.py"), "def ok():\n    return 1\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("Dockerfile"), "FROM python:3.12.7-slim\nCOPY . /app\n");
        Files.createSymbolicLink(project.resolve("helpers.py"), shared.resolve("helpers.py"));
        Review review = Reviewer.standard().review(new ProjectLoader().load(project));
        assertThat(notRead(review)).isEmpty();
    }

    @Test
    void aFifoNamedDockerfileIsReportedWithoutBeingOpened() throws Exception {
        fifo("Dockerfile");
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nginx:1.27.3\n");
        Review review = review();
        assertThat(notRead(review)).extracting(f -> f.location().file() + ": " + f.message())
                .containsExactly("Dockerfile: not a regular file; skipped");
        assertThat(review.findings()).anyMatch(f -> "compose.yaml".equals(f.location().file()));
    }

    @Test
    void aFifoNamedByAComposeBuildIsRefusedWithoutBlocking() throws Exception {
        fifo("app.pipe");
        Files.writeString(dir.resolve("compose.yaml"),
                "services:\n  web:\n    build:\n      context: .\n      dockerfile: app.pipe\n");
        assertThat(notRead(review())).extracting(f -> f.location().file() + ": " + f.message())
                .containsExactly("app.pipe: not a regular file");
    }

    @Test
    void aFileLeftOutByTheWalkAndBuiltByComposeIsReportedOnce() throws Exception {
        fifo("Dockerfile");
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    build: .\n");
        assertThat(notRead(review())).extracting(f -> f.location().file() + ": " + f.message())
                .containsExactly("Dockerfile: not a regular file; skipped");
    }

    @Test
    void aFixThatWouldCreateAFileWhereAFifoIsDoesNotBlock() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM python:3.12.7-slim\nWORKDIR /app\nCOPY . .\n"
                + "CMD [\"python\", \"app.py\"]\n");
        fifo(".dockerignore");
        FixResult result = FixEngine.standard().fix(dir, FixOptions.safeOnly());
        assertThat(result.changes()).noneMatch(c -> c.path().equals(".dockerignore"));
        assertThat(result.problems()).anyMatch(p -> p.contains(".dockerignore: not a regular file"));
    }

    @Test
    void terminalControlCharactersInTheProjectReachNoMessageRaw() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "\u001b]0;owned\u0007\u001b[2J\u202eRUN true\nFROM alpine:3.20\n");
        List<Finding> findings = notRead(review());
        assertThat(findings).isNotEmpty();
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain("\u001b", "\u0007", "\u202e"));
        assertThat(findings.get(0).message()).containsIgnoringCase("\\x1b]0;owned\\x07\\x1b[2J\\u202eRUN");
    }

    @Test
    void aFileNameWithControlCharactersIsShownEscaped() throws IOException {
        String name = "x\u001b]0;owned\u0007.Dockerfile";
        Files.writeString(dir.resolve(name), "FROM alpine\n");
        Review review = review();
        assertThat(review.findings()).anyMatch(f -> name.equals(f.location().file()));
        assertThat(review.findings()).allSatisfy(f -> assertThat(f.location().toString()).doesNotContain("\u001b", "\u0007"));
        assertThat(review.findings()).anyMatch(f -> f.location().toString().startsWith("x\\x1b]0;owned\\x07.Dockerfile"));
    }

    @Test
    void aBinaryFileUnderATrackedNameIsOneFindingNotOnePerLine() throws IOException {
        byte[] bytes = new byte[200_000];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(dir.resolve("Dockerfile"), bytes);
        List<Finding> findings = review().findings();
        assertThat(notRead(review())).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("binary content (NUL bytes and invalid UTF-8"));
        assertThat(findings).hasSizeLessThan(20);
    }

    @Test
    void aTextFileFullOfErrorsListsTwentyAndCountsTheRest() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM python:3.12.7-slim\nCOPY requirements.txt .\n");
        Files.writeString(dir.resolve("requirements.txt"), "==1\n".repeat(35));
        List<Finding> errors = notRead(review());
        assertThat(errors).hasSize(21);
        assertThat(errors.get(20).message()).startsWith("15 more errors in this file, not listed one by one");
        assertThat(errors.get(20).location().line()).isEqualTo(21);
    }
}
