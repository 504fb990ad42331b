package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.List;

@RuleDefinition(
        id = "fixed-container-name",
        title = "container_name keeps a service from scaling and from running twice on a host",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Every service with a valid `container_name` that no other service of its project shares (those"
                + " are duplicate-container-name's and invalid-container-name's), outside development files.",
        problem = "A fixed container name exists once per Docker host: the service cannot have more than one"
                + " replica, and a second checkout of the project (another branch, a CI job) on the same host cannot"
                + " start.",
        impact = "`docker compose up --scale NAME=2` (or `deploy.replicas: 2`) fails, and two copies of the stack"
                + " collide with \"the container name ... is already in use\".",
        recommendation = "Remove container_name: Compose names containers <project>-<service>-<n>, and other services"
                + " reach the service by its service name on the compose network either way. Where another service"
                + " reaches the container by its container name (an environment value, an env file, a command), change"
                + " that reference to the service name first.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#container_name",
                "https://docs.docker.com/compose/how-tos/networking/"},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          worker:
                            image: ghcr.io/acme/worker:2.4.1
                            container_name: acme-worker
                        """,
                good = """
                        services:
                          worker:
                            image: ghcr.io/acme/worker:2.4.1
                        """))
public final class FixedContainerName implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ContainerNames.Named named : ContainerNames.of(context)) {
            String name = named.name().value();
            if (!named.earlier().isEmpty() || !ContainerNames.valid(name) || named.ref().inDevelopmentFile()) {
                continue;
            }
            String service = named.ref().name();
            List<String> references = name.equals(service) ? List.of()
                    : ContainerNameReferences.of(context.project(), named.ref().compose(), named.ref().service(), name);
            String written = named.name().node() instanceof ScalarNode scalar && !scalar.substitutions().isEmpty()
                    ? scalar.raw() : name;
            String message = written.equals(name) ? service + " is always named " + name + ": it cannot be scaled"
                    + " beyond one container, and a second copy of this stack on the same host (another checkout, a CI"
                    + " job) cannot start"
                    : service + " is named " + name + " (`" + written + "`): every container of it takes that one name,"
                            + " so it cannot be scaled beyond one container, and a second copy of this stack on the same"
                            + " host (another checkout, a CI job) starts only if someone sets the variable to another"
                            + " name for it";
            String recommendation = "Remove `container_name: " + written + "`; scripts can use `docker compose exec "
                    + service + "` instead of `docker exec " + name + "`.";
            if (!references.isEmpty()) {
                message += "; other services reach the container by that name ("
                        + ContainerNameReferences.describe(references) + "), which stops resolving without it";
                recommendation = "Change those references to the service name `" + service + "` (which resolves on the"
                        + " compose network as well, and to every replica), also in configuration files mounted into"
                        + " other containers, then remove `container_name: " + written + "`; scripts can use `docker"
                        + " compose exec " + service + "` instead of `docker exec " + name + "`.";
            }
            context.finding(this, ComposeServices.keyed(named.name()), message)
                    .recommendation(recommendation)
                    .add();
        }
    }
}
