package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "app-debug-in-production",
        title = "A production service runs with APP_DEBUG on",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "The environment of compose services outside development compose files that sets APP_ENV to"
                + " production or prod and APP_DEBUG to a literal true, 1, yes or on: the two variables Laravel and"
                + " Symfony read for their environment and debug mode. Quiet when APP_DEBUG comes from a variable.",
        problem = "APP_DEBUG turns on the framework's debug mode whatever APP_ENV says: Laravel renders exceptions"
                + " with its debug page, Symfony keeps its debug error pages, profiler and container rebuilds.",
        impact = "Any request that raises an exception gets a page with the stack trace, source lines and"
                + " configuration values, which Laravel's documentation warns may expose sensitive configuration to"
                + " end users; a production service also runs slower.",
        recommendation = "Set APP_DEBUG to false (or leave it out) in the production compose file and turn it on"
                + " only in a development override.",
        references = {
                "https://laravel.com/docs/errors#configuration",
                "https://symfony.com/doc/current/configuration.html#configuration-environments",
                "https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          app:
                            image: registry.example.com/shop:1.4.2
                            environment:
                              APP_ENV: production
                              APP_DEBUG: "true"
                        """,
                good = """
                        services:
                          app:
                            image: registry.example.com/shop:1.4.2
                            environment:
                              APP_ENV: production
                              APP_DEBUG: "false"
                        """))
public final class AppDebugInProduction implements Rule {

    private static final Set<String> PRODUCTION = Set.of("production", "prod");
    private static final Set<String> ON = Set.of("true", "1", "yes", "on");

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            if (ref.inDevelopmentFile()) {
                continue;
            }
            Service service = ref.service();
            Optional<String> mode = literal(service, "APP_ENV").filter(PRODUCTION::contains);
            Optional<Service.EnvVar> debug = service.environment().stream()
                    .filter(env -> env.name().equals("APP_DEBUG"))
                    .filter(env -> literal(env).filter(ON::contains).isPresent()).findFirst();
            if (mode.isEmpty() || debug.isEmpty()) {
                continue;
            }
            context.finding(this, ComposeServices.envEntry(service, debug.get()), ref.service().name() + " sets"
                            + " APP_ENV=" + mode.get() + " and APP_DEBUG=" + debug.get().value().value() + ": the"
                            + " framework runs in debug mode in production, and an exception's page shows the stack"
                            + " trace, source lines and configuration values to whoever made the request")
                    .recommendation("Set APP_DEBUG: \"false\" for " + ref.service().name() + " here and turn it on"
                            + " only in a development override file.")
                    .add();
        }
    }

    private static Optional<String> literal(Service service, String name) {
        return service.environment().stream().filter(env -> env.name().equals(name)).findFirst()
                .flatMap(AppDebugInProduction::literal);
    }

    private static Optional<String> literal(Service.EnvVar env) {
        if (env.value() == null || env.value().value() == null || env.value().value().contains("$")) {
            return Optional.empty();
        }
        return Optional.of(env.value().value().strip().toLowerCase(Locale.ROOT));
    }
}
