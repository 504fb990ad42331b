package dev.drydock.core.project;

/**
 * What runs a declared build: the tool decides how a secret can reach the build without being a build argument.
 */
public enum BuildTool {
    /** {@code docker build} or {@code docker buildx build}: {@code --secret id=...,env=...}. */
    DOCKER_CLI("docker build"),
    /** {@code podman build}: {@code --secret id=...,env=...} as well. */
    PODMAN("podman build"),
    /** {@code buildah bud} or {@code buildah build}: {@code --secret id=...,env=...} as well. */
    BUILDAH("buildah build"),
    /** Kaniko's {@code /kaniko/executor}, which reads no {@code RUN --mount=type=secret}. */
    KANIKO("kaniko"),
    /** GitHub's {@code docker/build-push-action}, or Depot's {@code depot/build-push-action}: its {@code secrets:} input. */
    BUILD_PUSH_ACTION("docker/build-push-action"),
    /** A Jenkins pipeline's {@code docker.build(image, args)}: the args are a docker build command line. */
    JENKINS_DOCKER_BUILD("docker.build"),
    /** A dev container configuration's {@code build}. */
    DEV_CONTAINER("dev container build"),
    /** Kamal's {@code builder} of config/deploy.yml, which runs docker buildx build with its dockerfile, context and target. */
    KAMAL("kamal build"),
    /** flyctl's build for fly.toml ({@code fly deploy}): its [build] dockerfile, build-target and [build.args]. */
    FLY("fly deploy"),
    /** A target of a Bake file ({@code docker-bake.hcl}), built by {@code docker buildx bake}. */
    BAKE("docker buildx bake"),
    /** An artifact of a skaffold.yaml, built by {@code skaffold build} with Docker: its {@code docker.secrets}. */
    SKAFFOLD("skaffold build"),
    /** A {@code dockers} or {@code dockers_v2} entry of a GoReleaser configuration, built by {@code goreleaser release}. */
    GORELEASER("goreleaser");

    private final String written;

    BuildTool(String written) {
        this.written = written;
    }

    /** How the build is written, for messages. */
    public String written() {
        return written;
    }

    /**
     * Whether the tool builds from a folder it assembles rather than from the project's: GoReleaser copies the
     * Dockerfile, its binaries and the extra files into a temporary folder, where no ignore file of the project applies.
     */
    public boolean assemblesContext() {
        return this == GORELEASER;
    }

    /** Whether the tool takes BuildKit's {@code --secret id=NAME,env=VAR} on its command line. */
    public boolean takesSecretOption() {
        return this == DOCKER_CLI || this == PODMAN || this == BUILDAH || this == JENKINS_DOCKER_BUILD;
    }
}
