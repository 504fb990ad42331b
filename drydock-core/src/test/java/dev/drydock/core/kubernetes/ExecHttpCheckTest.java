package dev.drydock.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExecHttpCheckTest {

    @Test
    void readsWgetOfTheContainersOwnAddress() {
        assertThat(ExecHttpCheck.of(List.of("wget", "-qO-", "localhost:9898/healthz")))
                .contains(new ExecHttpCheck("/healthz", "9898"));
    }

    @Test
    void readsCurlInsideShellScriptAndDropsTheQuery() {
        assertThat(ExecHttpCheck.of(List.of("sh", "-c", "curl -fsS 'http://127.0.0.1:8080/ready?full=1' || exit 1")))
                .contains(new ExecHttpCheck("/ready", "8080"));
    }

    @Test
    void readsPodcliCheckHttp() {
        assertThat(ExecHttpCheck.of(List.of("podcli", "check", "http", "localhost:9898/readyz")))
                .contains(new ExecHttpCheck("/readyz", "9898"));
    }

    @Test
    void addressWithoutPathOrPortAsksTheRootOnTheDefaultPort() {
        assertThat(ExecHttpCheck.of(List.of("/usr/bin/curl", "-f", "http://localhost")))
                .contains(new ExecHttpCheck("/", null));
    }

    @Test
    void otherHostsAndOtherProgramsAreNotRead() {
        assertThat(ExecHttpCheck.of(List.of("curl", "-f", "http://api:8080/health"))).isEmpty();
        assertThat(ExecHttpCheck.of(List.of("pg_isready", "-h", "localhost"))).isEmpty();
        assertThat(ExecHttpCheck.of(List.of("sh", "-c", "cat /tmp/healthy"))).isEmpty();
    }

    @Test
    void twoAddressesInOneCallAreNotRead() {
        assertThat(ExecHttpCheck.of(List.of("curl", "localhost:8080/a", "localhost:8081/b"))).isEmpty();
    }

    @Test
    void readsTheOneClientCallOfAnAndList() {
        assertThat(ExecHttpCheck.of(List.of("sh", "-c", "test -f /tmp/ready && curl -f localhost:8080/health")))
                .contains(new ExecHttpCheck("/health", "8080"));
    }

    @Test
    void twoClientCallsOrControlFlowAreNotRead() {
        assertThat(ExecHttpCheck.of(List.of("sh", "-c", "curl -f localhost:8080/a && wget -qO- localhost:8080/b")))
                .isEmpty();
        assertThat(ExecHttpCheck.of(List.of("sh", "-c", "if true; then curl localhost:1/x; fi"))).isEmpty();
    }
}
