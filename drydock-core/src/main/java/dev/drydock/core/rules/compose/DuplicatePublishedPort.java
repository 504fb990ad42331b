package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@RuleDefinition(
        id = "duplicate-published-port",
        title = "Two services publish the same host port",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The published host ports of every service of a compose project (short and long syntax, ranges,"
                + " after interpolation and override files): two `ports` entries, in two services or in one, that"
                + " publish the same port with the same protocol on the same host address. An entry without a host"
                + " address (or 0.0.0.0, ::) takes the port on every address, so it collides with any other address;"
                + " 127.0.0.1:8080 and 192.168.1.10:8080 do not collide. Entries without a published port (a random"
                + " one), services on the host network (`network_mode: host`, whose ports Compose ignores), services on"
                + " `internal: true` networks alone (whose ports Docker does not publish) and services of"
                + " profiles that are never enabled together are left alone.",
        problem = "A host port can be bound once: the second container that publishes it cannot start.",
        impact = "`docker compose up` fails with \"Bind for 0.0.0.0:8080 failed: port is already allocated\" and the"
                + " second service stays down.",
        recommendation = "Publish each service on its own host port (`8081:8080`), or publish only the entry point"
                + " (a reverse proxy) and let the other services talk over the compose network.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#ports",
                "https://docs.docker.com/engine/network/port-publishing/"},
        aliases = {"no-duplicate-exported-ports"},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          web:
                            image: nginx:1.27.3
                            ports:
                              - "8080:80"
                          admin:
                            image: dpage/pgadmin4:8.14
                            ports:
                              - "8080:80"
                        """,
                good = """
                        services:
                          web:
                            image: nginx:1.27.3
                            ports:
                              - "8080:80"
                          admin:
                            image: dpage/pgadmin4:8.14
                            ports:
                              - "8081:80"
                        """))
public final class DuplicatePublishedPort implements Rule {

    private record Published(Service service, Service.Port port) {}

    @Override
    public void check(ReviewContext context) {
        List<ComposeServices.Ref> refs = ComposeServices.services(context);
        for (ComposeProject compose : context.project().composeProjects()) {
            Seen seen = new Seen();
            for (ComposeServices.Ref ref : refs) {
                if (ref.compose() != compose || hostNetwork(ref.service()) || PublishedPorts.onlyInternalNetworks(ref)) {
                    continue;
                }
                for (Service.Port port : ref.service().ports()) {
                    if (port.publishedStart() < 0) {
                        continue;
                    }
                    Published first = seen.clash(ref.service(), port);
                    if (first != null) {
                        report(context, ref.service(), port, first);
                    } else {
                        seen.add(new Published(ref.service(), port));
                    }
                }
            }
        }
    }

    /** A service on the host's network publishes nothing: Compose ignores its ports. */
    private static boolean hostNetwork(Service service) {
        return service.networkMode() != null && "host".equals(service.networkMode().value());
    }

    /** The ports published so far, in order, found by number; ranges wider than {@link #WIDE} are kept apart. */
    private static final class Seen {
        private static final int WIDE = 64;
        private final List<Published> all = new ArrayList<>();
        private final Map<Integer, List<Integer>> byNumber = new HashMap<>();
        private final List<Integer> wide = new ArrayList<>();

        void add(Published published) {
            int index = all.size();
            all.add(published);
            Service.Port port = published.port();
            if (isWide(port)) {
                wide.add(index);
                return;
            }
            for (int n = port.publishedStart(); n <= port.publishedEnd(); n++) {
                byNumber.computeIfAbsent(n, k -> new ArrayList<>()).add(index);
            }
        }

        /** The first port seen that the new one clashes with, or null. */
        Published clash(Service service, Service.Port port) {
            if (isWide(port)) {
                for (Published other : all) {
                    if (clashes(other, service, port)) {
                        return other;
                    }
                }
                return null;
            }
            int first = Integer.MAX_VALUE;
            for (int n = port.publishedStart(); n <= port.publishedEnd(); n++) {
                first = Math.min(first, firstClash(byNumber.getOrDefault(n, List.of()), service, port));
            }
            first = Math.min(first, firstClash(wide, service, port));
            return first == Integer.MAX_VALUE ? null : all.get(first);
        }

        private int firstClash(List<Integer> indexes, Service service, Service.Port port) {
            for (int index : indexes) {
                if (clashes(all.get(index), service, port)) {
                    return index;
                }
            }
            return Integer.MAX_VALUE;
        }

        private static boolean isWide(Service.Port port) {
            return port.publishedEnd() < port.publishedStart() || port.publishedEnd() - port.publishedStart() > WIDE;
        }
    }

    private static boolean clashes(Published other, Service service, Service.Port port) {
        Service.Port p = other.port();
        return p.protocol().equals(port.protocol()) && overlap(p, port) && sameAddress(p.hostIp(), port.hostIp())
                && ComposeProfiles.runTogether(other.service(), service);
    }

    private static boolean overlap(Service.Port a, Service.Port b) {
        return a.publishedStart() <= b.publishedEnd() && b.publishedStart() <= a.publishedEnd();
    }

    private static boolean sameAddress(String a, String b) {
        return everyAddress(a) || everyAddress(b) || a.equals(b);
    }

    private static boolean everyAddress(String ip) {
        return ip == null || ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::");
    }

    private void report(ReviewContext context, Service service, Service.Port port, Published first) {
        String number = port.publishedStart() == port.publishedEnd() ? Integer.toString(port.publishedStart())
                : port.publishedStart() + "-" + port.publishedEnd();
        String owner = first.service() == service ? "another entry of " + service.name()
                : first.service().name();
        boolean shared = ComposeServices.location(first.port().node()).equals(ComposeServices.location(port.node()));
        context.finding(this, ComposeServices.location(port.node()), service.name() + " publishes host port " + number
                        + "/" + port.protocol() + (port.hostIp() == null ? "" : " on " + port.hostIp()) + ", which "
                        + owner + " already publishes"
                        + (shared ? " (both take this entry from one YAML anchor)"
                                : " (" + ComposeServices.where(first.port().node()) + ")")
                        + ": the container started second fails with \"port is already allocated\"")
                .recommendation("Publish " + service.name() + " on a free host port, or drop the mapping if only"
                        + " other services need to reach it (they use `" + service.name() + ":" + port.targetStart()
                        + "` on the compose network).")
                .add();
    }
}
