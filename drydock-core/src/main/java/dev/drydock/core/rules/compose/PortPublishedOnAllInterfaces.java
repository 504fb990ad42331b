package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeEdits;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DataStores;
import dev.drydock.core.rules.support.NodeInspector;
import dev.drydock.core.rules.support.PhpFpm;
import dev.drydock.core.rules.support.ProtocolPorts;
import dev.drydock.core.rules.support.TraefikApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleDefinition(
        id = "port-published-on-all-interfaces",
        title = "Port published on every interface of the host",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "Every published port of a compose service (short and long syntax, after interpolation) without a"
                + " host IP. High when it leads to a database, cache or broker (known by the image: postgres, redis,"
                + " mongo...; or by the container port: 5432, 6379, 27017...) or to php-fpm's FastCGI port 9000 (of a"
                + " service whose image runs php-fpm: FastCGI runs any PHP file a client names, with the PHP settings"
                + " it sends) or to Traefik's API and dashboard served without authentication by --api.insecure"
                + " (port 8080, or the address of the traefik entry point) or to a Node.js inspector the service's"
                + " command opens to every network (--inspect=0.0.0.0:9229, also in the package.json script it runs:"
                + " whoever reaches it runs code in the container), medium for those in development"
                + " files (compose.override.yml, docker-compose.dev.yml, the compose.yaml of Spring Boot's"
                + " development services beside a build that uses spring-boot-docker-compose), low for other services. An explicit 0.0.0.0 or :: is taken as deliberate, except in"
                + " front of a data store, and so are host ports 80 and 443, which a site or its reverse proxy"
                + " serves to everyone. Ports of a service with network_mode: host are ignored by Compose and"
                + " left alone, and so are those of a service whose every network is `internal: true`, which Docker"
                + " does not publish (published-port-on-internal-network reports them).",
        problem = "A port without a host IP listens on every interface of the host, the public one included, and"
                + " Docker writes its own iptables rules ahead of the host firewall (ufw, firewalld): the port is"
                + " reachable from the internet even where the firewall says no.",
        impact = "A database or cache published this way is open to anyone who scans the address; many have"
                + " default or no passwords.",
        recommendation = "Publish data stores on 127.0.0.1 only (`127.0.0.1:5432:5432`), or not at all: services of"
                + " the project reach them by service name on the compose network. Bind other ports to the"
                + " interface that should serve them.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#ports",
                "https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw",
                "https://docs.docker.com/engine/network/#published-ports"},
        aliases = {"Container Traffic Not Bound To Host Interface", "no-unbound-port-interfaces"},
        fix = FixSafety.UNSAFE,
        effort = "2 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:16.4
                            ports:
                              - "5432:5432"
                        """,
                good = """
                        services:
                          db:
                            image: postgres:16.4
                            ports:
                              - "127.0.0.1:5432:5432"
                        """))
public final class PortPublishedOnAllInterfaces implements Rule {

    /** A port published on every interface, and the data store behind it, if any. */
    private record Hit(Service service, Service.Port port, Optional<String> store, boolean explicit) {}

    @Override
    public void check(ReviewContext context) {
        List<Hit> hits = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            for (Service.Port port : PublishedPorts.of(ref)) {
                if (!PublishedPorts.onAllInterfaces(port)) {
                    continue;
                }
                Optional<String> store = DataStores.behind(service, port).or(() -> port.targetStart() != port.targetEnd()
                        ? Optional.empty() : PhpFpm.fastCgiBehind(context, service, port.targetStart())
                                .or(() -> TraefikApi.insecureBehind(service, port.targetStart()))
                                .or(() -> inspectorBehind(context, service, port.targetStart())));
                boolean explicit = port.hostIp() != null && !port.hostIp().isBlank();
                if (store.isEmpty() && (explicit || webPort(port))) {
                    continue;
                }
                hits.add(new Hit(service, port, store, explicit));
            }
        }
        // services that take the port from one YAML anchor share its entry: one finding there names them all
        for (List<Hit> group : ComposeServices.byLocation(hits, h -> ComposeServices.location(h.port().node()))) {
            report(context, group);
        }
    }

    private void report(ReviewContext context, List<Hit> group) {
        Hit hit = group.get(0);
        Service.Port port = hit.port();
        Optional<String> store = hit.store();
        boolean explicit = hit.explicit();
        List<String> services = group.stream().map(h -> h.service().name()).toList();
        String names = ComposeServices.names(services);
        boolean development = ComposeServices.isDevelopmentFile(context, port.node().file().path());
        Severity severity = store.isEmpty() ? Severity.LOW : development ? Severity.MEDIUM : Severity.HIGH;
        String message = names + (services.stream().distinct().count() > 1 ? " publish " : " publishes ")
                + PublishedPorts.describe(port) + " on every"
                + " interface of the host" + (explicit ? " (" + port.hostIp() + ")" : "")
                + (store.isPresent() ? ": " + (services.stream().distinct().count() > 1 ? "their " : "its ")
                        + store.get() + " is reachable from any network the host is"
                        + " on, past ufw or firewalld rules" : ", past ufw or firewalld rules");
        context.finding(this, ComposeServices.location(port.node()), message)
                .severity(severity)
                .recommendation(store.isPresent() && store.get().startsWith(INSPECTOR)
                        ? "Bind it to 127.0.0.1 (`" + loopbackEntry(port) + "`): a debugger on this machine still"
                                + " attaches, other hosts cannot run code in the container; where nobody debugs, drop"
                                + " the port and the --inspect option."
                        : store.isPresent()
                        ? "Bind it to 127.0.0.1 (`" + loopbackEntry(port) + "`)" + (development
                                ? ": what runs on this machine (the application started from the IDE or the"
                                        + " build, database tools) still reaches it there, other hosts do not."
                                : ", or remove the port: other services reach " + names + " by name.")
                        : otherProtocol(port).map(protocol -> "Bind it to the interface that should serve it: the"
                                + " host's LAN address as `host_ip` when only the LAN should reach " + names + "'s "
                                + protocol + " port (an HTTP reverse proxy does not carry " + protocol
                                + "), or keep every interface and filter it in the DOCKER-USER chain, which"
                                + " Docker's own rules do not bypass.")
                                .orElse("Bind it to the interface that should serve it (`host_ip: 127.0.0.1` behind a"
                                        + " reverse proxy on the same host)."))
                .fix(store.isEmpty() ? null : explicit ? hostIpReplaced(hit.service(), port) : loopback(hit.service(), port))
                .add();
    }

    private static final String INSPECTOR = "Node.js inspector";

    /** The Node.js inspector a container port leads to, when the service's command opens it to every network. */
    private static Optional<String> inspectorBehind(ReviewContext context, Service service, int port) {
        return NodeInspector.of(context, ComposeServices.container(context, service))
                .filter(open -> open.port() == port)
                .map(open -> INSPECTOR + " (" + open.option() + " in `" + open.command() + "`), which runs any"
                        + " JavaScript a client sends inside the container,");
    }

    /** The protocol other than HTTP the container port serves (SSH on 22, MQTT on 1883), when it is a well-known one. */
    private static Optional<String> otherProtocol(Service.Port port) {
        return port.targetStart() == port.targetEnd() ? ProtocolPorts.protocol(port.targetStart()) : Optional.empty();
    }

    /** Host port 80 or 443: the web's own ports, which a site or its reverse proxy publishes for everyone. */
    private static boolean webPort(Service.Port port) {
        int start = port.publishedStart();
        return start == port.publishedEnd() && (start == 80 || start == 443);
    }

    /** The entry bound to 127.0.0.1, as the fix writes it when it can: {@code 127.0.0.1:${DB_PORT}:5432}. */
    private static String loopbackEntry(Service.Port port) {
        if (!port.shortSyntax()) {
            return "host_ip: 127.0.0.1";
        }
        List<String> parts = PublishedPorts.writtenParts(port);
        if (parts != null && writtenHostIp(port) != null) {
            return "127.0.0.1:" + String.join(":", parts.subList(1, parts.size()));
        }
        if (parts != null && (port.hostIp() == null || port.hostIp().isBlank())) {
            return (parts.size() >= 2 ? "127.0.0.1:" : "127.0.0.1::") + String.join(":", parts);
        }
        return "127.0.0.1:" + (port.published() == null ? "" : port.published()) + ":" + port.targetStart();
    }

    /** The host IP as written at the start of a short-syntax entry ({@code 0.0.0.0} of {@code 0.0.0.0:5432:5432}), or null. */
    private static String writtenHostIp(Service.Port port) {
        List<String> parts = PublishedPorts.writtenParts(port);
        return parts != null && parts.size() == 3 && parts.get(0).equals(port.hostIp()) ? parts.get(0) : null;
    }

    /** The written host IP of a short-syntax entry ({@code 0.0.0.0:5432:5432}) replaced with 127.0.0.1. */
    private static Fix hostIpReplaced(Service service, Service.Port port) {
        String ip = writtenHostIp(port);
        if (ip == null || !(port.node() instanceof ScalarNode scalar) || !scalar.raw().startsWith(ip + ":")) {
            return null;
        }
        return Fix.of("publish " + service.name() + "'s port on 127.0.0.1 only", FixSafety.UNSAFE,
                SourceEdits.replace(scalar.file(), scalar.spanOf(0, ip.length()), "127.0.0.1"));
    }

    /**
     * {@code 127.0.0.1:} written before a short-syntax entry ({@code 127.0.0.1::} before a container port alone),
     * {@code host_ip: 127.0.0.1} added to a long-syntax one.
     */
    private static Fix loopback(Service service, Service.Port port) {
        if (!port.shortSyntax() && port.node() instanceof MapNode entry) {
            TextEdit edit = ComposeEdits.addEntry(entry, List.of(), "host_ip: 127.0.0.1");
            return edit == null ? null
                    : Fix.of("publish " + service.name() + "'s port on 127.0.0.1 only", FixSafety.UNSAFE, edit);
        }
        if (!port.shortSyntax() || !(port.node() instanceof ScalarNode scalar) || !scalar.hasExactText()
                || scalar.raw().startsWith(":") || scalar.raw().isBlank()) {
            return null;
        }
        String prefix = PublishedPorts.writtenHostPort(port) != null ? "127.0.0.1:" : "127.0.0.1::";
        return Fix.of("publish " + service.name() + "'s port on 127.0.0.1 only", FixSafety.UNSAFE,
                SourceEdits.insert(scalar.file(), scalar.spanOf(0, 0).start(), prefix));
    }
}
