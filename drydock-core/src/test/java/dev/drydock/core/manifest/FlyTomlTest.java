package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import org.junit.jupiter.api.Test;

class FlyTomlTest {

    @Test
    void readsBuildServicesChecksMountsAndEnv() {
        FlyToml fly = FlyToml.read(SourceFile.of("fly.toml", """
                app = "ledger"

                [build]
                  dockerfile = "docker/Dockerfile"
                  build-target = "production"

                [build.args]
                  NODE_VERSION = "22"

                [env]
                  PORT = "3000"

                [processes]
                  app = "node server.js"

                [http_service]
                  internal_port = 3000

                  [[http_service.checks]]
                    interval = "15s"
                    timeout = "2s"
                    grace_period = "10s"
                    path = "/health"

                [[services]]
                  protocol = "tcp"

                  [[services.tcp_checks]]
                    interval = 10000

                [checks.api]
                  type = "http"
                  port = 9090
                  path = "/status"

                [mounts]
                  source = "data"
                  destination = "/data"
                """));
        assertThat(fly.app()).isEqualTo("ledger");
        assertThat(fly.build().dockerfile()).isEqualTo("docker/Dockerfile");
        assertThat(fly.build().target()).isEqualTo("production");
        assertThat(fly.build().args()).containsEntry("NODE_VERSION", "22");
        assertThat(fly.build().buildsDockerfile()).isTrue();
        assertThat(fly.build().span().startLine()).isEqualTo(3);
        assertThat(fly.env()).containsEntry("PORT", "3000");
        assertThat(fly.processes()).containsEntry("app", "node server.js");
        assertThat(fly.services()).hasSize(2);
        FlyToml.Service http = fly.services().get(0);
        assertThat(http.section()).isEqualTo("http_service");
        assertThat(http.internalPort()).isEqualTo(3000);
        assertThat(http.span().startLine()).isEqualTo(17);
        assertThat(http.checks()).singleElement().satisfies(c -> {
            assertThat(c.http()).isTrue();
            assertThat(c.path()).isEqualTo("/health");
            assertThat(c.interval()).isEqualTo("15s");
            assertThat(c.gracePeriod()).isEqualTo("10s");
            assertThat(c.span().startLine()).isEqualTo(19);
        });
        FlyToml.Service tcp = fly.services().get(1);
        assertThat(tcp.internalPortSet()).isFalse();
        assertThat(tcp.internalPort()).isEqualTo(FlyToml.DEFAULT_INTERNAL_PORT);
        assertThat(tcp.checks()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("tcp");
            assertThat(c.interval()).isEqualTo("10000ms");
        });
        assertThat(fly.checks()).singleElement().satisfies(c -> {
            assertThat(c.http()).isTrue();
            assertThat(c.port()).isEqualTo(9090);
            assertThat(c.path()).isEqualTo("/status");
        });
        assertThat(fly.mounts()).singleElement().satisfies(m -> assertThat(m.destination()).isEqualTo("/data"));
    }

    @Test
    void defaultsAndBuilders() {
        FlyToml plain = FlyToml.read(SourceFile.of("fly.toml", "app = 'x'\n"));
        assertThat(plain.build().dockerfileOrDefault()).isEqualTo("Dockerfile");
        assertThat(plain.build().target()).isNull();
        assertThat(plain.services()).isEmpty();
        FlyToml image = FlyToml.read(SourceFile.of("fly.toml", "[build]\nimage = 'flyio/hellofly:latest'\n"));
        assertThat(image.build().buildsDockerfile()).isFalse();
        FlyToml pack = FlyToml.read(SourceFile.of("fly.toml", "[build]\nbuilder = 'paketobuildpacks/builder:base'\n"));
        assertThat(pack.build().buildsDockerfile()).isFalse();
        FlyToml mounts = FlyToml.read(SourceFile.of("fly.toml", "[[mounts]]\nsource = 'a'\ndestination = '/app'\n"));
        assertThat(mounts.mounts()).singleElement().satisfies(m -> assertThat(m.span().startLine()).isEqualTo(3));
    }

    @Test
    void invalidTomlReadsAsNothing() {
        assertThat(FlyToml.read(SourceFile.of("fly.toml", "[http_service\ninternal_port = \n"))).isNull();
    }
}
