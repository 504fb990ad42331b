package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A server that listens on a port below 1024 ({@link ListeningPorts}) in a container that does not run it as root:
 * where the port is, what the server is, and how it moves to an unprivileged port. The kernel lets only root or a
 * process with CAP_NET_BIND_SERVICE bind such a port unless net.ipv4.ip_unprivileged_port_start is lowered in the
 * network namespace, which Docker 20.10 and later do for each namespace they create (and containerd 2.0's CRI for
 * pods), and Podman, CRI-O, containerd 1.x, older Docker and host networking do not.
 *
 * @param port the first port below 1024 the server listens on
 * @param listening where the server listens and why
 * @param fileCapability whether a RUN gives a program the capability with setcap, which works unless the container
 *     runs under no-new-privileges: the kernel then ignores file capabilities when it starts a program
 */
public record PrivilegedPortBind(int port, ListeningPorts listening, boolean fileCapability) {

    /** The sysctl that decides the first port a process without CAP_NET_BIND_SERVICE may bind. */
    public static final String SYSCTL = "net.ipv4.ip_unprivileged_port_start";

    /** The server's port below 1024, when it has one and nothing in the image gives its binary the capability. */
    public static Optional<PrivilegedPortBind> of(ReviewContext context, Container c) {
        return withFileCapability(context, c).filter(b -> !b.fileCapability());
    }

    /** The server's port below 1024, when it has one, whether or not a setcap in the image gives the capability. */
    public static Optional<PrivilegedPortBind> withFileCapability(ReviewContext context, Container c) {
        if (c.build() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        return ListeningPorts.of(context, c).flatMap(l -> l.ports().stream().filter(p -> p > 0 && p < 1024)
                .findFirst().map(p -> new PrivilegedPortBind(p, l, bindCapabilityGiven(c, l))));
    }

    /**
     * The bind in a Kubernetes container whose env gives the variable the image's server reads its port from a number
     * ({@link KubernetesRuns#portSetBy}): that port when it is below 1024, none when it is not; {@code image}, the
     * bind the image has by itself (or null), when the env does not set the variable.
     */
    public static Optional<PrivilegedPortBind> inKubernetes(ReviewContext context, Container c, KubernetesRuns run,
            PrivilegedPortBind image) {
        ListeningPorts l = c.build() == null || c.build().stage() == null ? null : ListeningPorts.of(context, c).orElse(null);
        String setting = l == null || l.ports().size() != 1 ? null : l.setting(0);
        String variable = setting == null ? null : setting.substring(0, setting.indexOf('='));
        Integer moved = run.portSetBy(variable).orElse(null);
        if (moved == null) {
            return Optional.ofNullable(image);
        }
        // a literal port of a configuration file the variable overrides (Spring Boot's SERVER_PORT over server.port=8081)
        String over = l.code() != null && l.code().call().portVariable() == null && l.code().call().file() != null
                ? ", over the " + l.ports().get(0) + " that file sets" : "";
        return moved >= 1024 ? Optional.empty() : Optional.of(new PrivilegedPortBind(moved, new ListeningPorts(
                List.of(moved), l.server(), l.code(), variable + "=" + moved + " in the container's env" + over,
                l.portVariable()),
                bindCapabilityGiven(c, l)));
    }

    /**
     * The non-root user the image runs its server as when nothing else sets one: its USER (or compose user:) when
     * that is not root, else the user a base image known to start as non-root ends with; empty for root.
     */
    public static Optional<String> nonRootUser(Container c) {
        Container.Setting user = c.user();
        if (user != null) {
            if (user.value() == null || user.value().isBlank()) {
                return DotnetImages.appUser(c, user); // USER $APP_UID, a variable of the .NET image
            }
            return UserIds.isRoot(user.value()) ? Optional.empty() : Optional.of(user.value());
        }
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        return BaseImageFacts.defaultsToNonRoot(base) && base instanceof BaseImage.External e && e.reference() != null
                ? Optional.of("that " + e.reference().familiarString() + " starts as") : Optional.empty();
    }

    /** Whether the compose service sets the sysctl low enough itself ({@code sysctls:}). */
    public boolean loweredBy(Service service) {
        var value = service.sysctls().get(SYSCTL);
        return value != null && value.value() != null && value.value().strip().matches("\\d{1,5}")
                && Integer.parseInt(value.value().strip()) <= lowest();
    }

    /** The lowest port below 1024 the server listens on: the value the sysctl needs. */
    public int lowest() {
        return listening.ports().stream().filter(p -> p > 0 && p < 1024).min(Integer::compare).orElse(port);
    }

    /** An unprivileged port for the server: 8080 for 80, 8443 for 443, else 8000 above it. */
    public int replacement() {
        return port == 80 ? 8080 : port == 443 ? 8443 : port + 8000;
    }

    /** The server and why it listens there: {@code nginx (listen 80 in nginx/default.conf:2)}. */
    public String server() {
        return listening.server() + listening.why();
    }

    /** How to move the server to {@link #replacement()}, as a sentence without its final period. */
    public String move(ReviewContext context, Container c) {
        int to = replacement();
        if (listening.server().equals("nginx")) {
            return NginxConfigs.listening(context, c).flatMap(n -> n.listens().stream()
                            .filter(l -> l.port() != null && l.port() == port).findFirst())
                    .map(l -> l.stock() ? "Copy a server configuration that listens on " + to + " over"
                            + " /etc/nginx/conf.d/default.conf (the image's own listens on " + port + "), or build FROM"
                            + " nginxinc/nginx-unprivileged, whose default server listens on 8080"
                            : "Write `listen " + to + "` in " + l.file() + ":" + l.line())
                    .orElse("Make nginx listen on " + to);
        }
        if (listening.server().equals(ListeningPorts.APACHE)) {
            return HttpdPorts.of(context, c).map(h -> h.move(to)).orElse("Make Apache listen on " + to);
        }
        if (Set.of(ProxyPorts.CADDY, ProxyPorts.HAPROXY, ProxyPorts.TRAEFIK).contains(listening.server())) {
            return ProxyPorts.of(context, c).map(p -> p.move(port, to))
                    .orElse("Make " + listening.server() + " listen on " + to);
        }
        if (listening.server().equals("FrankenPHP")) {
            return "Set ENV SERVER_NAME=:" + to + " so that FrankenPHP serves plain HTTP on " + to
                    + " (behind a proxy or load balancer that terminates HTTPS)";
        }
        String setting = listening.setting(to);
        if (setting != null) {
            return "Set " + setting + " in the container's environment";
        }
        if (listening.code() != null && listening.code().call().file() != null) {
            return "Make `" + listening.code().call().call() + "` (" + listening.code().call().file() + ":"
                    + listening.code().call().line() + ") listen on " + to;
        }
        return "Make " + listening.server() + " listen on " + to + (listening.because() == null
                ? " where its command sets port " + port : "");
    }

    /** The other places that name the port and must follow it: EXPOSE lines and compose ports, or nothing. */
    public String follow(Container c) {
        List<String> places = new ArrayList<>();
        for (Stage stage : Stages.inImage(c.build().model(), c.build().stage())) {
            for (Setting<String> e : stage.config().exposedPorts()) {
                String value = e.value().replaceAll("/(tcp|udp|sctp)$", "");
                if (value.equals(String.valueOf(port)) && e.instruction() != null) {
                    String where = "EXPOSE " + port + " (" + e.instruction().file().path() + " line "
                            + e.instruction().span().startLine() + ") to EXPOSE " + to();
                    if (!places.contains(where)) {
                        places.add(where);
                    }
                }
            }
        }
        if (c.service() != null) {
            for (Service.Port p : c.service().ports()) {
                if (p.targetStart() == port && p.targetEnd() == port) {
                    String published = p.published() == null ? "" : p.published() + ":";
                    places.add("the port \"" + published + port + "\" (" + ComposeServices.where(p.node()) + ") to \""
                            + published + to() + "\"");
                }
            }
        }
        return places.isEmpty() ? "; change any healthcheck that calls port " + port + " to match"
                : "; change " + AppFacts.and(places) + ", with any healthcheck that calls port " + port;
    }

    private String to() {
        return String.valueOf(replacement());
    }

    /**
     * Whether a RUN of the image gives a program the capability with setcap (FrankenPHP's documented way), the
     * official caddy image, whose Dockerfile gives it to /usr/bin/caddy, runs Caddy, or dunglas/frankenphp, whose
     * Dockerfile gives it to /usr/local/bin/frankenphp, runs FrankenPHP.
     */
    private static boolean bindCapabilityGiven(Container c, ListeningPorts listening) {
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        if (base instanceof BaseImage.External e && e.reference() != null && e.reference().isOfficialImage()
                && e.reference().imageName().equals("caddy") && !e.reference().effectiveTagLowerCase().contains("builder")
                && ProxyPorts.command(c).filter(p -> p.program().equals("caddy")).isPresent()) {
            return true;
        }
        if (base instanceof BaseImage.External e && BaseImageFacts.frankenPhp(e.reference())
                && listening.server().equals("FrankenPHP")) {
            return true;
        }
        return Stages.inImage(c.build().model(), c.build().stage()).stream()
                .flatMap(s -> s.steps().stream())
                .map(s -> s.instruction().rawText().toLowerCase(Locale.ROOT))
                .anyMatch(t -> t.startsWith("run") && t.contains("setcap") && t.contains("cap_net_bind_service"));
    }
}
