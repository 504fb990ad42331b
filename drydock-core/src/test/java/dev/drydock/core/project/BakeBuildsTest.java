package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BakeBuildsTest {

    private static final Set<String> DIRS = Set.of("services", "services/api", "web");
    private static final Set<String> FILES = Set.of("Dockerfile", "services/api/Dockerfile",
            "services/api/prod.Dockerfile", "web/dockerfile");

    private static List<DeclaredBuild> read(List<Diagnostic> diagnostics, String... pathsAndTexts) {
        Map<String, SourceFile> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], SourceFile.of(pathsAndTexts[i], pathsAndTexts[i + 1]));
        }
        return BakeBuilds.read(List.copyOf(files.keySet()), files::get, diagnostics, DIRS::contains, FILES::contains);
    }

    @Test
    void eachBuiltTargetGivesItsDockerfileRelativeToItsContext() {
        List<DeclaredBuild> builds = read(new ArrayList<>(), "docker-bake.hcl", """
                variable "TAG" { default = "1.2.0" }
                target "api" {
                  context    = "services/api"
                  dockerfile = "prod.Dockerfile"
                  target     = "runtime"
                  args = {
                    VERSION = TAG
                    MODE    = "prod"
                    REV     = git_sha()
                  }
                  tags = ["ghcr.io/acme/api:${TAG}", "ghcr.io/acme/api:${notequal(TAG, "")}x"]
                }
                target "web" {
                  context = "web"
                }
                target "root" {}
                target "remote" {
                  context = "https://github.com/acme/app.git"
                }
                target "matrix" {
                  name = "m-${v}"
                  matrix = { v = ["1", "2"] }
                }
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile)
                .containsExactly("services/api/prod.Dockerfile", "web/dockerfile", "Dockerfile");
        DeclaredBuild api = builds.get(0);
        assertThat(api.context()).isEqualTo("services/api");
        assertThat(api.target()).isEqualTo("runtime");
        assertThat(api.tool()).isEqualTo(BuildTool.BAKE);
        assertThat(api.args()).isEqualTo(Map.of("VERSION", "1.2.0", "MODE", "prod"));
        assertThat(api.arguments()).extracting(BuildArgument::value).containsExactly("${TAG}", "prod", "${git_sha()}");
        assertThat(api.arguments().get(0).literal()).isFalse();
        assertThat(api.arguments().get(0).origin().toString()).isEqualTo("docker-bake.hcl:7:5");
        assertThat(api.tags()).containsExactly("ghcr.io/acme/api:1.2.0", "ghcr.io/acme/api:truex");
        assertThat(api.origin().toString()).isEqualTo("docker-bake.hcl:2:1");
    }

    @Test
    void aNullArgumentIsNotPassedAndANullTargetOrContextIsTheDefault() {
        List<DeclaredBuild> builds = read(new ArrayList<>(), "docker-bake.hcl", """
                variable "GO_VERSION" { default = null }
                variable "STAGE" { default = null }
                target "app" {
                  context = null
                  target = STAGE
                  args = {
                    GO_VERSION = GO_VERSION
                    MODE = "prod"
                  }
                }
                """);
        assertThat(builds).singleElement().satisfies(b -> {
            assertThat(b.dockerfile()).isEqualTo("Dockerfile");
            assertThat(b.target()).isNull();
            assertThat(b.args()).isEqualTo(Map.of("MODE", "prod"));
            assertThat(b.arguments()).extracting(BuildArgument::name).containsExactly("MODE");
        });
    }

    @Test
    void filesOfOneFolderMergeAndAFileThatDoesNotParseIsReported() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<DeclaredBuild> builds = read(diagnostics,
                "docker-bake.override.hcl", "target \"api\" {\n  target = \"debug\"\n}\n",
                "docker-bake.hcl", "target \"api\" {\n  context = \"services/api\"\n}\n",
                "services/docker-bake.hcl", "target \"broken\" {\n  context = [\n");
        assertThat(builds).singleElement().satisfies(b -> {
            assertThat(b.dockerfile()).isEqualTo("services/api/Dockerfile");
            assertThat(b.target()).isEqualTo("debug");
        });
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("services/docker-bake.hcl");
            assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
        });
    }

    @Test
    void aTargetCarriesItsOwnAndInheritedLabelsAndMetadataActionsWhenItInheritsThem() {
        List<DeclaredBuild> builds = read(new ArrayList<>(), "docker-bake.hcl", """
                variable "REPO" { default = "https://github.com/acme/app" }
                target "_common" {
                  labels = { "org.opencontainers.image.source" = REPO }
                }
                target "api" {
                  inherits = ["_common"]
                  context  = "services/api"
                  labels   = { team = "core" }
                }
                target "web" {
                  inherits = ["docker-metadata-action"]
                  context  = "web"
                }
                target "root" {}
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile)
                .containsExactly("services/api/Dockerfile", "web/dockerfile", "Dockerfile");
        assertThat(builds.get(0).labels()).isEqualTo(new BuildLabels(
                Map.of("org.opencontainers.image.source", "https://github.com/acme/app", "team", "core"), false));
        assertThat(builds.get(1).labels()).isEqualTo(new BuildLabels(Map.of(), true));
        assertThat(builds.get(2).labels()).isEqualTo(BuildLabels.NONE);
    }

    @Test
    void labelsAFunctionReturnsCountAsTheTargets() {
        List<DeclaredBuild> builds = read(new ArrayList<>(), "docker-bake.hcl", """
                variable "VERSION" { default = "1.4.0" }
                function "oci" {
                  params = []
                  result = {
                    "org.opencontainers.image.version" = VERSION
                    "org.opencontainers.image.created" = timestamp()
                  }
                }
                target "_common" {
                  labels = oci()
                }
                target "api" {
                  inherits = ["_common"]
                  context  = "services/api"
                }
                """);
        assertThat(builds).singleElement().satisfies(b -> {
            assertThat(b.labels().values()).containsOnlyKeys("org.opencontainers.image.version",
                    "org.opencontainers.image.created");
            assertThat(b.labels().values()).containsEntry("org.opencontainers.image.version", "1.4.0");
            assertThat(b.labels().oci()).isTrue();
        });
    }

    @Test
    void aFileInAFolderWhosePathsResolveOnlyFromTheRootIsBuiltAsFromTheRoot() {
        List<DeclaredBuild> builds = read(new ArrayList<>(), "services/docker-bake.hcl", """
                target "api" {
                  dockerfile = "services/api/prod.Dockerfile"
                }
                target "local" {
                  context = "api"
                }
                target "nowhere" {
                  dockerfile = "missing.Dockerfile"
                }
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile)
                .containsExactly("services/api/prod.Dockerfile", "services/api/Dockerfile");
        assertThat(builds).extracting(DeclaredBuild::context).containsExactly("", "services/api");
    }

    @Test
    void aBakeActionStepBuildsTheTargetsItNamesWithItsOverridesAtTheStep() {
        Map<String, SourceFile> files = new java.util.LinkedHashMap<>();
        files.put("ci/bake.hcl", SourceFile.of("ci/bake.hcl", """
                group "default" { targets = ["web"] }
                target "api" {
                  context = "services/api"
                }
                target "web" {
                  context = "web"
                }
                """));
        files.put("docker-bake.hcl", SourceFile.of("docker-bake.hcl", """
                target "default" {}
                """));
        Set<String> existing = new java.util.HashSet<>(FILES);
        existing.addAll(files.keySet());
        SourceFile workflow = SourceFile.of(".github/workflows/image.yml", """
                jobs:
                  image:
                    steps:
                      - uses: docker/bake-action@v6
                        with:
                          files: ci/bake.hcl
                          targets: api
                          set: |
                            api.dockerfile=prod.Dockerfile
                            *.platform=linux/amd64,linux/arm64
                      - uses: depot/bake-action@v1
                        with:
                          files: |
                            ./ci/bake.hcl
                      - uses: docker/bake-action@v6
                      - uses: docker/bake-action@v6
                        with:
                          source: "https://github.com/acme/app.git#main"
                      - uses: docker/bake-action@v6
                        with:
                          targets: ${{ matrix.target }}
                """);
        List<DeclaredBuild> builds = BakeActions.read(workflow, files::get, DIRS::contains, existing::contains);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context, b -> b.origin().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("services/api/prod.Dockerfile", "services/api",
                                ".github/workflows/image.yml:4:7"),
                        org.assertj.core.groups.Tuple.tuple("web/dockerfile", "web", ".github/workflows/image.yml:11:7"),
                        org.assertj.core.groups.Tuple.tuple("Dockerfile", "", ".github/workflows/image.yml:15:7"));
        assertThat(builds).extracting(DeclaredBuild::tool).containsOnly(BuildTool.BAKE);
    }

    @Test
    void aBakeCommandLineBuildsTheTargetsOfItsFilesWhereItRuns() {
        Map<String, SourceFile> files = new java.util.LinkedHashMap<>();
        files.put("ci/bake.hcl", SourceFile.of("ci/bake.hcl", """
                target "api" {
                  context = "services/api"
                }
                """));
        files.put("web/docker-bake.hcl", SourceFile.of("web/docker-bake.hcl", """
                target "default" {}
                """));
        Set<String> existing = new java.util.HashSet<>(FILES);
        existing.addAll(files.keySet());
        SourceFile makefile = SourceFile.of("Makefile", """
                images:
                	docker buildx bake -f ci/bake.hcl --set api.dockerfile=prod.Dockerfile --push api
                	cd web && docker bake
                	docker buildx bake -f ci/bake.hcl --print api
                	docker buildx bake -f $(BAKE_FILE) api
                """);
        assertThat(BakeActions.mayDeclare(makefile.text())).isTrue();
        List<DeclaredBuild> builds = BakeActions.commands(makefile, files::get, DIRS::contains, existing::contains);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, b -> b.origin().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("services/api/prod.Dockerfile", "Makefile:2:2"),
                        org.assertj.core.groups.Tuple.tuple("web/dockerfile", "Makefile:3:12"));
    }
}
