package dev.drydock.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineOutputTest {

    @Test
    void readsPodmanImageInspectWithTopLevelHealthcheck() {
        ImageInfo image = ImageInfo.parse("""
                [{"Id":"5a19","Size":357468563,"RootFS":{"Type":"layers","Layers":["sha256:a","sha256:b","sha256:c"]},
                  "Config":{"Env":["PATH=/usr/bin:/bin","APP_ENV=prod"],"Cmd":["/bin/sh","-c","python3 app.py"],
                            "WorkingDir":"/app","Volumes":{"/data":{}}},
                  "Healthcheck":{"Test":["CMD","python3","-c","probe"],"StartPeriod":5000000000,
                                 "Interval":2000000000,"Timeout":2000000000,"Retries":3}}]
                """);
        assertThat(image.sizeBytes()).isEqualTo(357468563L);
        assertThat(image.layers()).isEqualTo(3);
        assertThat(image.user()).isEmpty();
        assertThat(image.workdir()).isEqualTo("/app");
        assertThat(image.command()).containsExactly("/bin/sh", "-c", "python3 app.py");
        assertThat(image.env()).containsEntry("APP_ENV", "prod");
        assertThat(image.volumes()).containsExactly("/data");
        assertThat(image.healthcheck().test()).containsExactly("CMD", "python3", "-c", "probe");
        assertThat(image.healthcheck().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(image.healthcheck().startPeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(image.healthcheck().retries()).isEqualTo(3);
    }

    @Test
    void readsDockerImageInspectWithHealthcheckInConfig() {
        ImageInfo image = ImageInfo.parse("""
                [{"Size":1200,"RootFS":{"Layers":["sha256:a"]},
                  "Config":{"User":"app","Entrypoint":["gunicorn"],"Cmd":["app:app"],"Volumes":null,
                            "Healthcheck":{"Test":["CMD-SHELL","curl -f localhost"]}}}]
                """);
        assertThat(image.user()).isEqualTo("app");
        assertThat(image.command()).containsExactly("gunicorn", "app:app");
        assertThat(image.volumes()).isEmpty();
        assertThat(image.healthcheck().test()).containsExactly("CMD-SHELL", "curl -f localhost");
        assertThat(image.healthcheck().interval()).isNull();
        assertThat(image.healthcheck().retries()).isNull();
    }

    @Test
    void anImageWithoutHealthcheckHasNone() {
        assertThat(ImageInfo.parse("[{\"Config\":{}}]").healthcheck()).isNull();
    }

    @Test
    void readsContainerStateOfBothEngines() {
        ContainerState docker = ContainerState.parse("""
                [{"State":{"Status":"running","Running":true,"ExitCode":0,
                  "Health":{"Status":"unhealthy","Log":[{"ExitCode":1,"Output":"first"},{"ExitCode":1,"Output":"curl: not found\\n"}]}}}]
                """);
        assertThat(docker.running()).isTrue();
        assertThat(docker.health()).isEqualTo("unhealthy");
        assertThat(docker.lastProbeOutput()).isEqualTo("curl: not found");
        ContainerState podman = ContainerState.parse("""
                [{"State":{"Running":false,"ExitCode":137,"Healthcheck":{"Status":"healthy","Log":null}}}]
                """);
        assertThat(podman.running()).isFalse();
        assertThat(podman.exitCode()).isEqualTo(137);
        assertThat(podman.health()).isEqualTo("healthy");
    }

    @Test
    void splitsProcCmdline() {
        assertThat(MainProcessCheck.parseCmdline("/bin/sh\0-c\0python3 app.py\0"))
                .containsExactly("/bin/sh", "-c", "python3 app.py");
        assertThat(MainProcessCheck.parseCmdline("")).isEmpty();
    }

    @Test
    void podmanBuildsInDockerFormatWithChrootIsolationAndHostNetwork() {
        CliEngine podman = new CliEngine(CliEngine.Kind.PODMAN, "podman", new ProcessRunner());
        BuildRequest request = new BuildRequest("t:1", Path.of("/p/Dockerfile"), Path.of("/p"), "runtime", Map.of("V", "1"));
        assertThat(podman.buildArgv(request)).containsExactly("podman", "build", "--format", "docker", "--isolation",
                "chroot", "--network", "host", "-t", "t:1", "-f", "/p/Dockerfile", "--target", "runtime",
                "--build-arg", "V=1", "/p");
        CliEngine docker = new CliEngine(CliEngine.Kind.DOCKER, "docker", new ProcessRunner());
        assertThat(docker.buildArgv(request)).containsExactly("docker", "build", "-t", "t:1", "-f", "/p/Dockerfile",
                "--target", "runtime", "--build-arg", "V=1", "/p");
    }

    @Test
    void runPassesComposeSettingsAndFastHealthInterval() {
        RunSpec spec = new RunSpec("img", "c1", Map.of("TOKEN", "drydock-verify"), "1000", true, List.of("tini", "--"),
                List.of("gunicorn", "app:app"), List.of("CMD", "curl", "-f", "http://localhost/"), Duration.ofSeconds(3),
                2, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(20));
        CliEngine podman = new CliEngine(CliEngine.Kind.PODMAN, "podman", new ProcessRunner());
        assertThat(podman.runArgv(spec)).containsExactly("podman", "run", "-d", "--name", "c1", "--init", "--user", "1000",
                "-e", "TOKEN=drydock-verify", "--health-cmd=[\"curl\", \"-f\", \"http://localhost/\"]",
                "--health-interval=1s", "--health-timeout=3s", "--health-retries=2", "--health-start-period=5s",
                "--stop-timeout=20", "--entrypoint=tini", "img", "--", "gunicorn", "app:app");
        CliEngine docker = new CliEngine(CliEngine.Kind.DOCKER, "docker", new ProcessRunner());
        assertThat(docker.healthCommand(List.of("CMD", "python3", "-c", "import x; x.run()")))
                .isEqualTo("python3 -c 'import x; x.run()'");
        assertThat(docker.healthCommand(List.of("CMD-SHELL", "curl -f localhost || exit 1")))
                .isEqualTo("curl -f localhost || exit 1");
    }

    @Test
    void processRunnerCapturesOutputAndTimesOut() {
        ProcessRunner runner = new ProcessRunner();
        CommandResult echo = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
        assertThat(echo.exitCode()).isEqualTo(3);
        assertThat(echo.stdout()).isEqualTo("out\n");
        assertThat(echo.stderr()).isEqualTo("err\n");
        assertThat(echo.failure()).isEqualTo("exit code 3: err");
        CommandResult slow = runner.run(List.of("sleep", "5"), Duration.ofMillis(200));
        assertThat(slow.timedOut()).isTrue();
        assertThat(slow.ok()).isFalse();
        assertThat(runner.run(List.of("/nonexistent/program"), Duration.ofSeconds(1)).exitCode()).isEqualTo(-1);
    }
}
