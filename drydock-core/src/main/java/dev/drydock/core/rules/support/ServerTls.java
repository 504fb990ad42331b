package dev.drydock.core.rules.support;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.nginx.NginxDirective;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.ReviewContext;
import java.util.List;
import java.util.Optional;

/**
 * Whether the container's server speaks TLS on a port, where drydock can be sure: nginx by the {@code ssl} flag of
 * its listen directives, and the Python application servers its command starts by their certificate options
 * (gunicorn's --certfile or --keyfile, uvicorn's --ssl-keyfile or --ssl-certfile, hypercorn's --certfile with
 * --keyfile, granian's --ssl-keyfile with --ssl-certificate; waitress has no TLS), and the servers whose configuration
 * or code sets their ports ({@link #configured}): the development servers app.run starts (Werkzeug's by its
 * ssl_context, Quart's by certfile with keyfile), Spring Boot's embedded server (TLS once a server.ssl property is set, unless
 * server.ssl.enabled is false), Quarkus (plain HTTP on quarkus.http.port, TLS on quarkus.http.ssl-port when a
 * certificate is configured) and ASP.NET Core's Kestrel (the scheme of each URL of the environment, the appsettings
 * endpoints and the code, ASPNETCORE_HTTPS_PORTS, UseHttps in the code's Listen calls). Unknown for
 * any other server, and where a configuration file may turn TLS on (gunicorn -c or a gunicorn.conf.py, hypercorn
 * --config, nginx's old {@code ssl on}, a Spring profile that may be active).
 *
 * @param tls whether the port accepts only TLS connections (false: only plain HTTP)
 * @param server the server, as messages name it
 * @param because why, in words: {@code listen 443 ssl in nginx.conf:3}, {@code no --certfile or --keyfile}
 */
public record ServerTls(boolean tls, String server, String because) {

    /** {@code gunicorn serves plain HTTP on port 8000 (no --certfile or --keyfile)}. */
    public String describe(int port) {
        return describe(port, "");
    }

    /** The same with where the server runs after its name: {@code gunicorn in api/Dockerfile's image serves ...}. */
    public String describe(int port, String where) {
        return server + where + (tls ? " takes only TLS on port " : " serves plain HTTP on port ") + port + " (" + because + ")";
    }

    /** What a probe of the other scheme gets. */
    public String outcome() {
        if (!tls) {
            return "the TLS handshake fails (curl -k and wget --no-check-certificate skip checking the certificate,"
                    + " not the handshake)";
        }
        if (nginx()) {
            return "nginx answers a plain HTTP request there with 400 (The plain HTTP request was sent to HTTPS port)";
        }
        return springBoot() ? "Tomcat, its default embedded server, answers a plain HTTP request there with 400 (This"
                + " combination of host and port requires TLS), and Jetty, Undertow or Reactor Netty close the connection"
                : "it closes a plain HTTP connection at the failed handshake";
    }

    public boolean nginx() {
        return server.equals("nginx");
    }

    /** Whether the server answers a plain HTTP request on its TLS port with an error status (nginx, Tomcat). */
    public boolean answersPlainRequest() {
        return nginx() || springBoot();
    }

    /**
     * Whether a probe of {@code url} that this server refuses still passes: http:// to a TLS port whose error status
     * a curl without --fail counts as success.
     */
    public boolean probeStillPasses(Container c, EffectiveHealthcheck hc, Probes.Url url) {
        return !url.https() && answersPlainRequest() && CurlProbes.passesOnHttpErrors(c, hc);
    }

    private boolean springBoot() {
        return server.startsWith("Spring Boot");
    }

    /** The container's server when it is certain not to speak the scheme of the local URL a probe requests. */
    public static Optional<ServerTls> refusing(ReviewContext context, Container c, Probes.Url url) {
        Integer port = url.port(c);
        return port == null ? Optional.empty() : on(context, c, port).filter(s -> s.tls() != url.https());
    }

    /** What the server speaks on {@code port}, when that is certain. */
    public static Optional<ServerTls> on(ReviewContext context, Container c, int port) {
        Optional<NginxConfig> nginx = NginxConfigs.listening(context, c);
        if (nginx.isPresent()) {
            return nginx(nginx.get(), port);
        }
        if (HttpdPorts.of(context, c).isPresent() || !Processes.supervised(c).isEmpty()) {
            return Optional.empty();
        }
        EntryPoint ep = c.entryPoint();
        if (ep == null || ListeningPorts.otherServerBeside(ep)) {
            return Optional.empty();
        }
        List<Integer> commandPorts = AppFacts.commandPorts(context, c, ep);
        if (commandPorts.isEmpty()) {
            return configured(context, c, port);
        }
        return commandPorts.contains(port) ? command(context, c, ep) : Optional.empty();
    }

    /**
     * What the application's server speaks on the port when its configuration tells where it listens
     * ({@link CodePorts}): Spring Boot's server.ssl settings, Quarkus' HTTP and HTTPS ports, the schemes of
     * Kestrel's URLs and its ASPNETCORE_HTTPS_PORTS.
     */
    private static Optional<ServerTls> configured(ReviewContext context, Container c, int port) {
        ListeningPorts listener = ListeningPorts.of(context, c).orElse(null);
        if (listener == null || listener.code() == null) {
            return Optional.empty();
        }
        List<CodePorts.CodePort> on = CodePorts.of(context.project(), c, Apps.of(context, c)).stream().filter(p -> p.port() == port)
                .toList();
        if (on.isEmpty() || on.stream().anyMatch(p -> p.tls() == null)
                || on.stream().map(p -> p.tls().on()).distinct().count() > 1) {
            return Optional.empty();
        }
        CodePorts.CodePort first = on.get(0);
        String server = first.call().server();
        int paren = server.indexOf(" (");
        return Optional.of(new ServerTls(first.tls().on(), paren > 0 ? server.substring(0, paren) : server,
                first.tls().because()));
    }

    /**
     * Whether variables of a container the image does not show (a Kubernetes manifest's env) may turn the server's TLS
     * on or off: gunicorn's GUNICORN_CMD_ARGS, uvicorn's UVICORN_SSL_ and granian's GRANIAN_SSL_ settings.
     */
    public static boolean settableBy(java.util.Collection<String> variables) {
        return variables.stream().map(v -> v.toUpperCase(java.util.Locale.ROOT)).anyMatch(v ->
                v.equals("GUNICORN_CMD_ARGS") || v.startsWith("UVICORN_SSL") || v.startsWith("GRANIAN_SSL")
                        || TLS_VARIABLES.stream().anyMatch(v::startsWith) || v.contains("KESTREL__"));
    }

    /**
     * Variables that turn TLS on or off or move the TLS port of Spring Boot, Quarkus and ASP.NET Core, or that bring
     * configuration drydock does not read.
     */
    private static final List<String> TLS_VARIABLES = List.of("SERVER_SSL_", "SPRING_APPLICATION_JSON", "SPRING_CONFIG_",
            "SPRING_PROFILES_", "QUARKUS_HTTP_SSL", "QUARKUS_TLS_", "QUARKUS_HTTP_INSECURE_REQUESTS", "QUARKUS_PROFILE",
            "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS");

    /** Plain or TLS by the listen directives of the port; unknown when they disagree or {@code ssl on} may apply. */
    private static Optional<ServerTls> nginx(NginxConfig config, int port) {
        List<NginxConfig.Listen> listens = config.servers().stream().flatMap(s -> s.listens().stream())
                .filter(l -> l.port() != null && l.port() == port).toList();
        boolean sslDirective = config.find("ssl").isPresent() || config.servers().stream()
                .anyMatch(s -> s.node().block() != null && s.node().block().stream().map(NginxDirective::name)
                        .anyMatch("ssl"::equals));
        if (listens.isEmpty() || sslDirective) {
            return Optional.empty();
        }
        boolean tls = listens.get(0).ssl();
        if (listens.stream().anyMatch(l -> l.ssl() != tls)) {
            return Optional.empty();
        }
        NginxConfig.Listen first = listens.get(0);
        String where = first.stock() ? "the image's default server" : first.file() + ":" + first.line();
        return Optional.of(new ServerTls(tls, "nginx", (tls ? "listen " + port + " ssl" : "listen " + port
                + " without ssl") + " in " + where));
    }

    private static Optional<ServerTls> command(ReviewContext context, Container c, EntryPoint ep) {
        String name = AppFacts.serverName(ep);
        return switch (ep.runtime()) {
            case GUNICORN -> gunicorn(GunicornSettings.of(context, c, ep), name);
            case UVICORN -> Optional.of(either(ep, name, "ssl-keyfile", "ssl-certfile"));
            case HYPERCORN -> ep.option("config") != null || ep.option("insecure-bind") != null ? Optional.empty()
                    : both(ep, name, "certfile", "keyfile");
            case GRANIAN -> ep.environment().keySet().stream().anyMatch(k -> k.startsWith("GRANIAN_SSL"))
                    ? Optional.empty() : both(ep, name, "ssl-keyfile", "ssl-certificate");
            case WAITRESS -> Optional.of(new ServerTls(false, name, "waitress serves no TLS"));
            default -> Optional.empty();
        };
    }

    /**
     * gunicorn serves TLS when certfile or keyfile is set, wherever gunicorn reads it from; empty when a
     * configuration file drydock cannot read may set them, or computes them.
     */
    private static Optional<ServerTls> gunicorn(GunicornSettings settings, String name) {
        Optional<GunicornSettings.Value> certfile = settings.get("certfile");
        Optional<GunicornSettings.Value> keyfile = settings.get("keyfile");
        if (certfile.isEmpty() || keyfile.isEmpty() || certfile.get().computed() || keyfile.get().computed()) {
            return Optional.empty();
        }
        GunicornSettings.Value set = certfile.get().source() != GunicornSettings.Source.DEFAULT ? certfile.get()
                : keyfile.get().source() != GunicornSettings.Source.DEFAULT ? keyfile.get() : null;
        return Optional.of(set == null ? new ServerTls(false, name, "no --certfile or --keyfile")
                : new ServerTls(true, name, set.source() == GunicornSettings.Source.COMMAND_LINE ? set.written()
                        : set.describe()));
    }

    /** TLS when either option is set (gunicorn, uvicorn). */
    private static ServerTls either(EntryPoint ep, String name, String one, String other) {
        String set = ep.option(one) != null ? one : ep.option(other) != null ? other : null;
        return set == null ? new ServerTls(false, name, "no --" + one + " or --" + other)
                : new ServerTls(true, name, "--" + set + " " + ep.option(set));
    }

    /** TLS when both options are set, plain when neither is (hypercorn, granian). */
    private static Optional<ServerTls> both(EntryPoint ep, String name, String one, String other) {
        boolean first = ep.option(one) != null;
        boolean second = ep.option(other) != null;
        if (first != second) {
            return Optional.empty();
        }
        return Optional.of(first ? new ServerTls(true, name, "--" + one + " and --" + other)
                : new ServerTls(false, name, "no --" + one + " or --" + other));
    }
}
