package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.FastCgiPasses;
import dev.drydock.core.rules.support.SimilarNames;
import dev.drydock.core.rules.support.WrittenEnvironment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "service-host-unknown",
        title = "A service reaches a host name that no service of the compose project answers to",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The environment of compose services (`environment:` and the `env_file:` files they load): the hosts"
                + " of the URLs in client settings (postgresql://app@db:5432/app, redis://cache:6379,"
                + " http://api:8000), and the values of host settings (DB_HOST, REDIS_HOST, WORDPRESS_DB_HOST=db:3306,"
                + " KAFKA_BOOTSTRAP_SERVERS=kafka:9092, SMTP_SERVER, ..._ZOOKEEPER_CONNECT). Fires for a single-label"
                + " host (no dot) that is not a service name, container_name, network alias or hostname of any compose"
                + " project of the review, nor the name Compose gives a service's container (shop-db-1). Quiet for"
                + " names with a dot (DNS), IP addresses, localhost (that is"
                + " service-address-is-localhost's), the service's own name, a service that uses links, external_links,"
                + " extra_hosts or a network_mode, a project with an external network (other projects' containers may"
                + " answer), a compose project of a single service (its servers are defined elsewhere), settings for"
                + " the service itself or for a browser (BIND, LISTEN, ADVERTISED, PUBLIC,"
                + " APP_URL, SITE_URL, BASE_URL, VIRTUAL_HOST ...), and storage or file URLs (s3://bucket, file://)."
                + " High when the setting is for a database, cache or broker; medium otherwise.",
        problem = "Compose's DNS answers, on the project's networks, to the names of its services, their container_name"
                + " and their network aliases, and to nothing else: a host name written for another setup (the"
                + " service's name in another compose file, a Kubernetes Service, a renamed service) does not"
                + " resolve.",
        impact = "The application fails to connect at start or on the first request (could not translate host name,"
                + " getaddrinfo ENOTFOUND, Name or service not known), and often exits and restarts in a loop.",
        recommendation = "Name the service that runs the server (`postgresql://app:pw@postgres:5432/app` when the"
                + " database service is called postgres), or give that service a network alias with the name the"
                + " application uses.",
        references = {
                "https://docs.docker.com/compose/how-tos/networking/",
                "https://docs.docker.com/reference/compose-file/services/#aliases"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          api:
                            build: .
                            environment:
                              DATABASE_URL: postgresql://app:${DB_PASSWORD:?}@db:5432/app
                          postgres:
                            image: postgres:16.4
                            environment:
                              POSTGRES_USER: app
                              POSTGRES_PASSWORD: ${DB_PASSWORD:?}
                        """,
                good = """
                        services:
                          api:
                            build: .
                            environment:
                              DATABASE_URL: postgresql://app:${DB_PASSWORD:?}@postgres:5432/app
                          postgres:
                            image: postgres:16.4
                            environment:
                              POSTGRES_USER: app
                              POSTGRES_PASSWORD: ${DB_PASSWORD:?}
                        """))
public final class ServiceHostUnknown implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<String> known = knownNames(context);
        Set<Location> reported = new HashSet<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            if (ref.compose().services().size() < 2 || FastCgiPasses.resolvableElsewhere(ref.compose(), service, "")) {
                // a lone service is deployed beside servers defined elsewhere; links, extra_hosts, a network_mode or an
                // external network may give other names
                continue;
            }
            for (WrittenEnvironment.Setting setting : WrittenEnvironment.of(context.project(), service)) {
                if (!WrittenEnvironment.isClientAddress(setting.name())) {
                    continue;
                }
                for (SettingHosts.Host host : SettingHosts.of(setting.name(), setting.value())) {
                    if (known.contains(host.name()) || host.name().equals(service.name())
                            || defaultContainerName(host.name(), known)) {
                        continue;
                    }
                    int at = setting.rawIndexOf(host.name(), host.start());
                    Location where = new Location(setting.file(), at < 0
                            ? setting.span(setting.rawFrom(), setting.raw().length())
                            : setting.span(at, at + host.name().length()));
                    if (reported.add(where)) {
                        report(context, ref, setting, host, at, where);
                    }
                }
            }
        }
    }

    /** The names Compose's DNS answers to in any compose project of the review: services, container names, aliases. */
    private static Set<String> knownNames(ReviewContext context) {
        Set<String> names = new HashSet<>();
        for (ComposeProject compose : context.project().composeProjects()) {
            for (Service s : compose.services().values()) {
                names.add(s.name());
                if (s.containerName() != null && s.containerName().value() != null) {
                    names.add(s.containerName().value().strip());
                }
                if (s.hostname() != null && s.hostname().value() != null) {
                    names.add(s.hostname().value().strip());
                }
                s.networks().stream().flatMap(n -> n.aliases().stream()).map(Located::value)
                        .forEach(names::add);
            }
        }
        return names;
    }

    /** Compose's own name for a service's container: {@code shop-db-1} (v2) or {@code shop_db_1} (v1). */
    private static boolean defaultContainerName(String host, Set<String> known) {
        java.util.regex.Matcher m = DEFAULT_CONTAINER_NAME.matcher(host);
        return m.matches() && known.stream().anyMatch(name -> m.group(1).endsWith(m.group(2) + name));
    }

    private static final java.util.regex.Pattern DEFAULT_CONTAINER_NAME =
            java.util.regex.Pattern.compile("(.+)([-_])\\d+");

    private void report(ReviewContext context, ComposeServices.Ref ref, WrittenEnvironment.Setting setting,
            SettingHosts.Host host, int at, Location where) {
        Service service = ref.service();
        Set<String> kinds = host.kinds();
        List<Service> servers = new ArrayList<>();
        for (Service other : ref.compose().services().values()) {
            if (other != service && !kinds.isEmpty()
                    && StackStores.ofService(other).stream().anyMatch(f -> StackStores.named(kinds, f))) {
                servers.add(other);
            }
        }
        Set<String> names = new LinkedHashSet<>(ref.compose().services().keySet());
        names.remove(service.name());
        Optional<String> meant = servers.size() == 1 ? Optional.of(servers.get(0).name())
                : SimilarNames.closest(host.name(), names);
        String from = setting.envFile() == null ? "" : " in " + setting.envFile();
        String store = kinds.isEmpty() ? "" : " (" + String.join(" or ", kinds) + ")";
        String message = service.name() + "'s " + setting.name() + from + " reaches the host " + host.name() + store
                + ", but no service, container_name or network alias of the compose project is named "
                + host.name() + ": Compose's DNS does not resolve it and the connection fails ("
                + "Name or service not known)" + meant.map(m -> "; " + describe(ref.compose(), m)
                        + (servers.size() == 1 ? " is the project's " + String.join(" or ", kinds) + " server"
                        : " is the nearest name")).orElse("");
        String recommendation = meant.map(m -> "Name the service: " + setting.name() + " with " + m + " in place of "
                        + host.name() + ", or give " + m + " the network alias " + host.name() + ".")
                .orElse("Name the service of the project that runs the server (" + ComposeServices.names(
                        List.copyOf(names)) + "), or give it the network alias " + host.name() + ".");
        Fix fix = meant.isPresent() && at >= 0 && setting.exact()
                ? Fix.of("reach " + meant.get() + " instead of " + host.name(), FixSafety.UNSAFE,
                        TextEdit.replace(setting.file(), setting.span(at, at + host.name().length()), meant.get()))
                : null;
        context.finding(this, where, message).severity(kinds.isEmpty() ? Severity.MEDIUM : Severity.HIGH)
                .recommendation(recommendation).fix(fix).add();
    }

    private static String describe(ComposeProject compose, String name) {
        Service s = compose.services().get(name);
        return s != null && s.image() != null ? name + " (" + s.image().value() + ")" : name;
    }
}
