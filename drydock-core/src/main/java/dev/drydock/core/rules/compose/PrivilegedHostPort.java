package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;

@RuleDefinition(
        id = "privileged-host-port",
        title = "Host port below 1024 published",
        severity = Severity.INFO,
        category = Category.SECURITY,
        checks = "The published (host) ports of every compose service, short and long syntax: a finding for a port"
                + " or range that starts below 1024, except 80 and 443 alone, the ports a public web entry point"
                + " must use. The container port is not checked: below 1024 inside the container only needs"
                + " NET_BIND_SERVICE there, which Docker grants by default and which does not reach the host. Ports of a"
                + " service whose every network is `internal: true` are not published and are left alone.",
        problem = "Ports below 1024 belong to system services (22 ssh, 25 smtp, 53 dns...): publishing one competes"
                + " with the host's own daemon or impersonates it, and rootless Docker and Podman cannot publish it"
                + " unless net.ipv4.ip_unprivileged_port_start is lowered on the host.",
        impact = "The stack fails to start next to the host's own service, or under a rootless engine; a client that"
                + " trusts the well-known port talks to the container.",
        recommendation = "Publish a port of 1024 or above (`2222:22`) unless the service must answer on the"
                + " well-known port, and then say so in a comment.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#ports",
                "https://docs.docker.com/engine/security/rootless/#exposing-privileged-ports"},
        aliases = {"Privileged Ports Mapped In Container"},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          git:
                            image: gitea/gitea:1.22.3
                            ports:
                              - "22:22"
                        """,
                good = """
                        services:
                          git:
                            image: gitea/gitea:1.22.3
                            ports:
                              - "2222:22"
                        """))
public final class PrivilegedHostPort implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            for (Service.Port port : PublishedPorts.of(ref)) {
                int start = port.publishedStart();
                boolean web = start == port.publishedEnd() && (start == 80 || start == 443);
                if (start < 1 || start >= 1024 || web) {
                    continue;
                }
                context.finding(this, ComposeServices.location(port.node()), service.name() + " publishes host "
                                + PublishedPorts.describe(port) + ", below 1024: it competes with the host's own"
                                + " services and a rootless engine cannot publish it")
                        .recommendation("Publish a port of 1024 or above for " + service.name() + ", unless clients"
                                + " must find it on port " + start + ".")
                        .add();
            }
        }
    }
}
