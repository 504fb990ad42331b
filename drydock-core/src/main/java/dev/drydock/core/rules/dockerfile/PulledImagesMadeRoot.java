package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.compose.DockerSocketMounted;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.NonRootVendorImages;
import dev.drydock.core.rules.support.UserIds;
import java.util.Optional;

/**
 * runs-as-root for compose services of a pulled image known to run as a non-root user whose {@code user:} makes them
 * root again.
 */
final class PulledImagesMadeRoot {

    private PulledImagesMadeRoot() {}

    /**
     * Compose services of a pulled image known to run as a non-root user (bitnami's 1001, apache/spark's spark,
     * Debezium's kafka ...) whose {@code user:} of root takes that away: nothing in the project builds the image, so
     * the loop over built containers never sees them. Not a one-shot service that runs to completion (others wait for
     * it with service_completed_successfully), such as the init service of Airflow's compose file, which runs as
     * root to chown the mounted folders to AIRFLOW_UID and exits.
     */
    static void report(Rule rule, ReviewContext context) {
        for (Container c : context.project().containers()) {
            if (c.build() != null || c.image() == null || c.user() == null || !UserIds.isRoot(c.user().value())
                    || SharedImages.oneShot(context, c)) {
                continue; // a one-shot init service (Airflow's airflow-init chowns the mounted folders) exits
            }
            var ref = ImageReference.tryParse(c.image()).orElse(null);
            if (ref == null || !ref.isImage()
                    || !BaseImageFacts.defaultsToNonRoot(new BaseImage.External(c.image(), c.image(), ref, null))) {
                continue;
            }
            String own = NonRootVendorImages.of(ref)
                    .map(v -> "user " + v.user() + " (" + v.ids() + ")").orElse("non-root user");
            context.finding(rule, c.user().origin(), "the container runs as " + c.user().value() + ": "
                            + c.composeFile() + " overrides the " + own + " that " + ref.familiarString()
                            + " runs as, so " + c.name() + " and everything it starts run as root")
                    .severity(Severity.HIGH)
                    .recommendation(socketUser(c, own).orElse("Remove user: " + c.user().value() + " from " + c.name()
                            + " so that it runs as the image's own " + own + "; if it needs to write a mounted folder,"
                            + " give that folder to the image's user instead (chown it on the host, or in a one-shot"
                            + " init service)."))
                    .add();
        }
    }

    /**
     * The advice for a service made root to use the engine socket it mounts, which only root and the docker group may
     * open: a socket proxy reached over TCP needs neither.
     */
    private static Optional<String> socketUser(Container container, String own) {
        return Optional.ofNullable(container.service()).flatMap(DockerSocketMounted::mountedSocket)
                .map(socket -> container.name() + " mounts the engine socket " + socket + ", which only root and the"
                        + " docker group may open, and user: " + container.user().value() + " is likely there for it:"
                        + " give it the engine through a socket proxy that allows only the API calls it makes, reached"
                        + " over TCP (DOCKER_HOST=tcp://socket-proxy:2375), remove the socket mount and user: "
                        + container.user().value() + ", and it runs as the image's own " + own
                        + "; a mounted folder it must write is then chowned to that user on the host.");
    }
}
