package dev.drydock.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {

    @TempDir
    Path dir;

    @Test
    void filesAreNewEmptyOwnerOnlyAndNamedAsAsked() throws IOException {
        Path first = TempFiles.file(dir, ".Dockerfile.", ".drydock-tmp");
        Path second = TempFiles.file(dir, ".Dockerfile.", ".drydock-tmp");

        assertThat(first).isNotEqualTo(second);
        assertThat(first.getFileName().toString()).startsWith(".Dockerfile.").endsWith(".drydock-tmp");
        assertThat(Files.size(first)).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-------");
    }

    @Test
    void foldersAreNewOwnerOnlyAndUnderTheTemporaryFolder() throws IOException {
        Path folder = TempFiles.folder("drydock-test-");
        try {
            assertThat(folder.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(folder.getFileName().toString()).startsWith("drydock-test-");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        } finally {
            Files.delete(folder);
        }
    }
}
