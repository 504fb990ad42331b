package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code src/build/ClassFileUpgrade.java}, which the build runs on the shaded jar (JDK 24 and later); it loads
 * and links every class it rewrites, so exit code 0 also says they verify.
 */
class ClassFileUpgradeTest {

    private static final Path PROGRAM = Path.of("src/build/ClassFileUpgrade.java").toAbsolutePath();

    @Test
    void rewritesPicocliToAVersionTheStartUpCacheHolds(@TempDir Path dir) throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "java.lang.classfile needs JDK 24 or later");
        Path picocli = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = Files.copy(picocli, dir.resolve("picocli.jar"));
        assertThat(majorVersions(jar)).contains(49);

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                PROGRAM.toString(), jar.toString(), "picocli").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(majorVersions(jar)).containsOnly(52);
    }

    @Test
    void refusesAPackageTheJarDoesNotHold(@TempDir Path dir) throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "java.lang.classfile needs JDK 24 or later");
        Path picocli = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = Files.copy(picocli, dir.resolve("picocli.jar"));
        byte[] before = Files.readAllBytes(jar);

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                PROGRAM.toString(), jar.toString(), "org.example").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();

        assertThat(process.waitFor()).isNotZero();
        assertThat(Files.readAllBytes(jar)).isEqualTo(before);
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(jar);
        }
    }

    private static java.util.Set<Integer> majorVersions(Path jar) throws IOException {
        java.util.Set<Integer> versions = new java.util.TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (!entry.getName().startsWith("picocli/") || !entry.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry); DataInputStream data = new DataInputStream(in)) {
                    data.readInt();
                    data.readUnsignedShort();
                    versions.add(data.readUnsignedShort());
                }
            }
        }
        return versions;
    }
}
