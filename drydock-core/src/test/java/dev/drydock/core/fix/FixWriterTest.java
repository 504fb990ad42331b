package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixWriterTest {

    @TempDir
    Path dir;

    private FileChange change(String path, String original, String fixed) {
        FileFingerprint fp = original == null ? FileFingerprint.ABSENT
                : FileFingerprint.of(original.getBytes(StandardCharsets.UTF_8));
        return new FileChange(path, original, fixed, fp);
    }

    @Test
    void replacesTheFileKeepingItsModeAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("entry.sh");
        Files.writeString(file, "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));
        new FixWriter(dir).write(List.of(change("entry.sh", "old\n", "new\n")));
        assertThat(Files.readString(file)).isEqualTo("new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwxr-x---");
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("entry.sh");
        }
    }

    @Test
    void createsANewFileReadableByAll() throws Exception {
        new FixWriter(dir).write(List.of(change(".dockerignore", null, ".env\n")));
        Path file = dir.resolve(".dockerignore");
        assertThat(Files.readString(file)).isEqualTo(".env\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void writesNothingWhenAnyFileChangedSinceItWasRead() throws IOException {
        Files.writeString(dir.resolve("a"), "a\n");
        Files.writeString(dir.resolve("b"), "b edited meanwhile\n");
        FixWriter writer = new FixWriter(dir);
        assertThatThrownBy(() -> writer.write(List.of(change("a", "a\n", "A\n"), change("b", "b\n", "B\n"))))
                .isInstanceOf(FixWriter.RefusedException.class).hasMessageContaining("b: changed since");
        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("a\n");
    }

    @Test
    void refusesPathsOutsideTheProjectAndSymlinks() throws IOException {
        Path project = Files.createDirectory(dir.resolve("project"));
        Files.writeString(dir.resolve("outside"), "x\n");
        Files.createSymbolicLink(project.resolve("link"), dir.resolve("outside"));
        FixWriter writer = new FixWriter(project);
        assertThatThrownBy(() -> writer.write(List.of(change("../outside", "x\n", "y\n"))))
                .isInstanceOf(FixWriter.RefusedException.class).hasMessageContaining("outside the project");
        assertThatThrownBy(() -> writer.write(List.of(change("link", "x\n", "y\n"))))
                .isInstanceOf(FixWriter.RefusedException.class).hasMessageContaining("symlink");
        assertThat(Files.readString(dir.resolve("outside"))).isEqualTo("x\n");
    }

    @Test
    void refusesToCreateAFileThatAppearedMeanwhile() throws IOException {
        Files.writeString(dir.resolve(".dockerignore"), "mine\n");
        assertThatThrownBy(() -> new FixWriter(dir).write(List.of(change(".dockerignore", null, ".env\n"))))
                .isInstanceOf(FixWriter.RefusedException.class).hasMessageContaining("created since");
    }

    @Test
    void aRenameThatFailsUndoesTheFilesBeforeItAndLeavesNoTemporaryFile() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM a\n");
        Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
        FixWriter.Mover failOnCompose = (temp, target) -> {
            if (target.getFileName().toString().equals("compose.yaml")) {
                throw new java.nio.file.FileSystemException(temp.toString(), target.toString(), "Operation not permitted");
            }
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        };
        FixWriter writer = new FixWriter(dir, failOnCompose);

        assertThatThrownBy(() -> writer.write(List.of(change("Dockerfile", "FROM a\n", "FROM b\n"),
                        change(".dockerignore", null, ".git\n"), change("compose.yaml", "services: {}\n", "name: x\n"))))
                .isInstanceOf(FixWriter.RefusedException.class)
                .hasMessage("compose.yaml: cannot be written (operation not permitted); nothing was written");

        assertThat(Files.readString(dir.resolve("Dockerfile"))).isEqualTo("FROM a\n");
        assertThat(Files.readString(dir.resolve("compose.yaml"))).isEqualTo("services: {}\n");
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("Dockerfile", "compose.yaml");
        }
    }
}
