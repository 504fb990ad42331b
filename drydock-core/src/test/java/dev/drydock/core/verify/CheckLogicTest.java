package dev.drydock.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckLogicTest {

    @Test
    void userFailsAsRootAndPassesOtherwise() {
        assertThat(UserCheck.evaluate("0\n", "").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(UserCheck.evaluate("1000\n", "").status()).isEqualTo(CheckStatus.PASS);
        assertThat(UserCheck.evaluate("1000", "").facts()).containsEntry("uid", 1000L);
        assertThat(UserCheck.evaluate(null, "").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(UserCheck.evaluate(null, "root:root").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(UserCheck.evaluate(null, "app").detail()).contains("runs as app");
    }

    @Test
    void mainProcessMustNotBeAShellWrappingTheServer() {
        assertThat(MainProcessCheck.evaluate(List.of("/bin/sh", "-c", "python3 app.py")).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(MainProcessCheck.evaluate(List.of("gunicorn", "-b", "0.0.0.0:8000", "app:app")).status())
                .isEqualTo(CheckStatus.PASS);
        assertThat(MainProcessCheck.evaluate(List.of("/sbin/docker-init", "--", "node", "server.js")).detail())
                .contains("init docker-init");
        assertThat(MainProcessCheck.evaluate(List.of("/bin/sh", "/entrypoint.sh")).detail())
                .contains("shell script /entrypoint.sh");
        assertThat(MainProcessCheck.evaluate(List.of()).status()).isEqualTo(CheckStatus.SKIP);
    }

    @Test
    void stopPassesOnSigtermBeforeTheEnginesSigkillOnly() {
        Duration grace = Duration.ofSeconds(10);
        assertThat(StopCheck.evaluate(0, Duration.ofMillis(400), grace, false).status()).isEqualTo(CheckStatus.PASS);
        assertThat(StopCheck.evaluate(143, Duration.ofMillis(400), grace, false).status()).isEqualTo(CheckStatus.PASS);
        CheckResult killed = StopCheck.evaluate(137, Duration.ofMillis(10_300), grace, false);
        assertThat(killed.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(killed.detail()).contains("SIGKILL");
        CheckResult slowCommand = StopCheck.evaluate(0, Duration.ofMillis(10_400), grace, false);
        assertThat(slowCommand.status()).as("no SIGKILL: exit 0 proves it ended within the grace period")
                .isEqualTo(CheckStatus.PASS);
        assertThat(slowCommand.detail()).contains("took 10.4 s");
        assertThat(StopCheck.evaluate(1, Duration.ofMillis(300), grace, false).detail()).contains("exited with code 1");
        assertThat(StopCheck.evaluate(0, Duration.ofMillis(300), grace, true).status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void healthBudgetIsStartPeriodPlusRetriesIntervalsPlusTimeout() {
        HealthSettings health = new HealthSettings(List.of("CMD", "probe"), "image", Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 3);
        assertThat(health.budget()).isEqualTo(Duration.ofSeconds(105));
        assertThat(health.wait(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        CheckResult healthy = HealthCheck.evaluate(health, new HealthCheck.Outcome("healthy", Duration.ofSeconds(2), false, 0, ""));
        assertThat(healthy.status()).isEqualTo(CheckStatus.PASS);
        assertThat(healthy.detail()).contains("healthy after 2 s").contains("declared budget 105 s");
        CheckResult unhealthy = HealthCheck.evaluate(health,
                new HealthCheck.Outcome("unhealthy", Duration.ofSeconds(14), false, 0, "sh: 1: curl: not found"));
        assertThat(unhealthy.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(unhealthy.detail()).contains("last probe: sh: 1: curl: not found");
        assertThat(HealthCheck.evaluate(health, new HealthCheck.Outcome("starting", Duration.ofSeconds(60), false, 0, ""))
                .detail()).contains("not healthy after 60 s");
        assertThat(HealthCheck.evaluate(health, new HealthCheck.Outcome("starting", Duration.ofSeconds(1), true, 3, ""))
                .detail()).contains("exited with code 3");
        assertThat(HealthCheck.noHealthcheck().detail()).startsWith("no healthcheck");
    }

    @Test
    void serverProgramIsFoundBehindInitsAndShells() {
        assertThat(FilesCheck.serverProgram(List.of("gunicorn", "app:app"))).isEqualTo("gunicorn");
        assertThat(FilesCheck.serverProgram(List.of("/bin/sh", "-c", "exec PORT=1 python3 app.py"))).isEqualTo("python3");
        assertThat(FilesCheck.serverProgram(List.of("tini", "--", "node", "server.js"))).isEqualTo("node");
        assertThat(FilesCheck.serverProgram(List.of("sh", "/entrypoint.sh"))).isEqualTo("/entrypoint.sh");
        assertThat(FilesCheck.isShellScript(List.of("sh", "/entrypoint.sh"), "/entrypoint.sh")).isTrue();
        assertThat(FilesCheck.isShellScript(List.of("/entrypoint.sh"), "/entrypoint.sh")).isFalse();
        assertThat(FilesCheck.serverProgram(List.of())).isNull();
    }

    @Test
    void filesFailWhenAPathIsDeniedOrMissing() {
        var binary = new FilesCheck.PathAccess("server program", "/root/.local/bin/gunicorn", FilesCheck.Need.EXECUTE, true, false);
        var app = new FilesCheck.PathAccess("working directory", "/app", FilesCheck.Need.READ, true, true);
        CheckResult failed = FilesCheck.evaluate(List.of(app, binary));
        assertThat(failed.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(failed.detail()).isEqualTo("server program /root/.local/bin/gunicorn is not executable by the runtime user");
        assertThat(failed.lines()).hasSize(2);
        assertThat(FilesCheck.evaluate(List.of(app)).status()).isEqualTo(CheckStatus.PASS);
        assertThat(FilesCheck.evaluate(List.of(new FilesCheck.PathAccess("writable directory (VOLUME)", "/data",
                FilesCheck.Need.WRITE, false, false))).detail()).contains("/data does not exist");
        assertThat(FilesCheck.evaluate(List.of()).status()).isEqualTo(CheckStatus.SKIP);
    }

    @Test
    void mkdirTargetsAreLiteralAbsolutePaths() {
        assertThat(RunPlanner.mkdirTargets("mkdir -p /data /var/cache/app && chown app /data; mkdir \"$HOME\"/x"))
                .containsExactly("/data", "/var/cache/app");
        assertThat(RunPlanner.mkdirTargets("mkdir -p /srv/uploads/; echo ok")).containsExactly("/srv/uploads");
    }
}
