package dev.drydock.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileClassifierTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "Dockerfile, DOCKERFILE",
        "dockerfile, DOCKERFILE",
        "src/main/resources/application.properties, FRAMEWORK_CONFIG",
        "src/main/resources/application-kubernetes.yml, FRAMEWORK_CONFIG",
        "src/main/resources/config/application-prod.yaml, FRAMEWORK_CONFIG",
        "src/main/resources/bootstrap-dev.yml, FRAMEWORK_CONFIG",
        "Api/appsettings.json, FRAMEWORK_CONFIG",
        "Api/appsettings.Development.json, FRAMEWORK_CONFIG",
        "k8s/application-deployment.yaml, KUBERNETES_MANIFEST",
        "Containerfile, DOCKERFILE",
        "docker/prod.Dockerfile, DOCKERFILE",
        "app.dockerfile, DOCKERFILE",
        "build.Containerfile, DOCKERFILE",
        "Dockerfile.dev, DOCKERFILE",
        "Dockerfile.prod.arm64, DOCKERFILE",
        "Dockerfile-prod, DOCKERFILE",
        "Dockerfile_worker, DOCKERFILE",
        "Containerfile.fedora, DOCKERFILE",
        "Dockerfile.dockerignore, DOCKERFILE_DOCKERIGNORE",
        "app.Dockerfile.dockerignore, DOCKERFILE_DOCKERIGNORE",
        ".dockerignore, DOCKERIGNORE",
        ".containerignore, CONTAINERIGNORE",
        "docker-bake.hcl, BAKE_HCL",
        "docker/docker-bake.override.hcl, BAKE_HCL",
        "docker-bake.json, BAKE_JSON",
        "docker-bake.override.json, BAKE_JSON",
        "skaffold.yaml, SKAFFOLD",
        "k8s/skaffold.yml, SKAFFOLD",
        ".goreleaser.yml, GORELEASER",
        ".goreleaser.yaml, GORELEASER",
        "goreleaser.yml, GORELEASER",
        ".goreleaser-nightly.yml, GORELEASER",
        "deploy/.goreleaser.yaml, GORELEASER",
        "compose.yaml, COMPOSE",
        "compose.yml, COMPOSE",
        "docker-compose.yml, COMPOSE",
        "deploy/docker-compose.yaml, COMPOSE",
        "compose.override.yaml, COMPOSE_OVERRIDE",
        "docker-compose.override.yml, COMPOSE_OVERRIDE",
        "docker-compose.prod.yml, COMPOSE_VARIANT",
        "compose.dev.yaml, COMPOSE_VARIANT",
        "docker-compose-test.yml, COMPOSE_VARIANT",
        "docker-compose.override.prod.yml, COMPOSE_VARIANT",
        "Docker-Compose.yml, COMPOSE_VARIANT",
        "prod.compose.yaml, COMPOSE_VARIANT",
        "k8s/app.yaml, KUBERNETES_MANIFEST",
        "deploy/k8s/base/service.yml, KUBERNETES_MANIFEST",
        "kustomize/overlays/prod/patch.yaml, KUBERNETES_MANIFEST",
        "deployment.yaml, KUBERNETES_MANIFEST",
        "infra/api-statefulset.yml, KUBERNETES_MANIFEST",
        "kubernetes-manifests/frontend.yaml, KUBERNETES_MANIFEST",
        "deploy/k8s-prod/api.yaml, KUBERNETES_MANIFEST",
        "deploy/docker-compose.prod.yml, COMPOSE_VARIANT",
        ".github/workflows/deploy.yml, GITHUB_WORKFLOW",
        ".env, ENV",
        ".env.production, ENV",
        ".env.local, ENV",
        "config/web.env, ENV",
        ".env.example, ENV_TEMPLATE",
        ".env.sample, ENV_TEMPLATE",
        "example.env, ENV_TEMPLATE",
        "web.env.example, ENV_TEMPLATE",
        "env.example, ENV_TEMPLATE",
        "deploy/env.sample, ENV_TEMPLATE",
        ".env.defaults, ENV_TEMPLATE",
        "env.examples, ENV_TEMPLATE",
        "env-example-relational, ENV_TEMPLATE",
        ".env-sample, ENV_TEMPLATE",
        "env.example.docker, ENV_TEMPLATE",
        ".env.prod-sample, ENV_TEMPLATE",
        "api_example.env, ENV_TEMPLATE",
        ".env.prod-server, ENV",
        ".gitignore, GITIGNORE",
        "requirements.txt, REQUIREMENTS_TXT",
        "requirements-dev.txt, REQUIREMENTS_TXT",
        "requirements_test.txt, REQUIREMENTS_TXT",
        "dev-requirements.txt, REQUIREMENTS_TXT",
        "requirements/base.txt, REQUIREMENTS_TXT",
        "requirements.in, REQUIREMENTS_IN",
        "pyproject.toml, PYPROJECT_TOML",
        "Pipfile, PIPFILE",
        "Pipfile.lock, PIPFILE_LOCK",
        "setup.py, SETUP_PY",
        "setup.cfg, SETUP_CFG",
        "poetry.lock, POETRY_LOCK",
        "uv.lock, UV_LOCK",
        "web/package.json, PACKAGE_JSON",
        "package-lock.json, PACKAGE_LOCK_JSON",
        "npm-shrinkwrap.json, NPM_SHRINKWRAP_JSON",
        "yarn.lock, YARN_LOCK",
        "pnpm-lock.yaml, PNPM_LOCK_YAML",
        "bun.lockb, BUN_LOCK",
        "pom.xml, POM_XML",
        "build.gradle, BUILD_GRADLE",
        "build.gradle.kts, BUILD_GRADLE_KTS",
        "settings.gradle, SETTINGS_GRADLE",
        "settings.gradle.kts, SETTINGS_GRADLE",
        "go.mod, GO_MOD",
        "go.sum, GO_SUM",
        "Gemfile, GEMFILE",
        "Gemfile.lock, GEMFILE_LOCK",
        "composer.json, COMPOSER_JSON",
        "composer.lock, COMPOSER_LOCK",
        "Cargo.toml, CARGO_TOML",
        ".github/workflows/ci.yml, GITHUB_WORKFLOW",
        ".github/workflows/release.yaml, GITHUB_WORKFLOW",
        ".github/actions/docker-build/action.yml, GITHUB_ACTION",
        ".github/actions/trivy/action.yaml, GITHUB_ACTION",
        ".gitlab-ci.yml, GITLAB_CI",
        "Jenkinsfile, JENKINSFILE",
        "Jenkinsfile.release, JENKINSFILE",
        ".circleci/config.yml, CIRCLECI",
        "azure-pipelines.yml, AZURE_PIPELINES",
        "bitbucket-pipelines.yml, BITBUCKET_PIPELINES",
        "app.py, PYTHON_SOURCE",
        "src/unify/__init__.py, PYTHON_SOURCE",
        "server.js, JAVASCRIPT_SOURCE",
        "index.mjs, JAVASCRIPT_SOURCE",
        "config.cjs, JAVASCRIPT_SOURCE",
        "src/main.ts, TYPESCRIPT_SOURCE",
        "App.tsx, TYPESCRIPT_SOURCE",
        "src/main/java/App.java, JAVA_SOURCE",
        "main.go, GO_SOURCE",
        "src/main.rs, RUST_SOURCE",
        "config.ru, RUBY_SOURCE",
        "app.rb, RUBY_SOURCE",
        "index.php, PHP_SOURCE",
        "lib/shop_web/router.ex, ELIXIR_SOURCE",
        "src/Api/Controllers/HealthController.cs, CSHARP_SOURCE",
        "src/Api/Api.csproj, DOTNET_PROJECT",
        "Lib.fsproj, DOTNET_PROJECT",
        "Shop.sln, DOTNET_SOLUTION",
        "Shop.slnx, DOTNET_SOLUTION",
        "Directory.Packages.props, DOTNET_PROPS",
        "src/Api/packages.lock.json, NUGET_LOCK",
        "mix.exs, MIX_EXS",
        "apps/web/mix.lock, MIX_LOCK",
        "docker-entrypoint.sh, SHELL_SCRIPT",
        ".devcontainer/devcontainer.json, DEVCONTAINER",
        ".devcontainer/python/devcontainer.json, DEVCONTAINER",
        ".devcontainer.json, DEVCONTAINER",
    })
    void classifiesByNameAndPlace(String path, FileType expected) {
        assertThat(FileClassifier.classify(path)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Dockerfile.j2", "Dockerfile.md", "Dockerfile.orig", "Dockerfile.prod.tmpl", "Dockerfile~", "README.md",
        "types.d.ts", "workflows/ci.yml", "action.yml",
        ".github/actions/build.yml", "ci.yml", ".circleci/other.yml", "composer.yaml", "config.yml",
        "notes.txt", "app.env.json", "env.production", "env-production", "environment-sample", ".envrc", "environment.py.bak", ".Dockerfile.swp", "Makefile",
        ".csproj", "Api.csproj.user", "mix.exs.bak", "devcontainer.json", "config/devcontainer.json",
        "chart/templates/deployment.yaml", "config/settings.yaml", "openapi.yaml",
    })
    void leavesOtherFilesAlone(String path) {
        assertThat(FileClassifier.classify(path)).isEmpty();
    }

    @Test
    void everyTypeHasAKindAndLocksAreManifests() {
        for (FileType type : FileType.values()) {
            assertThat(type.kind()).isNotNull();
            if (type.isLock()) {
                assertThat(type.kind()).isEqualTo(FileKind.MANIFEST);
                assertThat(type.sizeBounded()).isFalse();
            }
        }
        assertThat(FileType.DOCKERFILE.sizeBounded()).isTrue();
        assertThat(FileType.PYTHON_SOURCE.sizeBounded()).isFalse();
    }

    /** Discovery keeps its own name table; it tracks every lock file LockFile knows but these two. */
    @Test
    void classifiesEveryLockFileLockFileKnowsButPylockAndGradleLockfile() {
        java.util.Set<String> untracked = java.util.Set.of("pylock.toml", "gradle.lockfile");
        for (dev.drydock.core.manifest.LockFile lock : dev.drydock.core.manifest.LockFile.values()) {
            var type = FileClassifier.classify(lock.fileName());
            if (untracked.contains(lock.fileName())) {
                assertThat(type).as(lock.fileName()).isEmpty();
            } else {
                assertThat(type).as(lock.fileName()).hasValueSatisfying(t -> assertThat(t.isLock()).isTrue());
            }
        }
    }
}
