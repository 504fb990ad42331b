package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code fastcgi_pass HOST:PORT;} directives of the nginx services of the compose projects: nginx run by a
 * built image (its Dockerfile's copied configuration) or pulled as the nginx image, with the .conf files the
 * service bind-mounts under /etc/nginx ({@link NginxConfigs}), directly or through the servers of the
 * {@code upstream} block they name. Addresses with variables, Unix sockets and addresses without a port are left out.
 */
public final class FastCgiPasses {

    private FastCgiPasses() {}

    /** One directive: the nginx service, the address, and where the address is written. */
    public record Pass(ComposeProject compose, Service nginx, String host, int port, SourceFile file, int start,
            int end) {

        public Location location() {
            return new Location(file.path(), file.span(start, end));
        }

        public String where() {
            return file.path() + ":" + file.position(start).line();
        }

        public String address() {
            return file.text().substring(start, end);
        }

        /** Whether the host is a loopback address or localhost. */
        public boolean loopback() {
            return LoopbackHosts.isLoopback(host);
        }
    }

    /** Every directive of every compose project, found once per review. */
    public static List<Pass> of(ReviewContext context) {
        return context.memo("fastcgi-passes", FastCgiPasses.class, FastCgiPasses::collect);
    }

    /** The service of the pass's compose project that answers to its host: by name, container_name or alias. */
    public static Optional<Service> target(Pass pass) {
        return answering(pass.compose(), pass.host());
    }

    /** The service of a compose project that answers to a host name: by name, container_name or network alias. */
    public static Optional<Service> answering(ComposeProject compose, String host) {
        for (Service s : compose.services().values()) {
            boolean named = s.name().equals(host)
                    || s.containerName() != null && host.equals(s.containerName().value())
                    || s.networks().stream().flatMap(n -> n.aliases().stream()).anyMatch(a -> host.equals(a.value()));
            if (named) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the host may be found outside the compose project's services: a name with a dot (DNS), links or
     * extra_hosts of the nginx service, or an external network another project's containers join.
     */
    public static boolean resolvableElsewhere(Pass pass) {
        return resolvableElsewhere(pass.compose(), pass.nginx(), pass.host());
    }

    /**
     * Whether a host nginx in service {@code nginx} names may be found outside the compose project's services: a
     * name with a dot (DNS), links or extra_hosts of the service, or an external network.
     */
    public static boolean resolvableElsewhere(ComposeProject compose, Service nginx, String host) {
        boolean external = compose.networks().values().stream()
                .anyMatch(n -> n.external() != null && Boolean.TRUE.equals(n.external().value()));
        return host.contains(".") || host.contains(":") || external || nginx.raw("links") != null
                || nginx.raw("external_links") != null || nginx.raw("extra_hosts") != null
                || nginx.networkMode() != null;
    }

    /** The other services of the pass's compose project that run php-fpm, by name order. */
    public static List<Service> phpFpmServices(ReviewContext context, Pass pass) {
        List<Service> out = new ArrayList<>();
        for (Service s : pass.compose().services().values()) {
            if (s != pass.nginx() && (PhpFpm.fastCgiBehind(context, s, 9000).isPresent()
                    || PhpFpmPools.of(context, s, ComposeServices.container(context, s)).isPresent())) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Pass> collect(ReviewContext context) {
        List<Pass> out = new ArrayList<>();
        for (NginxConfigs.Served served : NginxConfigs.all(context)) {
            ComposeServices.Ref ref = served.ref();
            for (NginxConfig.Pass pass : served.config().passes()) {
                if (!pass.kind().equals("fastcgi_pass")) {
                    continue;
                }
                for (NginxConfig.Target t : pass.targets()) {
                    if (t.port() != null && !t.resolvedLater()) {
                        out.add(new Pass(ref.compose(), ref.service(), t.host(), t.port(), t.directive().file(),
                                t.address().start(), t.address().end()));
                    }
                }
            }
        }
        return List.copyOf(out.stream().distinct().toList());
    }
}
