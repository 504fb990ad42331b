package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.WrittenEnvironment;
import dev.drydock.core.rules.support.SwitchValues;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "app-debug-in-production",
        title = "A production service runs with APP_DEBUG on",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "Compose services outside development compose files whose container gets APP_ENV production or"
                + " prod and APP_DEBUG a literal true, 1, yes or on: the two variables Laravel and Symfony read for"
                + " their environment and debug mode. APP_DEBUG is read from the service's environment and env_file"
                + " files (the environment winning, a later file over an earlier one), APP_ENV from the same or,"
                + " when they leave it alone, from the ENV of the image the service builds; the finding is at the"
                + " APP_DEBUG line. Quiet when a variable gives either value; an image that sets APP_DEBUG itself is"
                + " dev-config-in-image's.",
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

    /** A mode or debug value the container gets, and where it is written, for the message. */
    private record Value(String value, String where) {}

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            if (ref.inDevelopmentFile()) {
                continue;
            }
            Service service = ref.service();
            List<WrittenEnvironment.Setting> written = WrittenEnvironment.of(context.project(), service);
            WrittenEnvironment.Setting debug = setting(written, "APP_DEBUG").filter(s -> literal(s).filter(SwitchValues::on)
                    .isPresent()).orElse(null);
            Value mode = setting(written, "APP_ENV").map(s -> new Value(literal(s).orElse(""), from(s)))
                    .orElseGet(() -> imageMode(context, service));
            if (debug == null || mode == null || !PRODUCTION.contains(mode.value())) {
                continue;
            }
            Location at = debug.envFile() == null ? ComposeServices.envEntry(service, envVar(service))
                    : new Location(debug.file(), debug.span(debug.rawFrom(), debug.raw().length()));
            context.finding(this, at, service.name() + " runs with APP_ENV=" + mode.value() + mode.where()
                            + " and APP_DEBUG=" + debug.value().strip() + from(debug) + ": the framework runs in debug"
                            + " mode in production, and an exception's page shows the stack trace, source lines and"
                            + " configuration values to whoever made the request")
                    .recommendation(debug.envFile() == null
                            ? "Set APP_DEBUG: \"false\" for " + service.name() + " here and turn it on only in a"
                                    + " development override file."
                            : "Set APP_DEBUG=false in " + debug.envFile() + " and turn it on only in an env file or"
                                    + " override that development alone uses.")
                    .add();
        }
    }

    /** APP_ENV as the image's ENV sets it, when the compose file and env files leave it alone. */
    private static Value imageMode(ReviewContext context, Service service) {
        Container c = ComposeServices.container(context, service);
        if (c == null || c.build() == null || c.build().stage() == null) {
            return null;
        }
        Variables.Definition set = c.build().stage().variables().definition("APP_ENV");
        if (set == null || set.kind() != Variables.Kind.ENV || set.value() == null) {
            return null;
        }
        return new Value(set.value().strip().toLowerCase(Locale.ROOT), " (the image's ENV, " + c.build().dockerfile()
                + (set.instruction() == null ? "" : " line " + set.instruction().span().startLine()) + ")");
    }

    private static Optional<WrittenEnvironment.Setting> setting(List<WrittenEnvironment.Setting> written, String name) {
        return written.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static String from(WrittenEnvironment.Setting setting) {
        return setting.envFile() == null ? "" : " (" + setting.envFile() + ", read through env_file)";
    }

    private static Service.EnvVar envVar(Service service) {
        return service.environment().stream().filter(env -> env.name().equals("APP_DEBUG")).reduce((a, b) -> b)
                .orElseThrow();
    }

    /** The value as written, lower case; empty when a variable gives it. */
    private static Optional<String> literal(WrittenEnvironment.Setting setting) {
        if (setting.raw().substring(Math.min(setting.rawFrom(), setting.raw().length())).contains("$")) {
            return Optional.empty();
        }
        return Optional.of(setting.value().strip().toLowerCase(Locale.ROOT));
    }
}
