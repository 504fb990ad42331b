package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "anchor-base-service-started",
        title = "A compose service written only as a template for others is started too",
        severity = Severity.LOW,
        category = Category.RELIABILITY,
        checks = "Compose services whose mapping other services of the file take their image or build from through"
                + " a YAML anchor (`<<: *base`, or the whole service as an alias `worker: *base`), when the service's"
                + " name marks it as a template: it begins with `x-`, `_` or `.`, or one of its words is base,"
                + " template, defaults, abstract or common (`app-base`, `_base`, `x-common`). Fires when `docker compose"
                + " up` starts it (no `profiles`, no `deploy.replicas: 0` or `scale: 0`, no other service depending on"
                + " it) and it runs either the image's default command (no `command` or `entrypoint` of its own) or"
                + " the same command and entry point as one of the services built on it. A template with a command of"
                + " its own that every service built on it replaces (a no-op such as `true`, or a process meant to run"
                + " under that name) is taken to run on purpose; a service whose name does not say template is taken to"
                + " be a real service others reuse (`web: &app` with `worker: {<<: *app, command: ...}`).",
        problem = "Every key under `services` is a service: Compose creates and starts a container for a mapping"
                + " written there only to be merged into others, with the image's default command. Only top-level keys"
                + " beginning with `x-` are ignored, not services named so: Compose v2 starts a service named `x-...` too.",
        impact = "An extra container runs beside the real ones: a second web server or queue worker that duplicates"
                + " work (jobs consumed twice, scheduled tasks run twice), or a process without its settings that"
                + " crash-loops and fills the logs.",
        recommendation = "Move the shared settings to a top-level extension field (`x-app: &app` next to `services`),"
                + " which Compose ignores, and keep `<<: *app` in the services. `profiles` or `deploy.replicas: 0` on"
                + " the template would also be copied into every service that merges it.",
        references = {
                "https://docs.docker.com/reference/compose-file/extension/",
                "https://docs.docker.com/reference/compose-file/fragments/",
                "https://docs.docker.com/reference/compose-file/profiles/",
                "https://github.com/compose-spec/compose-go/issues/450"},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          app-base: &app
                            image: ghcr.io/acme/shop:2.3.1
                            environment:
                              DATABASE_URL: postgres://db/shop
                          web:
                            <<: *app
                            command: ["gunicorn", "shop.wsgi"]
                          worker:
                            <<: *app
                            command: ["celery", "-A", "shop", "worker"]
                        """,
                good = """
                        x-app: &app
                          image: ghcr.io/acme/shop:2.3.1
                          environment:
                            DATABASE_URL: postgres://db/shop
                        services:
                          web:
                            <<: *app
                            command: ["gunicorn", "shop.wsgi"]
                          worker:
                            <<: *app
                            command: ["celery", "-A", "shop", "worker"]
                        """))
public final class AnchorBaseServiceStarted implements Rule {

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[._-]");

    private static final Set<String> TEMPLATE_WORDS = Set.of("base", "template", "defaults", "abstract", "common");

    @Override
    public void check(ReviewContext context) {
        Set<Location> reported = new HashSet<>();
        for (ComposeServices.Ref base : ComposeServices.services(context)) {
            Service service = base.service();
            if (!namedAsTemplate(base.name()) || !service.profiles().isEmpty() || ComposeServices.scaledToZero(service)
                    || dependedOn(base.compose(), base.name())) {
                continue;
            }
            List<Service> built = builtOn(context, base);
            if (built.isEmpty() || !reported.add(base.nameLocation())) {
                continue;
            }
            Service same = built.stream().filter(s -> sameProcess(s, service)).findFirst().orElse(null);
            boolean ownCommand = service.command() != null || service.entrypoint() != null;
            if (ownCommand && same == null) {
                continue;
            }
            String names = ComposeServices.names(built.stream().map(Service::name).toList());
            String runs = ownCommand
                    ? "the same command as " + same.name() + ", a second copy of it"
                    : "the default command of " + image(service) + (same != null ? ", like " + same.name() : "");
            context.finding(this, base.nameLocation(), base.name() + " (" + base.file() + ") serves as the template "
                            + names + " take" + (built.size() == 1 ? "s" : "") + " " + (built.size() == 1 ? "its" : "their")
                            + " settings from, but as a key under `services` it is a service too: `docker compose up`"
                            + " starts a container of it that runs " + runs)
                    .recommendation("Move " + base.name() + "'s settings to a top-level extension field (`x-"
                            + templateName(base.name()) + ":` with the same anchor, beside `services`), which Compose"
                            + " ignores; " + names + (built.size() == 1 ? " keeps" : " keep") + " using the anchor.")
                    .add();
        }
    }

    /** The services of the base's project that take their image or build from the base's mapping. */
    private static List<Service> builtOn(ReviewContext context, ComposeServices.Ref base) {
        Map<String, Service> out = new LinkedHashMap<>();
        for (ComposeServices.Ref other : ComposeServices.services(context)) {
            if (other.compose() != base.compose() || other.name().equals(base.name())) {
                continue;
            }
            ScalarNode shared = ComposeServices.sharedBase(context, other.compose(), other.service());
            if (shared != null && ComposeServices.location(shared).equals(base.nameLocation())) {
                out.put(other.name(), other.service());
            }
        }
        return List.copyOf(out.values());
    }

    static boolean namedAsTemplate(String name) {
        if (name.startsWith("x-") || name.startsWith("_") || name.startsWith(".")) {
            return true;
        }
        for (String word : WORD_SEPARATORS.split(name.toLowerCase(Locale.ROOT))) {
            if (TEMPLATE_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dependedOn(ComposeProject compose, String name) {
        return compose.services().values().stream()
                .anyMatch(s -> s.dependsOn().stream().anyMatch(d -> d.service().equals(name)));
    }

    private static boolean sameProcess(Service a, Service b) {
        return Objects.equals(argv(a.command()), argv(b.command()))
                && Objects.equals(argv(a.entrypoint()), argv(b.entrypoint()));
    }

    private static List<String> argv(Service.Command command) {
        return command == null ? null : command.argv();
    }

    private static String image(Service service) {
        if (service.image() != null) {
            return service.image().value();
        }
        Service.Build build = service.build();
        return build != null && build.context() != null ? "the image built from " + build.context().value()
                : "the built image";
    }

    /** The name for the extension field: the template's name without its marking prefix. */
    private static String templateName(String name) {
        String bare = name.replaceFirst("^(x-|[_.]+)", "");
        return bare.isEmpty() ? "base" : bare;
    }
}
