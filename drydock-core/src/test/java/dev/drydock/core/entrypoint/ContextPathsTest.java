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
    void copiesFromAnotherStageFollowThatStagesCopies() {
        // FROM node AS build; WORKDIR /usr/src/app; COPY . .
        // FROM node; WORKDIR /app; COPY --from=build /usr/src/app/src ./src; COPY --from=build /usr/src/app/package.json .
        ContextPaths build = new ContextPaths(List.of(Copy.of(".", ".", "/usr/src/app")));
        ContextPaths image = ContextPaths.of(List.of(
                ContextPaths.Layer.stage(Copy.of("/usr/src/app/src", "./src", "/app"), build),
                ContextPaths.Layer.stage(Copy.of("/usr/src/app/package.json", ".", "/app"), build)), p -> false);
        assertThat(image.toContext("/app/src/main.js")).contains("src/main.js");
        assertThat(image.toContext("/app/package.json")).contains("package.json");
        assertThat(image.toContext("/app/README.md")).isEmpty();
    }

    @Test
    void aStageFolderCopiedIntoTheWorkdirBringsItsContents() {
        // the folder is known from what the stage copies below it
        ContextPaths installer = new ContextPaths(List.of(Copy.of(".gitignore", ".gitignore", "/app"),
                Copy.of("apps/", "./apps/", "/app")));
        ContextPaths runner = ContextPaths.of(List.of(
                ContextPaths.Layer.stage(Copy.of("/app", ".", "/app"), installer)), p -> false);
        assertThat(installer.isFolder("/app")).isTrue();
        assertThat(runner.toContext("/app/apps/api/index.js")).contains("apps/api/index.js");
        assertThat(runner.toContext("/app/.gitignore")).contains(".gitignore");
    }

    @Test
    void chainsOfStagesAreFollowedToTheContext() {
        ContextPaths base = new ContextPaths(List.of(Copy.of("src/", "/build/src/", "/")));
        ContextPaths middle = ContextPaths.of(List.of(ContextPaths.Layer.stage(Copy.of("/build/src/", "/opt/", "/"), base)),
                p -> false);
        ContextPaths last = ContextPaths.of(List.of(ContextPaths.Layer.stage(Copy.of("/opt/", "/srv/", "/"), middle)),
                p -> false);
        assertThat(last.toContext("/srv/app.py")).contains("src/app.py");
    }

    @Test
    void aLaterCopyFromAStageOrAnImageHidesEarlierContextCopies() {
        ContextPaths build = new ContextPaths(List.of(Copy.of("package.json", ".", "/app")));
        ContextPaths image = ContextPaths.of(List.of(
                ContextPaths.Layer.context(Copy.of(".", ".", "/app")),
                ContextPaths.Layer.stage(Copy.of("/app/dist/", "./dist/", "/app"), build),
                ContextPaths.Layer.stage(Copy.of("/usr/share/nginx/", "/srv/", "/"), null)), p -> false);
        assertThat(image.toContext("/app/dist/index.js")).as("dist is what the build stage holds, not the context's")
                .isEmpty();
        assertThat(image.toContext("/srv/html/index.html")).as("an image's file").isEmpty();
        assertThat(image.toContext("/app/server.js")).contains("server.js");
        assertThat(image.toContainer("server.js")).as("only the stage's own context copies")
                .containsExactly("/app/server.js");
    }

    @Test
    void wildcardsFromAStageMatchItsPaths() {
        ContextPaths build = new ContextPaths(List.of(Copy.of(".", ".", "/src")));
        ContextPaths image = ContextPaths.of(List.of(
                ContextPaths.Layer.stage(Copy.of("/src/*.json", "/app/", "/"), build)), p -> false);
        assertThat(image.toContext("/app/package.json")).contains("package.json");
        assertThat(image.toContext("/app/index.js")).isEmpty();
    }

    @Test
    void aFolderARunWritesMapsOnlyWhatItCopies() {
        // WORKDIR /app; COPY . .; RUN turbo prune api --docker
        ContextPaths before = new ContextPaths(List.of(Copy.of(".", ".", "/app")));
        ContextPaths builder = ContextPaths.of(List.of(ContextPaths.Layer.context(Copy.of(".", ".", "/app")),
                ContextPaths.Layer.moved("/app/out", p -> p.startsWith("/app/out/full/")
                        ? java.util.Optional.of("/app/" + p.substring("/app/out/full/".length()))
                        : java.util.Optional.empty(), before)), p -> false);
        assertThat(builder.toContext("/app/out/full/apps/api/src/index.ts")).contains("apps/api/src/index.ts");
        assertThat(builder.toContext("/app/out/yarn.lock")).isEmpty();
        assertThat(builder.toContext("/app/turbo.json")).contains("turbo.json");
        ContextPaths installer = ContextPaths.of(List.of(
                ContextPaths.Layer.stage(Copy.of("/app/out/full/", ".", "/app"), builder)), p -> false);
        assertThat(installer.toContext("/app/apps/api/src/server.ts")).contains("apps/api/src/server.ts");
    }

    @Test
    void aFileARunMovesIsACopyOfWhatWasThere() {
        // COPY deploy/ /tmp/deploy/; RUN mv /tmp/deploy/app.conf /etc/supervisor/conf.d/app.conf && cp -r /tmp/deploy /opt/
        ContextPaths copied = new ContextPaths(List.of(Copy.of("deploy/", "/tmp/deploy/", "/")));
        ContextPaths moved = ContextPaths.of(List.of(ContextPaths.Layer.context(Copy.of("deploy/", "/tmp/deploy/", "/")),
                ContextPaths.Layer.renamed("/etc/supervisor/conf.d/app.conf", "/tmp/deploy/app.conf", false, copied)),
                p -> false);
        ContextPaths image = ContextPaths.of(List.of(ContextPaths.Layer.context(Copy.of("deploy/", "/tmp/deploy/", "/")),
                ContextPaths.Layer.renamed("/etc/supervisor/conf.d/app.conf", "/tmp/deploy/app.conf", false, copied),
                ContextPaths.Layer.renamed("/opt/deploy", "/tmp/deploy", true, moved)), p -> false);
        assertThat(image.toContext("/etc/supervisor/conf.d/app.conf")).contains("deploy/app.conf");
        assertThat(image.toContext("/opt/deploy/nginx.conf")).contains("deploy/nginx.conf");
        assertThat(image.isFolder("/opt/deploy")).isTrue();
        assertThat(image.isFolder("/etc/supervisor/conf.d/app.conf")).isFalse();
        assertThat(image.toContainer("deploy/app.conf"))
                .containsExactly("/tmp/deploy/app.conf", "/etc/supervisor/conf.d/app.conf", "/opt/deploy/app.conf");
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
