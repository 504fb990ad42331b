package dev.drydock.core.bake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BakeDefinitionTest {

    private static BakeDefinition.File hcl(String path, String text) {
        return new BakeDefinition.File(path, HclParser.parse(SourceFile.of(path, text)));
    }

    private static String string(BakeDefinition definition, BakeTarget target, String attribute) {
        return definition.values().string(target.attribute(attribute).orElseThrow().value()).orElse(null);
    }

    @Test
    void targetsInheritTheirParentsAndParentsOnlyInheritedAreNotBuilt() {
        BakeDefinition definition = new BakeDefinition(List.of(hcl("docker-bake.hcl", """
                target "docker-metadata-action" {
                  tags = ["app:local"]
                }
                target "common" {
                  args = { A = "1", B = "2" }
                }
                target "app" {
                  inherits = ["docker-metadata-action", "common"]
                  args = { B = "3" }
                }
                """)));
        assertThat(definition.built()).extracting(BakeTarget::name).containsExactly("app");
        BakeTarget app = definition.built().get(0);
        assertThat(definition.values().value(app.attribute("args").orElseThrow().value()))
                .contains(Map.of("A", "1", "B", "3"));
        assertThat(definition.values().value(app.attribute("tags").orElseThrow().value())).contains(List.of("app:local"));
        assertThat(app.attribute("inherits")).isEmpty();
    }

    @Test
    void theOverrideFileWinsAttributeByAttributeAndMergesArgs() {
        BakeDefinition definition = new BakeDefinition(List.of(hcl("docker-bake.hcl", """
                variable "TAG" { default = "dev" }
                target "app" {
                  dockerfile = "app.Dockerfile"
                  target = "runtime"
                  args = { A = "1" }
                }
                """), hcl("docker-bake.override.hcl", """
                variable "TAG" { default = "1.4.2" }
                target "app" {
                  target = "release"
                  args = { B = "${TAG}" }
                }
                """)));
        BakeTarget app = definition.built().get(0);
        assertThat(app.file()).isEqualTo("docker-bake.override.hcl");
        assertThat(string(definition, app, "dockerfile")).isEqualTo("app.Dockerfile");
        assertThat(app.attribute("dockerfile").orElseThrow().file()).isEqualTo("docker-bake.hcl");
        assertThat(string(definition, app, "target")).isEqualTo("release");
        assertThat(definition.values().value(app.attribute("args").orElseThrow().value()))
                .contains(Map.of("A", "1", "B", "1.4.2"));
    }

    @Test
    void groupsNameTheTargetsTheyBuildEvenWhenInherited() {
        BakeDefinition definition = new BakeDefinition(List.of(hcl("docker-bake.hcl", """
                group "default" { targets = ["all"] }
                group "all" { targets = ["base", "web"] }
                target "base" { dockerfile = "base.Dockerfile" }
                target "web" { inherits = ["base"] }
                """)));
        assertThat(definition.built()).extracting(BakeTarget::name).containsExactly("base", "web");
    }

    @Test
    void variablesEvaluateThroughEachOtherAndSimpleFunctions() {
        BakeDefinition definition = new BakeDefinition(List.of(hcl("docker-bake.hcl", """
                variable "REGISTRY" { default = "ghcr.io/acme" }
                variable "IMAGE" { default = "${REGISTRY}/shop" }
                variable "EMPTY" {}
                variable "LOOP" { default = LOOP }
                target "app" {
                  tags = ["${lower(IMAGE)}:latest", "${IMAGE}:${EMPTY}x"]
                  labels = { loop = LOOP }
                  platforms = [timestamp()]
                }
                """)));
        BakeTarget app = definition.built().get(0);
        BakeValues values = definition.values();
        assertThat(values.value(app.attribute("tags").orElseThrow().value()))
                .contains(List.of("ghcr.io/acme/shop:latest", "ghcr.io/acme/shop:x"));
        assertThat(values.value(app.attribute("labels").orElseThrow().value())).isEmpty();
        assertThat(values.value(app.attribute("platforms").orElseThrow().value())).isEmpty();
        assertThat(values.readsVariable(app.attribute("tags").orElseThrow().value())).isTrue();
    }

    @Test
    void declaredFunctionsEvaluateWithTheirArgumentsAndListFunctionsAreKnown() {
        BakeDefinition definition = new BakeDefinition(List.of(hcl("docker-bake.hcl", """
                variable "REGISTRIES" { default = "ghcr.io/acme,docker.io/acme" }
                variable "VERSION" { default = "2.1" }
                function "tag" {
                  params = [name, version]
                  result = ["${REGISTRY}/${name}:${version}"]
                }
                function "unknown" {
                  params = [name]
                  result = name == "" ? "x" : name
                }
                REGISTRY = "registry.local"
                target "app" {
                  tags = tag("app", VERSION)
                  labels = {
                    registries = join(" ", compact(concat(split(",", REGISTRIES), [""])))
                    opaque = unknown("a")
                    short = tag("x")
                  }
                }
                """)));
        BakeTarget app = definition.built().get(0);
        BakeValues values = definition.values();
        assertThat(values.value(app.attribute("tags").orElseThrow().value()))
                .contains(List.of("registry.local/app:2.1"));
        assertThat(values.readsVariable(app.attribute("tags").orElseThrow().value())).isTrue();
        HclExpression.ObjectOf labels = (HclExpression.ObjectOf) app.attribute("labels").orElseThrow().value();
        assertThat(values.string(labels.entries().get(0).value())).contains("ghcr.io/acme docker.io/acme");
        assertThat(values.value(labels.entries().get(1).value())).isEmpty();
        assertThat(values.value(labels.entries().get(2).value())).isEmpty();
    }

    @Test
    void aTopLevelAttributeSetsAVariableAndNullStaysNull() {
        BakeDefinition definition = new BakeDefinition(List.of(hcl("docker-bake.hcl", """
                variable "TAG" { default = "dev" }
                variable "BASE" { default = null }
                target "app" {
                  tags = ["app:${TAG}"]
                  args = { BASE = BASE }
                }
                """), hcl("docker-bake.override.hcl", "TAG = \"1.0\"\n")));
        BakeTarget app = definition.built().get(0);
        assertThat(definition.values().value(app.attribute("tags").orElseThrow().value())).contains(List.of("app:1.0"));
        HclExpression.ObjectOf args = (HclExpression.ObjectOf) app.attribute("args").orElseThrow().value();
        assertThat(definition.values().isNull(args.entries().get(0).value())).isTrue();
        assertThat(definition.values().string(args.entries().get(0).value())).isEmpty();
    }

    @Test
    void aTargetReadAsABuildContextIsBuiltThoughInherited() {
        BakeDefinition definition = new BakeDefinition(List.of(hcl("docker-bake.hcl", """
                group "default" { targets = ["app"] }
                target "base" { dockerfile = "base.Dockerfile" }
                target "app" {
                  inherits = ["base"]
                  dockerfile = "app.Dockerfile"
                  contexts = { base = "target:base", assets = "./assets" }
                }
                """)));
        assertThat(definition.built()).extracting(BakeTarget::name).containsExactly("app", "base");
    }

    @Test
    void theJsonFormReadsLikeTheHclForm() {
        SourceFile file = SourceFile.of("docker-bake.json", """
                {
                  "variable": { "TAG": { "default": "2.0" }, "OS": { "default": "linux" } },
                  "OS": "alpine",
                  "group": { "default": { "targets": ["webapp"] } },
                  "target": {
                    "webapp": {
                      "dockerfile": "web.Dockerfile",
                      "args": { "VERSION": "${TAG}", "DEBUG": false },
                      "tags": ["docker.io/acme/webapp:${TAG}-${OS}", "literal:$${TAG}"]
                    }
                  }
                }
                """);
        BakeDefinition definition = new BakeDefinition(List.of(new BakeDefinition.File(file.path(), BakeJson.parse(file))));
        BakeTarget webapp = definition.built().get(0);
        assertThat(webapp.span().startLine()).isEqualTo(6);
        assertThat(definition.values().value(webapp.attribute("args").orElseThrow().value()))
                .contains(Map.of("VERSION", "2.0", "DEBUG", false));
        assertThat(definition.values().value(webapp.attribute("tags").orElseThrow().value()))
                .contains(List.of("docker.io/acme/webapp:2.0-alpine", "literal:${TAG}"));
    }
}
