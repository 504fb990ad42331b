package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scripts whose last command BusyBox's ash (1.35, as `busybox sh -c`) was seen to run in place of itself, and those it keeps running as its child. */
class LoneCommandExecTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "true && sleep 2",
            "true; true && sleep 2",
            "cd /tmp && sleep 2",
            "echo a; exec 2>&1; sleep 2",
            "A=1 sleep 2",
            "set -e; true; sleep 2",
            "x=$(echo 1); sleep 2",
            "sleep 2 > /dev/null"})
    void busyBoxRunsTheLastCommandInItsPlace(String script) {
        assertThat(LoneCommandExec.busyBoxExecsLast(script)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "trap 'echo x' TERM; sleep 2",
            "sleep 2 | cat",
            "f() { sleep 2; }; f",
            "for i in 1; do sleep 2; done",
            "sleep 2 || echo failed",
            "sleep 2 &",
            "sleep 2; true && echo done && ",
            "A=1",
            "node server.js & wait",
            "node worker.js & node server.js",
            "node server.js && true"})
    void busyBoxKeepsTheShell(String script) {
        assertThat(LoneCommandExec.busyBoxExecsLast(script)).isFalse();
    }
}
