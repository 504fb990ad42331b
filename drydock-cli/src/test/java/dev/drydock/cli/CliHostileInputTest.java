package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands facing odd situations: each ends with a one-line message naming the file and exit 2
 * (never an internal error or a stack trace), and leaves no temporary file or half-written report.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliHostileInputTest {

    @TempDir
    Path dir;

    private Path project() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("Dockerfile"), "FROM alpine:3.20.3\nCMD [\"sleep\", \"1\"]\n");
        return project;
    }

    private static void assertCleanInputError(CliRun run, String message) {
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("drydock: ").contains(message)
                .doesNotContain("internal error", "Exception", "\tat ");
    }

    private long leftovers(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().startsWith(".drydock-")).count();
        }
    }

    @Test
    void anOutputFileInAMissingFolderIsAnInputErrorReportedBeforeTheReview() throws IOException {
        Path output = dir.resolve("missing/review.json");
        for (String format : new String[] {"text", "json", "sarif"}) {
            CliRun run = CliRun.of("review", project().toString(), "--format", format, "-o", output.toString());
            assertCleanInputError(run, output + ": its folder " + dir.resolve("missing") + " does not exist");
            assertThat(run.out()).isEmpty();
        }
        CliRun batch = CliRun.of("review", "--batch", project().toString(), "-o", output.toString());
        assertCleanInputError(batch, "does not exist");
    }

    @Test
    void anOutputThatIsAFolderIsAnInputErrorAndLeavesNoTemporaryFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("reports"));
        CliRun run = CliRun.of("review", project().toString(), "-o", folder.toString());
        assertCleanInputError(run, folder + ": is a folder; --output needs a file name");
        assertThat(leftovers(dir)).isZero();
    }

    @Test
    void aBatchWritesItsOutputFileWholeWithNoTemporaryFileLeft() throws IOException {
        Path output = dir.resolve("all.sarif");
        Files.writeString(output, "the previous report\n");
        CliRun run = CliRun.of("review", "--batch", "--format", "sarif", project().toString(), "-o", output.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(Files.readString(output)).startsWith("{").contains("runs-as-root").endsWith("}\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(output)))
                .isEqualTo("rw-r--r--");
        assertThat(leftovers(dir)).isZero();
    }

    @Test
    void aConfigurationThatIsADeviceIsRefusedAtOnce() throws IOException {
        CliRun run = CliRun.of("review", project().toString(), "--config", "/dev/zero");
        assertCleanInputError(run, "/dev/zero: not a regular file");
        CliRun fix = CliRun.of("fix", "--dry-run", project().toString(), "--config", "/dev/zero");
        assertCleanInputError(fix, "/dev/zero: not a regular file");
    }

    @Test
    void aDockerfileAboveTheSizeBoundFailsTheReviewInsteadOfPassingIt() throws IOException {
        Path project = project();
        Files.writeString(project.resolve("Dockerfile"), "FROM alpine:3.20.3\n" + "RUN true\n".repeat(500_000));
        CliRun run = CliRun.of("review", project.toString(), "--format", "json");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("\"rule\" : \"file-not-read\"").contains("above the 4 MiB limit");
    }

    @Test
    void anEmptyPathIsRefusedRatherThanReadAsTheCurrentFolder() throws IOException {
        for (String[] args : new String[][] {{"review", ""}, {"fix", "--dry-run", ""}, {"parse", ""},
                {"review", "--batch", project().toString(), ""}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).contains("an empty PATH").doesNotContain("Exception");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void anOutputThatIsOneOfTheReviewedFilesIsRefusedAndTheFileKept() throws IOException {
        Path project = project();
        String before = Files.readString(project.resolve("Dockerfile"));
        CliRun run = CliRun.of("review", project.toString(), "-o", project.resolve("Dockerfile").toString());
        assertCleanInputError(run, "is the project's Dockerfile; --output would replace it with the review");
        assertThat(Files.readString(project.resolve("Dockerfile"))).isEqualTo(before);
    }
}
