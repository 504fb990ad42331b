package dev.drydock.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.Diagnostic;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtendsIncludeTest {

    @TempDir
    Path dir;

    @Test
    void extendsInTheSameFile() {
        ComposeProject p = ComposeTesting.load(dir, """
                services:
                  base:
                    image: app
                    environment: [A=1]
                    restart: always
                  web:
                    extends: base
                    environment: [B=2]
                  worker:
                    extends:
                      service: web
                    command: run
                """);
        assertThat(p.diagnostics()).isEmpty();
        Service worker = p.services().get("worker");
        assertThat(worker.image().value()).isEqualTo("app");
        assertThat(worker.image().line()).isEqualTo(3);
        assertThat(worker.environment()).extracting(Service.EnvVar::name).containsExactly("A", "B");
        assertThat(worker.extendsFrom().service().value()).isEqualTo("web");
        assertThat(p.services().get("web").extendsFrom().service().value()).isEqualTo("base");
    }

    @Test
    void extendsFromAnotherFileResolvesPathsThere() {
        ComposeTesting.write(dir, "common/base.yml", """
                services:
                  app:
                    build: ./src
                    image: base:${TAG:-1}
                """);
        ComposeProject p = ComposeTesting.load(dir, """
                services:
                  web:
                    extends:
                      file: common/base.yml
                      service: app
                    ports: ["80:80"]
                """);
        assertThat(p.diagnostics()).isEmpty();
        Service web = p.services().get("web");
        assertThat(web.build().contextDir()).isEqualTo(dir.toAbsolutePath().resolve("common/src"));
        assertThat(web.build().context().file().path()).isEqualTo("common/base.yml");
        assertThat(web.image().value()).isEqualTo("base:1");
        assertThat(p.defaultedVariables()).extracting(r -> r.file().path()).containsExactly("common/base.yml");
        assertThat(web.ports()).hasSize(1);
    }

    @Test
    void extendsCycleAndMissingServiceArePositioned() {
        ComposeProject p = ComposeTesting.load(dir, """
                services:
                  a:
                    image: x
                    extends: b
                  b:
                    extends: a
                  c:
                    extends: nope
                """);
        assertThat(p.errors()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).startsWith("Circular reference: "));
        assertThat(p.errors()).extracting(Diagnostic::message)
                .contains("cannot extend service \"c\" in compose.yaml: service \"nope\" not found");
        assertThat(p.errors()).allSatisfy(d -> assertThat(d.line()).isPositive());
    }

    @Test
    void extendsMissingFileIsAnError() {
        ComposeProject p = ComposeTesting.load(dir, "services:\n  web:\n    extends: {file: gone.yml, service: x}\n");
        assertThat(p.errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("gone.yml not found");
            assertThat(d.line()).isEqualTo(3);
        });
    }

    @Test
    void includeLoadsAnotherProjectWithItsOwnDirectoryAndEnv() {
        ComposeTesting.write(dir, "db/compose.yaml", """
                services:
                  db:
                    image: postgres:${PG:-15}
                    build: ./image
                volumes:
                  pgdata:
                """);
        ComposeTesting.write(dir, "db/.env", "PG=16\n");
        ComposeProject p = ComposeTesting.load(dir, """
                include:
                  - db/compose.yaml
                services:
                  web:
                    image: app
                    depends_on: [db]
                """);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.services()).containsOnlyKeys("web", "db");
        Service db = p.services().get("db");
        assertThat(db.image().value()).isEqualTo("postgres:16");
        assertThat(db.image().file().path()).isEqualTo("db/compose.yaml");
        assertThat(db.build().contextDir()).isEqualTo(dir.toAbsolutePath().resolve("db/image"));
        assertThat(p.volumes()).containsKey("pgdata");
        assertThat(p.includes()).singleElement().satisfies(i -> {
            assertThat(i.projectDirectory()).isEqualTo(dir.toAbsolutePath().resolve("db"));
            assertThat(i.envFiles()).hasSize(1);
        });
    }

    @Test
    void includeLongSyntaxWithProjectDirectoryAndEnvFile() {
        ComposeTesting.write(dir, "parts/svc.yaml", "services:\n  svc:\n    image: img:${V}\n    build: ./b\n");
        ComposeTesting.write(dir, "vars.env", "V=9\n");
        ComposeProject p = ComposeTesting.load(dir, """
                include:
                  - path: parts/svc.yaml
                    project_directory: .
                    env_file: vars.env
                """);
        assertThat(p.diagnostics()).isEmpty();
        Service svc = p.services().get("svc");
        assertThat(svc.image().value()).isEqualTo("img:9");
        assertThat(svc.build().contextDir()).isEqualTo(dir.toAbsolutePath().resolve("b"));
    }

    @Test
    void includeConflictAndCycleAreErrors() {
        ComposeTesting.write(dir, "other.yaml", "include: [compose.yaml]\nservices:\n  web:\n    image: other\n");
        ComposeProject p = ComposeTesting.load(dir, "include: [other.yaml]\nservices:\n  web:\n    image: mine\n");
        assertThat(p.errors()).extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).startsWith("include cycle detected"))
                .anySatisfy(m -> assertThat(m).startsWith("services.web conflicts with imported resource"));
        assertThat(p.services().get("web").image().value()).isEqualTo("mine");
    }

    @Test
    void missingIncludeIsAnError() {
        ComposeProject p = ComposeTesting.load(dir, "include:\n  - nope.yaml\nservices: {}\n");
        assertThat(p.errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("include: nope.yaml not found");
            assertThat(d.line()).isEqualTo(2);
        });
    }

    @Test
    void identicalImportedResourcesAreNotConflicts() {
        ComposeTesting.write(dir, "net.yaml", "networks:\n  shared: {driver: bridge}\n");
        ComposeProject p = ComposeTesting.load(dir, "include: [net.yaml]\nnetworks:\n  shared: {driver: bridge}\nservices: {}\n");
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.networks()).containsKey("shared");
    }

    @Test
    void environmentOfTheCallerIsUsedForIncludes() {
        ComposeTesting.write(dir, "db/compose.yaml", "services:\n  db:\n    image: postgres:${PG:-15}\n");
        ComposeTesting.write(dir, "db/.env", "PG=16\n");
        ComposeProject p = ComposeTesting.load(dir, "include: [db/compose.yaml]\n", Map.of("PG", "17"));
        assertThat(p.services().get("db").image().value()).isEqualTo("postgres:17");
    }
}
