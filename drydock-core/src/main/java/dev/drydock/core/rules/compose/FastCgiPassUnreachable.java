package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.FastCgiPasses;
import dev.drydock.core.rules.support.PhpFpmPools;
import java.util.List;

@RuleDefinition(
        id = "fastcgi-pass-unreachable",
        title = "nginx passes PHP requests to an address where no php-fpm listens",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The fastcgi_pass HOST:PORT directives of the nginx services of a compose project (the configuration"
                + " the image's Dockerfile copies under /etc/nginx, or the service bind-mounts there). Fires when the host"
                + " is 127.0.0.1 or localhost while php-fpm runs in another service and nginx does not share its network"
                + " (no network_mode); when the host names no service, container_name or network alias of the project"
                + " (unless it holds a dot, or links, extra_hosts or an external network may provide it); and when it"
                + " names a service running the php image's php-fpm whose pools listen on another port (9000 unless the"
                + " project's pool files change it). Variables, Unix sockets and upstream names are left alone.",
        problem = "Each compose service is a container with its own network: 127.0.0.1 in the nginx container is nginx"
                + " itself, and other containers are reached by service name on the port their server listens on.",
        impact = "Every PHP request fails with 502 Bad Gateway (connection refused, or host not found at start-up,"
                + " which stops nginx) while static files are served.",
        recommendation = "Pass to the php-fpm service by its compose name and php-fpm's port, e.g. fastcgi_pass"
                + " app:9000;.",
        references = {
                "https://nginx.org/en/docs/http/ngx_http_fastcgi_module.html#fastcgi_pass",
                "https://docs.docker.com/compose/how-tos/networking/"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(file = "nginx/default.conf",
                bad = """
                        server {
                            listen 80;
                            root /var/www/html;
                            location ~ \\.php$ {
                                include fastcgi_params;
                                fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
                                fastcgi_pass 127.0.0.1:9000;
                            }
                        }
                        """,
                good = """
                        server {
                            listen 80;
                            root /var/www/html;
                            location ~ \\.php$ {
                                include fastcgi_params;
                                fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
                                fastcgi_pass app:9000;
                            }
                        }
                        """,
                alongside = @ExampleFile(name = "compose.yaml", content = """
                        services:
                          web:
                            image: nginx:1.27-alpine
                            ports:
                              - "8080:80"
                            volumes:
                              - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
                          app:
                            image: php:8.3-fpm-alpine
                        """)))
public final class FastCgiPassUnreachable implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (FastCgiPasses.Pass pass : FastCgiPasses.of(context)) {
            if (pass.loopback()) {
                loopback(context, pass);
                continue;
            }
            Service target = FastCgiPasses.target(pass).orElse(null);
            if (target == null) {
                unknownHost(context, pass);
            } else if (target != pass.nginx()) {
                otherPort(context, pass, target);
            }
        }
    }

    private void loopback(ReviewContext context, FastCgiPasses.Pass pass) {
        List<Service> php = FastCgiPasses.phpFpmServices(context, pass);
        if (php.isEmpty() || pass.nginx().networkMode() != null) {
            return;
        }
        report(context, pass, "nginx in service " + pass.nginx().name() + " passes PHP requests to " + pass.address()
                + ", its own container, but php-fpm runs in service " + names(php) + ", another container", php);
    }

    private void unknownHost(ReviewContext context, FastCgiPasses.Pass pass) {
        if (FastCgiPasses.resolvableElsewhere(pass)) {
            return;
        }
        List<Service> php = FastCgiPasses.phpFpmServices(context, pass);
        report(context, pass, "nginx in service " + pass.nginx().name() + " passes PHP requests to " + pass.address()
                + ", but no service of the compose project is named " + pass.host()
                + (php.isEmpty() ? "" : " (php-fpm runs in " + names(php) + ")")
                + ": nginx cannot resolve it and does not start", php);
    }

    private void otherPort(ReviewContext context, FastCgiPasses.Pass pass, Service target) {
        PhpFpmPools pools = PhpFpmPools.of(context, target, ComposeServices.container(context, target)).orElse(null);
        if (pools == null || pools.onPort(pass.port()).isPresent() || pools.localOnly(pass.port()).isPresent()) {
            return;
        }
        List<PhpFpmPools.Pool> tcp = pools.pools().stream().filter(p -> p.port() > 0 && !p.loopback()).toList();
        if (tcp.isEmpty()) {
            return;
        }
        PhpFpmPools.Pool pool = tcp.get(0);
        String message = "nginx in service " + pass.nginx().name() + " passes PHP requests to " + pass.address()
                + ", but php-fpm in " + target.name() + " listens on port " + pool.port() + " (pool [" + pool.name()
                + "], " + pool.listen().where() + "): the connection is refused and nginx answers 502 Bad Gateway";
        String address = target.name() + ":" + pool.port();
        context.finding(this, pass.location(), message)
                .recommendation("Pass to the port php-fpm listens on: fastcgi_pass " + address + ";.")
                .fix(tcp.size() == 1 ? fix(pass, address) : null)
                .add();
    }

    private void report(ReviewContext context, FastCgiPasses.Pass pass, String message, List<Service> php) {
        String address = php.size() == 1 ? php.get(0).name() + ":" + port(context, php.get(0), pass.port()) : null;
        context.finding(this, pass.location(), message)
                .recommendation(address != null
                        ? "Pass to the php-fpm service by its compose name: fastcgi_pass " + address + ";."
                        : "Pass to the php-fpm service by its compose name and php-fpm's port (fastcgi_pass app:9000;).")
                .fix(address == null ? null : fix(pass, address))
                .add();
    }

    /** The port the service's php-fpm takes connections from other containers on: its pools' own, else the pass's. */
    private static int port(ReviewContext context, Service php, int written) {
        PhpFpmPools pools = PhpFpmPools.of(context, php, ComposeServices.container(context, php)).orElse(null);
        if (pools == null || pools.onPort(written).isPresent()) {
            return written;
        }
        List<PhpFpmPools.Pool> tcp = pools.pools().stream().filter(p -> p.port() > 0 && !p.loopback()).toList();
        return tcp.size() == 1 ? tcp.get(0).port() : written;
    }

    private static Fix fix(FastCgiPasses.Pass pass, String address) {
        return Fix.of("pass to " + address, FixSafety.UNSAFE,
                TextEdit.replace(pass.file().path(), pass.start(), pass.end(), address));
    }

    private static String names(List<Service> services) {
        return String.join(", ", services.stream().map(Service::name).toList());
    }
}
