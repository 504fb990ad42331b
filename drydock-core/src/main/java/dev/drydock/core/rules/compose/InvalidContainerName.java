package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;

@RuleDefinition(
        id = "invalid-container-name",
        title = "container_name is not a valid container name",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The `container_name` of every service, after interpolation: the whole name must match"
                + " `[a-zA-Z0-9][a-zA-Z0-9_.-]+`, the Docker Engine's rule (the compose schema's pattern is not anchored,"
                + " so `docker compose config` accepts names the engine refuses). Names that are blank because a"
                + " variable is missing are left to that variable.",
        problem = "The engine accepts only letters, digits, `_`, `.` and `-` in a container name, and not a"
                + " punctuation character first.",
        impact = "`docker compose up` fails with \"Invalid container name (...), only [a-zA-Z0-9][a-zA-Z0-9_.-] are"
                + " allowed\".",
        recommendation = "Rename it with letters, digits, `-`, `_` and `.` only, starting with a letter or digit, or"
                + " remove container_name and let Compose name the container.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#container_name",
                "https://docs.docker.com/reference/cli/docker/container/create/"},
        aliases = {"service-container-name-regex"},
        effort = "2 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          api:
                            image: ghcr.io/acme/api:2.4.1
                            container_name: acme api
                        """,
                good = """
                        services:
                          api:
                            image: ghcr.io/acme/api:2.4.1
                            container_name: acme-api
                        """))
public final class InvalidContainerName implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ContainerNames.Named named : ContainerNames.of(context)) {
            String name = named.name().value();
            if (ContainerNames.valid(name) || name.isBlank()
                    || named.name().node() instanceof ScalarNode scalar
                            && scalar.substitutions().stream().anyMatch(Substitution::isMissing)) {
                continue; // `${APP_NAME}-backend` with APP_NAME unset: compose-variable-unset says why
            }
            String fixed = name.replaceAll("[^a-zA-Z0-9_.-]+", "-").replaceAll("^[^a-zA-Z0-9]+", "");
            context.finding(this, ComposeServices.keyed(named.name()), "container_name \"" + name + "\" of "
                            + named.ref().name() + " is not a valid container name (letters, digits, `_`, `.` and `-`,"
                            + " starting with a letter or digit, at least two characters): the engine refuses to"
                            + " create the container")
                    .recommendation(fixed.length() >= 2 ? "Name it `" + fixed + "`." : "Remove container_name.")
                    .add();
        }
    }
}
