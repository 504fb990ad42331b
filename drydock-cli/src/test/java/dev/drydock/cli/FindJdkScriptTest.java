package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/find-jdk}, which the launcher and the build use to run on a JDK 21 or newer. */
class FindJdkScriptTest {

    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("scripts/find-jdk");

    private record Result(int exit, String out) {}

    private static Result run(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(false);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Result(process.waitFor(), out);
    }

    @Test
    void aGoodJavaHomeIsTakenAsItIs() throws Exception {
        String home = System.getProperty("java.home");
        Result result = run(Map.of("JAVA_HOME", home));
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo(home);
    }

    @Test
    void aJavaHomeTooOldIsPassedOver(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("jdk-17");
        Files.createDirectories(fake.resolve("bin"));
        for (String tool : new String[] {"java", "javac"}) {
            Path exe = fake.resolve("bin").resolve(tool);
            Files.writeString(exe, "#!/bin/sh\necho 'java.specification.version = 17' >&2\n");
            exe.toFile().setExecutable(true);
        }
        Result result = run(Map.of("JAVA_HOME", fake.toString(), "PATH", fake.resolve("bin") + ":/usr/bin:/bin"));
        if (result.exit() == 0) {
            assertThat(result.out()).isNotEqualTo(fake.toString());
            assertThat(Path.of(result.out(), "bin", "javac")).isExecutable();
        } else {
            assertThat(result.out()).isEmpty(); // no JDK 21 beyond JAVA_HOME on this machine: a clear failure
        }
    }
}
