package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContextPathsTest {

    @Test
    void copyDotDotIntoTheWorkdir() {
        // WORKDIR /app; COPY requirements.txt .; COPY . .
        List<Copy> copies = List.of(Copy.of("requirements.txt", ".", "/app"), Copy.of(".", ".", "/app"));
        ContextPaths paths = new ContextPaths(copies);
        assertThat(copies.get(0)).isEqualTo(new Copy("requirements.txt", "/app", true));
        assertThat(paths.toContext("/app/app.py")).contains("app.py");
        assertThat(paths.toContext("/app/src/unify/db.py")).contains("src/unify/db.py");
        assertThat(paths.toContext("/app")).contains("");
        assertThat(paths.toContext("/etc/passwd")).isEmpty();
        assertThat(paths.toContainer("requirements.txt")).containsExactly("/app/requirements.txt", "/app/requirements.txt");
        assertThat(paths.toContainer("src/app.py")).containsExactly("/app/src/app.py");
    }

    @Test
    void fileIntoFolderVersusFileAsFile() {
        ContextPaths paths = new ContextPaths(List.of(
                Copy.of("app.py", "/srv/", "/"),
                Copy.of("config/prod.py", "/srv/settings.py", "/"),
                Copy.of("entrypoint.sh", "/usr/local/bin/docker-entrypoint", "/")));
        assertThat(paths.toContext("/srv/app.py")).contains("app.py");
        assertThat(paths.toContext("/srv/settings.py")).contains("config/prod.py");
        assertThat(paths.toContext("/srv/prod.py")).isEmpty();
        assertThat(paths.toContext("/usr/local/bin/docker-entrypoint")).contains("entrypoint.sh");
        assertThat(paths.toContainer("config/prod.py")).containsExactly("/srv/settings.py");
    }

    @Test
    void relativeDestinationsFollowTheWorkdir() {
        Copy copy = Copy.of("app.py", "src/", "/code");
        assertThat(copy).isEqualTo(new Copy("app.py", "/code/src", true));
        assertThat(Copy.of("app.py", "main.py", "/code")).isEqualTo(new Copy("app.py", "/code/main.py", false));
        assertThat(Copy.of("app.py", "/code", "/code").intoDirectory()).isTrue(); // WORKDIR made /code a folder
        assertThat(Copy.of("app.py", "./", "")).isEqualTo(new Copy("app.py", "/", true));
        assertThat(new ContextPaths(List.of(copy)).toContext("/code/src/app.py")).contains("app.py");
    }

    @Test
    void folderSourcesCopyTheirContents() {
        Set<String> folders = Set.of("src", "static");
        ContextPaths paths = new ContextPaths(List.of(
                Copy.of("src", "/app/src", "/"),
                Copy.of("static/", "/var/www", "/"),
                Copy.of("./", "/opt/all", "/")), folders::contains);
        assertThat(paths.toContext("/app/src/pkg/mod.py")).contains("src/pkg/mod.py");
        assertThat(paths.toContext("/var/www/css/site.css")).contains("static/css/site.css");
        assertThat(paths.toContext("/var/www/static/x")).contains("static/static/x");
        assertThat(paths.toContext("/opt/all/README.md")).contains("README.md");
        assertThat(paths.toContainer("src/pkg/mod.py")).containsExactly("/app/src/pkg/mod.py", "/opt/all/src/pkg/mod.py");
    }

    @Test
    void severalSourcesAndWildcards() {
        List<Copy> copies = new ArrayList<>(Copy.all(List.of("package.json", "package-lock.json"), "/app", "/"));
        copies.add(Copy.of("src/*.py", "/app/", "/"));
        copies.add(Copy.of("requirements*.txt", "/tmp", "/"));
        ContextPaths paths = new ContextPaths(copies);
        assertThat(copies.get(0)).isEqualTo(new Copy("package.json", "/app", true));
        assertThat(paths.toContext("/app/package-lock.json")).contains("package-lock.json");
        assertThat(paths.toContext("/app/main.py")).contains("src/main.py");
        assertThat(paths.toContext("/app/sub/main.py")).isEmpty();
        assertThat(paths.toContext("/tmp/requirements-dev.txt")).contains("requirements-dev.txt");
        assertThat(paths.toContainer("src/util.py")).containsExactly("/app/util.py");
        assertThat(paths.toContainer("src/sub/util.py")).isEmpty();
    }

    @Test
    void laterCopiesWin() {
        ContextPaths paths = new ContextPaths(List.of(Copy.of(".", "/app", "/"), Copy.of("prod/settings.py", "/app/settings.py", "/")));
        assertThat(paths.toContext("/app/settings.py")).contains("prod/settings.py");
        assertThat(paths.toContext("/app/other.py")).contains("other.py");
    }

    @Test
    void sourcesOutsideTheContextMapNowhere() {
        ContextPaths paths = new ContextPaths(List.of(Copy.of("../secrets", "/app/", "/")));
        assertThat(paths.toContext("/app/secrets")).isEmpty();
        assertThat(paths.toContainer("../secrets")).isEmpty();
    }

    @Test
    void globsMatchLikeGo() {
        assertThat(Glob.matches("*.py", "a.py")).isTrue();
        assertThat(Glob.matches("*.py", "d/a.py")).isFalse();
        assertThat(Glob.matches("src/?.py", "src/a.py")).isTrue();
        assertThat(Glob.matches("[a-c]*", "beta")).isTrue();
        assertThat(Glob.matches("[^a-c]*", "beta")).isFalse();
        assertThat(Glob.matches("\\*x", "*x")).isTrue();
        assertThat(Glob.hasWildcards("a\\*b")).isFalse();
    }
}
