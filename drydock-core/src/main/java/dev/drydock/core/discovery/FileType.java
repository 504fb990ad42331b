package dev.drydock.core.discovery;

/**
 * What one discovered file is, finer than {@link FileKind}: which compose file role, which manifest,
 * which CI system, which source language. Classification is by name and location only (see
 * {@link FileClassifier}).
 */
public enum FileType {
    DOCKERFILE(FileKind.DOCKERFILE, Ecosystem.NONE),

    /** {@code compose.yaml}, {@code compose.yml}, {@code docker-compose.yml}, {@code docker-compose.yaml}. */
    COMPOSE(FileKind.COMPOSE, Ecosystem.NONE),
    /** {@code compose.override.yml} and the three other override names Compose loads by default. */
    COMPOSE_OVERRIDE(FileKind.COMPOSE, Ecosystem.NONE),
    /** A compose file only loaded with {@code -f}: {@code docker-compose.prod.yml}, {@code compose.dev.yaml}. */
    COMPOSE_VARIANT(FileKind.COMPOSE, Ecosystem.NONE),

    /** {@code .dockerignore} (applies when its folder is a build context). */
    DOCKERIGNORE(FileKind.DOCKERIGNORE, Ecosystem.NONE),
    /** {@code <Dockerfile name>.dockerignore}: applies to the Dockerfile beside it, whatever the context. */
    DOCKERFILE_DOCKERIGNORE(FileKind.DOCKERIGNORE, Ecosystem.NONE),
    /** Podman/Buildah's {@code .containerignore} (Docker does not read it). */
    CONTAINERIGNORE(FileKind.DOCKERIGNORE, Ecosystem.NONE),

    /** {@code .env}, {@code web.env}, {@code .env.production}: real values, possibly secrets. */
    ENV(FileKind.ENV, Ecosystem.NONE),
    /** {@code .env.example}, {@code .env.sample}, {@code .env.template}, {@code .env.dist}, {@code example.env}. */
    ENV_TEMPLATE(FileKind.ENV, Ecosystem.NONE),

    GITIGNORE(FileKind.GITIGNORE, Ecosystem.NONE),

    REQUIREMENTS_TXT(FileKind.MANIFEST, Ecosystem.PYTHON),
    /** pip-tools input: {@code requirements.in}. */
    REQUIREMENTS_IN(FileKind.MANIFEST, Ecosystem.PYTHON),
    PYPROJECT_TOML(FileKind.MANIFEST, Ecosystem.PYTHON),
    PIPFILE(FileKind.MANIFEST, Ecosystem.PYTHON),
    PIPFILE_LOCK(FileKind.MANIFEST, Ecosystem.PYTHON, true),
    SETUP_PY(FileKind.MANIFEST, Ecosystem.PYTHON),
    SETUP_CFG(FileKind.MANIFEST, Ecosystem.PYTHON),
    POETRY_LOCK(FileKind.MANIFEST, Ecosystem.PYTHON, true),
    UV_LOCK(FileKind.MANIFEST, Ecosystem.PYTHON, true),
    PDM_LOCK(FileKind.MANIFEST, Ecosystem.PYTHON, true),
    PACKAGE_JSON(FileKind.MANIFEST, Ecosystem.NODE),
    PACKAGE_LOCK_JSON(FileKind.MANIFEST, Ecosystem.NODE, true),
    NPM_SHRINKWRAP_JSON(FileKind.MANIFEST, Ecosystem.NODE, true),
    YARN_LOCK(FileKind.MANIFEST, Ecosystem.NODE, true),
    PNPM_LOCK_YAML(FileKind.MANIFEST, Ecosystem.NODE, true),
    /** Bun's lock file: binary {@code bun.lockb} or text {@code bun.lock}. */
    BUN_LOCK(FileKind.MANIFEST, Ecosystem.NODE, true),
    POM_XML(FileKind.MANIFEST, Ecosystem.JVM),
    BUILD_GRADLE(FileKind.MANIFEST, Ecosystem.JVM),
    BUILD_GRADLE_KTS(FileKind.MANIFEST, Ecosystem.JVM),
    /** {@code settings.gradle} or {@code settings.gradle.kts}. */
    SETTINGS_GRADLE(FileKind.MANIFEST, Ecosystem.JVM),
    GO_MOD(FileKind.MANIFEST, Ecosystem.GO),
    GO_SUM(FileKind.MANIFEST, Ecosystem.GO, true),
    GEMFILE(FileKind.MANIFEST, Ecosystem.RUBY),
    GEMFILE_LOCK(FileKind.MANIFEST, Ecosystem.RUBY, true),
    COMPOSER_JSON(FileKind.MANIFEST, Ecosystem.PHP),
    COMPOSER_LOCK(FileKind.MANIFEST, Ecosystem.PHP, true),
    CARGO_TOML(FileKind.MANIFEST, Ecosystem.RUST),
    CARGO_LOCK(FileKind.MANIFEST, Ecosystem.RUST, true),

    /** {@code .github/workflows/*.yml|yaml}. */
    GITHUB_WORKFLOW(FileKind.CI, Ecosystem.NONE),
    GITLAB_CI(FileKind.CI, Ecosystem.NONE),
    /** {@code Jenkinsfile} and {@code Jenkinsfile.*}. */
    JENKINSFILE(FileKind.CI, Ecosystem.NONE),
    /** {@code .circleci/config.yml|yaml}. */
    CIRCLECI(FileKind.CI, Ecosystem.NONE),
    AZURE_PIPELINES(FileKind.CI, Ecosystem.NONE),
    BITBUCKET_PIPELINES(FileKind.CI, Ecosystem.NONE),
    TRAVIS_CI(FileKind.CI, Ecosystem.NONE),

    PYTHON_SOURCE(FileKind.SOURCE, Ecosystem.PYTHON),
    /** {@code *.js}, {@code *.mjs}, {@code *.cjs}, {@code *.jsx}. */
    JAVASCRIPT_SOURCE(FileKind.SOURCE, Ecosystem.NODE),
    /** {@code *.ts}, {@code *.mts}, {@code *.cts}, {@code *.tsx} (not {@code *.d.ts}). */
    TYPESCRIPT_SOURCE(FileKind.SOURCE, Ecosystem.NODE),
    JAVA_SOURCE(FileKind.SOURCE, Ecosystem.JVM),
    GO_SOURCE(FileKind.SOURCE, Ecosystem.GO),
    RUBY_SOURCE(FileKind.SOURCE, Ecosystem.RUBY),
    PHP_SOURCE(FileKind.SOURCE, Ecosystem.PHP),
    /** {@code *.sh}, {@code *.bash}: entry-point and helper scripts. */
    SHELL_SCRIPT(FileKind.SOURCE, Ecosystem.SHELL);

    private final FileKind kind;
    private final Ecosystem ecosystem;
    private final boolean lock;

    FileType(FileKind kind, Ecosystem ecosystem) {
        this(kind, ecosystem, false);
    }

    FileType(FileKind kind, Ecosystem ecosystem, boolean lock) {
        this.kind = kind;
        this.ecosystem = ecosystem;
        this.lock = lock;
    }

    public FileKind kind() {
        return kind;
    }

    public Ecosystem ecosystem() {
        return ecosystem;
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
