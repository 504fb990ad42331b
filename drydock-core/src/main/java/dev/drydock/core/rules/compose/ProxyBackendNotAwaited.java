package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.FastCgiPasses;
import dev.drydock.core.rules.support.NginxConfig;
import dev.drydock.core.rules.support.NginxConfigs;
import java.util.LinkedHashMap;
import java.util.Map;

@RuleDefinition(
        id = "proxy-backend-not-awaited",
        title = "nginx passes requests to a service it does not depend on",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The addresses the nginx services of a compose project pass requests to (proxy_pass, fastcgi_pass,"
                + " uwsgi_pass, grpc_pass, directly or through the servers of an upstream block) that name another"
                + " service of the project: fires on the nginx service when neither its depends_on nor its links name"
                + " that service. Quiet for addresses with variables and upstream servers marked resolve (nginx"
                + " resolves those when requests come), for a service scaled to zero or limited to profiles.",
        problem = "nginx resolves the host names of its proxy_pass, fastcgi_pass and upstream servers when it reads its"
                + " configuration, and Docker's DNS knows a service's name only while its container runs. Without"
                + " depends_on, Compose starts nginx and its backend at once, and `docker compose up nginx` does not"
                + " start the backend at all.",
        impact = "nginx stops at start-up with `[emerg] host not found in upstream` whenever it starts before its"
                + " backend: the whole site is down until someone starts it again.",
        recommendation = "Add the backend to the nginx service's depends_on (with condition: service_healthy when the"
                + " backend has a healthcheck).",
        references = {
                "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass",
                "https://docs.docker.com/compose/how-tos/startup-order/"},
        aliases = {},
        effort = "2 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          web:
                            image: nginx:1.27-alpine
                            ports:
                              - "8080:80"
                            volumes:
                              - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
                          app:
                            image: ghcr.io/example/app:1.4.2
                        """,
                good = """
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
                            image: ghcr.io/example/app:1.4.2
                        """,
                alongside = @ExampleFile(name = "nginx/default.conf", content = """
                        server {
                            listen 80;
                            location / {
                                proxy_pass http://app:8000;
                            }
                        }
                        """)))
public final class ProxyBackendNotAwaited implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (NginxConfigs.Served served : NginxConfigs.all(context)) {
            Service nginx = served.ref().service();
            Map<Service, NginxConfig.Target> missing = new LinkedHashMap<>();
            for (NginxConfig.Pass pass : served.config().passes()) {
                for (NginxConfig.Target target : pass.targets()) {
                    Service backend = target.resolvedLater() ? null
                            : FastCgiPasses.answering(served.ref().compose(), target.host()).orElse(null);
                    if (backend != null && backend != nginx && backend.profiles().isEmpty()
                            && !ComposeServices.startsBefore(served.ref().compose(), nginx, backend)) {
                        missing.putIfAbsent(backend, target);
                    }
                }
            }
            missing.forEach((backend, target) -> context.finding(this, served.ref().nameLocation(),
                            "nginx in service " + nginx.name() + " passes requests to " + target.host() + " ("
                                    + target.where() + "), but " + nginx.name() + " has no depends_on on " + backend.name()
                                    + ": nginx resolves the name when it starts, so whenever it starts before "
                                    + backend.name() + "'s container (`docker compose up` starts both at once, `docker"
                                    + " compose up " + nginx.name() + "` does not start " + backend.name() + ") it stops"
                                    + " with `host not found in upstream \"" + target.host() + "\"`")
                    .recommendation("Start " + backend.name() + " first: `depends_on: [" + backend.name() + "]` in "
                            + nginx.name() + (backend.healthcheck() != null && !backend.healthcheck().disabled()
                                    ? ", or `depends_on: {" + backend.name() + ": {condition: service_healthy}}` to"
                                            + " wait for its healthcheck" : "") + ".")
                    .add());
        }
    }
}
