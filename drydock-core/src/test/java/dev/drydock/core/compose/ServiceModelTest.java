package dev.drydock.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.compose.Service.Port;
import dev.drydock.core.compose.Service.Volume;
import dev.drydock.core.source.Diagnostic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceModelTest {

    @TempDir
    Path dir;

    private Service web(String serviceBody) {
        ComposeProject p = ComposeTesting.load(dir, "services:\n  web:\n" + serviceBody.indent(4));
        assertThat(p.diagnostics()).as("diagnostics").isEmpty();
        return p.services().get("web");
    }

    @Test
    void buildShortAndLongForms() {
        Service s = web("build: ./app\n");
        assertThat(s.build().shortSyntax()).isTrue();
        assertThat(s.build().context().value()).isEqualTo("./app");
        assertThat(s.build().contextDir()).isEqualTo(dir.toAbsolutePath().resolve("app"));
        assertThat(s.build().dockerfilePath()).isEqualTo(dir.toAbsolutePath().resolve("app/Dockerfile"));
        assertThat(s.build().context().line()).isEqualTo(3);

        s = web("""
                build:
                  context: backend
                  dockerfile: docker/Prod.Dockerfile
                  args:
                    - VERSION=1.2
                    - EMPTY
                  target: runtime
                  ssh: [default]
                  secrets: [npmrc]
                  cache_from: [type=registry,ref=x]
                  platforms: [linux/amd64, linux/arm64]
                image: registry/app:1.0
                pull_policy: build
                """);
        Service.Build b = s.build();
        assertThat(b.shortSyntax()).isFalse();
        assertThat(b.dockerfilePath()).isEqualTo(dir.toAbsolutePath().resolve("backend/docker/Prod.Dockerfile"));
        assertThat(b.arg("VERSION").orElseThrow().value().value()).isEqualTo("1.2");
        assertThat(b.arg("EMPTY").orElseThrow().value()).isNull();
        assertThat(b.target().value()).isEqualTo("runtime");
        assertThat(b.ssh()).extracting(Located::value).containsExactly("default");
        assertThat(b.secrets()).extracting(m -> m.source().value()).containsExactly("npmrc");
        assertThat(b.platforms()).hasSize(2);
        assertThat(s.image().value()).isEqualTo("registry/app:1.0");
        assertThat(s.pullPolicy().value()).isEqualTo("build");

        s = web("build:\n  dockerfile_inline: |\n    FROM alpine\n");
        assertThat(s.build().dockerfileInline().value()).isEqualTo("FROM alpine\n");
        assertThat(s.build().dockerfilePath()).isNull();
        assertThat(s.build().contextDir()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void commandStringIsShellSplitAndListIsKept() {
        Service s = web("command: python -m \"http.server\" 'a b' x\\ y\nentrypoint: [\"/bin/sh\", \"-c\"]\n");
        assertThat(s.command().shellForm()).isTrue();
        assertThat(s.command().argv()).containsExactly("python", "-m", "http.server", "a b", "x y");
        assertThat(s.entrypoint().shellForm()).isFalse();
        assertThat(s.entrypoint().argv()).containsExactly("/bin/sh", "-c");
        assertThat(s.entrypoint().words().get(1).column()).isEqualTo(29);

        s = web("command: sh -c 'a' && rm -rf /tmp\n");
        assertThat(s.command().argv()).containsExactly("sh", "-c", "a");
        assertThat(s.command().stoppedAt()).isEqualTo(10);
    }

    @Test
    void environmentListAndMap() {
        Service s = web("environment:\n  - A=1\n  - B\n  - C=\n  - D=x=y\n");
        assertThat(s.environment()).extracting(Service.EnvVar::name).containsExactly("A", "B", "C", "D");
        assertThat(s.env("A").orElseThrow().value().value()).isEqualTo("1");
        assertThat(s.env("B").orElseThrow().value()).isNull();
        assertThat(s.env("C").orElseThrow().value().value()).isEmpty();
        assertThat(s.env("D").orElseThrow().value().value()).isEqualTo("x=y");
        assertThat(s.env("A").orElseThrow().value().line()).isEqualTo(4);

        s = web("environment:\n  A: 1\n  B:\n  C: \"\"\n  D: true\n");
        assertThat(s.env("A").orElseThrow().value().value()).isEqualTo("1");
        assertThat(s.env("B").orElseThrow().value()).isNull();
        assertThat(s.env("C").orElseThrow().value().value()).isEmpty();
        assertThat(s.env("D").orElseThrow().value().value()).isEqualTo("true");
        assertThat(s.env("A").orElseThrow().value().keySpan().startColumn()).isEqualTo(7);
    }

    @Test
    void envFileForms() {
        ComposeTesting.write(dir, "a.env", "A=1\n");
        ComposeTesting.write(dir, "b.env", "B=1\n");
        Service s = web("env_file: a.env\n");
        assertThat(s.envFiles()).singleElement().satisfies(f -> {
            assertThat(f.required()).isTrue();
            assertThat(f.path()).isEqualTo(dir.toAbsolutePath().resolve("a.env"));
        });
        s = web("env_file:\n  - a.env\n  - path: b.env\n  - path: optional.env\n    required: false\n");
        assertThat(s.envFiles()).extracting(Service.EnvFile::required).containsExactly(true, true, false);
    }

    @Test
    void missingRequiredEnvFileIsAWarning() {
        ComposeProject p = ComposeTesting.load(dir, "services:\n  web:\n    image: x\n    env_file: nope.env\n");
        assertThat(p.errors()).isEmpty();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).startsWith("env file nope.env not found");
            assertThat(d.line()).isEqualTo(4);
        });
    }

    @Test
    void healthcheckForms() {
        Service s = web("healthcheck:\n  test: curl -f http://localhost\n  interval: 1m30s\n  timeout: 10s\n"
                + "  start_period: 40s\n  start_interval: 5s\n  retries: 3\n");
        Service.Healthcheck h = s.healthcheck();
        assertThat(h.testForm()).isEqualTo("STRING");
        assertThat(h.test()).extracting(Located::value).containsExactly("CMD-SHELL", "curl -f http://localhost");
        assertThat(h.interval().value().duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(h.timeout().value().duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(h.startPeriod().value().duration()).isEqualTo(Duration.ofSeconds(40));
        assertThat(h.startInterval().value().duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(h.retries().value()).isEqualTo(3L);
        assertThat(h.disabled()).isFalse();

        assertThat(web("healthcheck:\n  test: [\"CMD\", \"curl\", \"-f\", \"x\"]\n").healthcheck().testForm()).isEqualTo("CMD");
        assertThat(web("healthcheck:\n  test: [\"CMD-SHELL\", \"curl x\"]\n").healthcheck().testForm()).isEqualTo("CMD-SHELL");
        assertThat(web("healthcheck:\n  test: [\"NONE\"]\n").healthcheck().disabled()).isTrue();
        assertThat(web("healthcheck:\n  disable: true\n").healthcheck().disabled()).isTrue();
    }

    @Test
    void invalidHealthcheckTestAndDurationAreErrors() {
        ComposeProject p = ComposeTesting.load(dir,
                "services:\n  web:\n    image: x\n    healthcheck:\n      test: [RUN, x]\n      interval: 10 parsecs\n");
        assertThat(p.errors()).extracting(Diagnostic::message).containsExactly(
                "healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"",
                "interval: time: unknown unit \" parsecs\" in duration \"10 parsecs\"");
        assertThat(p.errors().get(1).line()).isEqualTo(6);
    }

    @Test
    void deployResourcesAndLimits() {
        Service s = web("""
                deploy:
                  mode: replicated
                  replicas: 2
                  resources:
                    limits: {cpus: '0.50', memory: 512m, pids: 100}
                    reservations: {cpus: 0.25, memory: 1gb}
                  restart_policy: {condition: on-failure, max_attempts: 5, delay: 5s}
                mem_limit: 2G
                memswap_limit: 1.5g
                cpus: 1.5
                pids_limit: 200
                shm_size: 64M
                """);
        Service.Deploy d = s.deploy();
        assertThat(d.mode().value()).isEqualTo("replicated");
        assertThat(d.replicas().value()).isEqualTo(2L);
        assertThat(d.limits().cpus().value()).isEqualTo(0.5);
        assertThat(d.limits().memory().value().bytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(d.limits().pids().value()).isEqualTo(100L);
        assertThat(d.reservations().memory().value().bytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(d.restartPolicy().condition().value()).isEqualTo("on-failure");
        assertThat(d.restartPolicy().maxAttempts().value()).isEqualTo(5L);
        assertThat(s.memLimit().value().bytes()).isEqualTo(2L << 30);
        assertThat(s.memswapLimit().value().bytes()).isEqualTo((long) (1.5 * (1L << 30)));
        assertThat(s.cpus().value()).isEqualTo(1.5);
        assertThat(s.pidsLimit().value()).isEqualTo(200L);
        assertThat(s.shmSize().value().bytes()).isEqualTo(64L << 20);
        assertThat(s.memLimit().line()).isEqualTo(10);
    }

    @Test
    void portsShortAndLongSyntax() {
        Service s = web("""
                ports:
                  - "3000"
                  - 3000-3005
                  - "8000:8000"
                  - 9090-9091:8080-8081
                  - 49100:22
                  - 127.0.0.1:8001:8001
                  - 127.0.0.1:5000-5010:5000-5010
                  - "[::1]:6001:6001"
                  - 6060:6060/udp
                  - 80
                  - target: 80
                    host_ip: 127.0.0.1
                    published: "8080"
                    protocol: tcp
                    mode: host
                expose: ["3000", 8000]
                """);
        assertThat(s.ports()).hasSize(11);
        Port p0 = s.ports().get(0);
        assertThat(p0.published()).isNull();
        assertThat(p0.targetStart()).isEqualTo(3000);
        Port p1 = s.ports().get(1);
        assertThat(p1.targetStart()).isEqualTo(3000);
        assertThat(p1.targetEnd()).isEqualTo(3005);
        Port p3 = s.ports().get(3);
        assertThat(p3.publishedStart()).isEqualTo(9090);
        assertThat(p3.publishedEnd()).isEqualTo(9091);
        assertThat(s.ports().get(5).hostIp()).isEqualTo("127.0.0.1");
        assertThat(s.ports().get(7).hostIp()).isEqualTo("::1");
        assertThat(s.ports().get(8).protocol()).isEqualTo("udp");
        assertThat(s.ports().get(9).targetStart()).isEqualTo(80);
        Port longForm = s.ports().get(10);
        assertThat(longForm.shortSyntax()).isFalse();
        assertThat(longForm.hostIp()).isEqualTo("127.0.0.1");
        assertThat(longForm.publishedStart()).isEqualTo(8080);
        assertThat(longForm.mode()).isEqualTo("host");
        assertThat(s.expose()).extracting(Located::value).containsExactly("3000", "8000");
        assertThat(s.ports().get(2).node().line()).isEqualTo(6);
    }

    @Test
    void invalidPortIsAnError() {
        ComposeProject p = ComposeTesting.load(dir, "services:\n  web:\n    image: x\n    ports: [\"80:80:80:x\"]\n");
        assertThat(p.errors()).singleElement().satisfies(d -> assertThat(d.message()).startsWith("ports: "));
    }

    @Test
    void volumesShortAndLongSyntax() {
        Service s = web("""
                volumes:
                  - /var/lib/mysql
                  - /opt/data:/var/lib/mysql
                  - ./cache:/tmp/cache:ro
                  - ~/configs:/etc/configs/:rw
                  - datavolume:/var/lib/mysql:nocopy
                  - C:\\\\data:/data
                  - type: bind
                    source: ./static
                    target: /opt/app/static
                    read_only: true
                    bind: {propagation: rshared}
                  - type: tmpfs
                    target: /run
                """);
        assertThat(s.volumes()).hasSize(8);
        Volume anon = s.volumes().get(0);
        assertThat(anon.isAnonymous()).isTrue();
        assertThat(anon.target()).isEqualTo("/var/lib/mysql");
        assertThat(s.volumes().get(1).isBind()).isTrue();
        Volume cache = s.volumes().get(2);
        assertThat(cache.isBind()).isTrue();
        assertThat(cache.readOnly()).isTrue();
        assertThat(cache.hostPath()).isEqualTo(dir.toAbsolutePath().resolve("cache"));
        assertThat(s.volumes().get(3).isBind()).isTrue();
        assertThat(s.volumes().get(3).hostPath()).isNull();
        Volume named = s.volumes().get(4);
        assertThat(named.isNamedVolume()).isTrue();
        assertThat(named.options()).containsExactly("nocopy");
        assertThat(s.volumes().get(5).isBind()).isTrue();
        assertThat(s.volumes().get(5).source()).isEqualTo("C:\\\\data");
        Volume bind = s.volumes().get(6);
        assertThat(bind.shortSyntax()).isFalse();
        assertThat(bind.readOnly()).isTrue();
        assertThat(bind.propagation()).isEqualTo("rshared");
        assertThat(s.volumes().get(7).type()).isEqualTo("tmpfs");
    }

    @Test
    void networksSecretsDependsOn() {
        Service s = web("""
                networks:
                  front:
                    aliases: [web.local]
                    ipv4_address: 172.16.238.10
                  back:
                secrets:
                  - db_password
                  - source: api_key
                    target: /run/secrets/key
                    mode: 0440
                depends_on:
                  db:
                    condition: service_healthy
                    restart: true
                  cache:
                    condition: service_started
                    required: false
                """);
        assertThat(s.networks()).extracting(Service.Network::name).containsExactly("front", "back");
        assertThat(s.networks().get(0).aliases()).extracting(Located::value).containsExactly("web.local");
        assertThat(s.networks().get(0).ipv4Address().value()).isEqualTo("172.16.238.10");
        assertThat(s.secrets()).hasSize(2);
        assertThat(s.secrets().get(1).target().value()).isEqualTo("/run/secrets/key");
        assertThat(s.dependsOn()).hasSize(2);
        assertThat(s.dependsOn().get(0).conditionOrDefault()).isEqualTo("service_healthy");
        assertThat(s.dependsOn().get(0).restart()).isTrue();
        assertThat(s.dependsOn().get(1).required()).isFalse();

        s = web("networks: [front]\ndepends_on: [db]\nnetwork_mode: host\n");
        assertThat(s.networks()).extracting(Service.Network::name).containsExactly("front");
        assertThat(s.dependsOn().get(0).conditionOrDefault()).isEqualTo("service_started");
        assertThat(s.dependsOn().get(0).required()).isTrue();
        assertThat(s.networkMode().value()).isEqualTo("host");
    }

    @Test
    void securityAndRuntimeKeys() {
        Service s = web("""
                user: "1000:1000"
                working_dir: /app
                restart: unless-stopped
                logging:
                  driver: json-file
                  options: {max-size: 10m, max-file: "3"}
                security_opt: [no-new-privileges:true]
                cap_add: [NET_ADMIN]
                cap_drop: [ALL]
                privileged: false
                read_only: true
                init: true
                stop_grace_period: 1m30s
                stop_signal: SIGTERM
                profiles: [debug]
                labels: {com.example.a: "1"}
                container_name: web-1
                hostname: web
                pid: host
                ipc: shareable
                userns_mode: host
                devices: ["/dev/ttyUSB0:/dev/ttyUSB0:rwm"]
                sysctls: [net.core.somaxconn=1024]
                ulimits:
                  nproc: 65535
                  nofile: {soft: 20000, hard: 40000}
                tmpfs: /run
                x-custom: {a: 1}
                cpu_shares: 73
                """);
        assertThat(s.user().value()).isEqualTo("1000:1000");
        assertThat(s.workingDir().value()).isEqualTo("/app");
        assertThat(s.restart().value()).isEqualTo("unless-stopped");
        assertThat(s.logging().driver().value()).isEqualTo("json-file");
        assertThat(s.logging().options().get("max-size").value()).isEqualTo("10m");
        assertThat(s.securityOpt()).extracting(Located::value).containsExactly("no-new-privileges:true");
        assertThat(s.capAdd()).hasSize(1);
        assertThat(s.capDrop()).extracting(Located::value).containsExactly("ALL");
        assertThat(s.privileged().value()).isFalse();
        assertThat(s.readOnly().value()).isTrue();
        assertThat(s.init().value()).isTrue();
        assertThat(s.stopGracePeriod().value().duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.stopSignal().value()).isEqualTo("SIGTERM");
        assertThat(s.profiles()).extracting(Located::value).containsExactly("debug");
        assertThat(s.labels()).containsKey("com.example.a");
        assertThat(s.containerName().value()).isEqualTo("web-1");
        assertThat(s.hostname().value()).isEqualTo("web");
        assertThat(s.pid().value()).isEqualTo("host");
        assertThat(s.ipc().value()).isEqualTo("shareable");
        assertThat(s.usernsMode().value()).isEqualTo("host");
        assertThat(s.devices()).singleElement().satisfies(d -> assertThat(d.target()).isEqualTo("/dev/ttyUSB0"));
        assertThat(s.sysctls().get("net.core.somaxconn").value()).isEqualTo("1024");
        assertThat(s.ulimits().get("nproc").soft().value()).isEqualTo(65535L);
        assertThat(s.ulimits().get("nofile").hard().value()).isEqualTo(40000L);
        assertThat(s.tmpfs()).extracting(Located::value).containsExactly("/run");
        assertThat(s.extensions()).containsKey("x-custom");
        assertThat(((ScalarNode) s.raw("cpu_shares")).asLong()).isEqualTo(73L);
    }

    @Test
    void topLevelSections() {
        ComposeProject p = ComposeTesting.load(dir, """
                version: "3.8"
                name: My_App
                services:
                  web: {image: nginx}
                networks:
                  front:
                  back: {driver: bridge, external: true}
                volumes:
                  data: {driver: local, labels: [a=b]}
                secrets:
                  token: {environment: TOKEN}
                configs:
                  cfg: {file: ./cfg.txt}
                x-defaults: {restart: always}
                """);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.version().value()).isEqualTo("3.8");
        assertThat(p.version().line()).isEqualTo(1);
        assertThat(p.name().value()).isEqualTo("My_App");
        assertThat(p.projectName()).isEqualTo("my_app");
        assertThat(p.networks()).containsOnlyKeys("front", "back");
        assertThat(p.networks().get("front").map()).isNull();
        assertThat(p.networks().get("back").isExternal()).isTrue();
        assertThat(p.volumes().get("data").labels()).containsKey("a");
        assertThat(p.secrets().get("token").environment().value()).isEqualTo("TOKEN");
        assertThat(p.configs().get("cfg").file().value()).isEqualTo("./cfg.txt");
        assertThat(p.extensions()).containsKey("x-defaults");
    }

    @Test
    void projectNameDefaultsToTheDirectory() {
        ComposeProject p = ComposeTesting.load(dir, "services: {}\n");
        assertThat(p.projectName()).isEqualTo(ComposeLoader.normalizeProjectName(dir.getFileName().toString()));
        assertThat(ComposeLoader.normalizeProjectName("_My.App-1")).isEqualTo("myapp-1");
    }

    @Test
    void projectNameFromTheDotEnvFileWinsOverTheTopLevelName() {
        ComposeTesting.write(dir, ".env", "COMPOSE_PROJECT_NAME=Shop_Prod\n");
        ComposeProject p = ComposeTesting.load(dir, "name: shop\nservices: {}\n");
        assertThat(p.name().value()).isEqualTo("shop");
        assertThat(p.projectName()).isEqualTo("shop_prod");
    }

    @Test
    void interpolatedTypesAreCastWhereComposeCastsThem() {
        ComposeProject p = ComposeTesting.load(dir,
                "services:\n  web:\n    image: x\n    privileged: ${PRIV}\n    cpus: ${CPUS:-0.5}\n    mem_limit: ${MEM:-1g}\n",
                Map.of("PRIV", "true"));
        Service s = p.services().get("web");
        assertThat(p.diagnostics()).isEmpty();
        assertThat(s.privileged().value()).isTrue();
        assertThat(s.cpus().value()).isEqualTo(0.5);
        assertThat(s.memLimit().value().bytes()).isEqualTo(1L << 30);
    }

    @Test
    void profilesAndImageNames() {
        ComposeProject p = ComposeTesting.load(dir, """
                name: shop
                services:
                  web: {build: .}
                  debug: {image: busybox, profiles: [debug]}
                """);
        assertThat(p.activeServices(java.util.Set.of())).containsOnlyKeys("web");
        assertThat(p.activeServices(java.util.Set.of("debug"))).containsOnlyKeys("web", "debug");
        assertThat(p.imageName(p.services().get("web"))).isEqualTo("shop-web");
        assertThat(p.imageName(p.services().get("debug"))).isEqualTo("busybox");
    }
}
