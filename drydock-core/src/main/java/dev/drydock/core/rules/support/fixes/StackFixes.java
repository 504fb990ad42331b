package dev.drydock.core.rules.support.fixes;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.Optional;

/**
 * The fixes rules offer for Node.js and JVM containers, by rule; empty for other stacks and where the
 * Dockerfile is shaped so that no edit is certain to build.
 */
public final class StackFixes {

    private StackFixes() {
    }

    /** runs-as-root: the node image's user node, or a system user app on a JVM image. */
    public static Optional<Fix> runsAsRoot(ReviewContext context, Container container) {
        return NodeFixes.runsAsRoot(context, container).or(() -> JvmFixes.runsAsRoot(context, container));
    }

    /** dev-server: node itself in place of a watcher; a jar on a JRE in place of spring-boot:run. */
    public static Optional<Fix> devServer(ReviewContext context, Container container, EntryPoint server) {
        return NodeFixes.devServer(context, container, server).or(() -> JvmFixes.devServer(context, container, server));
    }
}
