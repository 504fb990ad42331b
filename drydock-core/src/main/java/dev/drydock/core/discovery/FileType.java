package dev.drydock.core.discovery;

/**
 * What one discovered file is, finer than {@link FileKind}: which compose file role, which manifest,
 * which CI system, which source language. Classification is by name and location only (see
 * {@link FileClassifier}).
 */
public enum FileType {
    DOCKERFILE(FileKind.DOCKERFILE, Language.NONE),

    /** {@code compose.yaml}, {@code compose.yml}, {@code docker-compose.yml}, {@code docker-compose.yaml}. */
    COMPOSE(FileKind.COMPOSE, Language.NONE),
    /** {@code compose.override.yml} and the three other override names Compose loads by default. */
    COMPOSE_OVERRIDE(FileKind.COMPOSE, Language.NONE),
    /** A compose file only loaded with {@code -f}: {@code docker-compose.prod.yml}, {@code compose.dev.yaml}. */
    COMPOSE_VARIANT(FileKind.COMPOSE, Language.NONE),

    /** {@code .dockerignore} (applies when its folder is a build context). */
    DOCKERIGNORE(FileKind.DOCKERIGNORE, Language.NONE),
    /** {@code <Dockerfile name>.dockerignore}: applies to the Dockerfile beside it, whatever the context. */
    DOCKERFILE_DOCKERIGNORE(FileKind.DOCKERIGNORE, Language.NONE),
    /** Podman/Buildah's {@code .containerignore} (Docker does not read it). */
    CONTAINERIGNORE(FileKind.DOCKERIGNORE, Language.NONE),

    /** {@code .env}, {@code web.env}, {@code .env.production}: real values, possibly secrets. */
    ENV(FileKind.ENV, Language.NONE),
    /** {@code .env.example}, {@code .env.sample}, {@code .env.template}, {@code .env.dist}, {@code example.env}, {@code env.example}. */
    ENV_TEMPLATE(FileKind.ENV, Language.NONE),

    GITIGNORE(FileKind.GITIGNORE, Language.NONE),

    REQUIREMENTS_TXT(FileKind.MANIFEST, Language.PYTHON),
    /** pip-tools input: {@code requirements.in}. */
    REQUIREMENTS_IN(FileKind.MANIFEST, Language.PYTHON),
    PYPROJECT_TOML(FileKind.MANIFEST, Language.PYTHON),
    PIPFILE(FileKind.MANIFEST, Language.PYTHON),
    PIPFILE_LOCK(FileKind.MANIFEST, Language.PYTHON, true),
    SETUP_PY(FileKind.MANIFEST, Language.PYTHON),
    SETUP_CFG(FileKind.MANIFEST, Language.PYTHON),
    POETRY_LOCK(FileKind.MANIFEST, Language.PYTHON, true),
    UV_LOCK(FileKind.MANIFEST, Language.PYTHON, true),
    PDM_LOCK(FileKind.MANIFEST, Language.PYTHON, true),
    PACKAGE_JSON(FileKind.MANIFEST, Language.NODE),
    PACKAGE_LOCK_JSON(FileKind.MANIFEST, Language.NODE, true),
    NPM_SHRINKWRAP_JSON(FileKind.MANIFEST, Language.NODE, true),
    YARN_LOCK(FileKind.MANIFEST, Language.NODE, true),
    PNPM_LOCK_YAML(FileKind.MANIFEST, Language.NODE, true),
    /** Bun's lock file: binary {@code bun.lockb} or text {@code bun.lock}. */
    BUN_LOCK(FileKind.MANIFEST, Language.NODE, true),
    POM_XML(FileKind.MANIFEST, Language.JVM),
    BUILD_GRADLE(FileKind.MANIFEST, Language.JVM),
    BUILD_GRADLE_KTS(FileKind.MANIFEST, Language.JVM),
    /** {@code settings.gradle} or {@code settings.gradle.kts}. */
    SETTINGS_GRADLE(FileKind.MANIFEST, Language.JVM),
    GO_MOD(FileKind.MANIFEST, Language.GO),
    GO_SUM(FileKind.MANIFEST, Language.GO, true),
    GEMFILE(FileKind.MANIFEST, Language.RUBY),
    GEMFILE_LOCK(FileKind.MANIFEST, Language.RUBY, true),
    COMPOSER_JSON(FileKind.MANIFEST, Language.PHP),
    COMPOSER_LOCK(FileKind.MANIFEST, Language.PHP, true),
    CARGO_TOML(FileKind.MANIFEST, Language.RUST),
    CARGO_LOCK(FileKind.MANIFEST, Language.RUST, true),
    /** {@code *.csproj}, {@code *.fsproj}, {@code *.vbproj}: MSBuild projects with their PackageReferences. */
    DOTNET_PROJECT(FileKind.MANIFEST, Language.DOTNET),
    /** {@code *.sln}, {@code *.slnx}: the projects a {@code dotnet restore} of the folder takes. */
    DOTNET_SOLUTION(FileKind.MANIFEST, Language.DOTNET),
    /** {@code Directory.Packages.props} (central package versions) and {@code Directory.Build.props}. */
    DOTNET_PROPS(FileKind.MANIFEST, Language.DOTNET),
    /** NuGet's {@code packages.lock.json}. */
    NUGET_LOCK(FileKind.MANIFEST, Language.DOTNET, true),
    MIX_EXS(FileKind.MANIFEST, Language.ELIXIR),
    MIX_LOCK(FileKind.MANIFEST, Language.ELIXIR, true),

    /** {@code .github/workflows/*.yml|yaml}. */
    GITHUB_WORKFLOW(FileKind.CI, Language.NONE),
    /**
     * {@code actions/NAME/action.yml|yaml}, as in {@code .github/actions/NAME}: a local action, whose composite steps a
     * workflow runs with {@code uses: ./.github/actions/NAME}.
     */
    GITHUB_ACTION(FileKind.CI, Language.NONE),
    GITLAB_CI(FileKind.CI, Language.NONE),
    /** {@code Jenkinsfile} and {@code Jenkinsfile.*}. */
    JENKINSFILE(FileKind.CI, Language.NONE),
    /** {@code .circleci/config.yml|yaml}. */
    CIRCLECI(FileKind.CI, Language.NONE),
    AZURE_PIPELINES(FileKind.CI, Language.NONE),
    BITBUCKET_PIPELINES(FileKind.CI, Language.NONE),
    TRAVIS_CI(FileKind.CI, Language.NONE),

    /**
     * A dev container configuration: {@code .devcontainer/devcontainer.json}, {@code .devcontainer/NAME/devcontainer.json}
     * or {@code .devcontainer.json}.
     */
    DEVCONTAINER(FileKind.DEVCONTAINER, Language.NONE),

    /** {@code docker-bake.hcl} and {@code docker-bake.override.hcl}. */
    BAKE_HCL(FileKind.BAKE, Language.NONE),
    /** {@code docker-bake.json} and {@code docker-bake.override.json}. */
    BAKE_JSON(FileKind.BAKE, Language.NONE),

    /** {@code skaffold.yaml} and {@code skaffold.yml}: the images Skaffold builds and the manifests it deploys. */
    SKAFFOLD(FileKind.SKAFFOLD, Language.NONE),

    /** {@code .goreleaser.yaml} and its variants: the images GoReleaser builds from the binaries it builds. */
    GORELEASER(FileKind.GORELEASER, Language.NONE),

    /**
     * A YAML file that may be a Kubernetes manifest: in a folder named for manifests ({@code k8s/}, {@code deploy/},
     * {@code manifests/}, a kustomize {@code base/} or {@code overlays/NAME/}) or named for a workload
     * ({@code deployment.yaml}, {@code web-statefulset.yml}); not in a Helm chart's {@code templates/}.
     */
    KUBERNETES_MANIFEST(FileKind.KUBERNETES, Language.NONE),

    PYTHON_SOURCE(FileKind.SOURCE, Language.PYTHON),
    /** {@code *.js}, {@code *.mjs}, {@code *.cjs}, {@code *.jsx}. */
    JAVASCRIPT_SOURCE(FileKind.SOURCE, Language.NODE),
    /** {@code *.ts}, {@code *.mts}, {@code *.cts}, {@code *.tsx} (not {@code *.d.ts}). */
    TYPESCRIPT_SOURCE(FileKind.SOURCE, Language.NODE),
    /**
     * {@code *.svelte}, {@code *.vue}: single-file components, listed so that the SvelteKit and Nuxt readers see the
     * pages of {@code src/routes} and {@code pages}.
     */
    COMPONENT_SOURCE(FileKind.SOURCE, Language.NODE),
    JAVA_SOURCE(FileKind.SOURCE, Language.JVM),
    GO_SOURCE(FileKind.SOURCE, Language.GO),
    RUST_SOURCE(FileKind.SOURCE, Language.RUST),
    RUBY_SOURCE(FileKind.SOURCE, Language.RUBY),
    PHP_SOURCE(FileKind.SOURCE, Language.PHP),
    /** {@code *.ex}: Elixir modules (the Phoenix router reader opens them). */
    ELIXIR_SOURCE(FileKind.SOURCE, Language.ELIXIR),
    /**
     * {@code *.cs}: C# sources (the ASP.NET Core readers open the controllers and the files that bind Kestrel's
     * addresses outside Program.cs).
     */
    CSHARP_SOURCE(FileKind.SOURCE, Language.DOTNET),
    /** {@code *.sh}, {@code *.bash}: entry-point and helper scripts. */
    SHELL_SCRIPT(FileKind.SOURCE, Language.SHELL),

    /**
     * {@code application.properties}, {@code application-PROFILE.yml}, {@code bootstrap*.yml} (Spring Boot, Quarkus,
     * Micronaut), {@code appsettings.json} and {@code appsettings.ENVIRONMENT.json} (ASP.NET Core).
     */
    FRAMEWORK_CONFIG(FileKind.APP_CONFIG, Language.NONE);

    private final FileKind kind;
    private final Language language;
    private final boolean lock;

    FileType(FileKind kind, Language language) {
        this(kind, language, false);
    }

    FileType(FileKind kind, Language language, boolean lock) {
        this.kind = kind;
        this.language = language;
        this.lock = lock;
    }

    public FileKind kind() {
        return kind;
    }

    public Language language() {
        return language;
    }

    /** A lock file (resolved versions), as opposed to a manifest people edit. */
    public boolean isLock() {
        return lock;
    }

    /**
     * Whether the size bound applies: files drydock reads as text. Lock files and sources are
     * inventoried by existence whatever their size (a 20 MiB package-lock.json is normal).
     */
    public boolean sizeBounded() {
        return kind.readAsText() && !lock;
    }
}
