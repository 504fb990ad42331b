package dev.drydock.core.skaffold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import org.junit.jupiter.api.Test;

class SkaffoldFileTest {

    private static SkaffoldFile read(String text) {
        return SkaffoldFile.of(SourceFile.of("skaffold.yaml", text));
    }

    @Test
    void anArtifactWithoutContextOrDockerfileIsBuiltFromDockerfileInTheFilesFolder() {
        SkaffoldFile file = read("""
                apiVersion: skaffold/v4beta11
                kind: Config
                build:
                  artifacts:
                    - image: web
                """);
        SkaffoldArtifact web = file.configs().get(0).artifacts().get(0);
        assertThat(web.image()).isEqualTo("web");
        assertThat(web.context()).isEqualTo(".");
        assertThat(web.dockerfile()).isEqualTo("Dockerfile");
        assertThat(web.target()).isNull();
        assertThat(web.buildArgs()).isEmpty();
        assertThat(web.kaniko()).isFalse();
        assertThat(web.span().startLine()).isEqualTo(5);
    }

    @Test
    void theDockerBuilderGivesDockerfileTargetAndBuildArgumentsWithTemplatesAsVariables() {
        SkaffoldFile file = read("""
                apiVersion: skaffold/v2beta29
                kind: Config
                build:
                  artifacts:
                    - image: ghcr.io/acme/api
                      context: services/api
                      docker:
                        dockerfile: build/prod.Dockerfile
                        target: runtime
                        buildArgs:
                          MODE: prod
                          TOKEN: '{{.NPM_TOKEN}}'
                          FROM_ENV:
                          MIXED: 'v-{{ .VERSION }}-{{ default "x" .Y }}'
                """);
        SkaffoldArtifact api = file.configs().get(0).artifacts().get(0);
        assertThat(api.context()).isEqualTo("services/api");
        assertThat(api.dockerfile()).isEqualTo("build/prod.Dockerfile");
        assertThat(api.target()).isEqualTo("runtime");
        assertThat(api.buildArgs()).extracting(SkaffoldArtifact.BuildArg::name)
                .containsExactly("MODE", "TOKEN", "FROM_ENV", "MIXED");
        assertThat(api.buildArgs()).extracting(SkaffoldArtifact.BuildArg::value)
                .containsExactly("prod", "${NPM_TOKEN}", "${FROM_ENV}", "$v-${VERSION}-{{ default \"x\" .Y }}");
        assertThat(api.buildArgs().get(1).span().startLine()).isEqualTo(12);
    }

    @Test
    void kanikoBuildsADockerfileAndOtherBuildersAreLeftOut() {
        SkaffoldFile file = read("""
                apiVersion: skaffold/v4beta11
                kind: Config
                build:
                  artifacts:
                    - image: k
                      kaniko:
                        dockerfile: Containerfile
                    - image: j
                      jib: {}
                    - image: b
                      buildpacks:
                        builder: paketobuildpacks/builder:base
                    - image: c
                      custom:
                        buildCommand: ./build.sh
                """);
        assertThat(file.configs().get(0).artifacts()).extracting(SkaffoldArtifact::image).containsExactly("k");
        assertThat(file.configs().get(0).artifacts().get(0).kaniko()).isTrue();
        assertThat(file.configs().get(0).artifacts().get(0).dockerfile()).isEqualTo("Containerfile");
    }

    @Test
    void everyConfigDocumentIsReadWithItsManifestsAndOtherDocumentsAreSkipped() {
        SkaffoldFile file = read("""
                apiVersion: skaffold/v4beta11
                kind: Config
                metadata:
                  name: app
                build:
                  artifacts:
                    - image: app
                manifests:
                  rawYaml:
                    - k8s/*.yaml
                  kustomize:
                    paths: [overlays/dev]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: not-skaffold
                ---
                apiVersion: skaffold/v2beta18
                kind: Config
                metadata:
                  name: loadgen
                requires:
                  - configs: [app]
                build:
                  artifacts:
                    - image: loadgen
                      context: src/loadgen
                deploy:
                  kubectl:
                    manifests:
                      - ./kubernetes-manifests/loadgen.yaml
                  kustomize: {}
                """);
        assertThat(file.configs()).extracting(SkaffoldConfig::name).containsExactly("app", "loadgen");
        assertThat(file.configs().get(0).manifests()).containsExactly("k8s/*.yaml");
        assertThat(file.configs().get(0).kustomizations()).containsExactly("overlays/dev");
        assertThat(file.configs().get(1).artifacts()).extracting(SkaffoldArtifact::context).containsExactly("src/loadgen");
        assertThat(file.configs().get(1).manifests()).containsExactly("./kubernetes-manifests/loadgen.yaml");
        assertThat(file.configs().get(1).kustomizations()).containsExactly(".");
    }

    @Test
    void aProfileThatSetsArtifactsReplacesThemAndOneThatDoesNotKeepsThem() {
        SkaffoldFile file = read("""
                apiVersion: skaffold/v4beta11
                kind: Config
                build:
                  artifacts:
                    - image: app
                profiles:
                  - name: gcb
                    build:
                      googleCloudBuild: {}
                  - name: dev
                    build:
                      artifacts:
                        - image: app
                          docker:
                            target: dev
                        - image: mock
                          context: test/mock
                    manifests:
                      rawYaml: [dev/*.yaml]
                  - name: debug
                    patches:
                      - op: replace
                        path: /build/artifacts/0/docker/dockerfile
                        value: Dockerfile.debug
                """);
        var profiles = file.configs().get(0).profiles();
        assertThat(profiles).extracting(SkaffoldConfig.Profile::name).containsExactly("gcb", "dev", "debug");
        assertThat(profiles.get(0).artifacts()).isNull();
        assertThat(profiles.get(1).artifacts()).extracting(SkaffoldArtifact::image).containsExactly("app", "mock");
        assertThat(profiles.get(1).manifests()).containsExactly("dev/*.yaml");
        assertThat(profiles.get(2).artifacts()).isNull();
    }

    @Test
    void textThatIsNotYamlFailsAtTheLineOfTheError() {
        assertThatThrownBy(() -> read("""
                apiVersion: skaffold/v4beta11
                kind: Config
                build:
                  artifacts: [
                    - image: app
                """))
                .isInstanceOf(SourceException.class)
                .satisfies(e -> assertThat(((SourceException) e).line()).isGreaterThan(3))
                .hasMessageContaining("skaffold.yaml");
    }
}
