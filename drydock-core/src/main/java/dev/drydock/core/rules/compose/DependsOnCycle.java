package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "depends-on-cycle",
        title = "Services depend on each other in a cycle",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Each compose project (its files merged as Compose merges them), for a cycle among the"
                + " dependencies Compose orders services by: `depends_on` (short and long form), `links`,"
                + " `volumes_from` and `network_mode`, `ipc` or `pid` set to `service:NAME`. A service that depends"
                + " on itself is a cycle too. Reported once per cycle, at the dependency of the cycle's first service"
                + " in file order; dependencies on services the project does not define are undefined-compose-reference's.",
        problem = "Compose starts a service after the services it depends on, and cannot order services that depend"
                + " on each other in a ring: it refuses the project ('dependency cycle detected').",
        impact = "`docker compose up` fails before it starts anything, for every service of the project.",
        recommendation = "Remove the dependency that closes the ring: usually the one pointing back from a"
                + " backing service (a database, a queue) to the application that uses it. Services that only"
                + " need to reach each other need no depends_on: the project's network gives each the other's name.",
        references = {"https://docs.docker.com/reference/compose-file/services/#depends_on",
                "https://docs.docker.com/compose/how-tos/startup-order/"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        services:
                          api:
                            image: ghcr.io/acme/api:1.4.2
                            depends_on: [worker]
                          worker:
                            image: ghcr.io/acme/worker:1.4.2
                            depends_on: [api]
                        """,
                good = """
                        services:
                          api:
                            image: ghcr.io/acme/api:1.4.2
                            depends_on: [worker]
                          worker:
                            image: ghcr.io/acme/worker:1.4.2
                        """,
                file = "compose.yaml"))
public final class DependsOnCycle implements Rule {

    /** One edge: the dependency's name node, and its key for the message. */
    private record Edge(String target, Node at, String key) {}

    @Override
    public void check(ReviewContext context) {
        Map<ComposeProject, Map<String, ComposeServices.Ref>> projects = new IdentityHashMap<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            projects.computeIfAbsent(ref.compose(), p -> new LinkedHashMap<>()).put(ref.name(), ref);
        }
        for (Map<String, ComposeServices.Ref> services : projects.values()) {
            Map<String, List<Edge>> graph = new LinkedHashMap<>();
            services.forEach((name, ref) -> graph.put(name, edges(ref.service(), services.keySet())));
            Set<Set<String>> reported = new HashSet<>();
            for (String start : graph.keySet()) {
                List<String> cycle = cycleFrom(start, graph);
                if (!cycle.isEmpty() && reported.add(Set.copyOf(cycle))) {
                    report(context, services, graph, cycle);
                }
            }
        }
    }

    private static List<Edge> edges(Service service, Set<String> defined) {
        List<Edge> edges = new ArrayList<>();
        for (Service.Dependency dependency : service.dependsOn()) {
            edges.add(new Edge(dependency.service(), dependency.nameNode(), "depends_on"));
        }
        names(service.node().seq("links"), "links", edges);
        names(service.node().seq("volumes_from"), "volumes_from", edges);
        for (String key : List.of("network_mode", "ipc", "pid")) {
            ScalarNode value = service.node().scalar(key);
            if (value != null && !value.isNull() && value.value().startsWith("service:")) {
                edges.add(new Edge(value.value().substring("service:".length()), value, key));
            }
        }
        edges.removeIf(e -> !defined.contains(e.target()));
        return edges;
    }

    private static void names(SeqNode list, String key, List<Edge> edges) {
        if (list == null) {
            return;
        }
        for (Node item : list.items()) {
            if (item instanceof ScalarNode s && !s.isNull() && !s.value().startsWith("container:")) {
                edges.add(new Edge(s.value().split(":", 2)[0], s, key));
            }
        }
    }

    /** The services of a cycle through {@code start}, in order from it, or empty when none passes through it. */
    private static List<String> cycleFrom(String start, Map<String, List<Edge>> graph) {
        List<String> path = new ArrayList<>();
        return walk(start, start, graph, path, new HashSet<>()) ? path : List.of();
    }

    private static boolean walk(String start, String at, Map<String, List<Edge>> graph, List<String> path,
            Set<String> seen) {
        path.add(at);
        for (Edge edge : graph.getOrDefault(at, List.of())) {
            if (edge.target().equals(start)) {
                return true;
            }
            if (seen.add(edge.target()) && walk(start, edge.target(), graph, path, seen)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    private void report(ReviewContext context, Map<String, ComposeServices.Ref> services,
            Map<String, List<Edge>> graph, List<String> cycle) {
        List<String> steps = new ArrayList<>();
        Edge first = null;
        for (int i = 0; i < cycle.size(); i++) {
            String from = cycle.get(i);
            String to = cycle.get((i + 1) % cycle.size());
            Edge edge = graph.get(from).stream().filter(e -> e.target().equals(to)).findFirst().orElseThrow();
            first = first == null ? edge : first;
            steps.add(from + (i == 0 ? " depends on " : " on ") + to + " (" + edge.key() + ", line "
                    + edge.at().span().startLine() + ")");
        }
        ComposeServices.Ref ref = services.get(cycle.get(0));
        String ring = cycle.size() == 1 ? cycle.get(0) + " depends on itself (" + first.key() + ", line "
                + first.at().span().startLine() + ")" : "in " + ref.file() + ", " + String.join(", ",
                steps.subList(0, steps.size() - 1)) + " and " + steps.get(steps.size() - 1);
        context.finding(this, ComposeServices.location(first.at()), ring + ": Compose cannot order a ring of"
                        + " dependencies and refuses the project ('dependency cycle detected'), so `docker compose up`"
                        + " starts nothing")
                .recommendation("Remove the dependency that closes the ring (" + String.join(" -> ", cycle) + " -> "
                        + cycle.get(0) + "), usually the one from a backing service back to the application that"
                        + " uses it; services reach each other by name on the project's network without depends_on.")
                .add();
    }
}
