package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShebangTest {

    private static Shebang of(String text) {
        return Shebang.of(text).orElseThrow();
    }

    @Test
    void aDirectInterpreterWithItsOneArgument() {
        Shebang shebang = of("#!/bin/sh -e\nset -u\n");
        assertThat(shebang.interpreter()).isEqualTo("sh");
        assertThat(shebang.interpreterArguments()).containsExactly("-e");
        assertThat(shebang.isShell()).isTrue();
    }

    @Test
    void envFindsTheProgramOnPath() {
        assertThat(of("#!/usr/bin/env bash\n").interpreter()).isEqualTo("bash");
        assertThat(of("#! /usr/bin/env python3\r\nprint()\n").interpreter()).isEqualTo("python3");
    }

    @Test
    void envSplitStringGivesTheProgramAndItsArguments() {
        Shebang shebang = of("#!/usr/bin/env -S bash -eu\nexec \"$@\"\n");
        assertThat(shebang.command()).containsExactly("bash", "-eu");
        assertThat(shebang.isShell()).isTrue();
        assertThat(of("#!/usr/bin/env -Sbash -e -o pipefail\n").command()).containsExactly("bash", "-e", "-o", "pipefail");
        assertThat(of("#!/usr/bin/env --split-string=node --enable-source-maps\n").command())
                .isEqualTo(List.of("node", "--enable-source-maps"));
        assertThat(of("#!/usr/bin/env -S PYTHONUNBUFFERED=1 python3 -u\n").interpreter()).isEqualTo("python3");
    }

    @Test
    void noShebang() {
        assertThat(Shebang.of("set -e\n")).isEmpty();
        assertThat(Shebang.of("#!\n")).isEmpty();
        assertThat(of("#!/usr/bin/env\n").interpreter()).isEmpty();
    }
}
