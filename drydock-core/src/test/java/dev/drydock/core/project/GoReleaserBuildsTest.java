package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoReleaserBuildsTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void aDockersEntryBuildsItsDockerfileFromTheFilesFolderWithItsBinaryAndExtraFilesSupplied() throws IOException {
        write("go.mod", "module github.com/acme/beacon\n\ngo 1.23\n");
        write("release.Dockerfile", "FROM alpine:3.20 AS runtime\nARG CHANNEL\nCOPY beacon /usr/bin/\n");
        write(".goreleaser.yml", """
                env:
                  - ORG=acme
                dockers:
                  - dockerfile: release.Dockerfile
                    image_templates:
                      - "ghcr.io/{{ .Env.ORG }}/{{ .ProjectName }}:{{ .Tag }}"
                    build_flag_templates:
                      - --label=org.opencontainers.image.version={{ .Version }}
                      - --build-arg=CHANNEL=stable
                      - --build-arg=TOKEN={{ .Env.NPM_TOKEN }}
                      - --target=runtime
                    extra_files: [conf/beacon.toml, ./docker/]
                """);
        Project project = new ProjectLoader().load(dir);
        DeclaredBuild build = project.declaredBuilds().get(0);
        assertThat(build.dockerfile()).isEqualTo("release.Dockerfile");
        assertThat(build.context()).isEmpty();
        assertThat(build.target()).isEqualTo("runtime");
        assertThat(build.args()).isEqualTo(Map.of("CHANNEL", "stable"));
        assertThat(build.arguments()).extracting(BuildArgument::value).containsExactly("stable", "${NPM_TOKEN}");
        assertThat(build.tags()).containsExactly("ghcr.io/acme/beacon:${Tag}");
        assertThat(build.labels().oci()).isTrue();
        assertThat(build.tool()).isEqualTo(BuildTool.GORELEASER);
        assertThat(build.output()).isEqualTo(BuildOutput.SHIPPED);
        assertThat(build.supplied()).containsExactly("beacon", "conf/beacon.toml", "docker");
        assertThat(build.origin().toString()).isEqualTo(".goreleaser.yml:4:5");
        Container image = project.containers().get(0);
        assertThat(image.build().supplies("beacon")).isTrue();
        assertThat(image.build().supplies("docker/entrypoint.sh")).isTrue();
        assertThat(image.build().supplies("beacon.toml")).isFalse();
    }

    @Test
    void aDockersV2EntryPutsTheBinariesUnderItsPlatformsAndAnUnknownProjectNameStandsForAnyName() throws IOException {
        write("Dockerfile", "FROM alpine:3.20\nCOPY linux/amd64/beacon /usr/bin/\n");
        write("goreleaser.yaml", """
                dockers_v2:
                  - images: ["acme/{{ .ProjectName }}"]
                    labels:
                      org.opencontainers.image.source: https://example.org/acme/beacon
                """);
        Project project = new ProjectLoader().load(dir);
        DeclaredBuild build = project.declaredBuilds().get(0);
        assertThat(build.dockerfile()).isEqualTo("Dockerfile");
        assertThat(build.tags()).containsExactly("acme/${ProjectName}:${Tag}");
        assertThat(build.supplied()).containsExactly("linux/amd64/*", "linux/arm64/*");
        assertThat(build.labels().oci()).isTrue();
    }

    @Test
    void aComposeServiceThatPullsTheImageGoReleaserPushesIsLinkedToItsDockerfile() throws IOException {
        write("Dockerfile", "FROM alpine:3.20\nCOPY beacon /usr/bin/\nCMD [\"beacon\"]\n");
        write(".goreleaser.yaml", """
                project_name: beacon
                dockers:
                  - image_templates: ["acme/beacon:{{ .Tag }}-amd64"]
                """);
        write("compose.yaml", "services:\n  beacon:\n    image: acme/beacon:1.4.0-amd64\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.containers()).filteredOn(Container::isComposeService).singleElement()
                .satisfies(c -> assertThat(c.build().dockerfile()).isEqualTo("Dockerfile"));
    }

    @Test
    void aLabellingEntryWhoseDockerfileIsATemplateMayBeAnyImagesAndAMissingOneIsNobodys() throws IOException {
        write("Dockerfile", "FROM alpine:3.20\n");
        write(".goreleaser.yaml", """
                dockers:
                  - dockerfile: "{{ .Env.DOCKERFILE }}"
                    image_templates: [acme/beacon]
                    build_flag_templates: [--label=org.opencontainers.image.title=beacon]
                  - dockerfile: missing.Dockerfile
                    image_templates: [acme/other]
                    build_flag_templates: [--label=org.opencontainers.image.title=other]
                """);
        Project project = new ProjectLoader().load(dir);
        assertThat(project.declaredBuilds()).isEmpty();
        assertThat(project.unplacedLabelledBuilds()).singleElement()
                .satisfies(o -> assertThat(o.toString()).isEqualTo(".goreleaser.yaml:2:5"));
    }

    @Test
    void aGoReleaserFileThatIsNotYamlIsReportedAtItsLineAndTheRestIsRead() throws IOException {
        write("Dockerfile", "FROM alpine:3.20\n");
        write(".goreleaser.yml", "dockers:\n  - image_templates: [acme/beacon\n    dockerfile: Dockerfile\n: :\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.diagnostics()).filteredOn(d -> d.path().equals(".goreleaser.yml"))
                .singleElement().satisfies(d -> {
                    assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
                    assertThat(d.line()).isGreaterThan(1);
                });
        assertThat(project.dockerfiles()).containsKey("Dockerfile");
        assertThat(project.declaredBuilds()).isEmpty();
    }
}
