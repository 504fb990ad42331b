package dev.drydock.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewMojoTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path out;

    private ReviewMojo mojo(Path directory, String failOn, String... formats) {
        ReviewMojo mojo = new ReviewMojo();
        mojo.directory = directory.toFile();
        mojo.failOn = failOn;
        mojo.formats = List.of(formats);
        mojo.outputDirectory = out.resolve("drydock").toFile();
        mojo.shellcheck = false;
        return mojo;
    }

    @Test
    void failsTheBuildWhenAFindingReachesTheThreshold() {
        assertThatThrownBy(() -> mojo(EXAMPLES.resolve("flask-notes"), null, "sarif").execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("at or above high")
                .hasMessageContaining("flask-notes");
        assertThat(out.resolve("drydock/review.sarif")).content(StandardCharsets.UTF_8)
                .contains("\"version\" : \"2.1.0\"").contains("runs-as-root");
    }

    @Test
    void reportsWithoutFailingWhenTheThresholdIsNone() throws Exception {
        mojo(EXAMPLES.resolve("flask-notes"), "none", "json", "markdown", "checkstyle").execute();
        assertThat(out.resolve("drydock/review.json")).content(StandardCharsets.UTF_8).contains("\"findings\"");
        assertThat(out.resolve("drydock/review.md")).content(StandardCharsets.UTF_8)
                .startsWith("# Container Setup Review: flask-notes");
        assertThat(out.resolve("drydock/review.checkstyle.xml")).content(StandardCharsets.UTF_8).contains("<checkstyle");
        assertThat(Files.getPosixFilePermissions(out.resolve("drydock/review.json")))
                .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try (var files = Files.list(out.resolve("drydock"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void logsAFindingWrittenAtSeveralPlacesOnceAtEachPlace(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("compose.yaml"), """
                services:
                  grafana:
                    image: grafana/grafana:11.2.0
                    environment:
                      GF_SECURITY_ADMIN_PASSWORD: ${ADMIN_PASSWORD:-admin}
                  caddy:
                    image: caddy:2.8.4
                    environment:
                      ADMIN_PASSWORD: ${ADMIN_PASSWORD:-admin}
                """);
        List<String> lines = new java.util.ArrayList<>();
        ReviewMojo mojo = mojo(project, "none", "json");
        mojo.setLog(new org.apache.maven.plugin.logging.SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                lines.add(content.toString());
            }

            @Override
            public void error(CharSequence content) {
                lines.add(content.toString());
            }
        });
        mojo.execute();
        List<String> secret = lines.stream().filter(l -> l.contains("[default-secret]")).toList();
        assertThat(secret).hasSize(2);
        assertThat(secret.get(0)).startsWith("compose.yaml:5:");
        assertThat(secret.get(1)).startsWith("compose.yaml:9:");
        assertThat(secret).allMatch(l -> l.endsWith("One finding at 2 places: compose.yaml:5 and compose.yaml:9."));
    }

    @Test
    void passesAHardenedProject() throws Exception {
        mojo(EXAMPLES.resolve("go-clean"), "high", "sarif").execute();
        assertThat(out.resolve("drydock/review.sarif")).exists();
    }

    @Test
    void skipsAModuleWithoutContainerFiles(@TempDir Path module) throws Exception {
        Files.writeString(module.resolve("pom.xml"), "<project/>\n");
        mojo(module, "info", "sarif").execute();
        assertThat(out.resolve("drydock")).doesNotExist();
    }

    @Test
    void skipsWhenAsked() throws Exception {
        ReviewMojo mojo = mojo(EXAMPLES.resolve("flask-notes"), "info", "sarif");
        mojo.skip = true;
        mojo.execute();
        assertThat(out.resolve("drydock")).doesNotExist();
    }

    @Test
    void aBrokenFileOrAMissingFolderFailsWithItsPositionAndNoStackTraceOfItsOwn(@TempDir Path project) throws IOException {
        assertThatThrownBy(() -> mojo(project.resolve("missing"), null, "sarif").execute())
                .isInstanceOf(MojoFailureException.class).hasMessageStartingWith("drydock: ")
                .hasMessageContaining("missing");
        Files.writeString(project.resolve(".drydock.yaml"), "fail-on: [\n");
        Files.writeString(project.resolve("Dockerfile"), "FROM alpine:3.20.3\n");
        assertThatThrownBy(() -> mojo(project, null, "sarif").execute())
                .isInstanceOf(MojoFailureException.class).hasMessageContaining(".drydock.yaml");
    }

    @Test
    void rejectsAnUnknownThresholdOrFormat() {
        assertThatThrownBy(() -> mojo(EXAMPLES.resolve("go-clean"), "severe", "sarif").execute())
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("critical, high, medium, low, info or none");
        assertThatThrownBy(() -> mojo(EXAMPLES.resolve("go-clean"), "high", "pdf").execute())
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("unknown report format pdf");
    }

    @Test
    void thePluginDescriptorDeclaresTheGoalAndItsParameters() throws IOException {
        try (InputStream in = ReviewMojo.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("plugin.xml generated by maven-plugin-plugin").isNotNull();
            String descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(descriptor).contains("<goalPrefix>drydock</goalPrefix>").contains("<goal>review</goal>")
                    .contains("<phase>verify</phase>");
            for (String parameter : List.of("directory", "failOn", "config", "formats", "outputDirectory", "shellcheck", "skip")) {
                assertThat(descriptor).contains("<name>" + parameter + "</name>");
            }
        }
        assertThat(new File("target/classes/META-INF/maven/plugin.xml")).exists();
    }
}
