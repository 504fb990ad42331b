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
import dev.drydock.core.rules.support.PhpFpmPools;
import java.util.HashSet;
import java.util.Set;

@RuleDefinition(
        id = "php-fpm-listens-locally",
        title = "php-fpm accepts only local connections but nginx runs in another container",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The php-fpm pools of a compose service that runs the official php image's fpm variant (pulled, or"
                + " built on it), assembled as the image loads /usr/local/etc/php-fpm.d/*.conf: in name order, its"
                + " docker.conf, www.conf and zz-docker.conf (which sets listen = 9000 for [www]) merged with the pool"
                + " files the Dockerfile copies there or the service bind-mounts (one file, or the folder, which hides the"
                + " image's files), later settings winning. Fires on the project's listen line when nginx in another"
                + " service passes PHP requests to the service over TCP (fastcgi_pass app:9000, read from the nginx"
                + " configuration its Dockerfile copies or the service bind-mounts) and the effective address is loopback"
                + " (127.0.0.1:9000) or a Unix socket with no pool on the port; and on listen.allowed_clients when it"
                + " admits only loopback addresses. Quiet for a www.conf that zz-docker.conf overrides, with"
                + " network_mode: service: (one network namespace), an own php-fpm.conf, or a RUN that edits the pool"
                + " files.",
        problem = "A pool listening on 127.0.0.1 or on a Unix socket takes connections from its own container only, and"
                + " listen.allowed_clients = 127.0.0.1 closes every other client's connection; nginx in another"
                + " container reaches php-fpm over the compose network, from another address.",
        impact = "Every PHP request fails with 502 Bad Gateway (connection refused, or closed by php-fpm) while static"
                + " files are served and both containers look healthy.",
        recommendation = "Make the pool listen on the port for all addresses (listen = 9000) and drop"
                + " listen.allowed_clients, or leave both to the php image, whose zz-docker.conf sets listen = 9000.",
        references = {
                "https://www.php.net/manual/en/install.fpm.configuration.php",
                "https://github.com/docker-library/php/blob/master/Dockerfile-linux.template",
                "https://nginx.org/en/docs/http/ngx_http_fastcgi_module.html#fastcgi_pass"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(file = "php/zzz-app.conf",
                bad = """
                        [www]
                        listen = 127.0.0.1:9000
                        pm.max_children = 20
                        """,
                good = """
                        [www]
                        listen = 9000
                        pm.max_children = 20
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
                          app:
                            image: php:8.3-fpm-alpine
                            volumes:
                              - ./php/zzz-app.conf:/usr/local/etc/php-fpm.d/zzz-app.conf:ro
                        """),
                        @ExampleFile(name = "nginx/default.conf", content = """
                        server {
                            listen 80;
                            root /var/www/html;
                            location ~ \\.php$ {
                                include fastcgi_params;
                                fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
                                fastcgi_pass app:9000;
                            }
                        }
                        """)}))
public final class PhpFpmListensLocally implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<Location> seen = new HashSet<>();
        for (FastCgiPasses.Pass pass : FastCgiPasses.of(context)) {
            Service app = pass.loopback() ? null : FastCgiPasses.target(pass).orElse(null);
            if (app == null || app == pass.nginx() || pass.nginx().networkMode() != null) {
                continue;
            }
            PhpFpmPools pools = PhpFpmPools.of(context, app, ComposeServices.container(context, app)).orElse(null);
            if (pools == null) {
                continue;
            }
            String client = "nginx in service " + pass.nginx().name() + " passes PHP requests to " + pass.address()
                    + " (" + pass.where() + ") from another container";
            PhpFpmPools.Pool local = pools.localOnly(pass.port()).orElse(null);
            if (local != null && seen.add(local.listen().location())) {
                listen(context, pass, app, local, client);
                continue;
            }
            PhpFpmPools.Pool pool = pools.onPort(pass.port()).orElse(null);
            if (local == null && pool != null && pool.loopbackClientsOnly()
                    && seen.add(pool.allowedClients().location())) {
                context.finding(this, pool.allowedClients().location(), "pool [" + pool.name() + "] of " + app.name()
                                + " admits only " + pool.allowedClients().text() + " (listen.allowed_clients), but "
                                + client + ": php-fpm closes its connections and nginx answers 502 Bad Gateway")
                        .recommendation("Remove listen.allowed_clients from " + pool.allowedClients().file().path()
                                + ": the compose network already limits who reaches port " + pass.port() + ".")
                        .add();
            }
        }
    }

    private void listen(ReviewContext context, FastCgiPasses.Pass pass, Service app, PhpFpmPools.Pool local,
            String client) {
        PhpFpmPools.Value listen = local.listen();
        String why = local.socket() ? "a Unix socket, which other containers cannot reach"
                : "a loopback address, which takes connections from its own container only";
        String wins = local.name().equals("www") && listen.afterImage()
                ? " (the file loads after the php image's zz-docker.conf, so its address wins)" : "";
        context.finding(this, listen.location(), "pool [" + local.name() + "] of " + app.name() + " listens on "
                        + listen.text() + ", " + why + wins + ", but " + client + ": the connection is refused and"
                        + " nginx answers 502 Bad Gateway")
                .recommendation("Listen on the port for all addresses: listen = " + pass.port() + " in "
                        + listen.file().path() + (local.loopbackClientsOnly() ? ", and remove its listen.allowed_clients = "
                        + local.allowedClients().text() + ", which would still turn nginx away" : "") + ".")
                .fix(Fix.of("listen on port " + pass.port() + " for all addresses", FixSafety.UNSAFE,
                        TextEdit.replace(listen.file().path(), listen.start(), listen.end(),
                                String.valueOf(pass.port()))))
                .add();
    }
}
