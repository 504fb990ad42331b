package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellOptionsTest {

    @Test
    void optionsOfShellInstructions() {
        assertThat(ShellOptions.ofShellCommand(List.of("/bin/sh", "-c"))).isEqualTo(ShellOptions.DEFAULT);
        assertThat(ShellOptions.ofShellCommand(List.of("/bin/bash", "-o", "pipefail", "-c")))
                .isEqualTo(new ShellOptions(false, true, false, false));
        assertThat(ShellOptions.ofShellCommand(List.of("/bin/bash", "-euxo", "pipefail", "-c")))
                .isEqualTo(new ShellOptions(true, true, true, true));
        assertThat(ShellOptions.ofShellCommand(List.of("/bin/sh", "-ec"))).isEqualTo(new ShellOptions(true, false, false, false));
        assertThat(ShellOptions.ofShellCommand(List.of("/usr/bin/env", "bash", "-o", "errexit", "-c")).errexit()).isTrue();
        assertThat(ShellOptions.ofShellCommand(List.of("bash", "--login", "-e", "-c")).errexit()).isTrue();
        // -c only says the first operand is the script: later options still count
        assertThat(ShellOptions.ofShellCommand(List.of("bash", "-c", "-e")).errexit()).isTrue();
        assertThat(ShellOptions.ofShellCommand(List.of())).isEqualTo(ShellOptions.DEFAULT);
        assertThat(ShellOptions.ofShellCommand(List.of("cmd", "/S", "/C"))).isEqualTo(ShellOptions.DEFAULT);
    }

    @Test
    void nonPosixShells() {
        assertThat(ShellOptions.isNonPosixShell("powershell")).isTrue();
        assertThat(ShellOptions.isNonPosixShell("pwsh")).isTrue();
        assertThat(ShellOptions.isNonPosixShell("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe")).isTrue();
        assertThat(ShellOptions.isNonPosixShell("cmd")).isTrue();
        assertThat(ShellOptions.isNonPosixShell("cmd.exe")).isTrue();
        assertThat(ShellOptions.isNonPosixShell("/bin/bash")).isFalse();
        assertThat(ShellOptions.isNonPosixShell("/bin/sh")).isFalse();
        assertThat(ShellOptions.isNonPosixShell("/bin/ash")).isFalse();
    }
}
