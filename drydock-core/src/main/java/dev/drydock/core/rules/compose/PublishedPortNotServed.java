package dev.drydock.core.rules.compose;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.HttpdPorts;
import dev.drydock.core.rules.support.ListeningPorts;
import dev.drydock.core.rules.support.ProxyPorts;
import dev.drydock.core.rules.support.NginxConfigs;
import dev.drydock.core.rules.support.PhpFpmPools;
import dev.drydock.core.rules.support.PhpServerPorts;
import dev.drydock.core.rules.support.PulledServerPorts;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.FlyDeploy;
import dev.drydock.core.manifest.FlyToml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "published-port-not-served",
        title = "Published port is not the one the server listens on",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The container ports a compose service publishes (ports:, short and long syntax, ranges) against the"
                + " ports its command sets explicitly (gunicorn and hypercorn --bind, uvicorn --port, runserver's"
                + " address, streamlit's --server.port, --listen ...) or the server reads besides: gunicorn's bind"
                + " from GUNICORN_CMD_ARGS, else its configuration file (-c, else gunicorn.conf.py; a string or a list"
                + " of strings, not a computed value), else 0.0.0.0:$PORT when PORT is set; uvicorn's UVICORN_PORT;"
                + " hypercorn's bind in the TOML file -c names (with insecure_bind when TLS is on); for `rails server`"
                + " its -p, else PORT, else the"
                + " port config/puma.rb sets, else 3000; for `flask run` its -p, else FLASK_RUN_PORT, else 5000 (unless"
                + " a .flaskenv or .env of the build context sets FLASK_RUN_PORT, which flask run loads through"
                + " python-dotenv); for Flask-Script's Server run through manage.py its -p, else its port argument"
                + " there, else 5000; else the ports the application's own code"
                + " listens on (Express's app.listen(3000), Flask's app.run(port=5000) in the script the command runs,"
                + " uvicorn.run, waitress.serve, Spring Boot's server.port, Quarkus's quarkus.http.port,"
                + " Micronaut's micronaut.server.port, Ktor's embeddedServer port or ktor.deployment.port, a Rust listener's bind, a Go program's"
                + " http.ListenAndServe, http.Server Addr, net.Listen, Echo's Start, Fiber's Listen, and Gin's Run,"
                + " which without an address takes PORT, else 8080; for a Cargo workspace or a Go module with several"
                + " commands, only the binary the Dockerfile builds), a port the code reads from an environment"
                + " variable being the variable's value in the container, else the code's default; for ASP.NET Core,"
                + " a --urls argument, DOTNET_URLS or ASPNETCORE_URLS (in that order; none when ASPNETCORE_URLS disagrees"
                + " with another, as the host decides), else ASPNETCORE_HTTP_PORTS, from the container's environment, else as the .NET image"
                + " sets them (8080 from .NET 8 on, 80 before), unless the code or appsettings choose Kestrel's addresses (the"
                + " literal URLs of the Kestrel endpoints in appsettings.json and the environment's file then give the"
                + " ports; a Kestrel section without endpoints leaves them to the environment). Fires when none of the published"
                + " container ports is one of them; for a container no compose file publishes or gives a command, the"
                + " same check of the TCP ports the image EXPOSEs (medium), and low when a compose service that keeps the image's"
                + " command publishes a port the server listens on while the image EXPOSEs none (`docker run -P` and"
                + " proxies that route to an image's only exposed port, as Traefik does, still miss it). For a"
                + " container that keeps its base image's command, the stock ports of the server the image starts"
                + " (nginx, Apache httpd, PHP's, php-fpm's pools as the php image's pool files and those the image copies in set their listen address, a FastCGI port, and Tomcat, Jetty, WildFly, Payara, Liberty as their images configure"
                + " them, unless the build copies configuration of its own). A compose service that pulls nginx"
                + " (or nginxinc/nginx-unprivileged) as it is, with its stock configuration or with configuration of the"
                + " project's own bind-mounted where it reads it (a file or folder under /etc/nginx), or httpd with"
                + " such a mount under /usr/local/apache2/conf, is checked against the listen ports of that"
                + " configuration, the image's stock default server (80, 8080 in"
                + " nginx-unprivileged) kept unless conf.d is mounted whole or its default.conf replaced; quiet with"
                + " configuration templates"
                + " (written at start with the environment's values) and when a named volume, a compose config or"
                + " secret, or scripts of /docker-entrypoint.d may write nginx's configuration. For Caddy, HAProxy and Traefik (their"
                + " official images, or a command that runs them), the ports of their configuration: the site"
                + " addresses of the Caddyfile that `caddy run --config` reads (the image's own serves :80; a"
                + " hostname is served on 443 and 80, a {$VAR:default} placeholder takes its default when nothing may"
                + " set the variable), the bind lines of HAProxy's frontend and listen sections in the file -f names,"
                + " and Traefik's --entrypoints.<name>.address flags (:80 when none, :8080 added for --ping and"
                + " --api.insecure), copied by the Dockerfile or bind-mounted; quiet for a Traefik that may read a"
                + " static configuration file or TRAEFIK_ variables, and for configuration a RUN edits. A compose service"
                + " that pulls another well-known server image (nginx with a command of its own, bitnami/nginx, httpd,"
                + " redis, postgres, mysql, mariadb, mongo, memcached, Grafana, Prometheus, rabbitmq, Elasticsearch,"
                + " MinIO) is checked against the ports its image listens on, or those its command or environment move"
                + " it to (redis's --port, postgres's -p and PGPORT, mysqld's --port and MYSQL_TCP_PORT, mongod's"
                + " --port, memcached's -p, GF_SERVER_HTTP_PORT, --web.listen-address, MinIO's --address and"
                + " --console-address, without which its console listens on a port picked at random); quiet when a"
                + " volume, config or secret is mounted over the server's configuration (nginx's conf.d, postgresql.conf,"
                + " my.cnf ...), when its command names a configuration file or another program, and when an env_file"
                + " the project does not hold may set a variable it reads (one it holds is read, before environment)."
                + " Quiet when neither the command nor the"
                + " code tells the port (an expression, a variable set to a variable, a variable an env_file may set),"
                + " when the command takes it from a variable, and with network_mode (ports do not apply)."
                + " For an image a fly.toml in its build context deploys (its [build] dockerfile, Dockerfile by"
                + " default, and build-target), the internal_port of [http_service] and of each [[services]] (8080"
                + " when unset), reported on that line; quiet when its [env] sets PORT or the variable that moves the"
                + " server, and when [processes] replaces the image's command.",
        problem = "A published port forwards host connections to that port of the container; when the server listens"
                + " on another one, nothing answers there.",
        impact = "The service cannot be reached from the host (connection refused or reset) although the container"
                + " runs and may even report healthy.",
        recommendation = "Publish the port the server listens on (HOST:CONTAINER with CONTAINER the server's port), or"
                + " make the server listen on the published container port.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#ports",
                "https://docs.docker.com/engine/network/#published-ports",
                "https://fly.io/docs/reference/configuration/#the-http_service-section"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          web:
                            build: .
                            ports:
                              - "127.0.0.1:8080:80"
                        """,
                good = """
                        services:
                          web:
                            build: .
                            ports:
                              - "127.0.0.1:8080:8000"
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir flask==3.1.0 gunicorn==23.0.0
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """),
                        @ExampleFile(name = "app.py", content = """
                        from flask import Flask

                        app = Flask(__name__)
                        """)}))
public final class PublishedPortNotServed implements Rule {

    private static final Pattern EXPOSED = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?(?:/tcp)?");

    @Override
    public void check(ReviewContext context) {
        java.util.Set<String> flyReported = new java.util.HashSet<>();
        java.util.Set<Location> exposeReported = new java.util.HashSet<>();
        for (Container c : reviewed(context)) {
            Service service = c.service();
            EntryPoint ep = c.entryPoint();
            if (ep == null && !NginxConfigs.runsNginx(c) && !HttpdPorts.runsApache(c) && c.build() != null && PhpServerPorts.of(context, c).isEmpty()
                    && !AppSource.keepsImageAppServer(c) && ProxyPorts.of(context, c).isEmpty()
                    && PhpFpmPools.of(context, service, c).isEmpty() || service != null && service.networkMode() != null) {
                continue;
            }
            ListeningPorts listener = listening(context, c);
            if (listener == null) {
                continue;
            }
            if (service == null) {
                FlyDeploy.of(context, c).filter(f -> flyReported.add(f.file()))
                        .ifPresent(f -> flyServices(context, f, listener));
            }
            boolean ownCommand = service == null || service.command() == null && service.entrypoint() == null;
            if (service != null && !service.ports().isEmpty()) {
                if (published(context, service, listener) && ownCommand) {
                    exposed(context, c, listener, Severity.LOW, exposeReported);
                }
            } else if (ownCommand) {
                exposed(context, c, listener, Severity.MEDIUM, exposeReported);
            }
        }
    }

    /**
     * The containers built here, then the compose services that pull a server's image and run it with its stock
     * configuration or with configuration of the project's own bind-mounted where the server reads it (nginx's
     * conf.d, Apache httpd's conf), or a well-known server image whose ports its start tells
     * ({@link PulledServerPorts}).
     */
    private static List<Container> reviewed(ReviewContext context) {
        List<Container> out = new ArrayList<>(context.builtContainers());
        for (Container c : context.project().containers()) {
            if (c.build() == null && c.service() != null && listening(context, c) != null) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Where the container's server listens: for a pulled nginx or httpd with configuration drydock reads, the ports of
     * that configuration; for another pulled image, the ports of its server as the service starts it.
     */
    private static ListeningPorts listening(ReviewContext context, Container c) {
        if (c.build() != null) {
            return ListeningPorts.of(context, c).orElse(null);
        }
        if (NginxConfigs.pulledWithKnownConfig(context, c) || HttpdPorts.mountsOwnConfig(context, c)) {
            return ListeningPorts.of(context, c).filter(l -> l.server().equals("nginx")
                    || l.server().equals(ListeningPorts.APACHE)).orElse(null);
        }
        return PulledServerPorts.of(context.project(), c).orElse(null);
    }

    /** Reports the service's published ports when the server listens on none of them; whether one is served. */
    private boolean published(ReviewContext context, Service service, ListeningPorts listener) {
        List<Integer> listening = listener.ports();
        List<Service.Port> ports = service.ports().stream().filter(p -> p.targetStart() > 0).toList();
        boolean served = ports.stream().anyMatch(p -> listening.stream().anyMatch(l -> l >= p.targetStart()
                && l <= Math.max(p.targetStart(), p.targetEnd())));
        if (ports.isEmpty() || served) {
            return served;
        }
        int port = listening.get(0);
        Service.Port first = ports.get(0);
        String server = listener.server();
        context.finding(this, ComposeServices.location(first.node()), service.name() + " publishes container port"
                        + (ports.size() > 1 ? "s " + String.join(", ", ports.stream().map(p -> String.valueOf(
                                p.targetStart())).toList()) : " " + first.targetStart())
                        + ", but " + server + " listens on " + port + listener.why() + ": connections to the"
                        + " published port find nothing listening")
                .recommendation("Publish " + port + " as the container port: `" + (first.published() == null
                        ? "" : (first.hostIp() == null ? "" : first.hostIp() + ":") + first.published() + ":")
                        + port + "`" + listener.orElse(service.name(), first.targetStart()) + ".")
                .add();
        return false;
    }

    /**
     * The internal_port of each service of the fly.toml that deploys the image, when the image's server listens on
     * none of them: Fly Proxy connects to internal_port (8080 unless set). Quiet when fly.toml's [env] sets PORT or
     * the variable that moves the server, and when [processes] replaces the image's command.
     */
    private void flyServices(ReviewContext context, FlyDeploy deploy, ListeningPorts listener) {
        FlyToml fly = deploy.fly();
        String variable = listener.setting(listener.ports().get(0)) == null ? listener.portVariable()
                : listener.setting(listener.ports().get(0)).split("=", 2)[0];
        if (!fly.processes().isEmpty() || fly.env().containsKey("PORT")
                || variable != null && fly.env().containsKey(variable)) {
            return;
        }
        int port = listener.ports().get(0);
        for (FlyToml.Service service : fly.services()) {
            if (listener.ports().contains(service.internalPort())) {
                continue;
            }
            String section = service.section().equals("http_service") ? "[http_service]" : "[[services]] entry";
            context.finding(this, deploy.location(service.span()), deploy.file() + "'s " + section + " has Fly"
                            + " Proxy connect to port " + service.internalPort() + (service.internalPortSet() ? ""
                                    : " (no internal_port: Fly's default)") + ", but " + listener.server()
                            + " listens on " + port + listener.why() + ": requests to the app find nothing listening"
                            + " and its checks fail")
                    .recommendation("Set `internal_port = " + port + "` in " + deploy.file() + ", or make the server"
                            + " listen on " + service.internalPort() + (listener.setting(service.internalPort()) == null
                                    ? "" : " (`" + listener.setting(service.internalPort()) + "` under [env])") + ".")
                    .add();
        }
    }

    /** The first port of an EXPOSE entry ({@code 8080}, {@code 8080-8090/tcp}), or 0. */
    private static int exposedPort(String exposed) {
        Matcher m = EXPOSED.matcher(exposed.strip().toLowerCase(Locale.ROOT));
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * The image's TCP EXPOSE ports when its server listens on none of them: medium when nothing else publishes the
     * container, low when a compose service publishes the port it serves (the EXPOSE still misleads {@code docker
     * run -P} and the proxies that route to an image's only exposed port, as Traefik does).
     */
    private void exposed(ReviewContext context, Container c, ListeningPorts listener, Severity severity,
            java.util.Set<Location> reported) {
        List<Integer> listening = listener.ports();
        if (c.build() == null || c.build().stage() == null) {
            return;
        }
        List<Setting<String>> exposed = c.build().stage().config().exposedPorts();
        List<String> tcp = new ArrayList<>();
        for (Setting<String> e : exposed) {
            Matcher m = EXPOSED.matcher(e.value().strip().toLowerCase(Locale.ROOT));
            if (e.value().strip().endsWith("/udp") || e.value().strip().endsWith("/sctp")) {
                continue;
            }
            if (!m.matches()) {
                return; // a variable or a malformed entry: nothing to compare
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (listening.stream().anyMatch(l -> l >= from && l <= to)) {
                return;
            }
            tcp.add(e.value().strip());
        }
        Setting<String> first = exposed.isEmpty() ? null : exposed.get(0);
        if (tcp.isEmpty() || first == null || first.instruction() == null) {
            return;
        }
        Location at = new Location(first.instruction().file().path(), first.instruction().span());
        if (!reported.add(at)) {
            return;
        }
        int port = listening.get(0);
        String server = listener.server();
        context.finding(this, at, "the image EXPOSEs " + String.join(", ", tcp) + ", but " + server + " listens on "
                                + port + listener.why() + (severity == Severity.LOW ? ": " + c.service().name()
                                + " publishes a port it listens on, but `docker run -P`, and the proxies and platforms"
                                + " that route to the exposed port (Traefik to an image's only one), reach nothing"
                                + " there" : ": `docker run -P`, and the platforms that route to the exposed"
                                + " port, reach nothing there"))
                .severity(severity)
                .recommendation(severity == Severity.LOW ? "EXPOSE " + port + ", the port " + server
                        + " listens on, so that the image documents the port compose already publishes."
                        : "EXPOSE " + port + ", the port " + server + " listens on, or make it listen on "
                        + tcp.get(0) + (listener.setting(exposedPort(tcp.get(0))) == null ? ""
                                : " (`ENV " + listener.setting(exposedPort(tcp.get(0))) + "`)")
                        + "; publish the same port (`docker run -p "
                        + port + ":" + port + "`).")
                .add();
    }
}
