package dev.drydock.core.rules.compose;

import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubePort;
import dev.drydock.core.kubernetes.KubeService;
import dev.drydock.core.kubernetes.KubeServicePort;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.KubernetesListening;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleDefinition(
        id = "service-port-not-served",
        title = "Kubernetes Service targets a port the server does not listen on",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Each TCP port of a Kubernetes Service of the project's manifests that proxies to pods (a selector, a"
                + " cluster IP: not headless, whose targetPort Kubernetes ignores, not ExternalName), against the pods of"
                + " the project's workloads it selects (every selector label on the pod template, same namespace). The"
                + " targetPort (port when absent; a name resolves to the containerPort of that name and protocol in"
                + " the pod's containers) is compared with the ports the pod's servers listen on, as"
                + " published-port-not-served works them out for the image a Dockerfile of the project builds (the"
                + " command's --bind or --port, gunicorn's configuration file and GUNICORN_CMD_ARGS, the application's"
                + " code and configuration, ASP.NET Core's 8080 from"
                + " .NET 8 on, nginx's and nginx-unprivileged's stock server ...), or the port the container's env moves"
                + " the server to; for a container that pulls a well-known server image (nginx 80, nginx-unprivileged"
                + " and bitnami/nginx 8080, httpd 80, redis 6379, postgres 5432, mysql 3306 and 33060, mariadb 3306,"
                + " mongo 27017, memcached 11211, Grafana 3000, Prometheus 9090, rabbitmq's ports, Elasticsearch 9200"
                + " and 9300, MinIO 9000 and its console's --console-address), the port its image listens on, or the one"
                + " its command, args or env move it to (--port, -p, PGPORT, MYSQL_TCP_PORT, GF_SERVER_HTTP_PORT,"
                + " --web.listen-address ...), with the image kustomize's images: transformers deploy. Fires when no"
                + " container of the pod listens on it, and when a named targetPort"
                + " is no port of any container of the selected pods (the endpoints controller then leaves every pod"
                + " out of the Service for that port). Quiet when drydock cannot tell where a container of the pod"
                + " listens (args, envFrom or a port variable of its own, a command other than the image's, an image"
                + " neither a Dockerfile of the project builds nor known here, a volume mounted over the server's"
                + " configuration such as nginx's conf.d, postgresql.conf or my.cnf, a configuration file on its"
                + " command line, a kustomize overlay that patches the container's command, args, env, envFrom, image"
                + " or volumeMounts), for UDP and SCTP ports, for a Service that selects no"
                + " workload of the project, and for a Service without a selector. Services and workloads are read as"
                + " their manifests write them: a kustomize overlay that patches a Service's ports is not applied.",
        problem = "A Service forwards each connection to the targetPort of one of the pods it selects; when no"
                + " container of the pod listens on that port, nothing answers there.",
        impact = "Every request through the Service (from other pods, an Ingress, a LoadBalancer) is refused or times"
                + " out, although the pods run, pass a probe of the right port and are listed as endpoints.",
        recommendation = "Set the Service's targetPort (and the container's containerPort) to the port the server"
                + " listens on, or make the server listen on the targetPort.",
        references = {
                "https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service",
                "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec",
                "https://learn.microsoft.com/en-us/dotnet/core/compatibility/containers/8.0/aspnet-port"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(file = "k8s/web.yaml",
                bad = """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                        spec:
                          selector:
                            matchLabels:
                              app: web
                          template:
                            metadata:
                              labels:
                                app: web
                            spec:
                              containers:
                                - name: web
                                  image: ghcr.io/acme/web:1.0.0
                                  ports:
                                    - containerPort: 5000
                        ---
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: web
                        spec:
                          selector:
                            app: web
                          ports:
                            - port: 80
                              targetPort: 5000
                        """,
                good = """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                        spec:
                          selector:
                            matchLabels:
                              app: web
                          template:
                            metadata:
                              labels:
                                app: web
                            spec:
                              containers:
                                - name: web
                                  image: ghcr.io/acme/web:1.0.0
                                  ports:
                                    - containerPort: 8000
                        ---
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: web
                        spec:
                          selector:
                            app: web
                          ports:
                            - port: 80
                              targetPort: 8000
                        """,
                alongside = {
                        @ExampleFile(name = "web/Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir flask==3.1.0 gunicorn==23.0.0
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """),
                        @ExampleFile(name = "web/app.py", content = """
                        from flask import Flask

                        app = Flask(__name__)
                        """)}))
public final class ServicePortNotServed implements Rule {

    @Override
    public void check(ReviewContext context) {
        if (context.project().kubernetesServices().isEmpty()) {
            return;
        }
        List<KubernetesListening> listening = KubernetesListening.all(context);
        for (KubeService service : context.project().kubernetesServices()) {
            if (!service.proxiesToPods()) {
                continue;
            }
            List<KubeWorkload> selected = context.project().kubernetesWorkloads().stream()
                    .filter(w -> !w.runsToCompletion() && service.selects(w)).toList();
            for (KubeServicePort port : service.ports()) {
                if (!selected.isEmpty() && port.protocol().equals("TCP")) {
                    check(context, service, port, selected, listening);
                }
            }
        }
    }

    private void check(ReviewContext context, KubeService service, KubeServicePort port, List<KubeWorkload> selected,
            List<KubernetesListening> listening) {
        Location at = line(context, service, port.reportLine());
        if (at == null) {
            return;
        }
        if (port.namedTarget() && selected.stream().allMatch(w -> named(w, port).isEmpty())) {
            unknownName(context, at, service, port, selected, listening);
            return;
        }
        for (KubeWorkload workload : selected) {
            Optional<KubeContainer> owner = port.namedTarget() ? named(workload, port) : Optional.empty();
            Integer target = owner.map(c -> number(c, port.targetPort())).orElse(port.targetNumber());
            if (target != null) {
                unserved(context, at, service, port, workload, owner.orElse(null), target, listening);
            }
        }
    }

    /**
     * A numeric target that no container of the pod listens on, when drydock knows where every one of them listens;
     * {@code owner} is the container whose port the targetPort names, or null.
     */
    private void unserved(ReviewContext context, Location at, KubeService service, KubeServicePort port,
            KubeWorkload workload, KubeContainer owner, int target, List<KubernetesListening> listening) {
        List<KubernetesListening> servers = new ArrayList<>();
        for (KubeContainer c : workload.containers()) {
            if (c.init()) {
                continue;
            }
            Optional<KubernetesListening> known = KubernetesListening.find(listening, workload, c);
            if (known.isEmpty() || known.get().ports().contains(target)) {
                return; // a container drydock cannot tell about, or one that serves the target
            }
            servers.add(known.get());
        }
        if (servers.isEmpty()) {
            return;
        }
        KubernetesListening server = servers.stream().filter(s -> s.run().container().equals(owner)).findFirst()
                .or(() -> servers.stream().filter(s -> s.run().container().portNumbers().contains(target)).findFirst())
                .orElse(servers.get(0));
        KubeContainer container = server.run().container();
        int listens = server.ports().get(0);
        String targetText = port.targetPort() == null ? "port " + port.port() + " (no targetPort)"
                : port.namedTarget() ? "targetPort " + port.targetPort() + " (containerPort " + target + " of container "
                        + container.name() + ")" : "targetPort " + target;
        context.finding(this, at, service.describe() + " sends its port " + port.port() + " to " + targetText
                        + " of the pods of " + workload.kind() + (workload.name() == null ? "" : " " + workload.name())
                        + " (" + workload.file() + "), but " + server.server() + " in container " + container.name() + " ("
                        + server.imageDescription() + ") listens on " + join(server.ports()) + server.because()
                        + (servers.size() > 1 ? ", and no other container of the pod listens on " + target : "")
                        + ": connections through the Service find nothing listening")
                .recommendation(recommendation(port, container, target, listens, server))
                .add();
    }

    private static String recommendation(KubeServicePort port, KubeContainer container, int target, int listens,
            KubernetesListening server) {
        String declared = container.ports().stream().filter(p -> p.number() == target && p.protocol().equals("TCP"))
                .findFirst().map(p -> "; change `containerPort: " + target + "` of container " + container.name()
                        + " to `containerPort: " + listens + "`" + (p.name() == null ? "" : " (port " + p.name() + ")"))
                .orElse(container.portNumbers().contains(listens) ? ""
                        : "; declare `containerPort: " + listens + "` in container " + container.name() + "'s ports");
        String other = server.listener().setting(target) != null ? ", or set `" + server.listener().setting(target)
                + "` in container " + container.name() + "'s env"
                : server.listener().option(target) != null ? ", or make " + server.server() + " listen on " + target
                        + " with `" + server.listener().option(target) + "` in container " + container.name() + "'s args"
                : ", or make " + server.server() + " listen on " + target;
        if (port.namedTarget()) {
            return "Set the containerPort of port " + port.targetPort() + " in container " + container.name()
                    + " to " + listens + ", where " + server.server() + " listens (`containerPort: " + listens + "`)"
                    + other + ".";
        }
        return "Set `targetPort: " + listens + "` on the Service's port " + port.port() + declared + other + ".";
    }

    /** A named targetPort that no container of the selected pods has: the pods are no endpoint of that port. */
    private void unknownName(ReviewContext context, Location at, KubeService service, KubeServicePort port,
            List<KubeWorkload> selected, List<KubernetesListening> listening) {
        List<String> names = new ArrayList<>();
        for (KubeWorkload w : selected) {
            for (KubeContainer c : w.containers()) {
                c.ports().stream().filter(p -> p.name() != null && !c.init())
                        .map(p -> p.name() + " (" + p.number() + (p.protocol().equals("TCP") ? "" : "/" + p.protocol())
                                + ")")
                        .filter(n -> !names.contains(n)).forEach(names::add);
            }
        }
        KubeWorkload first = selected.get(0);
        Optional<KubernetesListening> known = first.containers().stream().filter(c -> !c.init())
                .map(c -> KubernetesListening.find(listening, first, c)).flatMap(Optional::stream).findFirst();
        context.finding(this, at, service.describe() + " sends its port " + port.port() + " to targetPort "
                        + port.targetPort() + ", but no container of the pods it selects (" + describe(selected)
                        + ") has a " + port.protocol() + " port named " + port.targetPort() + " ("
                        + (names.isEmpty() ? "they name none" : "they name " + String.join(", ", names)) + "): the"
                        + " endpoints controller leaves every pod out of the Service for this port, so its traffic has"
                        + " no endpoint")
                .recommendation(known.map(k -> "Name the port " + k.server() + " listens on in container "
                                + k.run().container().name() + ": `- name: " + port.targetPort() + "` with `containerPort: "
                                + k.ports().get(0) + "`, or set `targetPort: " + k.ports().get(0) + "`" + k.because()
                                + ".")
                        .orElse("Name the container's port `" + port.targetPort() + "` in its ports (beside its"
                                + " containerPort), or set targetPort to the port's number or to a name it has."))
                .add();
    }

    /** The container of the workload's pod with a port of the targetPort's name and the Service port's protocol. */
    private static Optional<KubeContainer> named(KubeWorkload workload, KubeServicePort port) {
        return workload.containers().stream().filter(c -> !c.init() && c.ports().stream()
                .anyMatch(p -> port.targetPort().equals(p.name()) && p.protocol().equals(port.protocol()))).findFirst();
    }

    private static Integer number(KubeContainer container, String name) {
        return container.ports().stream().filter(p -> name.equals(p.name())).map(KubePort::number).findFirst()
                .orElse(null);
    }

    private static String describe(List<KubeWorkload> workloads) {
        return String.join(", ", workloads.stream().map(w -> w.kind() + (w.name() == null ? "" : " " + w.name())
                + " in " + w.file()).toList());
    }

    private static String join(List<Integer> ports) {
        return String.join(", ", ports.stream().map(String::valueOf).toList());
    }

    private static Location line(ReviewContext context, KubeService service, int line) {
        var file = context.project().source(service.file()).orElse(null);
        if (file == null || line < 1 || line > file.lineCount()) {
            return null;
        }
        return new Location(service.file(), file.lines(line, line));
    }
}
