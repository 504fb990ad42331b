package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DataStores;
import dev.drydock.core.rules.support.StoreMemory;
import dev.drydock.core.rules.support.ServiceGroup;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(
        id = "pids-limit",
        title = "A compose service has no process limit",
        severity = Severity.LOW,
        category = Category.RELIABILITY,
        checks = "The process limit of every compose service declared outside development files and started by"
                + " `docker compose up` (not `deploy.replicas: 0` or `scale: 0`): `pids_limit`, or"
                + " `deploy.resources.limits.pids`. Fires when neither is set, or when the one in effect is -1 or 0"
                + " (unlimited). Services that take their image from one YAML anchor (`<<: *defaults`) and lack a limit get one"
                + " finding there, naming them all: one `pids_limit` in the anchor covers them. The advice sizes the limit where the program is known:"
                + " PostgreSQL's process per connection (twice max_connections, from `-c max_connections=` or its"
                + " default of 100, plus its own processes), Elasticsearch's and OpenSearch's 4096 threads that their"
                + " bootstrap checks require; otherwise it gives a generous starting ceiling (1024) and says how to measure it.",
        problem = "Processes and threads count against one kernel table per host: without a limit, a fork bomb, a"
                + " leak of threads or a runaway worker pool in one container can exhaust it.",
        impact = "Every other container and the host itself fail to start processes (\"fork: Resource temporarily"
                + " unavailable\"), which takes the whole host down, not only the faulty service.",
        recommendation = "Set `pids_limit` (or deploy.resources.limits.pids) a few times above what `docker stats`"
                + " shows in its PIDS column under load; threads count, so JVMs and thread pools need more.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#pids_limit",
                "https://docs.docker.com/reference/compose-file/deploy/#pids",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-7-limit-resources-memory-cpu-file-descriptors-processes-restarts"},
        aliases = {"Pids Limit Not Set"},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          api:
                            image: ghcr.io/acme/api:2.4.1
                            mem_limit: 512m
                        """,
                good = """
                        services:
                          api:
                            image: ghcr.io/acme/api:2.4.1
                            mem_limit: 512m
                            pids_limit: 200
                        """))
public final class PidsLimit implements Rule {

    @Override
    public void check(ReviewContext context) {
        List<ComposeServices.Ref> missing = new ArrayList<>();
        List<ComposeServices.Ref> unlimited = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            if (ref.inDevelopmentFile() || ComposeServices.scaledToZero(ref.service())) {
                continue;
            }
            Located<Long> limit = limit(ref.service());
            if (limit == null) {
                missing.add(ref);
            } else if (limit.value() != null && limit.value() <= 0) {
                unlimited.add(ref);
            }
        }
        for (ServiceGroup group : ServiceGroup.of(context, missing)) {
            context.finding(this, group.location(), group.subject() + " " + group.has() + " no process limit: a fork"
                            + " bomb or a thread leak in " + group.oneOfThem() + " can use up the host's process table,"
                            + " and then no container on the host can start a process")
                    .implicit()
                    .recommendation(group.shared()
                            ? "Add `pids_limit: " + GENEROUS + "` under " + group.target() + ", " + ADJUST
                                    + " for each of them; a service that needs more sets its own."
                            : recommendation(group.names(), group.first().service()))
                    .add();
        }
        for (List<ComposeServices.Ref> group : ComposeServices.byLocation(unlimited,
                ref -> ComposeServices.keyed(limit(ref.service())))) {
            Located<Long> limit = limit(group.get(0).service());
            context.finding(this, ComposeServices.keyed(limit), "the process limit of " + ComposeServices.names(
                            group.stream().map(ComposeServices.Ref::name).toList()) + " is " + limit.value()
                            + ", which means unlimited: a fork bomb or a thread leak in " + (group.size() > 1
                            ? "one of them" : "it") + " can use up the host's process table")
                    .recommendation("Set a positive limit: `pids_limit: " + GENEROUS + "`, " + ADJUST + ".")
                    .add();
        }
    }

    /** A starting limit above the processes and threads of a web service (a JVM's full pools included). */
    private static final int GENEROUS = 1024;

    private static final String ADJUST = "a ceiling above what a web service's processes and threads reach (a JVM"
            + " with its thread pools full runs a few hundred) that still stops a fork bomb; lower it to a few times"
            + " the highest count the PIDS column of `docker stats` shows under load";

    /**
     * The advice for one service: sized from what its program is known to start (PostgreSQL's process per
     * connection, Elasticsearch's and OpenSearch's thread pools), else how to measure it.
     */
    private static String recommendation(String name, Service service) {
        String store = DataStores.ofImage(service).orElse("");
        if (store.equals("PostgreSQL")) {
            long connections = connections(service);
            return "Add `pids_limit: " + (2 * (connections + 20) + 99) / 100 * 100 + "` to " + name + ": PostgreSQL"
                    + " forks a process for each connection (max_connections is " + connections + ") beside about"
                    + " ten of its own, and this leaves room for twice that.";
        }
        if (store.equals("Elasticsearch") || store.equals("OpenSearch")) {
            return "Add `pids_limit: 4096` (or more) to " + name + ": " + store + "'s bootstrap checks require that"
                    + " it may create at least 4096 threads, and its thread pools grow with the cores it sees.";
        }
        return "Add `pids_limit: " + GENEROUS + "` to " + name + ", " + ADJUST + ".";
    }

    /** PostgreSQL's max_connections: a `-c max_connections=` of its command, else its default, 100. */
    private static long connections(Service service) {
        return StoreMemory.commandSetting(service, "max_connections").filter(v -> v.matches("\\d{1,6}"))
                .map(Long::parseLong).orElse(100L);
    }

    /** The limit in effect: deploy.resources.limits.pids, else pids_limit; null when neither is set. */
    private static Located<Long> limit(Service service) {
        return service.deploy() != null && service.deploy().limits() != null
                && service.deploy().limits().pids() != null ? service.deploy().limits().pids() : service.pidsLimit();
    }
}
