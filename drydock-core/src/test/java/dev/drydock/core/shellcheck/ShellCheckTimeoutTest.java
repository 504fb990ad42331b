package dev.drydock.core.shellcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shellcheck that does not finish is stopped at the time limit, its output pipe notwithstanding. */
class ShellCheckTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void aRunThatDoesNotFinishIsStoppedAndReportedAsAFailure() throws IOException {
        Path fake = dir.resolve("shellcheck");
        // prints part of its output, then keeps its standard output open for a long time
        Files.writeString(fake, "#!/bin/sh\nprintf '{\"comments\": ['\nexec sleep 300\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        SourceFile file = SourceFile.of("Dockerfile", "FROM alpine\nRUN echo hi\n");
        ShellCheckScript script = new ShellCheckScript(MappedText.of(file, 16, 23), "sh", List.of());
        ShellCheck slow = ShellCheck.at(fake).withTimeout(500);

        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.check(List.of(script))).isInstanceOf(IOException.class)
                .hasMessage("shellcheck did not finish within 1 s; stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(ProcessHandle.current().children().filter(p -> p.info().command().orElse("").contains("sleep")))
                .isEmpty();
    }
}
