package dev.drydock.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectScannerTest {

    @TempDir
    Path root;

    private final ProjectScanner scanner = new ProjectScanner();

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static List<String> paths(List<ProjectEntry> entries) {
        return entries.stream().map(ProjectEntry::path).toList();
    }

    @Test
    void findsEveryKindInOneWalk() throws IOException {
        write("Dockerfile", "FROM python:3.12\n");
        write("docker/worker.Dockerfile", "FROM python:3.12\n");
        write("docker/worker.Dockerfile.dockerignore", "*\n");
        write(".dockerignore", ".git\n");
        write("compose.yaml", "services: {}\n");
        write("compose.override.yaml", "services: {}\n");
        write("docker-compose.prod.yml", "services: {}\n");
        write(".env", "SECRET=x\n");
        write(".env.example", "SECRET=\n");
        write("config/web.env", "A=1\n");
        write(".gitignore", ".env\n");
        write("requirements.txt", "flask\n");
        write("requirements/dev.txt", "pytest\n");
        write("web/package.json", "{}\n");
        write("web/package-lock.json", "{}\n");
        write(".github/workflows/ci.yml", "on: push\n");
        write("Jenkinsfile", "pipeline {}\n");
        write("app.py", "");
        write("src/pkg/__init__.py", "");
        write("web/server.js", "");
        write("web/src/index.ts", "");
        write("README.md", "");
        write(".devcontainer/Dockerfile", "FROM mcr.microsoft.com/devcontainers/base\n");

        ProjectLayout layout = scanner.scan(root);

        assertThat(paths(layout.dockerfiles())).containsExactly(".devcontainer/Dockerfile", "Dockerfile", "docker/worker.Dockerfile");
        assertThat(paths(layout.composeFiles())).containsExactly("compose.override.yaml", "compose.yaml", "docker-compose.prod.yml");
        assertThat(paths(layout.defaultComposeFiles())).containsExactly("compose.yaml", "compose.override.yaml");
        assertThat(paths(layout.dockerignoreFiles())).containsExactly(".dockerignore", "docker/worker.Dockerfile.dockerignore");
        assertThat(paths(layout.envFiles())).containsExactly(".env", ".env.example", "config/web.env");
        assertThat(layout.entry(".env.example").orElseThrow().type()).isEqualTo(FileType.ENV_TEMPLATE);
        assertThat(paths(layout.gitignoreFiles())).containsExactly(".gitignore");
        assertThat(paths(layout.manifests())).containsExactly("requirements.txt", "requirements/dev.txt", "web/package-lock.json", "web/package.json");
        assertThat(paths(layout.manifests(Language.NODE))).containsExactly("web/package-lock.json", "web/package.json");
        assertThat(paths(layout.manifestsUnder("web"))).containsExactly("web/package-lock.json", "web/package.json");
        assertThat(paths(layout.manifestsIn(""))).containsExactly("requirements.txt");
        assertThat(paths(layout.ciFiles())).containsExactly(".github/workflows/ci.yml", "Jenkinsfile");
        assertThat(paths(layout.sources())).containsExactly("app.py", "src/pkg/__init__.py", "web/server.js", "web/src/index.ts");
        assertThat(layout.sourceCounts()).isEqualTo(Map.of(
                FileType.PYTHON_SOURCE, 2, FileType.JAVASCRIPT_SOURCE, 1, FileType.TYPESCRIPT_SOURCE, 1));
        assertThat(layout.languages()).containsExactlyInAnyOrder(Language.PYTHON, Language.NODE);
        assertThat(layout.entry("README.md")).isEmpty();
        assertThat(layout.entry("./docker/../Dockerfile")).isPresent();
        assertThat(layout.diagnostics()).isEmpty();
        assertThat(layout.root()).isEqualTo(root.toRealPath());
    }

    @Test
    void defaultComposeFilesFollowComposePreference() throws IOException {
        write("docker-compose.yml", "");
        write("docker-compose.yaml", "");
        write("docker-compose.override.yaml", "");
        write("docker-compose.override.yml", "");
        write("deploy/docker-compose.yaml", "");
        write("only-override/compose.override.yml", "");
        ProjectLayout layout = scanner.scan(root);
        assertThat(paths(layout.defaultComposeFiles())).containsExactly("docker-compose.yml", "docker-compose.override.yml");
        assertThat(paths(layout.defaultComposeFiles("deploy"))).containsExactly("deploy/docker-compose.yaml");
        assertThat(layout.defaultComposeFiles("only-override")).isEmpty();

        write("compose.yml", "");
        assertThat(paths(scanner.scan(root).defaultComposeFiles())).containsExactly("compose.yml", "docker-compose.override.yml");
    }

    @Test
    void yamlDeclaringImageServicesInAComposeFolderOrWithAnEnvironmentNameAtTheRootIsAComposeVariant() throws IOException {
        String stack = "services:\n  web:\n    image: nginx:1.27.3\n";
        write("production.yml", stack);
        write("contrib/docker-compose/basic.yml", stack);
        write("examples/compose-files/proxy.yaml", "version: '3.8'\nservices:  # the stack\n  app:\n    build: .\n");
        write("contrib/docker-compose/prometheus.yml", "scrape_configs:\n  - job_name: app\n");
        write("contrib/composer/stack.yml", stack);
        write("deploy/basic.yml", stack);
        write("docs/production.yml", stack);
        ProjectLayout layout = scanner.scan(root);
        assertThat(layout.entries().stream().filter(e -> e.type() == FileType.COMPOSE_VARIANT).map(ProjectEntry::path))
                .containsExactlyInAnyOrder("production.yml", "contrib/docker-compose/basic.yml", "examples/compose-files/proxy.yaml");
    }

    @Test
    void dockerfileSpecificIgnoreFileWinsOverTheContexts() throws IOException {
        write(".dockerignore", "");
        write("Dockerfile", "");
        write("docker/api.Dockerfile", "");
        write("docker/api.Dockerfile.dockerignore", "");
        write("docker/Dockerfile", "");
        write("docker/.dockerignore", "");
        write("services/web/Dockerfile", "");
        ProjectLayout layout = scanner.scan(root);

        assertThat(layout.dockerignoreFor("docker/api.Dockerfile", ".")).map(ProjectEntry::path).contains("docker/api.Dockerfile.dockerignore");
        assertThat(layout.dockerignoreFor("docker/api.Dockerfile", "services/web")).map(ProjectEntry::path).contains("docker/api.Dockerfile.dockerignore");
        assertThat(layout.dockerignoreFor("Dockerfile", "")).map(ProjectEntry::path).contains(".dockerignore");
        // the .dockerignore beside a Dockerfile only counts when that folder is the context
        assertThat(layout.dockerignoreFor("docker/Dockerfile", ".")).map(ProjectEntry::path).contains(".dockerignore");
        assertThat(layout.dockerignoreFor("docker/Dockerfile", "docker")).map(ProjectEntry::path).contains("docker/.dockerignore");
        assertThat(layout.dockerignoreFor("services/web/Dockerfile", "services/web/")).isEmpty();
    }

    @Test
    void skipsGeneratedFoldersButWalksLookAlikes() throws IOException {
        write("node_modules/pkg/Dockerfile", "");
        write(".git/Dockerfile", "");
        write(".venv/lib/site.py", "");
        write("venv/lib/x.py", "");
        write("env/pyvenv.cfg", "home = /usr/bin\n");
        write("env/lib/python3.12/site-packages/flask/app.py", "");
        write("env2/settings.py", "");             // an ordinary folder named like a virtualenv
        write("__pycache__/app.cpython-312.py", "");
        write("java/pom.xml", "");
        write("java/target/classes/Dockerfile", "");
        write("deploy/target/Dockerfile", "");        // no pom.xml beside it: walked
        write("gradle/build.gradle", "");
        write("gradle/build/docker/Dockerfile", "");
        write("build/package/Dockerfile", "");       // golang-standards layout: walked
        write("web/package.json", "{}");
        write("web/dist/index.js", "");
        write("dist/Dockerfile", "");
        write("go/go.mod", "module x\n");
        write("go/vendor/github.com/x/Dockerfile", "");
        write("rails/Gemfile", "");
        write("rails/vendor/bundle/ruby/Dockerfile", "");
        write("rails/vendor/javascript/app.js", "");
        write(".idea/Dockerfile", "");
        write(".terraform/modules/Dockerfile", "");
        write("pkg.egg-info/requires.txt", "");

        ProjectLayout layout = scanner.scan(root);

        assertThat(paths(layout.dockerfiles())).containsExactly("build/package/Dockerfile", "deploy/target/Dockerfile", "dist/Dockerfile");
        assertThat(paths(layout.sources())).containsExactly("env2/settings.py", "rails/vendor/javascript/app.js");
        assertThat(layout.skippedDirectories()).extracting(ProjectLayout.SkippedDirectory::path, ProjectLayout.SkippedDirectory::rule)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(".git", SkipRule.VCS),
                        org.assertj.core.groups.Tuple.tuple("node_modules", SkipRule.NODE_PACKAGES),
                        org.assertj.core.groups.Tuple.tuple(".venv", SkipRule.VIRTUALENV),
                        org.assertj.core.groups.Tuple.tuple("env", SkipRule.VIRTUALENV_MARKED),
                        org.assertj.core.groups.Tuple.tuple("java/target", SkipRule.MAVEN_CARGO_OUTPUT),
                        org.assertj.core.groups.Tuple.tuple("gradle/build", SkipRule.GRADLE_OUTPUT),
                        org.assertj.core.groups.Tuple.tuple("web/dist", SkipRule.PACKAGE_DIST),
                        org.assertj.core.groups.Tuple.tuple("go/vendor", SkipRule.VENDORED),
                        org.assertj.core.groups.Tuple.tuple("rails/vendor/bundle", SkipRule.BUNDLER),
                        org.assertj.core.groups.Tuple.tuple("pkg.egg-info", SkipRule.PYTHON_PACKAGES));
    }

    @Test
    void skipsDotnetAndMixOutputOnlyBesideTheirProjects() throws IOException {
        write("api/Api.csproj", "<Project/>");
        write("api/bin/Release/net8.0/publish/Dockerfile", "");
        write("api/obj/project.assets.json", "{}");
        write("tools/bin/Dockerfile", "");           // no project beside it: walked
        write("shop/mix.exs", "defmodule Shop.MixProject do\nend\n");
        write("shop/deps/plug/mix.exs", "");
        write("shop/_build/prod/Dockerfile", "");
        write("docs/deps/Dockerfile", "");            // no mix.exs beside it: walked

        ProjectLayout layout = scanner.scan(root);

        assertThat(paths(layout.dockerfiles())).containsExactly("docs/deps/Dockerfile", "tools/bin/Dockerfile");
        assertThat(layout.skippedDirectories()).extracting(ProjectLayout.SkippedDirectory::path, ProjectLayout.SkippedDirectory::rule)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("api/bin", SkipRule.DOTNET_OUTPUT),
                        org.assertj.core.groups.Tuple.tuple("api/obj", SkipRule.DOTNET_OUTPUT),
                        org.assertj.core.groups.Tuple.tuple("shop/deps", SkipRule.MIX_OUTPUT),
                        org.assertj.core.groups.Tuple.tuple("shop/_build", SkipRule.MIX_OUTPUT));
        assertThat(paths(layout.manifests())).containsExactly("api/Api.csproj", "shop/mix.exs");
    }

    @Test
    void theRootIsWalkedWhateverItsName() throws IOException {
        Path project = root.resolve("node_modules");
        Files.createDirectories(project);
        Files.writeString(project.resolve("Dockerfile"), "FROM x\n");
        assertThat(paths(scanner.scan(project).dockerfiles())).containsExactly("Dockerfile");
    }

    @Test
    void symlinksNeverLeaveTheRootNorLoop() throws IOException {
        Path outside = Files.createTempDirectory("drydock-outside");
        try {
            Files.writeString(outside.resolve("Dockerfile"), "FROM outside\n");
            Path project = root.resolve("project");
            Files.createDirectories(project.resolve("docker"));
            Files.writeString(project.resolve("docker/real.Dockerfile"), "FROM x\n");
            Files.createSymbolicLink(project.resolve("Dockerfile"), Path.of("docker/real.Dockerfile"));
            Files.createSymbolicLink(project.resolve("escape.Dockerfile"), outside.resolve("Dockerfile"));
            Files.createSymbolicLink(project.resolve("outside-dir"), outside);
            Files.createSymbolicLink(project.resolve("docker/loop"), Path.of(".."));
            Files.createSymbolicLink(project.resolve("a.Dockerfile"), Path.of("b.Dockerfile"));
            Files.createSymbolicLink(project.resolve("b.Dockerfile"), Path.of("a.Dockerfile"));
            Files.createSymbolicLink(project.resolve("gone.Dockerfile"), Path.of("nowhere"));
            Files.createSymbolicLink(project.resolve("notes.txt"), Path.of("nowhere"));

            ProjectLayout layout = scanner.scan(project);

            assertThat(layout.dockerfiles()).containsExactly(
                    new ProjectEntry("Dockerfile", FileType.DOCKERFILE, 7, true),
                    new ProjectEntry("docker/real.Dockerfile", FileType.DOCKERFILE, 7, false));
            assertThat(layout.directoryLinks()).containsExactly(
                    new ProjectLayout.DirectoryLink("docker/loop", ""),
                    new ProjectLayout.DirectoryLink("outside-dir", null));
            assertThat(layout.diagnostics()).extracting(Diagnostic::path, Diagnostic::message).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("escape.Dockerfile", "symlink points outside the project folder; skipped"),
                    org.assertj.core.groups.Tuple.tuple("gone.Dockerfile", "broken symlink; skipped"),
                    org.assertj.core.groups.Tuple.tuple("a.Dockerfile", "symlink loop; skipped"),
                    org.assertj.core.groups.Tuple.tuple("b.Dockerfile", "symlink loop; skipped"));
            assertThat(layout.diagnostics()).allMatch(d -> d.level() == Diagnostic.Level.ERROR);
        } finally {
            Files.deleteIfExists(outside.resolve("Dockerfile"));
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void oversizedTextFilesAreLeftOutWithTheirSizeButLockFilesStay() throws IOException {
        write("Dockerfile", "FROM x\n" + "# padding\n".repeat(300));
        write("small.Dockerfile", "FROM x\n");
        write("package-lock.json", "{}".repeat(2000));
        ProjectLayout layout = new ProjectScanner(2048).scan(root);
        assertThat(paths(layout.dockerfiles())).containsExactly("small.Dockerfile");
        assertThat(paths(layout.manifests())).containsExactly("package-lock.json");
        assertThat(layout.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR); // not read at all: the review must say so
            assertThat(d.toString()).isEqualTo("Dockerfile: file is 2.9 KiB, above the 2 KiB limit for text inputs; skipped");
        });
    }

    @Test
    void unreadableFilesAndFoldersBecomeDiagnostics() throws IOException {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "permission bits do not stop root from reading");
        Path dockerfile = write("Dockerfile", "FROM x\n");
        Path secret = write("secret/compose.yaml", "services: {}\n");
        write("ok/compose.yaml", "services: {}\n");
        try {
            Files.setPosixFilePermissions(dockerfile, PosixFilePermissions.fromString("---------"));
            Files.setPosixFilePermissions(secret.getParent(), PosixFilePermissions.fromString("---------"));
            assumeTrue(!Files.isReadable(dockerfile), "permission bits are not enforced here");
            ProjectLayout layout = scanner.scan(root);
            assertThat(layout.dockerfiles()).isEmpty();
            assertThat(paths(layout.composeFiles())).containsExactly("ok/compose.yaml");
            assertThat(layout.diagnostics()).extracting(Diagnostic::toString).containsExactlyInAnyOrder(
                    "Dockerfile: permission denied; skipped",
                    "secret: cannot be read (permission denied); skipped");
        } finally {
            Files.setPosixFilePermissions(secret.getParent(), PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(dockerfile, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void missingRootIsTheUsersError() {
        Path missing = root.resolve("nope");
        assertThatThrownBy(() -> scanner.scan(missing))
                .isInstanceOf(SourceException.class)
                .hasMessage(missing + ": no such file or directory");
    }

    @Test
    void aRootThatIsAFileIsScannedAsAnExplicitFile() throws IOException {
        Path dockerfile = write("prod.Dockerfile", "FROM x\n");
        ProjectLayout layout = scanner.scan(dockerfile);
        assertThat(paths(layout.dockerfiles())).containsExactly("prod.Dockerfile");
    }

    @Test
    void explicitFilesAreClassifiedTheSameWayOrAsTheUserSays() throws IOException {
        write("prod.Dockerfile", "FROM x\n");
        write("prod.Dockerfile.dockerignore", "*\n");
        write(".dockerignore", ".git\n");
        write("deploy/app.df", "FROM y\n");
        write("deploy/stack.yml", "services: {}\n");
        write("deploy/.env", "A=1\n");
        write("notes.txt", "");
        ProjectLayout layout = scanner.scanFiles(root, List.of(
                ExplicitFile.of(root.resolve("prod.Dockerfile")),
                ExplicitFile.as(root.resolve("deploy/app.df"), FileType.DOCKERFILE),
                ExplicitFile.as(root.resolve("deploy/stack.yml"), FileType.COMPOSE_VARIANT),
                ExplicitFile.of(root.resolve("notes.txt"))));

        assertThat(paths(layout.dockerfiles())).containsExactly("deploy/app.df", "prod.Dockerfile");
        assertThat(paths(layout.composeFiles())).containsExactly("deploy/stack.yml");
        assertThat(paths(layout.envFiles())).containsExactly("deploy/.env");
        assertThat(layout.dockerignoreFor("prod.Dockerfile", "")).map(ProjectEntry::path).contains("prod.Dockerfile.dockerignore");
        assertThat(layout.dockerignoreFor("deploy/app.df", "")).map(ProjectEntry::path).contains(".dockerignore");
        assertThat(layout.diagnostics()).extracting(Diagnostic::path).containsExactly("notes.txt");
    }

    @Test
    void explicitFilesMustExistInsideTheRoot() throws IOException {
        Path project = Files.createDirectories(root.resolve("project"));
        Path elsewhere = write("elsewhere/Dockerfile", "FROM x\n");
        assertThatThrownBy(() -> scanner.scanFiles(project, List.of(ExplicitFile.of(elsewhere))))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("outside the project folder");
        Path missing = project.resolve("Dockerfile");
        assertThatThrownBy(() -> scanner.scanFiles(project, List.of(ExplicitFile.of(missing))))
                .isInstanceOf(SourceException.class)
                .hasMessageEndingWith("no such file or directory");
    }

    @Test
    void readsTheSharedUnifyExample() {
        Path unify = SharedData.resolve("examples/unify");
        ProjectLayout layout = scanner.scan(unify);
        assertThat(paths(layout.dockerfiles())).containsExactly("Dockerfile");
        assertThat(paths(layout.composeFiles())).containsExactly("docker-compose.yml");
        assertThat(paths(layout.defaultComposeFiles())).containsExactly("docker-compose.yml");
        assertThat(layout.dockerignoreFor("Dockerfile", ".")).map(ProjectEntry::path).contains(".dockerignore");
        assertThat(paths(layout.envFiles())).containsExactly(".env.example");
        assertThat(layout.envFiles().get(0).type()).isEqualTo(FileType.ENV_TEMPLATE);
        assertThat(paths(layout.gitignoreFiles())).containsExactly(".gitignore");
        assertThat(paths(layout.manifests())).containsExactly("requirements.txt");
        assertThat(paths(layout.sources())).containsExactly(
                "app.py", "src/unify/__init__.py", "src/unify/config.py", "src/unify/db.py", "src/unify/notes.py");
        assertThat(layout.ciFiles()).isEmpty();
        assertThat(layout.diagnostics()).isEmpty();
    }
}
