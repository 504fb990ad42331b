package dev.drydock.core.rules.compose;

import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;

@RuleDefinition(
        id = "duplicate-container-name",
        title = "Two services set the same container_name",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The `container_name` of every service of a compose project, after interpolation and override"
                + " files: a name that an earlier service of the same project already set. Services of profiles that"
                + " are never enabled together are left alone.",
        problem = "Container names are unique on a Docker host: the engine refuses to create a second container with"
                + " a name that is taken.",
        impact = "`docker compose up` fails with \"Conflict. The container name ... is already in use\" and the second"
                + " service never starts.",
        recommendation = "Remove `container_name` (Compose names containers <project>-<service>-<n>, unique per"
                + " project) or give every service its own name.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#container_name"},
        aliases = {"no-duplicate-container-names"},
        effort = "2 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          api:
                            image: ghcr.io/acme/api:2.4.1
                            container_name: acme
                          worker:
                            image: ghcr.io/acme/worker:2.4.1
                            container_name: acme
                        """,
                good = """
                        services:
                          api:
                            image: ghcr.io/acme/api:2.4.1
                            container_name: acme-api
                          worker:
                            image: ghcr.io/acme/worker:2.4.1
                            container_name: acme-worker
                        """))
public final class DuplicateContainerName implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ContainerNames.Named named : ContainerNames.of(context)) {
            if (named.earlier().isEmpty()) {
                continue;
            }
            String name = named.name().value();
            context.finding(this, ComposeServices.keyed(named.name()), named.ref().name() + " sets container_name "
                            + name + ", which " + ContainerNames.names(named.earlier()) + " already uses: the engine"
                            + " refuses the second container (\"the container name \\\"/" + name + "\\\" is already in"
                            + " use\") and " + named.ref().name() + " does not start")
                    .recommendation("Remove container_name from " + named.ref().name() + " or name it `" + name + "-"
                            + named.ref().name() + "`.")
                    .add();
        }
    }
}
