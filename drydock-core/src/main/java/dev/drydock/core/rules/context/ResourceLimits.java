package dev.drydock.core.rules.context;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(
        id = "resource-limits",
        title = "A compose service has no memory or CPU limit",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The memory limit of every compose service (deploy.resources.limits.memory or mem_limit), with its"
                + " CPU limit and reservations. A strength where a memory limit is set; a finding where a service"
                + " declared in a file that is not a development file (compose.override.yml, *.dev.yml, *.local.yml,"
                + " *.test.yml, a file that builds a development stage) has none, unless it is a job that another"
                + " service waits to complete (condition: service_completed_successfully) or one `docker compose up`"
                + " never starts (`deploy.replicas: 0`, `scale: 0`), and a low one where it has a memory limit but no CPU limit (deploy cpus or"
                + " cpus). Findings point at deploy.resources.limits, or the part of that path the service has."
                + " Whether the limit is large enough is memory-limit-too-low's question.",
        problem = "Without a memory limit a container may take all of the host's memory; the kernel's OOM killer then"
                + " ends whichever process it picks, possibly another service or the Docker daemon.",
        impact = "One leak or load spike takes down every service on the host instead of restarting one container.",
        recommendation = "Set deploy.resources.limits.memory (and cpus) on every long-running service, sized from"
                + " `docker stats` under realistic load, with reservations for what the service needs to start.",
        references = {
                "https://docs.docker.com/reference/compose-file/deploy/#resources",
                "https://docs.docker.com/engine/containers/resource_constraints/",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-7-limit-resources-memory-cpu-file-descriptors-processes-restarts"},
        aliases = {"Memory Not Limited", "Cpus Not Limited"},
        fix = FixSafety.SUGGESTION,
        effort = "15 min",
        strength = "Resource limits",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          web:
                            image: ghcr.io/example/web:1.4.2
                        """,
                good = """
                        services:
                          web:
                            image: ghcr.io/example/web:1.4.2
                            deploy:
                              resources:
                                limits:
                                  cpus: "1.0"
                                  memory: 512M
                        """))
public final class ResourceLimits implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            Service.Resources limits = service.deploy() == null ? null : service.deploy().limits();
            Service.Resources reservations = service.deploy() == null ? null : service.deploy().reservations();
            Located<Service.ByteSize> memory = service.memoryLimit();
            Located<Double> cpus = service.cpuLimit();
            if (memory != null) {
                Location at = limits != null && limits.memory() != null
                        ? ComposeServices.keyed(service.node(), "deploy")
                        : ComposeServices.keyed(service.node(), "mem_limit");
                List<String> reserved = new ArrayList<>();
                if (reservations != null && reservations.memory() != null) {
                    reserved.add(reservations.memory().value().text());
                }
                if (reservations != null && reservations.cpus() != null) {
                    reserved.add(cpus(reservations.cpus().value()));
                }
                if (service.memReservation() != null && reservations == null) {
                    reserved.add(service.memReservation().value().text());
                }
                context.strength(this, at, service.name() + " is limited to " + memory.value().text() + " of memory"
                        + (cpus != null ? " and " + cpus(cpus.value()) : "")
                        + (reserved.isEmpty() ? "" : ", with " + String.join(" and ", reserved) + " reserved")
                        + ": a leak in it cannot starve the rest of the host");
            } else if (!ref.inDevelopmentFile() && !ComposeServices.scaledToZero(service)
                    && !ComposeServices.awaitedToComplete(ref.compose()).contains(ref.name())) {
                context.finding(this, whereLimitsGo(ref), service.name() + " (" + ref.file() + ") has no memory limit"
                                + (cpus != null ? " (only a CPU limit)" : "")
                                + ": a leak or a load spike in it can use all of the host's memory, and the OOM killer"
                                + " then ends whichever process it picks")
                        .implicit()
                        .recommendation("Add to " + service.name() + " in " + ref.file() + ": `deploy: {resources: {limits:"
                                + " {memory: 512M, cpus: '1.0'}, reservations: {memory: 256M}}}`, with the values"
                                + " measured with `docker stats` under load.")
                        .add();
            }
            if (memory != null && cpus == null && !ref.inDevelopmentFile()) {
                context.finding(this, whereLimitsGo(ref), service.name() + " (" + ref.file() + ") has a memory limit"
                                + " but no CPU limit: a busy loop or a load spike in it can take every core of the host"
                                + " and slow down the other services")
                        .severity(Severity.LOW)
                        .implicit()
                        .recommendation("Add `cpus: '1.0'` under deploy.resources.limits of " + service.name()
                                + " (or `cpus: 1.0` beside mem_limit), sized from `docker stats` under load.")
                        .add();
            }
        }
    }

    /**
     * Where a limit belongs: the deepest of deploy, deploy.resources and deploy.resources.limits that the
     * service has, else its name.
     */
    private static Location whereLimitsGo(ComposeServices.Ref ref) {
        Location at = null;
        MapNode node = ref.service().node();
        for (String key : new String[] {"deploy", "resources", "limits"}) {
            Location here = ComposeServices.keyed(node, key);
            if (here == null) {
                break;
            }
            MapNode.Entry entry = node.entry(key);
            at = entry.key().file() == entry.value().file() ? new Location(here.file(), entry.key().span()) : here;
            if (!(entry.value() instanceof MapNode next)) {
                break;
            }
            node = next;
        }
        return at != null ? at : ref.nameLocation();
    }

    private static String cpus(double value) {
        String text = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return text + (value == 1 ? " CPU" : " CPUs");
    }
}
