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
            "sleep 2 > /dev/null",
            "if true; then echo a; sleep 2; fi",
            "X=1; if [ \"$X\" = 1 ]; then sleep 2; elif true; then sleep 2; else sleep 2; fi",
            "case \"$Y\" in a) sleep 2;; *) sleep 2;; esac",
            "{ echo a; sleep 2; }",
            "if true; then if true; then sleep 2; fi; fi"})
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
            "node server.js && true",
            "if true; then sleep 2; fi; true",
            "if true; then sleep 2; else sleep 2; echo done; fi",
            "while true; do sleep 2; break; done",
            "trap 'exit' TERM; if true; then sleep 2; fi",
            "if true; then sleep 2 & fi; wait",
            "if true; then sleep 2; fi > /tmp/log",
            "case a in a) sleep 2;& b) sleep 2;; esac"})
    void busyBoxKeepsTheShell(String script) {
        assertThat(LoneCommandExec.busyBoxExecsLast(script)).isFalse();
    }
}
