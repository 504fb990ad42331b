package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Thruster;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.CodePorts.CodePort;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a container's server listens, when it can be told: the ports of the nginx configuration it copies
 * ({@link NginxConfigs#listening}), else the Listen ports of the Apache httpd it runs ({@link HttpdPorts}), else
 * those of the Caddy, HAProxy or Traefik it runs ({@link ProxyPorts}), else those of a PHP application server's configuration or environment
 * ({@link PhpServerPorts}), else the ports its command and the program's own settings set ({@link ProgramPorts}:
 * gunicorn's configuration file, GUNICORN_CMD_ARGS, UVICORN_PORT ...), else the port of `rails server`
 * ({@link RailsServerPorts}), else those the application's own server starts bind (code or configuration), else
 * the port of a listen address its environment gives it (ROCKET_ADDRESS=0.0.0.0 with ROCKET_PORT=80).
 *
 * @param code the first server start of the application when the ports come from it, else null
 * @param because why the server listens there when its start does not say so, or null
 * @param portVariable the environment variable that moves the server when no code start says one does
 *     (Thruster's HTTP_PORT), or null
 * @param option the command option that moves a pulled server image ({@code --port %d}, a format), or null
 */
public record ListeningPorts(List<Integer> ports, String server, CodePort code, String because, String portVariable,
        String option) {

    public ListeningPorts(List<Integer> ports, String server, CodePort code, String because, String portVariable) {
        this(ports, server, code, because, portVariable, null);
    }

    public ListeningPorts(List<Integer> ports, String server, CodePort code) {
        this(ports, server, code, code == null ? null : code.because());
    }

    public ListeningPorts(List<Integer> ports, String server, CodePort code, String because) {
        this(ports, server, code, because, null);
    }

    /** The server's name in messages when it is Apache httpd ({@link HttpdPorts}). */
    public static final String APACHE = "Apache httpd";

    /** The ports the container's server listens on, found once per container of a review. */
    public static Optional<ListeningPorts> of(ReviewContext context, Container c) {
        return context.memo("listening-ports", c, () -> find(context, c));
    }

    private static Optional<ListeningPorts> find(ReviewContext context, Container c) {
        Optional<NginxConfig> nginx = NginxConfigs.listening(context, c);
        if (nginx.isPresent()) {
            int port = nginx.get().ports().get(0);
            NginxConfig.Listen first = nginx.get().listens().stream()
                    .filter(l -> l.port() != null && l.port() == port).findFirst().orElseThrow();
            return Optional.of(new ListeningPorts(nginx.get().ports(), "nginx", null, first.stock()
                    ? "the image's own default server, /etc/nginx/conf.d/default.conf, listens on " + port
                    : "listen " + port + " in " + first.file() + ":" + first.line()));
        }
        Optional<HttpdPorts> httpd = HttpdPorts.of(context, c);
        if (httpd.isPresent()) {
            return Optional.of(new ListeningPorts(httpd.get().ports(), APACHE, null, httpd.get().because()));
        }
        Optional<ProxyPorts> proxy = ProxyPorts.of(context, c);
        if (proxy.isPresent()) {
            return Optional.of(new ListeningPorts(proxy.get().ports(), proxy.get().server(), null,
                    proxy.get().because()));
        }
        Optional<PhpFpmPools> fpm = PhpFpmPools.of(context, c.service(), c);
        Optional<List<Integer>> fpmPorts = fpm.flatMap(PhpFpmPools::tcpPorts);
        if (fpmPorts.isPresent()) {
            return Optional.of(new ListeningPorts(fpmPorts.get(), "php-fpm", null, fpm.get().because()));
        }
        EntryPoint ep = servingProgram(c);
        Optional<PhpServerPorts> php = PhpServerPorts.of(context, c);
        if (ep == null || php.isPresent()) {
            return php.map(p -> new ListeningPorts(p.ports(), p.server(), null, p.because()))
                    .or(() -> imageAppServer(context, c));
        }
        if (Thruster.fronts(ep)) {
            int http = Thruster.httpPort(ep.environment());
            int target = Thruster.targetPort(ep.environment());
            String variable = Thruster.httpPortVariable(ep.environment());
            return Optional.of(new ListeningPorts(http == target ? List.of(http) : List.of(http, target), Thruster.NAME,
                    null, "Thruster's HTTP port " + http + ", in front of " + AppFacts.serverName(ep) + " on its"
                            + " target port " + target, variable == null ? "HTTP_PORT" : variable));
        }
        ProgramPorts command = ProgramPorts.of(context, c, ep);
        if (!command.ports().isEmpty()) {
            return Optional.of(new ListeningPorts(command.ports(), AppFacts.serverName(ep), null, command.because(),
                    command.setting()));
        }
        if (command.settled()) {
            return Optional.empty(); // a configuration file computes the address, or a Unix socket: no port to compare
        }
        Optional<RailsServerPorts.Served> rails = RailsServerPorts.of(context, c, ep.environment());
        if (rails.isPresent()) {
            return Optional.of(new ListeningPorts(List.of(rails.get().port()), AppFacts.serverName(ep), null,
                    rails.get().because(), "PORT"));
        }
        if (ep.runtime() == Runtime.FLASK_RUN && !flaskPortInDotenv(context, c)) {
            return Optional.of(new ListeningPorts(List.of(FLASK_RUN_PORT), AppFacts.serverName(ep), null,
                    "flask run's default port, as neither --port nor FLASK_RUN_PORT sets one", "FLASK_RUN_PORT"));
        }
        EntryPoint script = AppFacts.nodeAppServer(context, c).orElse(null);
        Integer nodeApp = script == null ? null : AppFacts.nodeAppServerPort(script);
        if (nodeApp != null) {
            String set = script.environment().get("PORT");
            return Optional.of(new ListeningPorts(List.of(nodeApp), AppFacts.serverName(script), null, set == null
                    ? AppFacts.serverName(script) + " listens on " + nodeApp + " when PORT is unset"
                    : "PORT=" + set + " in its environment", "PORT"));
        }
        if (TaskWorkers.flower(ep)) {
            return Optional.of(new ListeningPorts(List.of(TaskWorkers.FLOWER_PORT), "celery flower", null,
                    "Flower's default port, as its command sets no --port"));
        }
        List<CodePort> code = CodePorts.of(context.project(), c, Apps.of(context, c));
        if (code.isEmpty()) {
            Optional<ListeningPorts> phoenix = PhoenixPorts.of(context, c);
            if (phoenix.isPresent()) {
                return phoenix;
            }
            return environmentAddress(ep);
        }
        return Optional.of(new ListeningPorts(code.stream().map(CodePort::port).distinct().toList(),
                code.get(0).describe(), code.get(0)));
    }

    /**
     * The port of an address pair the environment gives the program to listen on, when nothing else tells: a
     * variable set to 0.0.0.0 or :: beside its sibling port variable (ROCKET_ADDRESS=0.0.0.0 with ROCKET_PORT=80),
     * which that variable moves.
     */
    private static Optional<ListeningPorts> environmentAddress(EntryPoint ep) {
        return AppFacts.listenAddress(ep).filter(a -> a.port() != null)
                .map(a -> new ListeningPorts(List.of(a.port()), AppFacts.serverName(ep), null, a.variable() + "="
                        + a.value() + " and " + a.portVariable() + "=" + a.port() + " in its environment",
                        a.portVariable()));
    }

    private static final int FLASK_RUN_PORT = 5000;

    /**
     * Whether a {@code .flaskenv} or {@code .env} of the build context sets FLASK_RUN_PORT: {@code flask run} loads them
     * when python-dotenv is installed, so the port may come from there.
     */
    private static boolean flaskPortInDotenv(ReviewContext context, Container c) {
        String dir = c.build() == null ? "" : c.build().context();
        return java.util.stream.Stream.of(".flaskenv", ".env")
                .map(name -> context.project().source(dir == null || dir.isEmpty() ? name : PathNames.join(dir, name)))
                .flatMap(Optional::stream).anyMatch(f -> f.text().contains("FLASK_RUN_PORT"));
    }

    /** The Java application server the base image's own command starts, on the ports of its stock configuration. */
    private static Optional<ListeningPorts> imageAppServer(ReviewContext context, Container c) {
        List<CodePort> code = CodePorts.of(context.project(), c, Apps.of(context, c));
        return code.isEmpty() ? Optional.empty()
                : Optional.of(new ListeningPorts(code.stream().map(CodePort::port).distinct().toList(),
                        code.get(0).describe(), code.get(0)));
    }

    /**
     * The entry point whose ports the container serves: the one server program its process manager (supervisord)
     * starts, else the container's command; with several supervised servers the command, whose ports are not one
     * program's.
     */
    private static EntryPoint servingProgram(Container c) {
        List<Processes.Process> servers = Processes.supervised(c).stream()
                .filter(p -> AppFacts.runsServer(p.entryPoint())).toList();
        return servers.size() == 1 ? servers.get(0).entryPoint() : c.entryPoint();
    }

    /** Programs that may serve in the same container beside the command's server, on ports of their own. */
    private static final Set<String> OTHER_SERVERS = Set.of("nginx", "caddy", "httpd", "apache2", "apachectl",
            "haproxy", "envoy", "traefik", "supervisord", "php-fpm");

    /** Whether the command also starts another server in the background, which may listen on other ports. */
    public static boolean otherServerBeside(EntryPoint ep) {
        return ep != null && ep.otherCommands().stream().anyMatch(cmd -> !cmd.isEmpty()
                && OTHER_SERVERS.contains(PathNames.fileName(cmd.get(0))));
    }

    /** Why the server listens there when its start does not say so, in parentheses, or nothing. */
    public String why() {
        return because == null ? "" : " (" + because + ")";
    }

    /** The environment setting that moves the server to {@code port}: {@code PORT=8080}; null when none does. */
    public String setting(int port) {
        if (code == null || code.setting() == null) {
            return portVariable == null ? null : portVariable + "=" + port;
        }
        return String.format(java.util.Locale.ROOT, code.setting(), port);
    }

    /** The command option that moves the server to {@code port} ({@code --port 6380}), or null when none is known. */
    public String option(int port) {
        return option == null ? null : String.format(java.util.Locale.ROOT, option, port);
    }

    /** The other way out than moving the published port: set the variable the code reads, or change the server. */
    public String orElse(String serviceName, int published) {
        if (setting(published) != null) {
            return ", or set " + setting(published) + " in the environment of " + serviceName;
        }
        if (option != null) {
            return ", or make " + server + " listen on " + published + " with `" + option(published)
                    + "` in the command of " + serviceName;
        }
        if (code != null && code.call().file() != null) {
            return ", or make `" + code.call().call() + "` (" + code.call().file() + ":" + code.call().line()
                    + ") listen on " + published;
        }
        return ", or make " + server + " listen on " + published;
    }
}
