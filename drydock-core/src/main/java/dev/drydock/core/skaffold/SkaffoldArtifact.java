package dev.drydock.core.skaffold;

import dev.drydock.core.source.Span;
import java.util.List;

/**
 * An image a Skaffold configuration builds from a Dockerfile, with the docker (or kaniko) builder: paths as written,
 * relative to the folder of the skaffold.yaml.
 *
 * @param image the image name, which Skaffold puts in place of the same name in the manifests it deploys
 * @param context the build context ({@code .} when not set)
 * @param dockerfile the Dockerfile relative to the context ({@code Dockerfile} when not set)
 * @param target the target stage, or null for the last stage
 * @param buildArgs the build arguments in the order written
 * @param kaniko whether kaniko builds it rather than Docker
 * @param span where the artifact is written
 */
public record SkaffoldArtifact(String image, String context, String dockerfile, String target,
        List<BuildArg> buildArgs, boolean kaniko, Span span) {

    public SkaffoldArtifact {
        buildArgs = List.copyOf(buildArgs);
    }

    /**
     * A build argument: its value as a shell would write it, {@code ${NAME}} for an environment variable Skaffold
     * reads (a {@code {{.NAME}}} template, or no value at all), so that only a value with no {@code $} is literal.
     */
    public record BuildArg(String name, String value, Span span) {}
}
