package dev.drydock.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeTest {

    @TempDir
    Path dir;

    private ComposeProject load(String base, String override) {
        ComposeTesting.write(dir, "compose.yaml", base);
        ComposeTesting.write(dir, "compose.override.yaml", override);
        ComposeProject p = ComposeLoader.load(dir, Map.of());
        assertThat(p.diagnostics()).isEmpty();
        return p;
    }

    @Test
    void overrideFileIsPickedUpAndValuesKeepTheirFile() {
        ComposeProject p = load("services:\n  web:\n    image: nginx:1\n    restart: always\n",
                "services:\n  web:\n    image: nginx:2\n");
        Service web = p.services().get("web");
        assertThat(web.image().value()).isEqualTo("nginx:2");
        assertThat(web.image().file().path()).isEqualTo("compose.override.yaml");
        assertThat(web.image().line()).isEqualTo(3);
        assertThat(web.restart().file().path()).isEqualTo("compose.yaml");
        assertThat(p.files()).extracting(ComposeFile::displayPath).containsExactly("compose.yaml", "compose.override.yaml");
    }

    @Test
    void commandAndEntrypointAreReplaced() {
        Service web = load("services:\n  web:\n    image: x\n    command: [a, b]\n    entrypoint: [e]\n    healthcheck:\n      test: [CMD, a]\n      retries: 3\n",
                "services:\n  web:\n    command: [c]\n    healthcheck:\n      test: [CMD, b]\n").services().get("web");
        assertThat(web.command().argv()).containsExactly("c");
        assertThat(web.entrypoint().argv()).containsExactly("e");
        assertThat(web.healthcheck().test()).extracting(Located::value).containsExactly("CMD", "b");
        assertThat(web.healthcheck().retries().value()).isEqualTo(3L);
    }

    @Test
    void environmentAndLabelsMergeByKeyInEitherForm() {
        Service web = load("services:\n  web:\n    image: x\n    environment:\n      - A=1\n      - B=2\n    labels:\n      x: \"1\"\n",
                "services:\n  web:\n    environment:\n      B: 3\n      C: 4\n    labels:\n      - y=2\n      - x=9\n").services().get("web");
        assertThat(web.environment()).extracting(Service.EnvVar::name).containsExactly("A", "B", "C");
        assertThat(web.env("A").orElseThrow().value().value()).isEqualTo("1");
        assertThat(web.env("B").orElseThrow().value().value()).isEqualTo("3");
        assertThat(web.env("B").orElseThrow().value().file().path()).isEqualTo("compose.override.yaml");
        assertThat(web.env("A").orElseThrow().value().file().path()).isEqualTo("compose.yaml");
        assertThat(web.env("A").orElseThrow().value().file().text(web.env("A").orElseThrow().value().span())).isEqualTo("1");
        assertThat(web.labels()).containsOnlyKeys("x", "y");
        assertThat(web.labels().get("x").value()).isEqualTo("9");
    }

    @Test
    void listsWithKeysAreAppendedAndDeduplicated() {
        Service web = load("""
                services:
                  web:
                    image: x
                    ports: ["80:80", "443:443"]
                    expose: ["3000"]
                    dns: 8.8.8.8
                    volumes: ["data:/data", "./a:/a"]
                    security_opt: [a]
                    cap_add: [NET_ADMIN]
                """, """
                services:
                  web:
                    ports: ["80:80", "8080:80"]
                    expose: ["3000", "4000"]
                    dns: [1.1.1.1, 8.8.8.8]
                    volumes: ["./b:/a", "logs:/logs"]
                    security_opt: [b]
                    cap_add: [NET_ADMIN, SYS_TIME]
                """).services().get("web");
        assertThat(web.ports()).extracting(Service.Port::published).containsExactly("80", "443", "8080");
        assertThat(web.expose()).extracting(Located::value).containsExactly("3000", "4000");
        assertThat(Merger.kvKey("a=b", '=')).isEqualTo("a");
        assertThat(ModelReader.strList(web.node(), "dns")).extracting(Located::value).containsExactly("8.8.8.8", "1.1.1.1");
        assertThat(web.volumes()).extracting(Service.Volume::target).containsExactly("/data", "/a", "/logs");
        assertThat(web.volumes().get(1).source()).isEqualTo("./b");
        assertThat(web.volumes().get(1).node().file().path()).isEqualTo("compose.override.yaml");
        assertThat(web.securityOpt()).extracting(Located::value).containsExactly("a", "b");
        assertThat(web.capAdd()).extracting(Located::value).containsExactly("NET_ADMIN", "SYS_TIME");
    }

    @Test
    void mappingsMergeAndNetworksDependsOnBuildNormalise() {
        Service web = load("""
                services:
                  web:
                    build: ./app
                    networks: [front]
                    depends_on: [db]
                    deploy:
                      resources:
                        limits: {memory: 1g}
                    logging:
                      driver: json-file
                      options: {max-size: 10m}
                  db: {image: postgres}
                """, """
                services:
                  web:
                    build:
                      target: prod
                    networks:
                      back: {}
                    depends_on:
                      db: {condition: service_healthy}
                    deploy:
                      resources:
                        limits: {cpus: "1"}
                    logging:
                      options: {max-file: "3"}
                """).services().get("web");
        assertThat(web.build().context().value()).isEqualTo("./app");
        assertThat(web.build().target().value()).isEqualTo("prod");
        assertThat(web.networks()).extracting(Service.Network::name).containsExactly("front", "back");
        assertThat(web.dependsOn()).singleElement().satisfies(d -> assertThat(d.conditionOrDefault()).isEqualTo("service_healthy"));
        assertThat(web.deploy().limits().memory().value().bytes()).isEqualTo(1L << 30);
        assertThat(web.deploy().limits().cpus().value()).isEqualTo(1.0);
        assertThat(web.logging().options()).containsOnlyKeys("max-size", "max-file");
    }

    @Test
    void loggingWithAnotherDriverIsReplaced() {
        Service web = load("services:\n  web:\n    image: x\n    logging:\n      driver: json-file\n      options: {max-size: 10m}\n",
                "services:\n  web:\n    logging:\n      driver: syslog\n").services().get("web");
        assertThat(web.logging().driver().value()).isEqualTo("syslog");
        assertThat(web.logging().options()).isEmpty();
    }

    @Test
    void resetAndOverrideTags() {
        ComposeProject p = load("""
                services:
                  web:
                    image: x
                    ports: ["80:80"]
                    environment: {A: "1", B: "2"}
                    user: app
                x-extra: {a: 1, b: 2}
                """, """
                services:
                  web:
                    ports: !override ["8080:80"]
                    environment: !reset {}
                    user: !reset null
                x-extra: {c: 3}
                """);
        Service web = p.services().get("web");
        assertThat(web.ports()).extracting(Service.Port::published).containsExactly("8080");
        assertThat(web.environment()).isEmpty();
        assertThat(web.user()).isNull();
        assertThat(web.node().keys()).doesNotContain("environment", "user");
        assertThat(((MapNode) p.extensions().get("x-extra").value()).keys()).containsExactly("c");
    }

    @Test
    void multipleDocumentsInOneFileMergeInOrder() {
        ComposeTesting.write(dir, "compose.yaml", "services:\n  web:\n    image: a\n---\nservices:\n  web:\n    image: b\n");
        ComposeProject p = ComposeLoader.load(dir, Map.of());
        assertThat(p.services().get("web").image().value()).isEqualTo("b");
        assertThat(p.services().get("web").image().line()).isEqualTo(7);
    }

    @Test
    void explicitFilesInOrder() {
        ComposeTesting.write(dir, "base.yml", "services:\n  web:\n    image: a\n");
        ComposeTesting.write(dir, "prod/prod.yml", "services:\n  web:\n    image: b\n    build: ./ctx\n");
        ComposeProject p = ComposeLoader.load(ComposeLoader.Options.of(dir, Map.of())
                .withFiles(Path.of("base.yml"), Path.of("prod/prod.yml")));
        Service web = p.services().get("web");
        assertThat(web.image().file().path()).isEqualTo("prod/prod.yml");
        // relative paths of override files are relative to the project directory, as in Compose
        assertThat(web.build().contextDir()).isEqualTo(dir.toAbsolutePath().resolve("ctx"));
    }
}
