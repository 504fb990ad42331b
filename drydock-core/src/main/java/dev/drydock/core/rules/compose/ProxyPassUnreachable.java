package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.FastCgiPasses;
import dev.drydock.core.rules.support.ListeningPorts;
import dev.drydock.core.rules.support.LoopbackHosts;
import dev.drydock.core.rules.support.NginxConfig;
import dev.drydock.core.rules.support.NginxConfigs;
import dev.drydock.core.project.Container;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "proxy-pass-unreachable",
        title = "nginx passes requests to an address where no service of the stack listens",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The proxy_pass addresses of the nginx services of a compose project (the configuration the image's"
                + " Dockerfile copies under /etc/nginx or the service bind-mounts there, read through its includes),"
                + " directly or through the servers of the upstream block they name; also the hosts of uwsgi_pass and"
                + " grpc_pass. Fires when the address names a service of the project whose server listens on another"
                + " port (the port its command binds, gunicorn --bind 0.0.0.0:5000, or its nginx's listen; port 80 when"
                + " the address names none); when the host names no service, container_name or network alias of the"
                + " project (unless it holds a dot, or links, extra_hosts or an external network may provide it); and"
                + " when it is 127.0.0.1 or localhost while the port is that of a server in another service. Addresses"
                + " with variables, resolved when requests come, and Unix sockets are left alone; fastcgi_pass is"
                + " fastcgi-pass-unreachable's.",
        problem = "Each compose service is a container with its own network: other containers are reached by service"
                + " name on the port their server listens on, and 127.0.0.1 in the nginx container is nginx itself.",
        impact = "Every request nginx passes on fails with 502 Bad Gateway (connection refused), or nginx does not start"
                + " at all: it resolves the names of proxy_pass when it reads its configuration and stops with `host not"
                + " found in upstream`.",
        recommendation = "Pass to the service by its compose name and the port its server listens on, e.g. proxy_pass"
                + " http://app:8000;.",
        references = {
                "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass",
                "https://nginx.org/en/docs/http/ngx_http_upstream_module.html#server",
                "https://docs.docker.com/compose/how-tos/networking/"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(file = "nginx/default.conf",
                bad = """
                        server {
                            listen 80;
                            location / {
                                proxy_pass http://app:8000;
                            }
                        }
                        """,
                good = """
                        server {
                            listen 80;
                            location / {
                                proxy_pass http://app:5000;
                            }
                        }
                        """,
                alongside = {
                        @ExampleFile(name = "compose.yaml", content = """
                        services:
                          web:
                            image: nginx:1.27-alpine
                            ports:
                              - "8080:80"
                            volumes:
                              - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
                            depends_on:
                              - app
                          app:
                            build: .
                        """),
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12-slim
                        WORKDIR /app
                        RUN pip install --no-cache-dir flask==3.1.0 gunicorn==23.0.0
                        COPY app.py .
                        CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]
                        """),
                        @ExampleFile(name = "app.py", content = """
                        from flask import Flask

                        app = Flask(__name__)


                        @app.get("/")
                        def index():
                            return "ok"
                        """)}))
public final class ProxyPassUnreachable implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (NginxConfigs.Served served : NginxConfigs.all(context)) {
            Set<NginxConfig.Target> seen = new HashSet<>();
            for (NginxConfig.Pass pass : served.config().passes()) {
                if (pass.kind().equals("fastcgi_pass") || pass.kind().equals("scgi_pass")) {
                    continue;
                }
                for (NginxConfig.Target target : pass.targets()) {
                    if (!target.resolvedLater() && seen.add(target)) {
                        check(context, served.ref(), pass, target);
                    }
                }
            }
        }
    }

    private void check(ReviewContext context, ComposeServices.Ref ref, NginxConfig.Pass pass, NginxConfig.Target target) {
        Service nginx = ref.service();
        String written = pass.upstream() == null ? pass.kind() + " " + pass.address() + ", " + target.where()
                : "server " + target.address().value() + " of upstream " + pass.upstream().name() + ", " + target.where()
                        + ", which " + pass.kind() + " " + pass.address() + " uses at " + pass.directive().where();
        if (LoopbackHosts.isLoopback(target.host())) {
            loopback(context, ref, pass, target, written);
            return;
        }
        Service backend = FastCgiPasses.answering(ref.compose(), target.host()).orElse(null);
        if (backend == null) {
            if (!FastCgiPasses.resolvableElsewhere(ref.compose(), nginx, target.host())) {
                context.finding(this, location(target), "nginx in service " + nginx.name() + " passes requests to "
                                + target.host() + " (" + written + "), but no service of the compose project is named "
                                + target.host() + ": nginx cannot resolve it and stops at start-up with `host not found"
                                + " in upstream`")
                        .recommendation("Name the service nginx should pass to, as compose.yaml names it ("
                                + String.join(", ", ref.compose().services().keySet()) + ").")
                        .add();
            }
            return;
        }
        if (backend == nginx || !pass.kind().equals("proxy_pass") || target.port() == null) {
            return;
        }
        Container c = ComposeServices.container(context, backend);
        ListeningPorts listening = c == null || ListeningPorts.otherServerBeside(c.entryPoint()) ? null
                : ListeningPorts.of(context, c).orElse(null);
        if (listening == null || listening.ports().contains(target.port())) {
            return;
        }
        int port = listening.ports().get(0);
        context.finding(this, location(target), "nginx in service " + nginx.name() + " passes requests to "
                        + target.host() + ":" + target.port() + " (" + written + "), but " + listening.server()
                        + " in service " + backend.name() + " listens on port " + join(listening.ports())
                        + listening.why() + ": nothing answers on " + target.port() + ", so every request nginx passes"
                        + " there gets 502 Bad Gateway")
                .recommendation("Pass to the port " + backend.name() + " listens on: " + target.host() + ":" + port
                        + ".")
                .fix(listening.ports().size() == 1 ? fix(target, port) : null)
                .add();
    }

    private void loopback(ReviewContext context, ComposeServices.Ref ref, NginxConfig.Pass pass,
            NginxConfig.Target target, String written) {
        Service nginx = ref.service();
        if (nginx.networkMode() != null || target.port() == null) {
            return;
        }
        List<String> listening = new ArrayList<>();
        for (Service s : ref.compose().services().values()) {
            Container c = s == nginx ? null : ComposeServices.container(context, s);
            if (c != null && ListeningPorts.of(context, c).filter(l -> l.ports().contains(target.port())).isPresent()) {
                listening.add(s.name());
            }
        }
        if (listening.isEmpty()) {
            return; // nginx itself, or a server drydock does not see, may answer there
        }
        context.finding(this, location(target), "nginx in service " + nginx.name() + " passes requests to "
                        + target.host() + ":" + target.port() + " (" + written + "), its own container, but the server"
                        + " on port " + target.port() + " runs in service " + String.join(", ", listening)
                        + ", another container: every request nginx passes there gets 502 Bad Gateway")
                .recommendation("Pass to the service by its compose name: " + listening.get(0) + ":" + target.port() + ".")
                .fix(listening.size() == 1 ? replaceHost(target, listening.get(0)) : null)
                .add();
    }

    private static Location location(NginxConfig.Target target) {
        SourceFile file = target.directive().file();
        return new Location(file.path(), file.span(target.address().start(), target.address().end()));
    }

    /** Writes the port into the address: replaces the one written, or adds it after the host. */
    private static Fix fix(NginxConfig.Target target, int port) {
        String raw = raw(target);
        int host = raw.indexOf(target.host());
        if (host < 0 || raw.startsWith("\"") || raw.startsWith("'")) {
            return null;
        }
        int after = host + target.host().length();
        int end = after;
        if (end < raw.length() && raw.charAt(end) == ':') {
            end++;
            while (end < raw.length() && Character.isDigit(raw.charAt(end))) {
                end++;
            }
        }
        int start = target.address().start();
        return Fix.of("pass to port " + port, FixSafety.UNSAFE, TextEdit.replace(target.directive().file().path(),
                start + after, start + end, ":" + port));
    }

    private static Fix replaceHost(NginxConfig.Target target, String service) {
        String raw = raw(target);
        int host = raw.indexOf(target.host());
        if (host < 0 || raw.startsWith("\"") || raw.startsWith("'")) {
            return null;
        }
        int start = target.address().start() + host;
        return Fix.of("pass to " + service, FixSafety.UNSAFE, TextEdit.replace(target.directive().file().path(),
                start, start + target.host().length(), service));
    }

    private static String raw(NginxConfig.Target target) {
        return target.directive().file().text().substring(target.address().start(), target.address().end());
    }

    private static String join(List<Integer> ports) {
        return String.join(", ", ports.stream().map(String::valueOf).toList());
    }
}
