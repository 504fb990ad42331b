package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.List;

@RuleDefinition(
        id = "published-port-on-internal-network",
        title = "Port published by a service on internal networks only",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Compose services that publish ports (`ports:`, short and long syntax) while every network they"
                + " join is declared `internal: true` (their own `networks:`, or the project's default network"
                + " declared internal when they name none). Reported once per service, at its first published port."
                + " Services with network_mode are left alone. Swarm's routing mesh (`docker stack deploy`) publishes"
                + " through its ingress network instead; this rule describes `docker compose up`.",
        problem = "Docker Engine gives a container on internal networks alone no port mapping: the `ports:` entries"
                + " are accepted without a warning and do nothing, so the host port stays closed.",
        impact = "Whatever was meant to reach the service from the host (a browser, a database tool, a health probe, a"
                + " reverse proxy on the host) gets connection refused, while the service itself looks healthy.",
        recommendation = "Remove the ports if only the services on the internal network need it (they reach it by"
                + " name); if the host must reach it, also attach it to a network that is not internal (the default"
                + " network) and publish the port on 127.0.0.1.",
        references = {
                "https://docs.docker.com/reference/compose-file/networks/#internal",
                "https://docs.docker.com/engine/network/drivers/bridge/",
                "https://github.com/moby/moby/issues/36174"},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          search:
                            image: opensearchproject/opensearch:2.18.0
                            ports:
                              - "127.0.0.1:9200:9200"
                            networks: [backend]
                        networks:
                          backend:
                            internal: true
                        """,
                good = """
                        services:
                          search:
                            image: opensearchproject/opensearch:2.18.0
                            ports:
                              - "127.0.0.1:9200:9200"
                            networks: [backend, default]
                        networks:
                          backend:
                            internal: true
                        """))
public final class PublishedPortOnInternalNetwork implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            List<Service.Port> ports = PublishedPorts.of(service);
            if (ports.isEmpty() || !PublishedPorts.onlyInternalNetworks(ref)) {
                continue;
            }
            List<String> networks = service.networks().isEmpty() ? List.of("default")
                    : service.networks().stream().map(Service.Network::name).distinct().toList();
            String joined = networks.size() == 1 ? "its only network, " + networks.get(0) + ", is"
                    : "its networks, " + String.join(" and ", networks) + ", are all";
            context.finding(this, ComposeServices.location(ports.get(0).node()), service.name() + " publishes "
                            + String.join(", ", ports.stream().map(PublishedPorts::describe).toList()) + ", but "
                            + joined + " internal: Docker maps no port of a container on internal networks alone, so"
                            + " nothing reaches " + service.name() + " through the host")
                    .recommendation("If only the services on " + String.join(" and ", networks) + " need "
                            + service.name() + ", remove its ports (they reach it by name); if the host must reach it,"
                            + " add a network that is not internal to " + service.name() + " (`networks: ["
                            + String.join(", ", networks) + (networks.contains("default") ? ", outside]` with an"
                                    + " `outside:` network declared" : ", default]`") + ") and keep the port on"
                            + " 127.0.0.1.")
                    .add();
        }
    }
}
