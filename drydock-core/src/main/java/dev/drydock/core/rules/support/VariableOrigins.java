package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import java.util.Optional;

/**
 * Where the value a container gets for an environment variable is written: the compose service's
 * {@code environment} entry, which wins, else the ENV of the image's stages that the image keeps.
 */
public final class VariableOrigins {

    /**
     * One written value.
     *
     * @param entry the ENV's {@code NAME=value} when the Dockerfile sets it, null for a compose entry
     */
    public record Origin(Location where, ImageVariables.Entry entry) {}

    private VariableOrigins() {}

    /** Where the container's value of {@code name} is written; empty when only an env_file or the base image sets it. */
    public static Optional<Origin> of(ReviewContext context, Container c, String name) {
        Service service = c.service();
        if (service != null) {
            for (Service.EnvVar env : service.environment()) {
                if (env.name().equals(name)) {
                    return Optional.of(new Origin(ComposeServices.envEntry(service, env), null));
                }
            }
        }
        for (BuiltImage image : BuiltImage.of(context)) {
            if (!image.containers().contains(c)) {
                continue;
            }
            for (ImageVariables.Entry entry : ImageVariables.of(image)) {
                if (entry.kind() == Variables.Kind.ENV && entry.effective() && entry.name().equals(name)) {
                    return Optional.of(new Origin(new Location(image.dockerfile(), entry.entry().span()), entry));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Where the container's value of {@code name} is written, read from the container alone: the compose service's
     * {@code environment} entry, else the ENV of its image's final stage that gives the value; empty when only an
     * env_file or the base image sets it.
     */
    public static Optional<Location> written(Container c, String name) {
        Service service = c.service();
        if (service != null) {
            for (Service.EnvVar env : service.environment()) {
                if (env.name().equals(name)) {
                    return Optional.of(ComposeServices.envEntry(service, env));
                }
            }
        }
        if (c.build() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        Variables.Definition d = c.build().stage().variables().definition(name);
        return d == null || d.kind() != Variables.Kind.ENV || d.instruction() == null ? Optional.empty()
                : Optional.of(new Location(d.instruction().file().path(), d.instruction().span()));
    }
}
