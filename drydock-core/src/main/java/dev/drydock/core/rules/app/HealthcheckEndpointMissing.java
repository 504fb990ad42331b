package dev.drydock.core.rules.app;

import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.CodePorts;
import dev.drydock.core.rules.support.CurlProbes;
import dev.drydock.core.rules.support.KubernetesListening;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.FlyDeploy;
import dev.drydock.core.rules.support.GrpcHealthProbe;
import dev.drydock.core.manifest.FlyToml;
import dev.drydock.core.rules.support.KustomizeOverlays;
import dev.drydock.core.rules.support.ListeningPorts;
import dev.drydock.core.rules.support.ManagementPort;
import dev.drydock.core.rules.support.PhpServerPorts;
import dev.drydock.core.rules.support.ServerImages;
import dev.drydock.core.rules.support.ServerTls;
import dev.drydock.core.rules.support.NginxProxiedPaths;
import dev.drydock.core.rules.support.TaskWorkers;
import dev.drydock.core.rules.support.TaskWorkers.TaskWorker;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.Framework;
import dev.drydock.core.app.Route;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.RoadRunnerConfig;
import java.util.List;
import java.util.Optional;

@RuleDefinition(
        id = "healthcheck-endpoint-missing",
        title = "Healthcheck requests a path or port the application does not serve",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The local URL the healthcheck requests (curl, wget, urllib, node http...) against the routes read"
                + " from the application's sources: Flask and Quart routes and blueprints, FastAPI and Starlette"
                + " routes and routers, Django URL patterns with their includes, Express and Fastify routes,"
                + " routers and plugins, NestJS controllers (with the global prefix and URI versioning), Koa's"
                + " @koa/router and Hono routes, Spring Boot's actuator paths and its @RestController and @Controller"
                + " mappings (the class's @RequestMapping, @GetMapping and the others on its methods, paths in string"
                + " constants, under server.servlet.context-path and spring.mvc.servlet.path or spring.webflux.base-path,"
                + " with the files of its static folders; functional routers, servlets, filters that name paths,"
                + " mappings a controller inherits from outside its sources, a profile's or config server's settings"
                + " and libraries that serve paths of their own leave paths undetermined), Ktor routing blocks (with route() nesting),"
                + " Micronaut controllers (@Controller with @Get and the other method annotations) and management's"
                + " /health, Quarkus' Jakarta REST resources (@Path on the class and its methods, under"
                + " quarkus.http.root-path and @ApplicationPath or quarkus.rest.path) and SmallRye Health's /q/health,"
                + " /q/health/live and /q/health/ready, Go routes (net/http's HandleFunc and Handle with Go 1.22"
                + " patterns, Gin, Echo, chi, Fiber and gorilla/mux routes and groups), and Rust routes (axum's and"
                + " actix-web's route, actix-web's resource, the #[get(...)] attributes of actix-web and Rocket), and Phoenix router routes (verbs, live and resources"
                + " inside their scopes; forward, dev-only routes and endpoint plugs Phoenix does not generate leave paths"
                + " undetermined), Next.js file routes (app/ page and route files without route groups and"
                + " private folders, pages/ and pages/api, under src/ too, below next.config's basePath; middleware,"
                + " rewrites, redirects and i18n leave paths undetermined), and the flat route files of Remix 2 and React"
                + " Router 7 (app/routes/api.health.ts at /api/health, _index, pathless _layout segments; a splat, or"
                + " routes defined in app/routes.ts other than flatRoutes(), leave paths undetermined);"
                + " and its port against the ports the command sets"
                + " (--bind, --port, streamlit's --server.port ...) or the server's own settings give (gunicorn's"
                + " configuration file and GUNICORN_CMD_ARGS, UVICORN_PORT, hypercorn's TOML bind, as"
                + " published-port-not-served reads them), else those the application's code or"
                + " configuration listens on (app.listen, app.run, Spring Boot's server.port and"
                + " management.server.port (the actuator's health endpoint probed on server.port while"
                + " management.server.port gives the actuator another port: Spring Boot serves it only there),"
                + " Quarkus's quarkus.http.port (JVM or native runner), Micronaut's"
                + " micronaut.server.port and endpoints.all.port (/health probed on the server's port while"
                + " endpoints.all.port gives the management endpoints another: Micronaut serves them only there;"
                + " Kubernetes httpGet probes are checked the same way for both frameworks), Ktor's embeddedServer port or ktor.deployment.port, ASP.NET Core's ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS, which the .NET"
                + " images set to 8080 from .NET 8 on, or the literal URLs of UseUrls, Urls.Add or Run in its startup code), unless the command also starts another server"
                + " such as nginx, or the probed port is RoadRunner's status plugin (status.address in .rr.yaml), which"
                + " answers /health?plugin=http on a port of its own. And its scheme against what the server speaks on the port, where that is certain:"
                + " https:// (or an httpGet probe's scheme: HTTPS) to a port nginx listens on without ssl, or that"
                + " gunicorn without --certfile or --keyfile, uvicorn without --ssl-keyfile or --ssl-certfile, hypercorn"
                + " or granian without their certificate and key, or waitress serve, Flask's development server"
                + " started by app.run (or Dash's, or Werkzeug's run_simple) without ssl_context, Quart's app.run without"
                + " certfile and keyfile, Spring Boot's embedded server"
                + " without server.ssl settings (or with server.ssl.enabled=false), Quarkus' quarkus.http.port, or"
                + " Kestrel's http:// URLs and ASPNETCORE_HTTP_PORTS (the TLS handshake fails, and curl -k"
                + " or wget --no-check-certificate do not change that), and http:// to a port that takes only TLS (nginx's"
                + " listen ... ssl and Spring Boot's Tomcat answer 400, the Python servers (among them Werkzeug given an"
                + " ssl_context: a (cert, key) tuple, 'adhoc' or an SSLContext), Quarkus' quarkus.http.ssl-port"
                + " with a certificate configured and Kestrel's https:// URLs and ASPNETCORE_HTTPS_PORTS drop the"
                + " connection); quiet for other servers and"
                + " where a configuration file (gunicorn -c or gunicorn.conf.py, hypercorn --config, a Spring profile that"
                + " may be active) or the manifest's"
                + " variables may turn TLS on. Any HTTP probe of a queue worker or scheduler that serves no HTTP (a Celery worker"
                + " or beat, an RQ or arq worker, a Sidekiq process unless the Gemfile has sidekiq_alive, which serves a"
                + " liveness page from inside it) fires, with the worker's own check as the recommendation (celery"
                + " inspect ping, arq --check), except the image's HEALTHCHECK inherited by a compose service whose"
                + " command or entrypoint runs the worker (the probe is right for the image's own server;"
                + " compose-healthcheck reports that service); Celery's flower is checked on its port (--port, else 5555) only, not"
                + " against the application's routes. A probe of nginx (a compose service built on it or running"
                + " the nginx image, with the configuration it copies or bind-mounts under /etc/nginx) is followed"
                + " through the location that takes the path (an exact location, else the longest prefix) when that"
                + " location only passes it on with proxy_pass to another service of the project, and checked against"
                + " that service's routes, with the part the location matched replaced by the URI of proxy_pass when it"
                + " has one; quiet when nginx answers the path itself (return, stub_status, try_files ...), a"
                + " regular-expression location could take it, proxy_pass holds a variable or names an upstream block,"
                + " or the configuration has more than one server block."
                + " Also the httpGet paths of the liveness, readiness and startup probes of the project's Kubernetes"
                + " manifests, for a container that runs an image the project builds with its own command (the"
                + " finding is on the probe in the manifest): a liveness probe that gets 404 makes the kubelet restart"
                + " the container over and over, a readiness probe keeps the pod out of its Service. The port of their"
                + " httpGet and tcpSocket probes, a number or the name of one of the container's ports, against the"
                + " ports the image's server listens on (as above), unless the manifest may move it (args, envFrom,"
                + " an env variable named like a port or address setting); when the only such variable is the one the"
                + " server reads its port from (PORT for quarkus.http.port=${PORT:8080} or server.port=${PORT:8080})"
                + " and the manifest gives it a number, the server listens there; likewise ASPNETCORE_URLS with one"
                + " http:// URL and a literal port, which replaces the ASPNETCORE_HTTP_PORTS of the .NET image (for"
                + " ASPNETCORE_URLS=http://+:5080 Kestrel listens on 5080, not 8080). The same port check for a"
                + " container that pulls a well-known server image (nginx, httpd, redis, postgres, mysql, mariadb,"
                + " mongo, memcached, Grafana, Prometheus, rabbitmq, Elasticsearch, MinIO), against the ports the image"
                + " listens on or those its command, args and env move it to, as service-port-not-served works them out"
                + " (quiet where a volume is mounted over its configuration). Neither check is made for a container"
                + " whose command, args, env, envFrom, image or volumeMounts a kustomize overlay patches. Init"
                + " containers are not serving"
                + " containers and are left out. And, for any container of the manifests, a probe port that names no"
                + " port of the container: the kubelet cannot resolve it and the probe errors every time (high, medium"
                + " for a liveness probe, which then never restarts the container). A probe of a kustomize base"
                + " that every overlay built on it replaces or removes with a patch (strategic-merge or JSON 6902, a"
                + " file or inline, selected by its own name or by a target) is never deployed and is left alone, as is"
                + " one a patch whose target drydock cannot evaluate (labels, annotations) may change."
                + " For a pulled server image whose health routes drydock knows in full (Prometheus's and Alertmanager's"
                + " /-/healthy and /-/ready on 9090 and 9093, MinIO's routes below /minio/health on 9000), a compose"
                + " healthcheck or an httpGet probe of a manifest that runs the image with its own command and requests"
                + " another health-like path (/health, /healthz, /ready, /status ...) on the server's port, naming the"
                + " real route; quiet on another port, for any other image, and when the command moves the routes"
                + " (--web.route-prefix, --web.external-url)."
                + " For a web archive a Java application server deploys (Tomcat, Jetty, WildFly, Payara Server and"
                + " Micro, Open Liberty and WebSphere Liberty, started by the image's command or its launcher), the"
                + " archive's own routes are not read, only its context root: the archive's name (ROOT.war at /),"
                + " else WildFly's jboss-web.xml or Payara's glassfish-web.xml <context-root>, Liberty's server.xml"
                + " contextRoot or Payara Micro's --contextroot; a probe outside every context root, and outside what"
                + " the server serves itself (its welcome page at /, MicroProfile Health and Metrics, management), fires."
                + " Also the paths of the HTTP service checks of a fly.toml in the build context that deploys the"
                + " image ([[http_service.checks]], [[services.http_checks]]; the finding is on the check): Fly Proxy"
                + " sends no requests to a Machine whose check fails."
                + " An HTTP probe of the port of a gRPC-only server (grpc-go, grpcio, @grpc/grpc-js, grpc-java or"
                + " tonic among its dependencies and no web framework or route; Grpc.AspNetCore with no route but /)"
                + " fires too: the server closes the connection of a request that is not gRPC's."
                + " Quiet when the routes cannot all be read (a third-party"
                + " blueprint, a mounted sub-application or nested router, a path built at run time or held in a"
                + " variable, a net/http subtree pattern such as \"/\", a health-check library) or no application was found."
                + " Critical when another compose service waits for it with condition: service_healthy, which then"
                + " never starts; medium when the probe's curl has no --fail, which makes the 404 pass instead.",
        problem = "A probe of a path no route answers gets 404, and one of a port nothing listens on is refused: curl -f,"
                + " wget and urllib all exit non-zero.",
        impact = "The container is reported unhealthy from the start although the application works; dependants"
                + " waiting on service_healthy never start and orchestrators keep restarting it.",
        recommendation = "Probe a path the application serves on the port it listens on, or add the health route the"
                + " probe expects.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#healthcheck",
                "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
                "https://flask.palletsprojects.com/en/stable/api/#flask.Flask.route",
                "https://docs.spring.io/spring-boot/reference/actuator/endpoints.html",
                "https://pkg.go.dev/net/http#ServeMux",
                "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass",
                "https://nginx.org/en/docs/http/ngx_http_core_module.html#location"},
        aliases = {},
        fix = FixSafety.SUGGESTION,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/healthz', timeout=3)"]
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=3)"]
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """,
                alongside = @ExampleFile(name = "app.py", content = """
                        from flask import Flask

                        app = Flask(__name__)


                        @app.get("/health")
                        def health():
                            return "ok"
                        """)))
public final class HealthcheckEndpointMissing implements Rule {

    @Override
    public void check(ReviewContext context) {
        kubernetesProbes(context);
        KubernetesListening.all(context).stream().filter(l -> l.pulled() != null)
                .forEach(pulled -> kubernetesProbePorts(context, pulled, null));
        flyChecks(context);
        kubernetesProbeNamedPorts(context);
        kubernetesServerImageProbes(context);
        for (Container c : context.project().containers()) {
            EffectiveHealthcheck hc = c.healthcheck();
            Probes.Url url = Probes.localUrl(hc);
            if (url != null) {
                probesUnservedBehindProxy(context, c, hc, url);
                probesUnservedServerRoute(context, c, hc, url);
            }
        }
        for (Container c : context.builtContainers()) {
            EffectiveHealthcheck hc = c.healthcheck();
            Probes.Url url = Probes.localUrl(hc);
            if (url == null || PhpServerPorts.probesCaddyAdmin(context, c, url)) {
                continue;
            }
            List<String> waiting = c.service() == null ? List.of()
                    : ComposeServices.awaitingHealthy(context.project(), c.service());
            if (probesWorker(context, c, hc, url, waiting) || probesGrpcServer(context, c, hc, url, waiting)
                    || wrongPort(context, c, hc, url, waiting) || actuatorOnItsOwnPort(context, c, hc, url, waiting)
                    || wrongScheme(context, c, hc, url, waiting)
                    || TaskWorkers.flower(c.entryPoint())) {
                continue; // flower serves its own pages, not the application's routes
            }
            AppSource app = Apps.of(context, c);
            if (!app.routes().determines(url.path()) || app.routes().match(url.path()).isPresent()) {
                continue;
            }
            boolean passes = CurlProbes.passesOnHttpErrors(c, hc);
            if (app.routes().deployingServer() != null) {
                outsideContextRoots(context, c, hc, url, app, passes, waiting);
                continue;
            }
            String served = app.routes().all().isEmpty() ? "it declares none" : "it serves " + served(app);
            context.finding(this, Probes.locateText(c, hc, url.text()),
                    "the healthcheck requests " + url.path() + ", which no route of the " + application(app)
                            + " serves (" + served + "): every probe gets 404" + (passes ? ", which its curl, without --fail, counts"
                                    + " as success: the container is reported healthy whatever state it is in"
                                    + " (healthcheck-ignores-http-errors)" : " and fails" + ComposeServices.neverStart(waiting)))
                    .severity(passes ? Severity.MEDIUM : waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                    .recommendation(recommendation(context, c, app, url))
                    .breaks()
                    .add();
        }
    }

    /**
     * The httpGet probes of the Kubernetes workloads that run an image with its own command, against the routes of
     * the application in it: a liveness probe of a path no route serves restarts the container over and over, a
     * readiness probe keeps it out of its Service for good.
     */
    private void kubernetesProbes(ReviewContext context) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Container c : context.builtContainers()) {
            if (c.isComposeService() || AppFacts.runsOtherCommand(c) || !seen.add(c.build().dockerfile())) {
                continue;
            }
            AppSource app = Apps.of(context, c);
            for (KubernetesRuns run : KubernetesRuns.of(context, c)) {
                if (run.runsToCompletion() || !run.runsImageProgram(c.command() == null ? List.of() : c.command().argv())) {
                    continue;
                }
                kubernetesProbePorts(context, c, run);
                run.httpProbes().forEach((kind, probe) -> {
                    if (!app.routes().determines(probe.path()) || app.routes().match(probe.path()).isPresent()
                            || KustomizeOverlays.replaced(context, run, kind)) {
                        return;
                    }
                    var file = context.project().source(run.workload().file()).orElse(null);
                    if (file == null || probe.line() < 1 || probe.line() > file.lineCount()) {
                        return;
                    }
                    String framework = app.frameworks().stream().findFirst().map(f -> f.display() + " application")
                            .orElse("application");
                    context.finding(this, new dev.drydock.core.review.Location(run.workload().file(),
                                    file.lines(probe.line(), probe.line())),
                            "the " + kind + "Probe of " + run.describe() + " requests " + probe.path() + ", which no"
                                    + " route of the " + framework + " in " + c.build().dockerfile() + "'s image serves ("
                                    + served(app) + "): every probe gets 404, so " + (kind.equals("readiness")
                                            ? "the pod never becomes ready and its Service sends it no traffic"
                                            : kind.equals("liveness") ? "the kubelet restarts the container over and over"
                                            : "the container is killed before it ever starts serving"))
                            .recommendation(app.routes().healthRoute().map(r -> "Point the probe at " + r.display()
                                    + ", which " + r.file() + " line " + r.line() + " serves.")
                                    .orElse("Add a route for " + probe.path() + " to the application (answering 200"
                                            + " when it can serve requests), or point the probe at a path it serves."))
                            .add();
                });
            }
        }
    }

    /**
     * The HTTP checks of the fly.toml that deploys an image with its own command, against the routes of the
     * application in it: Fly Proxy routes no request to a Machine whose service check fails.
     */
    private void flyChecks(ReviewContext context) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Container c : context.builtContainers()) {
            if (c.isComposeService() || AppFacts.runsOtherCommand(c)) {
                continue;
            }
            FlyDeploy deploy = FlyDeploy.of(context, c).orElse(null);
            if (deploy == null || !seen.add(deploy.file())) {
                continue;
            }
            AppSource app = Apps.of(context, c);
            deploy.fly().services().stream().flatMap(s -> s.checks().stream()).filter(FlyToml.Check::http)
                    .filter(check -> check.path() != null && app.routes().determines(check.path())
                            && app.routes().match(check.path()).isEmpty())
                    .forEach(check -> context.finding(this, deploy.location(check.span()), deploy.file()
                                    + "'s HTTP check requests " + check.path() + ", which no route of the "
                                    + app.frameworks().stream().findFirst().map(f -> f.display() + " application")
                                            .orElse("application") + " in " + c.build().dockerfile()
                                    + "'s image serves (" + served(app) + "): every check gets 404, so Fly Proxy"
                                    + " routes no request to the Machine and deploys wait for it to pass")
                            .recommendation(app.routes().healthRoute().map(r -> "Point the check's path at "
                                    + r.display() + ", which " + r.file() + " line " + r.line() + " serves.")
                                    .orElse("Add a route for " + check.path() + " to the application (answering 200"
                                            + " when it can serve requests), or point the check at a path it serves."))
                            .add());
        }
    }

    /**
     * The httpGet and tcpSocket probes of a Kubernetes container that runs the image's own command, against the ports
     * its server listens on: a probe of another port finds nothing listening. Quiet where the manifest may move the
     * server (args, envFrom, a variable named like a port setting) and for a port name no port of the container
     * has ({@link #kubernetesProbeNamedPorts}).
     */
    private void kubernetesProbePorts(ReviewContext context, Container c, KubernetesRuns run) {
        KubernetesListening.of(context, c, run).ifPresent(served -> kubernetesProbePorts(context, served, c));
    }

    /**
     * The port probes of a container whose server's ports drydock knows; {@code c} is the project's container whose
     * image it runs, or null for a pulled image (whose management port and scheme are not checked).
     */
    private void kubernetesProbePorts(ReviewContext context, KubernetesListening served, Container c) {
        KubernetesRuns run = served.run();
        ListeningPorts listener = served.listener();
        List<Integer> listening = served.ports();
        String because = served.because();
        run.portProbes().forEach((kind, probe) -> {
            if (KustomizeOverlays.replaced(context, run, kind)) {
                return; // every overlay sets this probe anew: the base's is never deployed
            }
            Integer port = run.container().resolve(probe.port());
            var located = kubernetesLine(context, run, probe.portLine() > 0 ? probe.portLine() : probe.line());
            if (port != null && listening.contains(port) && located != null) {
                if (c != null && !kubernetesProbeManagementPort(context, c, run, kind, probe, port, located)) {
                    kubernetesProbeScheme(context, c, run, kind, probe, port, located);
                }
                return;
            }
            if (port == null || located == null) {
                return;
            }
            String named = port.toString().equals(probe.port()) ? "port " + port
                    : "port " + probe.port() + " (" + port + ")";
            context.finding(this, located, "the " + kind + "Probe of " + run.describe() + " " + (probe.kind()
                            .equals("httpGet") ? "requests " + (probe.path() == null ? "/" : probe.path()) + " on "
                            : "connects to ") + named + ", but " + listener.server() + " in " + served.imageOrigin()
                            + " listens on " + join(listening) + because + ": nothing answers"
                            + " the probe, so " + failure(kind))
                    .recommendation("Probe port " + listening.get(0) + (run.container().ports().stream()
                            .anyMatch(p -> p.number() == listening.get(0) && p.name() != null)
                                    ? " (or its name in the container's ports)" : "")
                            + ", where the server listens, and declare it as the containerPort; or make the server"
                            + " listen on " + port + ".")
                    .add();
        });
    }

    /**
     * An httpGet probe of the health endpoint on the application's port while the framework serves it only on its
     * management port (management.server.port, Micronaut's endpoints.all.port).
     */
    private boolean kubernetesProbeManagementPort(ReviewContext context, Container c, KubernetesRuns run, String kind,
            dev.drydock.core.kubernetes.KubeProbe probe, int port, dev.drydock.core.review.Location located) {
        if (!probe.kind().equals("httpGet") || probe.path() == null) {
            return false;
        }
        ManagementPort moved = ManagementPort.probed(context, c, probe.path(), port);
        if (moved == null) {
            return false;
        }
        context.finding(this, located, "the " + kind + "Probe of " + run.describe() + " requests " + probe.path()
                        + " on port " + port + ", " + moved.explained(port) + ": " + failure(kind))
                .recommendation("Probe the " + moved.portName() + ", " + moved.port() + (run.container().ports()
                        .stream().anyMatch(p -> p.number() == moved.port()) ? "."
                                : ", and declare it as a containerPort of " + run.container().name() + "."))
                .add();
        return true;
    }

    /**
     * An httpGet probe whose scheme the server does not speak on the port: HTTPS to a server known to serve plain HTTP
     * there, or HTTP (the default) to a port that takes only TLS.
     */
    private void kubernetesProbeScheme(ReviewContext context, Container c, KubernetesRuns run, String kind,
            dev.drydock.core.kubernetes.KubeProbe probe, int port, dev.drydock.core.review.Location located) {
        if (!probe.kind().equals("httpGet") || ServerTls.settableBy(run.container().environment())) {
            return;
        }
        ServerTls server = ServerTls.on(context, c, port).filter(s -> s.tls() != probe.https()).orElse(null);
        if (server == null) {
            return;
        }
        context.finding(this, located, "the " + kind + "Probe of " + run.describe() + " requests "
                        + (probe.path() == null ? "/" : probe.path()) + " on port " + port + " with "
                        + (probe.https() ? "scheme: HTTPS" : "HTTP (no scheme: HTTPS)") + ", but "
                        + server.describe(port, " in " + c.build().dockerfile() + "'s image") + ": " + server.outcome()
                        + ", so " + failure(kind))
                .recommendation(probe.https() ? "Drop `scheme: HTTPS` from the probe: the server takes plain HTTP there."
                        : "Add `scheme: HTTPS` to the probe's httpGet: the server takes only TLS there (the kubelet"
                                + " does not verify the certificate).")
                .add();
    }

    /**
     * Probes of the project's Kubernetes containers whose port is a name that none of the container's ports has: the
     * kubelet cannot resolve it, so every probe errors ("port not found") and counts neither as success nor as
     * failure.
     */
    private void kubernetesProbeNamedPorts(ReviewContext context) {
        for (var workload : context.project().kubernetesWorkloads()) {
            for (var container : workload.containers()) {
                if (container.init()) {
                    continue;
                }
                KubernetesRuns run = new KubernetesRuns(workload, container);
                run.portProbes().forEach((kind, probe) -> {
                    var located = kubernetesLine(context, run, probe.portLine() > 0 ? probe.portLine() : probe.line());
                    if (!container.namesUnknownPort(probe) || located == null) {
                        return;
                    }
                    List<String> names = container.ports().stream().filter(p -> p.name() != null)
                            .map(p -> p.name() + " (" + p.number() + ")").toList();
                    context.finding(this, located, "the " + kind + "Probe of " + run.describe() + " names port "
                                    + probe.port() + ", which no port of the container has (" + (names.isEmpty()
                                            ? "it names none" : "it names " + String.join(", ", names)) + "): the"
                                    + " kubelet cannot resolve it, and every probe errors and counts neither as success"
                                    + " nor as failure, so " + switch (kind) {
                                        case "readiness" -> "the pod never becomes ready and its Service sends it no"
                                                + " traffic";
                                        case "startup" -> "the container never counts as started: it never becomes"
                                                + " ready and its other probes never run";
                                        default -> "the probe never restarts the container, whatever state it is in";
                                    })
                            .severity(kind.equals("liveness") ? Severity.MEDIUM : Severity.HIGH)
                            .recommendation(container.ports().isEmpty()
                                    ? "Declare the port the server listens on in the container's ports with `name: "
                                            + probe.port() + "`, or probe it by number."
                                    : names.isEmpty()
                                            ? "Name the port the server listens on: `name: " + probe.port() + "` beside"
                                                    + " its containerPort, or probe it by number."
                                            : "Name the port the server listens on `" + probe.port() + "` in the"
                                                    + " container's ports, or probe one of the names it has.")
                            .add();
                });
            }
        }
    }

    private static dev.drydock.core.review.Location kubernetesLine(ReviewContext context, KubernetesRuns run,
            int line) {
        var file = context.project().source(run.workload().file()).orElse(null);
        if (file == null || line < 1 || line > file.lineCount()) {
            return null;
        }
        return new dev.drydock.core.review.Location(run.workload().file(), file.lines(line, line));
    }

    private static String failure(String kind) {
        return switch (kind) {
            case "readiness" -> "the pod never becomes ready and its Service sends it no traffic";
            case "liveness" -> "the kubelet restarts the container over and over";
            default -> "the container is killed before it ever starts serving";
        };
    }

    private static String join(List<Integer> ports) {
        return String.join(", ", ports.stream().map(String::valueOf).toList());
    }

    /**
     * A probe of nginx whose location passes the path on (proxy_pass) to another service of the project, whose
     * application serves no such path: nginx answers with the backend's 404.
     */
    private void probesUnservedBehindProxy(ReviewContext context, Container c, EffectiveHealthcheck hc, Probes.Url url) {
        Integer port = url.port(c);
        NginxProxiedPaths.Proxied proxied = port == null ? null : NginxProxiedPaths.of(context, c, port, url.path())
                .orElse(null);
        if (proxied == null || proxied.backendContainer() == null) {
            return;
        }
        AppSource app = Apps.of(context, proxied.backendContainer());
        String path = proxied.forwarded();
        if (!app.routes().determines(path) || app.routes().match(path).isPresent()) {
            return;
        }
        List<String> waiting = ComposeServices.awaitingHealthy(context.project(), c.service());
        String framework = app.frameworks().stream().findFirst().map(f -> f.display() + " application")
                .orElse("application");
        boolean passes = CurlProbes.passesOnHttpErrors(c, hc);
        String backend = proxied.backend().name();
        context.finding(this, Probes.locateText(c, hc, url.text()),
                        "the healthcheck requests " + url.path() + " from nginx, whose " + proxied.route(url.path())
                                + ", and no route"
                                + " of " + backend + "'s " + framework + " serves " + path + " (it serves "
                                + served(app) + "): every probe gets the backend's 404"
                                + (passes ? ", which its curl, without --fail, counts as success"
                                        + " (healthcheck-ignores-http-errors)"
                                        : " and fails" + ComposeServices.neverStart(waiting)))
                .severity(passes ? Severity.MEDIUM : waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                .recommendation("Answer the probe in nginx itself, which checks that nginx serves: `location = "
                        + url.path() + " { access_log off; return 200; }` in " + proxied.file().path() + "; or add a "
                        + path + " route to " + backend + ", which nginx then passes on, so that the probe also fails"
                        + " when " + backend + " is down.")
                .breaks()
                .add();
    }

    /**
     * A probe of a pulled server image drydock knows every health route of (Prometheus, MinIO) that requests another
     * health-like path on the server's port: the server answers it with an error status.
     */
    private void probesUnservedServerRoute(ReviewContext context, Container c, EffectiveHealthcheck hc, Probes.Url url) {
        ServerImages.Image image = ServerImages.withKnownHealthRoutes(c)
                .filter(i -> url.port(c) != null && i.lacksHealthRoute(url.path(), url.port(c))).orElse(null);
        if (image == null) {
            return;
        }
        List<String> waiting = c.service() == null ? List.of()
                : ComposeServices.awaitingHealthy(context.project(), c.service());
        boolean passes = CurlProbes.passesOnHttpErrors(c, hc);
        boolean compose = "compose".equals(hc.source());
        String own = image.hasProbe() && image.needs() == null && compose ? "`test: " + image.composeTest() + "`"
                : url.withPath(image.path());
        context.finding(this, Probes.locateText(c, hc, url.text()), "the healthcheck requests " + url.path() + ", which "
                        + image.name() + " does not serve: its health routes are " + image.healthRouteList() + " on port "
                        + image.port() + ", so every probe gets an error status" + (passes ? ", which its curl, without"
                                + " --fail, counts as success: the container is reported healthy whatever state it is in"
                                + " (healthcheck-ignores-http-errors)" : " and fails" + ComposeServices.neverStart(waiting)))
                .severity(passes ? Severity.MEDIUM : waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                .recommendation(own.startsWith("`") ? "Probe " + image.name() + " with a check that works in its image: "
                        + own + " (its " + image.route() + ")." : "Request " + image.name() + "'s " + image.route()
                        + " instead: " + own + ".")
                .breaks()
                .add();
    }

    /**
     * The httpGet probes of the manifests' containers that run a pulled server image drydock knows every health route
     * of, with the image's own command: a probe of another health-like path on the server's port gets an error status.
     */
    private void kubernetesServerImageProbes(ReviewContext context) {
        for (var workload : context.project().kubernetesWorkloads()) {
            for (var container : workload.containers()) {
                if (container.init() || container.dockerfile() != null || container.image() == null
                        || !container.command().isEmpty()) {
                    continue;
                }
                ServerImages.Image image = dev.drydock.core.image.ImageReference.tryParse(container.image())
                        .flatMap(ServerImages::of).filter(i -> !i.healthRoutes().isEmpty()).orElse(null);
                if (image == null || container.args().stream()
                        .anyMatch(a -> image.movedBy().stream().anyMatch(a::startsWith))) {
                    continue;
                }
                KubernetesRuns run = new KubernetesRuns(workload, container);
                run.httpProbes().forEach((kind, probe) -> {
                    Integer port = container.resolve(probe.port());
                    var located = kubernetesLine(context, run, probe.line());
                    if (port == null || !image.lacksHealthRoute(probe.path(), port) || located == null
                            || KustomizeOverlays.replaced(context, run, kind)) {
                        return;
                    }
                    context.finding(this, located, "the " + kind + "Probe of " + run.describe() + " requests "
                                    + probe.path() + ", which " + image.name() + " (" + container.image() + ") does not"
                                    + " serve: its health routes are " + image.healthRouteList() + " on port "
                                    + image.port() + ", so every probe gets an error status and " + failure(kind))
                            .recommendation("Point the probe at " + image.name() + "'s " + image.route() + ".")
                            .add();
                });
            }
        }
    }

    /**
     * A probe of a path outside every context root under which an application server (Tomcat, WildFly, Payara,
     * Liberty, Jetty) deploys the application's web archives, and outside what the server serves itself.
     */
    private void outsideContextRoots(ReviewContext context, Container c, EffectiveHealthcheck hc, Probes.Url url,
            AppSource app, boolean passes, List<String> waiting) {
        List<String> roots = app.routes().contextRoots();
        String root = roots.get(0);
        context.finding(this, Probes.locateText(c, hc, url.text()), "the healthcheck requests " + url.path()
                        + ", which is outside the context root" + (roots.size() > 1 ? "s " : " ") + String.join(", ", roots)
                        + " under which " + app.routes().deployingServer() + " deploys the application: every probe gets"
                        + " 404" + (passes ? ", which its curl, without --fail, counts as success: the container is"
                                + " reported healthy whatever state it is in (healthcheck-ignores-http-errors)"
                                : " and fails" + ComposeServices.neverStart(waiting)))
                .severity(passes ? Severity.MEDIUM : waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                .recommendation("Probe a path the application serves under its context root: "
                        + url.withPath(root + (url.path().startsWith("/") ? url.path() : "/" + url.path()))
                        + " if the application maps " + url.path() + " itself.")
                .breaks()
                .add();
    }

    /** The routes an application serves, for a message: the first eight. */
    private static String served(AppSource app) {
        if (app.routes().deployingServer() != null) {
            return app.routes().deployingServer() + " deploys it under " + String.join(", ", app.routes().contextRoots())
                    + " only";
        }
        List<Route> routes = app.routes().all();
        return routes.isEmpty() ? "no route"
                : String.join(", ", routes.stream().limit(8).map(Route::display).distinct().toList())
                        + (routes.size() > 8 ? ", ..." : "");
    }

    /**
     * An HTTP probe of a queue worker or scheduler (a Celery worker or beat, an RQ or arq worker, Sidekiq): it serves no HTTP,
     * so nothing in the container answers on any port.
     */
    private boolean probesWorker(ReviewContext context, Container c, EffectiveHealthcheck hc, Probes.Url url,
            List<String> waiting) {
        TaskWorker worker = TaskWorkers.of(context, c).orElse(null);
        if (worker == null) {
            return false;
        }
        if (worker.answersOn(url.port())) {
            return true; // the worker's own health page (GoodJob's probe server) answers there
        }
        if (inheritedByOverride(c, hc)) {
            return true; // the image's probe is right for its own server; compose-healthcheck reports the worker service
        }
        Integer port = url.port(c);
        String own = worker.instruction();
        context.finding(this, Probes.locateText(c, hc, url.text()), "the healthcheck requests " + url.text() + ", but "
                        + (c.service() == null ? "the container" : c.service().name()) + " runs " + worker.display()
                        + " (`" + String.join(" ", c.entryPoint().args()) + "`), which serves no HTTP: nothing listens"
                        + (port == null ? " for it" : " on port " + port) + ", so every probe fails" + ComposeServices.neverStart(waiting))
                .severity(waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                .recommendation(own == null
                        ? "Drop the HTTP probe: " + worker.display() + " has no health command of its own, so check"
                                + " what it does (a file it touches on every run, no older than a few minutes) or"
                                + " switch the check off with `healthcheck: {disable: true}`."
                        : "Probe the worker itself: " + ("compose".equals(hc.source())
                                ? "`test: [\"CMD\", \"" + String.join("\", \"", worker.probe()) + "\"]`"
                                : own)
                                + " (it answers when the worker is connected to its broker and takes jobs).")
                .breaks()
                .add();
        return true;
    }

    /**
     * Whether the probe is the image's HEALTHCHECK, inherited by a compose service that replaces the image's command
     * (a worker run from the web application's image): the HEALTHCHECK stays right for the image's own server.
     */
    private static boolean inheritedByOverride(Container c, EffectiveHealthcheck hc) {
        return c.service() != null && !"compose".equals(hc.source())
                && (c.service().command() != null || c.service().entrypoint() != null);
    }

    /**
     * An HTTP probe of the port a gRPC-only server serves on ({@link AppFacts#grpcServer}): the server expects the
     * HTTP/2 connection preface of a gRPC client and closes a plain HTTP/1.1 request's connection, so curl and wget
     * get no response at all. Only where the port is the application's: the one it listens on, else the one it is
     * published or exposed on.
     */
    private boolean probesGrpcServer(ReviewContext context, Container c, EffectiveHealthcheck hc, Probes.Url url,
            List<String> waiting) {
        String library = Probes.grpcOnlyPort(context, c, url).orElse(null);
        if (library == null) {
            return false;
        }
        int probed = url.port(c); // grpcOnlyPort knows it
        context.finding(this, Probes.locateText(c, hc, url.text()), "the healthcheck makes an HTTP request of "
                        + url.text() + ", but " + (c.service() == null ? "the application" : c.service().name())
                        + " serves only gRPC (" + library + ") on port " + probed + ": a gRPC server waits for the"
                        + " HTTP/2 preface of a gRPC client and closes the connection of a plain HTTP request, so every"
                        + " probe fails" + ComposeServices.neverStart(waiting))
                .severity(waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                .recommendation("Ask the standard gRPC health service (grpc.health.v1, which the server registers)"
                        + " with grpc_health_probe, copied into the final stage ("
                        + GrpcHealthProbe.copyInstruction("/usr/local/bin/grpc_health_probe") + "): "
                        + ("compose".equals(hc.source())
                                ? "test: [\"CMD\", \"/usr/local/bin/grpc_health_probe\", \"-addr=127.0.0.1:" + probed + "\"]"
                                : "HEALTHCHECK CMD [\"/usr/local/bin/grpc_health_probe\", \"-addr=127.0.0.1:" + probed + "\"]")
                        + ".")
                .breaks()
                .add();
        return true;
    }

    /**
     * A probe of a port the server does not listen on: the command sets its ports, and the probe's URL (port 80 or
     * 443 when it names none) is none of them. Quiet when the command also starts another server in the background.
     */
    private boolean wrongPort(ReviewContext context, Container c, EffectiveHealthcheck hc, Probes.Url url,
            List<String> waiting) {
        EntryPoint ep = c.entryPoint();
        ListeningPorts listener = ListeningPorts.of(context, c).orElse(null);
        if (listener == null || ListeningPorts.otherServerBeside(ep)) {
            return false;
        }
        List<Integer> listening = listener.ports();
        Integer probed = url.port(c);
        if (probed == null || listening.contains(probed)) {
            return false; // a port the probe's shell expands at run time, from a variable drydock can't read
        }
        if (RoadRunnerConfig.of(context, c).flatMap(RoadRunnerConfig::statusServer)
                .filter(status -> status.port() == probed).isPresent()) {
            return false; // RoadRunner's status plugin, which answers health checks on a port of its own
        }
        int port = listening.get(0);
        AppSource app = Apps.of(context, c);
        boolean unserved = app.routes().determines(url.path()) && app.routes().match(url.path()).isEmpty();
        Optional<String> missing = unserved ? missingHealthModule(context, c, app, url) : Optional.empty();
        String alsoUnserved = !unserved ? ""
                : missing.isPresent() ? "; and " + missing.get() + " is not a dependency of " + jvmBuildFile(context, c)
                        + ", so " + url.path() + " would get 404 on port " + port + " too"
                        : "; and no route of the " + application(app) + " serves " + url.path() + " ("
                                + (app.routes().all().isEmpty() ? "it declares none" : "it serves " + served(app))
                                + "), so it would get 404 on port " + port + " too";
        context.finding(this, Probes.locateText(c, hc, url.text()), "the healthcheck requests port " + probed + ", but "
                        + listener.server() + " listens on " + port + listener.why() + ": every probe finds nothing"
                        + " listening and fails" + ComposeServices.neverStart(waiting) + alsoUnserved)
                .severity(waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                .recommendation("Probe the port the server listens on: " + withPort(url, port) + "."
                        + (missing.isPresent() || unserved && routeToAdd(app, url) ? " " + recommendation(context, c, app, url)
                                : ""))
                .breaks()
                .add();
        return true;
    }

    /**
     * A probe of the health endpoint on the port of the application's server while the framework serves its management
     * endpoints on a server of their own: Spring Boot's actuator with management.server.port, Micronaut's management
     * endpoints with endpoints.all.port. The application's port then answers 404 for them.
     */
    private boolean actuatorOnItsOwnPort(ReviewContext context, Container c, EffectiveHealthcheck hc, Probes.Url url,
            List<String> waiting) {
        Integer probed = url.port(c);
        ManagementPort moved = probed == null ? null : ManagementPort.probed(context, c, url.path(), probed);
        if (moved == null) {
            return false; // a port drydock cannot read may well be the management server's
        }
        context.finding(this, Probes.locateText(c, hc, url.text()), "the healthcheck requests " + url.path()
                        + " on port " + probed + ", " + moved.explained(probed) + ComposeServices.neverStart(waiting))
                .severity(waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                .recommendation("Probe the " + moved.portName() + ": " + withPort(url, moved.port()) + ".")
                .breaks()
                .add();
        return true;
    }

    /** "Spring Boot application", or "application" when the framework is not known. */
    private static String application(AppSource app) {
        return app.frameworks().stream().findFirst().map(f -> f.display() + " application").orElse("application");
    }

    /**
     * The framework's health module the probed path needs and the build lacks (spring-boot-starter-actuator for
     * /actuator/..., quarkus-smallrye-health, micronaut-management), as its artifact.
     */
    private static Optional<String> missingHealthModule(ReviewContext context, Container c, AppSource app,
            Probes.Url url) {
        if (healthRoutes(app) || prefixedRoute(app, url) != null || app.routes().healthRoute().isPresent()) {
            return Optional.empty();
        }
        boolean actuatorPath = !app.routes().coveredPrefixes().isEmpty() || url.path().contains("/actuator/");
        if (app.frameworks().contains(Framework.SPRING_BOOT) && actuatorPath) {
            return Optional.of("org.springframework.boot:spring-boot-starter-actuator");
        }
        if (app.frameworks().contains(Framework.QUARKUS) && url.path().contains("/health")) {
            return Optional.of("io.quarkus:quarkus-smallrye-health");
        }
        if (app.frameworks().contains(Framework.MICRONAUT) && url.path().matches("/health(/liveness|/readiness)?/?")) {
            return Optional.of("io.micronaut:micronaut-management");
        }
        return Optional.empty();
    }

    /** Whether the recommendation for an unserved path is to add a route (it names no URL with the probed port). */
    private static boolean routeToAdd(AppSource app, Probes.Url url) {
        return prefixedRoute(app, url) == null && app.routes().healthRoute().isEmpty();
    }

    /** A route that serves the probed path under a prefix ({@code /api/health} for {@code /health}). */
    private static Route prefixedRoute(AppSource app, Probes.Url url) {
        return app.routes().all().stream().filter(r -> !r.regex() && r.path().length() > url.path().length()
                && r.path().endsWith(url.path()) && r.path().charAt(r.path().length() - url.path().length()) == '/'
                && !url.path().equals("/")).findFirst().orElse(null);
    }

    /**
     * A probe whose scheme the port does not speak: https:// to a server known to serve plain HTTP there (the TLS
     * handshake fails, whatever -k or --no-check-certificate say), or http:// to a port that takes only TLS (the
     * server drops the connection, nginx answers 400).
     */
    private boolean wrongScheme(ReviewContext context, Container c, EffectiveHealthcheck hc, Probes.Url url,
            List<String> waiting) {
        ServerTls server = ServerTls.refusing(context, c, url).orElse(null);
        if (server == null) {
            return false;
        }
        boolean passes = server.probeStillPasses(c, hc, url);
        context.finding(this, Probes.locateText(c, hc, url.text()), "the healthcheck requests " + url.text() + ", but "
                        + server.describe(url.port(c)) + ": " + server.outcome() + (passes ? ", which its curl,"
                                + " without --fail, counts as success: the container is reported healthy whatever"
                                + " state it is in (healthcheck-ignores-http-errors)"
                                : ", so every probe fails" + ComposeServices.neverStart(waiting)))
                .severity(passes ? Severity.MEDIUM : waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                .recommendation("Request " + url.withOtherScheme() + (url.https() ? ": the server takes plain HTTP"
                        + " there, and a probe from inside the container needs no TLS." : ": the server takes only TLS"
                        + " there."))
                .breaks()
                .add();
        return true;
    }

    /** The URL with another port. */

    private static String withPort(Probes.Url url, int port) {
        String text = url.text();
        int hostStart = text.indexOf("://") + 3;
        int slash = text.indexOf('/', hostStart);
        String authority = slash < 0 ? text.substring(hostStart) : text.substring(hostStart, slash);
        int colon = authority.lastIndexOf(':');
        String host = colon > 0 && !authority.endsWith("]") ? authority.substring(0, colon) : authority;
        return text.substring(0, hostStart) + host + ":" + port + (slash < 0 ? "" : text.substring(slash));
    }

    private static String recommendation(ReviewContext context, Container c, AppSource app, Probes.Url url) {
        Route prefixed = prefixedRoute(app, url);
        if (prefixed != null) {
            return "Probe " + prefixed.display() + ", the path under which " + prefixed.file() + " line "
                    + prefixed.line() + " serves it: " + url.withPath(prefixed.display()) + ".";
        }
        Route health = app.routes().healthRoute().orElse(null);
        if (health != null) {
            return "Probe " + health.display() + ", which " + health.file() + " line " + health.line() + " serves: "
                    + url.withPath(health.display()) + ".";
        }
        boolean actuatorPath = !app.routes().coveredPrefixes().isEmpty() || url.path().contains("/actuator/");
        if (app.frameworks().contains(Framework.SPRING_BOOT) && actuatorPath && !healthRoutes(app)) {
            String manifest = c.manifests().stream().map(m -> m.file())
                    .filter(f -> f.endsWith("pom.xml") || f.contains("build.gradle")).findFirst().orElse("the build file");
            return "Add org.springframework.boot:spring-boot-starter-actuator to " + manifest + ": it serves "
                    + url.path() + " (exposed over HTTP by default), which reports the application's health indicators.";
        }
        boolean healthRoutes = healthRoutes(app);
        if (app.frameworks().contains(Framework.QUARKUS) && !healthRoutes && url.path().contains("/health")) {
            String manifest = jvmBuildFile(context, c);
            return "Add io.quarkus:quarkus-smallrye-health to " + manifest + ": it serves "
                    + app.routes().healthModulePath().orElse("/q/health") + " (and /live, /ready"
                    + " below it, under the non-application root), which reports the application's health checks.";
        }
        if (app.frameworks().contains(Framework.MICRONAUT) && !healthRoutes
                && url.path().matches("/health(/liveness|/readiness)?/?")) {
            String manifest = jvmBuildFile(context, c);
            return "Add io.micronaut:micronaut-management to " + manifest + ": its health endpoint serves "
                    + url.path() + ", which reports the application's health indicators.";
        }
        String framework = app.frameworks().stream().findFirst().map(f -> f.display()).orElse("the application");
        return "Add a " + url.path() + " route to " + framework + " that answers 200 when the application can serve"
                + " (see readiness-check-missing for what it should check).";
    }

    /** Whether a health endpoint of the framework (Spring Boot's actuator, SmallRye Health...) is among the routes. */
    private static boolean healthRoutes(AppSource app) {
        return app.routes().all().stream().anyMatch(r -> r.handler() != null && "health".equals(r.handler().name()));
    }

    /**
     * The Maven or Gradle build file of the container's application: among its manifests, else the one at the root of
     * its build context (a .dockerignore may keep it out of the image's sources).
     */
    private static String jvmBuildFile(ReviewContext context, Container c) {
        java.util.function.Predicate<String> build = f -> f.endsWith("pom.xml") || f.contains("build.gradle");
        return c.manifests().stream().map(m -> m.file()).filter(build).findFirst()
                .or(() -> context.project().manifests().stream().map(m -> m.file()).filter(build)
                        .filter(f -> c.build() != null && dev.drydock.core.discovery.PathNames.parent(f)
                                .equals(c.build().context())).findFirst())
                .orElse("the build file");
    }
}
