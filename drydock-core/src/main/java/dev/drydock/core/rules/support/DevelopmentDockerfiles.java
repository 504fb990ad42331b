package dev.drydock.core.rules.support;

import dev.drydock.core.project.BuildOutput;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;

/**
 * Dockerfiles named for development or tests ({@code Dockerfile.dev}, {@code Dockerfile.test}, {@code dev.Dockerfile},
 * {@code Dockerfile-local}, {@code Dockerfile.ci}, a Dockerfile in a {@code dev/} or {@code tests/} folder): the image
 * a developer works in or CI runs the tests in, beside the one that ships. Production hygiene (a production server,
 * labels, a health check, build arguments) is not asked of it, unless something runs it as a deployment does: a
 * compose file named for production, a service restarted always behind a reverse proxy ({@link
 * DevelopmentComposeFiles#deployedLike}), a Kubernetes manifest, or a CI step that pushes it to a registry.
 */
public final class DevelopmentDockerfiles {

    private DevelopmentDockerfiles() {}

    /** Whether the container is built from a Dockerfile named for development or tests and nothing deploys it. */
    public static boolean builds(ReviewContext context, Container c) {
        if (c.build() == null || !ComposeServices.isDevelopmentFile(c.build().dockerfile())) {
            return false;
        }
        String dockerfile = c.build().dockerfile();
        var project = context.project();
        if (!project.kubernetesWorkloads().isEmpty() || project.declaredBuilds().stream()
                .anyMatch(b -> b.output() == BuildOutput.SHIPPED && project.layout().sameFile(b.dockerfile(), dockerfile))) {
            return false;
        }
        return c.service() == null || !ComposeServices.namedForProduction(c.composeFile())
                && !DevelopmentComposeFiles.deployedLike(context, c);
    }
}
