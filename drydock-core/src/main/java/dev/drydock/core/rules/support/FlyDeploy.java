package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.FlyToml;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import java.util.Optional;

/**
 * The Fly.io app (fly.toml in the build context's folder, which {@code fly deploy} builds from) that deploys a
 * container's image: its [build] names the container's Dockerfile ({@code Dockerfile} by default) and, with
 * build-target, its stage (the last one otherwise).
 *
 * @param fly the configuration
 */
public record FlyDeploy(FlyToml fly) {

    /** The Fly app that deploys the image a container runs, if any. */
    public static Optional<FlyDeploy> of(ReviewContext context, Container c) {
        BuildLink build = c.build();
        if (build == null) {
            return Optional.empty();
        }
        String file = PathNames.join(build.context(), "fly.toml");
        return context.memo("fly-deploy", build, () -> context.project().fly(file)
                .filter(f -> builds(f, build)).map(FlyDeploy::new));
    }

    private static boolean builds(FlyToml fly, BuildLink build) {
        if (!fly.build().buildsDockerfile() || !build.dockerfile().equals(PathNames.normalizeRelative(
                PathNames.join(build.context(), fly.build().dockerfileOrDefault())))) {
            return false;
        }
        if (build.model() == null || build.stage() == null || build.model().stages().isEmpty()) {
            return true;
        }
        if (fly.build().target() != null) {
            return fly.build().target().equalsIgnoreCase(build.stage().name());
        }
        var stages = build.model().stages();
        return stages.get(stages.size() - 1) == build.stage();
    }

    /** The first HTTP check Fly runs against the app's services, else the first top-level one. */
    public Optional<FlyToml.Check> httpCheck() {
        return fly.services().stream().flatMap(s -> s.checks().stream()).filter(FlyToml.Check::http).findFirst()
                .or(() -> fly.checks().stream().filter(FlyToml.Check::http).findFirst());
    }

    /** The port an HTTP check requests: its own port, else its service's internal_port. */
    public int port(FlyToml.Check check) {
        return check.port() != null ? check.port() : fly.services().stream()
                .filter(s -> s.checks().contains(check)).findFirst().map(FlyToml.Service::internalPort)
                .orElse(FlyToml.DEFAULT_INTERNAL_PORT);
    }

    public String file() {
        return fly.file();
    }

    public Location location(dev.drydock.core.source.Span span) {
        return new Location(fly.file(), span);
    }
}
