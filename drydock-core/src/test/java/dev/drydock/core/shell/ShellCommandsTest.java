package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCommandsTest {

    @Test
    void findsTheScriptTextAShellIsGivenWithC() {
        assertThat(ShellCommands.commandStringIndex(List.of("sh", "-c", "echo hi"))).isEqualTo(2);
        assertThat(ShellCommands.commandStringIndex(List.of("tini", "--", "/bin/bash", "-ec", "echo hi"))).isEqualTo(4);
        assertThat(ShellCommands.commandStringIndex(List.of("bash", "-o", "pipefail", "-c", "a | b", "arg0")))
                .isEqualTo(4);
        assertThat(ShellCommands.commandStringIndex(List.of("sh", "start.sh"))).isEqualTo(-1);
        assertThat(ShellCommands.commandStringIndex(List.of("python", "-c", "print(1)"))).isEqualTo(-1);
    }

    @Test
    void findsTheScriptFileAShellReads() {
        assertThat(ShellCommands.scriptFileIndex(List.of("sh", "./install.sh"))).isEqualTo(1);
        assertThat(ShellCommands.scriptFileIndex(List.of("bash", "-ex", "setup.sh", "arg"))).isEqualTo(2);
        assertThat(ShellCommands.scriptFileIndex(List.of("sh", "-c", "echo"))).isEqualTo(-1);
        assertThat(ShellCommands.scriptFileIndex(List.of("sh", "-s"))).isEqualTo(-1);
        assertThat(ShellCommands.scriptFileIndex(List.of("sh"))).isEqualTo(-1);
        assertThat(ShellCommands.scriptFileIndex(Arrays.asList("sh", null))).isEqualTo(-1);
        assertThat(ShellCommands.scriptFileIndex(List.of("node", "x.js"))).isEqualTo(-1);
    }
}
