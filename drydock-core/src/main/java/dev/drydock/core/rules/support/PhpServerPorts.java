package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a PHP application server whose port is not an option of its command listens:
 * <ul>
 * <li>RoadRunner's {@code rr serve}: the port of its configuration's {@code http.address} ({@link RoadRunnerConfig});</li>
 * <li>FrankenPHP's {@code php-server} without {@code --listen}: :80, :443 with {@code --domain};</li>
 * <li>FrankenPHP's {@code run} on the image's own Caddyfile (dunglas/frankenphp: /etc/frankenphp/Caddyfile, also the
 * image's default command), whose site address is {@code {$SERVER_NAME:localhost}}: a name without a port (the
 * default localhost) is served over HTTPS on 443 with HTTP on 80 redirecting to it; {@code :8080} or
 * {@code http://...} over plain HTTP on that port (80 without one).</li>
 * </ul>
 * Found once per review and container.
 *
 * @param ports the ports it listens on, the one it serves the application on first
 * @param plainHttp whether the first port answers plain HTTP requests (not a redirect to HTTPS)
 * @param server the server, for messages
 * @param because where the port comes from, for messages
 */
public record PhpServerPorts(List<Integer> ports, boolean plainHttp, String server, String because) {

    private static final Set<String> IMAGE_CADDYFILES = Set.of("/etc/frankenphp/Caddyfile", "/etc/caddy/Caddyfile");
    private static final Pattern ADDRESS = Pattern.compile("(?:(https?)://)?([^:/\\s]*)(?::(\\d{1,5}))?/?");

    public static Optional<PhpServerPorts> of(ReviewContext context, Container c) {
        return context.memo("php-server-ports", c, () -> read(context, c));
    }

    private static Optional<PhpServerPorts> read(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep != null && ep.runtime() == Runtime.ROADRUNNER) {
            return RoadRunnerConfig.of(context, c).flatMap(rr -> {
                Integer port = RoadRunnerConfig.port(rr.httpAddress());
                return port == null ? Optional.empty() : Optional.of(new PhpServerPorts(List.of(port), true,
                        "RoadRunner", "http.address " + rr.httpAddress() + " in " + rr.file().path() + ":"
                                + rr.line("http", "address")));
            });
        }
        if (ep != null && ep.runtime() == Runtime.FRANKENPHP) {
            String command = ep.option("command");
            if ("php-server".equals(command)) {
                return ep.option("listen") != null ? Optional.empty() : ep.option("domain") == null
                        ? Optional.of(new PhpServerPorts(List.of(80), true, "FrankenPHP",
                                "php-server's default address :80, as the command gives no --listen"))
                        : Optional.of(new PhpServerPorts(List.of(443, 80), false, "FrankenPHP",
                                "php-server serves --domain over HTTPS on 443"));
            }
            String config = ep.option("config"); // without one, run reads a Caddyfile in the working directory
            boolean imageCaddyfile = config != null && IMAGE_CADDYFILES.contains(config);
            return "run".equals(command) && imageCaddyfile && frankenPhpImage(c) ? serverName(c, ep.environment())
                    : Optional.empty();
        }
        boolean imageCommand = c.command() == null || c.command().argv().isEmpty()
                || c.command().argv().get(0).equals("--config") && IMAGE_CADDYFILES.contains(
                        c.command().argv().size() > 1 ? c.command().argv().get(1) : "");
        return imageCommand && (ep == null || ep.runtime() != Runtime.FRANKENPHP) && frankenPhpImage(c)
                ? serverName(c, environment(c)) : Optional.empty();
    }

    /** The port of Caddy's admin API, which FrankenPHP keeps on (localhost only) unless told otherwise. */
    private static final int CADDY_ADMIN_PORT = 2019;
    private static final Pattern ADMIN_PORT = Pattern.compile(":(\\d{1,5})$");

    /**
     * Whether a probe from inside the container asks FrankenPHP's Caddy admin API: it listens on localhost:2019 (or
     * the address CADDY_ADMIN gives) beside the sites, and serves /metrics, /config/ and the like there. Not when
     * CADDY_GLOBAL_OPTIONS holds an admin directive, which may turn it off or move it.
     */
    public static boolean probesCaddyAdmin(ReviewContext context, Container c, Probes.Url url) {
        EntryPoint ep = c.entryPoint();
        boolean frankenPhp = ep != null && ep.runtime() == Runtime.FRANKENPHP || of(context, c).isPresent();
        if (!frankenPhp || !url.local()) {
            return false;
        }
        Integer port = url.port(c);
        return port != null && adminListensOn(ep != null ? ep.environment() : environment(c), port);
    }

    private static boolean adminListensOn(Map<String, String> env, int port) {
        if (env.getOrDefault("CADDY_GLOBAL_OPTIONS", "").contains("admin")) {
            return false;
        }
        String admin = env.get("CADDY_ADMIN");
        if (admin == null || admin.isBlank()) {
            return port == CADDY_ADMIN_PORT;
        }
        Matcher m = ADMIN_PORT.matcher(admin.strip());
        return m.find() && Integer.parseInt(m.group(1)) == port;
    }

    /**
     * Whether the container inherits the HEALTHCHECK of dunglas/frankenphp ({@code curl -f
     * http://localhost:2019/metrics}, in the image's Dockerfile since FrankenPHP 1.0) and that check asks a FrankenPHP
     * the container runs: the image's own command, a frankenphp command, or a start script that execs one, with Caddy's
     * admin API left on localhost:2019.
     */
    public static boolean inheritsImageHealthcheck(ReviewContext context, Container c) {
        if (c.build() == null || c.build().stage() == null
                || !(Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External e)
                || !BaseImageFacts.frankenPhp(e.reference())) {
            return false;
        }
        EntryPoint started = AppFacts.startScript(context, c).map(AppFacts.StartScript::started).orElse(c.entryPoint());
        boolean runs = of(context, c).isPresent() || started != null && started.runtime() == Runtime.FRANKENPHP;
        return runs && adminListensOn(started != null && started.runtime() == Runtime.FRANKENPHP ? started.environment()
                : environment(c), CADDY_ADMIN_PORT);
    }

    /** Whether the container is built on dunglas/frankenphp and keeps its Caddyfile (no stage of the image replaces it). */
    private static boolean frankenPhpImage(Container c) {
        if (c.build() == null || c.build().stage() == null
                || !(Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External e)
                || e.reference() == null || !"dunglas/frankenphp".equals(e.reference().familiarName())) {
            return false;
        }
        boolean copied = Stages.inImage(c.build().model(), c.build().stage()).stream()
                .flatMap(stage -> stage.copies().stream()).map(CopyCommand::containerPath)
                .anyMatch(p -> p != null && (IMAGE_CADDYFILES.contains(p) || p.equals("/etc/frankenphp/")
                        || p.equals("/etc/caddy/")));
        boolean mounted = c.service() != null && c.service().volumes().stream().map(Service.Volume::target)
                .anyMatch(t -> t != null && (IMAGE_CADDYFILES.contains(t) || t.startsWith("/etc/frankenphp")
                        || t.startsWith("/etc/caddy")));
        return !copied && !mounted;
    }

    /** The ports of the image's site address, {@code {$SERVER_NAME:localhost}}; empty when a variable is left in it. */
    private static Optional<PhpServerPorts> serverName(Container c, Map<String, String> env) {
        String value = env.get("SERVER_NAME");
        String names = value == null || value.isBlank() ? "localhost" : value.strip();
        if (names.contains("$") || names.contains("{")) {
            return Optional.empty();
        }
        List<Integer> ports = new ArrayList<>();
        Boolean plain = null;
        for (String address : names.split("[,\\s]+")) {
            Matcher m = ADDRESS.matcher(address);
            if (address.isEmpty()) {
                continue;
            }
            if (!m.matches()) {
                return Optional.empty();
            }
            boolean http = "http".equals(m.group(1)) || m.group(1) == null && (m.group(2).isEmpty()
                    || "80".equals(m.group(3)));
            int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : http ? 80 : 443;
            plain = plain == null ? http : plain;
            add(ports, port);
            if (!http && m.group(3) == null) {
                add(ports, 80); // Caddy's automatic HTTPS redirects HTTP on 80 to it
            }
        }
        if (ports.isEmpty()) {
            return Optional.empty();
        }
        String because = value == null || value.isBlank()
                ? "the FrankenPHP image's Caddyfile serves SERVER_NAME, localhost by default, over HTTPS"
                : "SERVER_NAME=" + value.strip() + ", the site address of the FrankenPHP image's Caddyfile";
        return Optional.of(new PhpServerPorts(List.copyOf(ports), plain, "FrankenPHP", because));
    }

    private static void add(List<Integer> ports, int port) {
        if (!ports.contains(port)) {
            ports.add(port);
        }
    }

    /** The variables the image and the compose service set, when no command of the container says them. */
    private static Map<String, String> environment(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        c.build().stage().variables().of(Variables.Kind.ENV).forEach((k, v) -> env.put(k, v == null ? "" : v));
        if (c.service() != null) {
            for (Service.EnvVar var : c.service().environment()) {
                if (var.value() != null) {
                    env.put(var.name(), var.value().value());
                }
            }
        }
        return env;
    }
}
