package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.Service;
import dev.drydock.core.project.ComposeVariant;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The variant files meant for deployment ({@code compose.prod.yaml}, read as {@code docker compose -f compose.yaml -f
 * compose.prod.yaml}) that replace an environment entry of their base file. Compose merges a service's
 * {@code environment} by variable name, the later file's value replacing the earlier one's, so a value written in the
 * base file then only reaches the stacks started without those files: the base alone, or with its development override.
 */
public final class DeploymentOverrides {

    private DeploymentOverrides() {}

    /** A deployment variant and the entry of its own files that replaces the base file's. */
    public record Override(ComposeVariant variant, Service.EnvVar entry) {

        /** The file that writes the replacing entry. */
        public String file() {
            return entry.node().file().path();
        }
    }

    /**
     * The environment entry of a compose project that holds the scalar, with its service: where a base file's
     * value is written.
     */
    public record Entry(Service service, Service.EnvVar env) {}

    /** The service environment entry whose value is the node, if one of the project's services has it. */
    public static Optional<Entry> entryOf(ComposeProject compose, Node value) {
        for (Service service : compose.services().values()) {
            for (Service.EnvVar env : service.environment()) {
                if (env.value() != null && env.value().node() == value) {
                    return Optional.of(new Entry(service, env));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * For the variable of a service written in a base file: the entry each deployment variant of that file replaces
     * it with, when the file has at least one such variant defining the service and every one of them replaces it;
     * empty otherwise (the base file's value reaches some deployment).
     */
    public static List<Override> replacing(ReviewContext context, String baseFile, String service, String variable) {
        List<Override> out = new ArrayList<>();
        for (ComposeVariant variant : context.project().composeVariants()) {
            if (!variant.baseFile().equals(baseFile) || ComposeServices.isDevelopmentFile(context, variant.variantFile())) {
                continue;
            }
            Service merged = variant.project().services().get(service);
            if (merged == null) {
                continue;
            }
            Optional<Service.EnvVar> entry = merged.environment().stream().filter(e -> e.name().equals(variable))
                    .reduce((first, last) -> last);
            if (entry.isEmpty() || !variant.variantFiles().contains(entry.get().node().file().path())) {
                return List.of();
            }
            out.add(new Override(variant, entry.get()));
        }
        return out;
    }
}
