package dev.drydock.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFinderTest {

    @TempDir
    Path dir;

    private void write(String path) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "FROM alpine:3.20.3\n");
    }

    @Test
    void theTopMostFolderWithADockerfileOrComposeFileOwnsItsSubtree() throws IOException {
        write("shop/Dockerfile");
        write("shop/services/api/compose.yaml"); // part of shop's review, not a project of its own
        write("tools/deploy/docker-compose.yml");
        write("tools/README.md");
        write("docs/index.md");
        write("web/app.Dockerfile");
        write("apps/b/Containerfile");
        write("apps/a/compose.yml");

        assertThat(new ProjectFinder().find(dir)).containsExactly(
                dir.resolve("apps/a"), dir.resolve("apps/b"), dir.resolve("shop"), dir.resolve("tools/deploy"),
                dir.resolve("web"));
    }

    @Test
    void aFinderReadingElsewhereShowsTheProjectsUnderTheStartAsGiven() throws IOException {
        write("shop/Dockerfile");
        write("tools/deploy/docker-compose.yml");
        ProjectFinder finder = new ProjectFinder(dir::resolve); // a daemon's client in dir

        assertThat(finder.find(Path.of("."))).containsExactly(Path.of("./shop"), Path.of("./tools/deploy"));
        assertThat(finder.find(Path.of("shop/Dockerfile"))).containsExactly(Path.of("shop/Dockerfile"));
        assertThat(finder.find(dir.resolve("tools"))).containsExactly(dir.resolve("tools/deploy"));
        assertThatThrownBy(() -> finder.find(Path.of("nowhere"))).isInstanceOf(SourceException.class)
                .hasMessageContaining("nowhere").hasMessageNotContaining(dir.toString());
    }

    @Test
    void aFolderWithAManifestOwnsTheDockerfileOfItsDockerFolder() throws IOException {
        write("uptime-kuma/package.json");
        write("uptime-kuma/docker/dockerfile");
        write("uptime-kuma/docker/docker-compose.yml");
        write("api/go.mod");
        write("api/.docker/Dockerfile");
        write("worker/pyproject.toml");
        write("worker/deploy/Dockerfile");
        write("site/.git/HEAD");
        write("site/build/Dockerfile");
        write("n8n/pnpm-lock.yaml");
        write("n8n/docker/images/n8n/Dockerfile");

        assertThat(new ProjectFinder().find(dir)).containsExactly(
                dir.resolve("api"), dir.resolve("n8n"), dir.resolve("site"), dir.resolve("uptime-kuma"),
                dir.resolve("worker"));
    }

    @Test
    void aMavenOrGradleRootOwnsItsSrcMainDockerFolder() throws IOException {
        write("orders/pom.xml");
        write("orders/src/main/docker/Dockerfile.jvm");
        write("orders/src/main/docker/Dockerfile.native");
        write("orders/src/main/resources/application.properties");
        write("billing/build.gradle");
        write("billing/src/main/docker/Dockerfile.jvm");
        write("notes/src/main/docker/Dockerfile"); // nothing marks notes/ as a project

        assertThat(new ProjectFinder().find(dir)).containsExactly(
                dir.resolve("billing"), dir.resolve("notes/src/main/docker"), dir.resolve("orders"));
    }

    @Test
    void siblingProjectsWithDockerFoldersStayTwo() throws IOException {
        write("package.json"); // the start folder's manifest, but no container folder of its own
        write("shop/package.json");
        write("shop/docker/Dockerfile");
        write("blog/Gemfile");
        write("blog/docker/Dockerfile");

        assertThat(new ProjectFinder().find(dir)).containsExactly(dir.resolve("blog"), dir.resolve("shop"));
    }

    @Test
    void aDockerFolderWithoutAMarkedParentIsItsOwnProject() throws IOException {
        write("notes/README.md");
        write("notes/docker/Dockerfile"); // loose: nothing marks notes/ as a project
        write("tools/package.json");
        write("tools/images/Dockerfile"); // not a conventional container folder

        assertThat(new ProjectFinder().find(dir)).containsExactly(
                dir.resolve("notes/docker"), dir.resolve("tools/images"));
    }

    @Test
    void foldersDiscoverySkipsAreNotEntered() throws IOException {
        write("node_modules/some-package/Dockerfile");
        write(".git/hooks/Dockerfile");
        write(".venv/lib/Dockerfile");
        write("app/Dockerfile");

        assertThat(new ProjectFinder().find(dir)).containsExactly(dir.resolve("app"));
    }

    @Test
    void aStartFolderThatIsAProjectIsTheOnlyProject() throws IOException {
        write("compose.yaml");
        write("services/api/Dockerfile");

        assertThat(new ProjectFinder().find(dir)).containsExactly(dir);
    }

    @Test
    void aStartFileIsOneProject() throws IOException {
        write("odd/build.docker");
        Path file = dir.resolve("odd/build.docker");

        assertThat(new ProjectFinder().find(file)).containsExactly(file);
    }

    @Test
    void aFolderWithoutContainerFilesHasNoProject() throws IOException {
        write("src/main.py");

        assertThat(new ProjectFinder().find(dir)).isEmpty();
    }

    @Test
    void aMissingStartIsASourceException() {
        assertThatThrownBy(() -> new ProjectFinder().find(dir.resolve("nope")))
                .isInstanceOf(SourceException.class).hasMessageContaining("no such file or directory");
    }

    @Test
    void projectsAreHandedOverAsTheyAreFound() throws IOException {
        write("a/Dockerfile");
        write("b/Dockerfile");
        List<Path> seen = new ArrayList<>();

        new ProjectFinder().find(dir, seen::add);

        assertThat(seen).containsExactly(dir.resolve("a"), dir.resolve("b"));
    }
}
