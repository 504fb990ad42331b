package dev.drydock.core.discovery;

/** The broad kinds of project files discovery looks for; {@link FileType} refines each one. */
public enum FileKind {
    DOCKERFILE(true),
    COMPOSE(true),
    /** {@code .dockerignore}, {@code <Dockerfile>.dockerignore}, Podman's {@code .containerignore}. */
    DOCKERIGNORE(true),
    /** {@code .env}, {@code *.env}, {@code .env.*}. */
    ENV(true),
    GITIGNORE(true),
    /** Dependency manifests and their lock files. */
    MANIFEST(true),
    CI(true),
    /** Dev container configurations: {@code devcontainer.json}. */
    DEVCONTAINER(true),
    /** Docker Bake files: {@code docker-bake.hcl}, {@code docker-bake.json} and their {@code .override} variants. */
    BAKE(true),
    /** Skaffold configurations: {@code skaffold.yaml}, {@code skaffold.yml}. */
    SKAFFOLD(true),
    /** GoReleaser configurations: {@code .goreleaser.yaml} and its variants. */
    GORELEASER(true),
    /** YAML files where Kubernetes manifests are kept; only those holding workloads are read as such. */
    KUBERNETES(true),
    /** Application sources: counted and listed, never read by discovery. */
    SOURCE(false),
    /**
     * Configuration files frameworks read beside the application's sources (Spring's, Quarkus's and Micronaut's
     * {@code application*.properties}/{@code .yml}, ASP.NET Core's {@code appsettings*.json}): listed so that the
     * application readers see the profiles and environments that do not apply, never read by discovery.
     */
    APP_CONFIG(false);

    private final boolean text;

    FileKind(boolean text) {
        this.text = text;
    }

    /** Whether drydock reads files of this kind as text (and so applies the size bound to them). */
    public boolean readAsText() {
        return text;
    }
}
