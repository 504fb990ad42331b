package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
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
import dev.drydock.core.rules.support.DataStores;
import dev.drydock.core.rules.support.WrittenEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "service-address-is-localhost",
        title = "A service reaches another service of the stack at localhost",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The environment of compose services, from `environment:` (list and map forms) and the `env_file:`"
                + " files they load: a value that names localhost, 127.x.x.x or ::1 as the host of a database, cache or"
                + " broker that another service of the same compose project runs. The server is told by the URL's scheme"
                + " (postgresql://, jdbc:mysql://, redis://, amqp://, mongodb://), else by the variable's words (DB,"
                + " DATABASE, POSTGRES, MYSQL, MONGO, REDIS, AMQP, RABBIT, KAFKA, ELASTIC...), else by a conventional port"
                + " (5432, 6379, 9092...); the other service by its image (postgres, bitnami/redis, confluentinc/cp-kafka)"
                + " or the conventional ports it exposes, and the port must be one it serves. Quiet for services that use"
                + " `network_mode: host` or share another container's network (`network_mode: service:db`, where"
                + " localhost is that container), for a data store scaled to zero (one run on the host instead), for the"
                + " service's own port, for listen, bind and advertised addresses,"
                + " and for addresses meant for a browser (PUBLIC, VITE_, REACT_APP_, CORS, ORIGIN, REDIRECT...). Also a"
                + " Kafka broker whose advertised listener is localhost while other services of the stack connect to it"
                + " by its service name on that listener's port.",
        problem = "Each compose service runs in its own network namespace: inside a container, localhost is the container"
                + " itself. The other services of the stack are reached by their service name, which Compose's DNS"
                + " resolves on the project's network. A Kafka client connects to its bootstrap address only to fetch"
                + " the cluster's metadata, then connects to the address the broker advertises for that listener.",
        impact = "The application cannot reach its database, cache or broker: connection refused at startup or on the"
                + " first request, although the same settings work when the application runs on the host.",
        recommendation = "Use the service name as the host (`postgresql://app:pw@db:5432/app`, `REDIS_HOST=redis`) and"
                + " the container port, not the port published on the host. Keep localhost for runs outside Compose in"
                + " that environment's own settings. For Kafka, advertise the service name on a listener for the compose"
                + " network, and localhost on a second listener for clients on the host.",
        references = {
                "https://docs.docker.com/compose/how-tos/networking/",
                "https://docs.docker.com/reference/compose-file/services/#network_mode",
                "https://kafka.apache.org/documentation/#brokerconfigs_advertised.listeners",
                "https://docs.confluent.io/platform/current/kafka/multi-node.html"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          api:
                            build: .
                            environment:
                              DATABASE_URL: postgresql://app:${DB_PASSWORD:?}@localhost:5432/app
                          db:
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
                              DATABASE_URL: postgresql://app:${DB_PASSWORD:?}@db:5432/app
                          db:
                            image: postgres:16.4
                            environment:
                              POSTGRES_USER: app
                              POSTGRES_PASSWORD: ${DB_PASSWORD:?}
                        """))
public final class ServiceAddressIsLocalhost implements Rule {

    /** A loopback host, with its port when one follows; the character before it is checked apart. */
    private static final Pattern LOOPBACK = Pattern.compile(
            "(localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1]|(?<!:)::1)(?::(\\d{1,5}))?(?![\\w.-]|:\\d)",
            Pattern.CASE_INSENSITIVE);

    /** The characters a host follows: a URL's //, a user's @, a list's comma, =, (, a quote or a space. */
    private static final String BEFORE_HOST = "/@,=( \t\"'";

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.:-]*)://[^\\s,;]*$");

    /** A service the address is meant to reach, and the container port to use there (null when none is written). */
    private record Target(Service service, Integer port, boolean published) {}

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            if (networkMode(service).equals("host")) {
                continue;
            }
            for (WrittenEnvironment.Setting setting : WrittenEnvironment.of(context.project(), service)) {
                if (KafkaAdvertisedListeners.isOne(setting.name())) {
                    KafkaAdvertisedListeners.check(context, this, ref, setting);
                    continue;
                }
                if (!WrittenEnvironment.isClientAddress(setting.name())) {
                    continue;
                }
                Matcher m = LOOPBACK.matcher(setting.value());
                while (m.find()) {
                    if (followsHostDelimiter(setting.value(), m.start())) {
                        check(context, ref, setting, m);
                    }
                }
            }
        }
    }

    /** Whether the address stands where a host does: at the start, after //, @, a comma, = or a quote. */
    private static boolean followsHostDelimiter(String value, int at) {
        if (at == 0) {
            return true;
        }
        char before = value.charAt(at - 1);
        if (before == '/') {
            return at >= 2 && value.charAt(at - 2) == '/';
        }
        return BEFORE_HOST.indexOf(before) >= 0;
    }

    private void check(ReviewContext context, ComposeServices.Ref ref, WrittenEnvironment.Setting setting, Matcher m) {
        Service service = ref.service();
        Integer port = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Set<String> kinds;
        Matcher scheme = SCHEME.matcher(setting.value().substring(0, m.start()));
        if (scheme.find()) {
            Optional<String> named = StackStores.ofScheme(scheme.group(1));
            if (named == null) {
                return; // smtp://, ldap://: no data store
            }
            kinds = named.map(Set::of).orElseGet(() -> StackStores.ofName(setting.name()));
        } else {
            kinds = StackStores.ofName(setting.name());
        }
        if (kinds.isEmpty() && port == null
                || port != null && StackStores.declaredPorts(service).contains(port)
                || StackStores.ofService(service).stream().anyMatch(f -> StackStores.named(kinds, f))) {
            return; // nothing says which server, or the service's own port or kind
        }
        List<Target> targets = targets(ref.compose(), service, kinds, port);
        if (targets.isEmpty()) {
            return;
        }
        report(context, ref, setting, m, targets);
    }

    /** The other services of the project the address is meant for, not sharing the service's network namespace. */
    private static List<Target> targets(ComposeProject compose, Service service, Set<String> kinds, Integer port) {
        List<Target> out = new ArrayList<>();
        for (Service other : compose.services().values()) {
            String mode = networkMode(other);
            if (other.name().equals(service.name()) || mode.equals("host") || mode.equals("none")
                    || ComposeServices.scaledToZero(other) || namespace(compose, other).equals(namespace(compose, service))) {
                continue;
            }
            Set<String> families = StackStores.ofService(other);
            if (families.isEmpty() || !kinds.isEmpty() && families.stream().noneMatch(f -> StackStores.named(kinds, f))) {
                continue;
            }
            if (port == null) {
                out.add(new Target(other, null, false));
            } else if (StackStores.servedPorts(other).contains(port) && (!kinds.isEmpty()
                    || DataStores.ofPort(port).map(StackStores::family).filter(families::contains).isPresent())) {
                out.add(new Target(other, port, false));
            } else if (!kinds.isEmpty()) {
                publishedAt(other, port).ifPresent(target -> out.add(new Target(other, target, true)));
            }
        }
        return out;
    }

    /** The container port a service publishes on host port {@code port}, if it publishes one there. */
    private static Optional<Integer> publishedAt(Service service, int port) {
        for (Service.Port p : PublishedPorts.of(service)) {
            if (p.publishedStart() == port && p.publishedEnd() == port && p.targetStart() == p.targetEnd()) {
                return Optional.of(p.targetStart());
            }
        }
        return Optional.empty();
    }

    /** The value as written, without the quotes of a dotenv value: variables stay as they are. */
    private static String unquoted(String written, WrittenEnvironment.Setting setting) {
        boolean quoted = setting.envFile() != null && setting.rawFrom() == 1 && !written.isEmpty();
        return quoted ? written.substring(0, written.length() - 1) : written;
    }

    private static String networkMode(Service service) {
        return service.networkMode() == null ? "" : service.networkMode().value().strip();
    }

    /** The service whose network namespace a service lives in: its own, or the one {@code network_mode: service:X} names. */
    private static String namespace(ComposeProject compose, Service service) {
        Service current = service;
        for (int hops = 0; hops < 5; hops++) {
            String mode = networkMode(current);
            if (mode.startsWith("container:")) {
                return mode;
            }
            if (!mode.startsWith("service:")) {
                return current.name();
            }
            Service next = compose.services().get(mode.substring("service:".length()).strip());
            if (next == null) {
                return mode;
            }
            current = next;
        }
        return current.name();
    }

    private void report(ReviewContext context, ComposeServices.Ref ref, WrittenEnvironment.Setting setting, Matcher m,
            List<Target> targets) {
        Service service = ref.service();
        String address = m.group();
        int at = setting.rawIndexOf(address, m.start());
        Location where = new Location(setting.file(), at < 0 ? setting.span(setting.rawFrom(), setting.raw().length())
                : setting.span(at, at + address.length()));
        Target target = targets.get(0);
        Service other = target.service();
        String names = ComposeServices.names(targets.stream().map(t -> t.service().name()).toList());
        String store = StackStores.ofService(other).iterator().next();
        String runs = other.image() != null ? other.name() + " (" + other.image().value() + ")" : other.name();
        String from = setting.envFile() == null ? "" : " in " + setting.envFile();
        String published = target.published() ? "; " + m.group(2) + " is the port " + other.name()
                + " publishes on the host, on the compose network it listens on " + target.port() : "";
        String message = service.name() + "'s " + setting.name() + from + " reaches " + store + " at " + address
                + ", but inside " + service.name() + "'s container " + m.group(1) + " is that container itself, not "
                + (targets.size() == 1 ? runs : names) + published + ": the connection is refused";
        String replacement = other.name() + (target.port() == null ? "" : ":" + target.port());
        String suggested = at < 0 ? setting.value().substring(0, m.start()) + replacement + setting.value().substring(m.end())
                : unquoted(setting.raw().substring(setting.rawFrom(), at) + replacement
                        + setting.raw().substring(at + address.length()), setting);
        String recommendation = targets.size() == 1
                ? "Reach " + other.name() + " by its service name, which Compose's DNS resolves on the project's"
                        + " network: " + setting.name() + "=" + suggested + ". If the application also runs outside"
                        + " Compose, keep localhost in that environment's own settings."
                : "Reach the one meant (" + names + ") by its service name, which Compose's DNS resolves on the"
                        + " project's network; localhost in a container is the container itself.";
        Fix fix = targets.size() == 1 && at >= 0 && setting.exact()
                ? Fix.of("reach " + replacement + " instead of " + address, FixSafety.UNSAFE,
                        TextEdit.replace(setting.file(), setting.span(at, at + address.length()), replacement))
                : null;
        context.finding(this, where, message).recommendation(recommendation).fix(fix).add();
    }
}
