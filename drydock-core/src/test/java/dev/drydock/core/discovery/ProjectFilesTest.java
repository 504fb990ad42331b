package dev.drydock.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFilesTest {

    @TempDir
    Path temp;

    Path root;
    ProjectFiles files;

    @BeforeEach
    void project() throws IOException {
        root = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(root.resolve("deploy"));
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("Dockerfile"), "\uFEFFFROM x\r\nRUN true\n");
        Files.writeString(root.resolve("deploy/compose.yaml"), "services: {}\n");
        Files.writeString(root.resolve("config/web.env"), "A=1\n");
        Files.writeString(root.resolve("deploy/app.df"), "FROM y\n");
        Files.writeString(temp.resolve("secret.env"), "TOKEN=1\n");
        files = ProjectFiles.open(root);
    }

    @Test
    void readsExactTextWithRootRelativePaths() {
        ReadResult read = files.read("./deploy/../Dockerfile");
        assertThat(read.file().path()).isEqualTo("Dockerfile");
        assertThat(read.file().text()).isEqualTo("\uFEFFFROM x\r\nRUN true\n");
        assertThat(read.bytes()).isEqualTo(20);
        assertThat(read.lossless()).isTrue();
        assertThat(read.diagnostics()).isEmpty();
    }

    @Test
    void readsPosixModesOnceAndKnowsNoneWhereThereAreNone() throws IOException {
        assumeTrue(Files.getFileAttributeView(root, PosixFileAttributeView.class) != null, "no POSIX file system");
        Path script = Files.writeString(root.resolve("deploy/start.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(root.resolve("config/web.env"), PosixFilePermissions.fromString("rwxr-x---"));

        assertThat(files.mode("deploy/start.sh")).contains(new FileMode(0644));
        assertThat(files.mode("deploy/start.sh").orElseThrow().executable()).isFalse();
        assertThat(files.mode("./config/web.env").orElseThrow().octal()).isEqualTo("750");
        assertThat(files.mode("config/web.env").orElseThrow().executable()).isTrue();
        assertThat(files.mode("missing.sh")).isEmpty();
        assertThat(files.mode("deploy")).isEmpty();
        assertThat(files.withOverlay(java.util.Map.of("made.sh", "#!/bin/sh\n")).mode("made.sh")).isEmpty();

        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(files.mode("deploy/start.sh")).contains(new FileMode(0644)); // read once per review
    }

    @Test
    void resolvesPathsNamedInsideFiles() {
        assertThat(files.resolve("deploy", "../config/web.env")).isEqualTo("config/web.env");
        assertThat(files.resolve("deploy", "app.df")).isEqualTo("deploy/app.df");
        assertThat(files.resolve("", "./Dockerfile")).isEqualTo("Dockerfile");
        assertThat(files.entry(files.resolve("deploy", "../config/web.env"))).get()
                .extracting(ProjectEntry::type).isEqualTo(FileType.ENV);
        assertThat(files.entry("deploy/app.df")).isEmpty();
        assertThat(files.entry("deploy/app.df", FileType.DOCKERFILE)).contains(
                new ProjectEntry("deploy/app.df", FileType.DOCKERFILE, 7, false));
        assertThat(files.entry("deploy/missing.env")).isEmpty();
        assertThat(files.exists("deploy")).isTrue();
        assertThat(files.isDirectory("deploy")).isTrue();
        assertThat(files.isDirectory("Dockerfile")).isFalse();
    }

    @Test
    void refusesPathsThatLeaveTheRoot() {
        assertThatThrownBy(() -> files.read("../secret.env"))
                .isInstanceOf(SourceException.class).hasMessage("../secret.env: path leaves the project folder");
        assertThatThrownBy(() -> files.resolve("deploy", "../../secret.env"))
                .isInstanceOf(SourceException.class).hasMessageEndingWith("path leaves the project folder");
        assertThatThrownBy(() -> files.read(temp.resolve("secret.env").toString()))
                .isInstanceOf(SourceException.class).hasMessageEndingWith("absolute path: only paths inside the project folder can be read");
        assertThatThrownBy(() -> files.resolve("deploy", "/etc/passwd"))
                .isInstanceOf(SourceException.class).hasMessage("/etc/passwd: absolute path: only paths inside the project folder can be read");
    }

    @Test
    void refusesSymlinksThatLeaveTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("linked.env"), temp.resolve("secret.env"));
        Files.createSymbolicLink(root.resolve("config/inner.env"), Path.of("web.env"));
        assertThatThrownBy(() -> files.read("linked.env"))
                .isInstanceOf(SourceException.class).hasMessage("linked.env: symlink points outside the project folder");
        assertThat(files.exists("linked.env")).isFalse();
        assertThat(files.entry("linked.env")).isEmpty();
        assertThat(files.read("config/inner.env").file().text()).isEqualTo("A=1\n");
        assertThat(files.entry("config/inner.env")).get().extracting(ProjectEntry::symlink).isEqualTo(true);
    }

    @Test
    void missingFoldersAndOversizedFilesAreClearErrors() throws IOException {
        assertThatThrownBy(() -> files.read("nope/Dockerfile"))
                .isInstanceOf(SourceException.class).hasMessage("nope/Dockerfile: no such file or directory");
        assertThatThrownBy(() -> files.read("deploy"))
                .isInstanceOf(SourceException.class).hasMessage("deploy: is a directory");
        Files.write(root.resolve("big.env"), new byte[5 * 1024 * 1024 + 100]);
        assertThatThrownBy(() -> files.read("big.env"))
                .isInstanceOf(SourceException.class).hasMessage("big.env: file is 5.0 MiB, above the 4 MiB limit for text inputs");
        ProjectFiles small = ProjectFiles.open(root, 10);
        assertThatThrownBy(() -> small.read("deploy/compose.yaml"))
                .isInstanceOf(SourceException.class).hasMessage("deploy/compose.yaml: file is 13 bytes, above the 10 bytes limit for text inputs");
        assertThatThrownBy(() -> ProjectFiles.open(temp.resolve("missing")))
                .isInstanceOf(SourceException.class).hasMessageEndingWith("missing: no such file or directory");
    }

    @Test
    void malformedUtf8IsReplacedAndReportedWhereItStarts() throws IOException {
        byte[] latin1 = "FROM x\n# caf\u00e9 cr\u00e8me\nRUN true\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(root.resolve("latin1.Dockerfile"), latin1);
        ReadResult read = files.read("latin1.Dockerfile");
        assertThat(read.file().text()).isEqualTo("FROM x\n# caf\uFFFD cr\uFFFDme\nRUN true\n");
        assertThat(read.malformedSequences()).isEqualTo(2);
        assertThat(read.lossless()).isFalse();
        assertThat(read.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
            assertThat(d.toString()).isEqualTo(
                    "latin1.Dockerfile:2:6: not valid UTF-8: 2 malformed byte sequences (the first at byte 12) read as U+FFFD");
        });
    }

    @Test
    void utf16RequirementsAreReadAsPipReadsThemAndOtherUtf16FilesAreRefusedOnce() throws IOException {
        Files.write(root.resolve("requirements.txt"), "flask==3.0.3\r\ngunicorn==22.0.0\r\n".getBytes(StandardCharsets.UTF_16LE));
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] text = Files.readAllBytes(root.resolve("requirements.txt"));
        byte[] withBom = new byte[text.length + 2];
        System.arraycopy(bom, 0, withBom, 0, 2);
        System.arraycopy(text, 0, withBom, 2, text.length);
        Files.write(root.resolve("requirements.txt"), withBom);
        assertThat(files.read("requirements.txt").file().text()).isEqualTo("flask==3.0.3\r\ngunicorn==22.0.0\r\n");

        Files.write(root.resolve("Dockerfile"), "FROM x\n".getBytes(StandardCharsets.UTF_16)); // big-endian, with its mark
        assertThatThrownBy(() -> files.read("Dockerfile")).isInstanceOf(SourceException.class)
                .hasMessage("Dockerfile: UTF-16 text (it opens with a UTF-16 byte order mark); save it as UTF-8");
    }

    @Test
    void binaryMeansANulByteAndInvalidUtf8AtTheStartNotOneOddByte() {
        assertThat(ProjectFiles.looksBinary(new byte[] {'F', 'R', 'O', 'M', 0, (byte) 0xFF, 'x'})).isTrue();
        assertThat(ProjectFiles.looksBinary("FROM x\nRUN echo \u0000hi\n".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(ProjectFiles.looksBinary("# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
        byte[] late = new byte[ProjectFiles.BINARY_PROBE_BYTES + 10];
        java.util.Arrays.fill(late, (byte) 'a');
        late[late.length - 2] = 0;
        late[late.length - 1] = (byte) 0xFF;
        assertThat(ProjectFiles.looksBinary(late)).isFalse();
    }

    @Test
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("app.pipe").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        assertThatThrownBy(() -> files.read("app.pipe")).isInstanceOf(SourceException.class)
                .hasMessage("app.pipe: not a regular file");
    }

    @Test
    void decodesSupplementaryCharactersAndTruncatedSequences() {
        ReadResult emoji = ProjectFiles.decode("f", "a\uD83D\uDC33b".getBytes(StandardCharsets.UTF_8));
        assertThat(emoji.file().text()).isEqualTo("a\uD83D\uDC33b");
        ReadResult cut = ProjectFiles.decode("f", new byte[] {'a', (byte) 0xE2, (byte) 0x82});
        assertThat(cut.file().text()).startsWith("a\uFFFD");
        assertThat(cut.lossless()).isFalse();
    }

    @Test
    void sizesReadLikePeopleWriteThem() {
        assertThat(ProjectFiles.formatSize(0)).isEqualTo("0 bytes");
        assertThat(ProjectFiles.formatSize(1536)).isEqualTo("1.5 KiB");
        assertThat(ProjectFiles.formatSize(4L * 1024 * 1024)).isEqualTo("4 MiB");
    }
}
