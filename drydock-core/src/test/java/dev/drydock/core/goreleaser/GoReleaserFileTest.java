package dev.drydock.core.goreleaser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoReleaserFileTest {

    private static GoReleaserFile read(String text) {
        return GoReleaserFile.of(SourceFile.of(".goreleaser.yaml", text));
    }

    @Test
    void aDockersEntryTakesLabelsBuildArgumentsAndTargetFromItsBuildFlags() {
        GoReleaserFile file = read("""
                project_name: beacon
                env:
                  - REGISTRY=ghcr.io/acme
                builds:
                  - id: server
                    binary: beacond
                  - id: cli
                dockers:
                  - image_templates:
                      - "{{ .Env.REGISTRY }}/beacon:{{ .Tag }}"
                      - "{{ .Env.REGISTRY }}/beacon:latest"
                    dockerfile: build/release.Dockerfile
                    use: buildx
                    build_flag_templates:
                      - --pull
                      - --platform=linux/amd64
                      - "--label=org.opencontainers.image.version={{ .Version }}"
                      - --label
                      - org.opencontainers.image.title=beacon
                      - --build-arg=CHANNEL=stable
                      - --build-arg=TOKEN={{ .Env.NPM_TOKEN }}
                      - --target=runtime
                    extra_files:
                      - config/default.toml
                """);
        assertThat(file.projectName()).isEqualTo("beacon");
        assertThat(file.env()).isEqualTo(Map.of("REGISTRY", "ghcr.io/acme"));
        assertThat(file.binaries()).containsExactly("beacond", "{{ .ProjectName }}");
        GoReleaserImage image = file.images().get(0);
        assertThat(image.dockerfile()).isEqualTo("build/release.Dockerfile");
        assertThat(image.names()).containsExactly("{{ .Env.REGISTRY }}/beacon:{{ .Tag }}",
                "{{ .Env.REGISTRY }}/beacon:latest");
        assertThat(image.labels()).containsOnlyKeys("org.opencontainers.image.version",
                "org.opencontainers.image.title");
        assertThat(image.buildArgs()).extracting(GoReleaserImage.BuildArg::name).containsExactly("CHANNEL", "TOKEN");
        assertThat(image.buildArgs().get(1).value()).isEqualTo("{{ .Env.NPM_TOKEN }}");
        assertThat(image.buildArgs().get(1).span().startLine()).isEqualTo(21);
        assertThat(image.target()).isEqualTo("runtime");
        assertThat(image.extraFiles()).containsExactly("config/default.toml");
        assertThat(image.binaryFolders()).containsExactly("");
        assertThat(image.pushed()).isTrue();
        assertThat(image.span().startLine()).isEqualTo(9);
    }

    @Test
    void aDockersEntryWithoutDockerfileBuildsTheRootOneAndSkipPushKeepsItLocal() {
        GoReleaserFile file = read("""
                dockers:
                  - image_templates: [acme/beacon]
                    skip_push: true
                    build_flag_templates: "--label=org.opencontainers.image.source=https://example.org --pull"
                """);
        GoReleaserImage image = file.images().get(0);
        assertThat(image.dockerfile()).isEqualTo("Dockerfile");
        assertThat(image.pushed()).isFalse();
        assertThat(image.labels()).containsOnlyKeys("org.opencontainers.image.source");
        assertThat(file.projectName()).isNull();
        assertThat(file.binaries()).containsExactly("{{ .ProjectName }}");
    }

    @Test
    void aDockersV2EntryNamesEachImageWithEachTagAndPutsBinariesUnderItsPlatforms() {
        GoReleaserFile file = read("""
                release:
                  github:
                    owner: acme
                    name: beacon
                dockers_v2:
                  - images:
                      - acme/beacon
                      - ghcr.io/acme/beacon
                    tags: ["v{{ .Version }}", latest]
                    labels:
                      org.opencontainers.image.revision: "{{ .FullCommit }}"
                    build_args:
                      CHANNEL: stable
                    flags:
                      - --target=release
                    platforms: [linux/amd64]
                    extra_files: [LICENSE]
                  - images: [acme/beacon-debug]
                """);
        assertThat(file.projectName()).isEqualTo("beacon");
        GoReleaserImage image = file.images().get(0);
        assertThat(image.names()).containsExactly("acme/beacon:v{{ .Version }}", "acme/beacon:latest",
                "ghcr.io/acme/beacon:v{{ .Version }}", "ghcr.io/acme/beacon:latest");
        assertThat(image.labels()).containsOnlyKeys("org.opencontainers.image.revision");
        assertThat(image.buildArgs()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("CHANNEL");
            assertThat(a.value()).isEqualTo("stable");
            assertThat(a.span().startLine()).isEqualTo(13);
        });
        assertThat(image.target()).isEqualTo("release");
        assertThat(image.binaryFolders()).containsExactly("linux/amd64");
        assertThat(image.extraFiles()).containsExactly("LICENSE");
        GoReleaserImage debug = file.images().get(1);
        assertThat(debug.names()).containsExactly("acme/beacon-debug:{{ .Tag }}");
        assertThat(debug.binaryFolders()).containsExactly("linux/amd64", "linux/arm64");
    }

    @Test
    void entriesMergedFromAnAnchorKeepTheAnchorsValues() {
        GoReleaserFile file = read("""
                x-docker: &docker
                  dockerfile: release.Dockerfile
                  build_flag_templates: ["--label=org.opencontainers.image.title=beacon"]
                dockers:
                  - <<: *docker
                    image_templates: ["acme/beacon:{{ .Tag }}-amd64"]
                """);
        GoReleaserImage image = file.images().get(0);
        assertThat(image.dockerfile()).isEqualTo("release.Dockerfile");
        assertThat(image.labels()).containsOnlyKeys("org.opencontainers.image.title");
    }

    @Test
    void anEntryWithATemplatedDockerfileIsLeftOut() {
        GoReleaserFile file = read("""
                dockers_v2:
                  - images: [acme/beacon]
                    templated_dockerfile: Dockerfile.tmpl
                """);
        assertThat(file.images()).isEmpty();
    }

    @Test
    void aFileWithoutImagesOrNotAMappingHasNone() {
        assertThat(read("builds:\n  - binary: beacon\n").images()).isEmpty();
        assertThat(read("").images()).isEmpty();
        assertThat(read("- a\n- b\n").binaries()).isEqualTo(List.of());
    }

    @Test
    void aFileThatIsNotYamlIsASourceErrorAtItsLine() {
        assertThatThrownBy(() -> read("dockers:\n  - image_templates: [a\n    dockerfile: x\n: :\n"))
                .isInstanceOf(SourceException.class)
                .satisfies(e -> assertThat(((SourceException) e).line()).isGreaterThan(1));
    }
}
