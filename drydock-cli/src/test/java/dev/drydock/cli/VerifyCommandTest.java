package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.core.verify.CliEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    @TempDir
    Path dir;

    @Test
    void withoutAnEngineItSaysSoInOneLineAndExits2() throws Exception {
        assumeTrue(!new CliEngine(CliEngine.Kind.DOCKER).answers(), "a Docker daemon answers here");
        Files.writeString(dir.resolve("Dockerfile"), "FROM debian:bookworm\n");
        CliRun run = CliRun.of("verify", dir.toString(), "--engine", "docker");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("drydock: no container engine: install Docker or Podman\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingPathIsAnInputError() {
        CliRun run = CliRun.of("verify", dir.resolve("nothing-here").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no such file or folder");
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        assertThat(CliRun.of("verify", dir.toString(), "--engine", "lxc").exit()).isEqualTo(2);
    }
}
