package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.app.AppObject;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.Framework;
import dev.drydock.core.app.Routes;
import dev.drydock.core.app.ServerCall;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.app.NodePackage;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Thruster;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.shell.Shebang;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts about a container's application that several rules phrase their advice with: the port it
 * serves on, the CPU and memory limits, the worker count a CPU limit suggests, the Python module a
 * WSGI/ASGI server should load, the production server to use.
 */
public final class AppFacts {

    private static final Pattern PROTOCOL = Pattern.compile("/.*$");
    private static final Pattern UP_TO_COLON = Pattern.compile("^.*:");
    private static final Pattern PORT_NUMBER = Pattern.compile("\\d{1,5}");

    private AppFacts() {}

    /** The CPU limit of the container's compose service ({@link Service#cpuLimit()}); null when none. */
    public static Located<Double> cpuLimit(Container c) {
        return c.service() == null ? null : c.service().cpuLimit();
    }

    /** The memory limit of the container's compose service ({@link Service#memoryLimit()}); null when none. */
    public static Located<Service.ByteSize> memoryLimit(Container c) {
        return c.service() == null ? null : c.service().memoryLimit();
    }

    /** A worker count and how it was arrived at, for messages. */
    public record Workers(int count, String basis) {}

    /**
     * Gunicorn's rule of thumb, (2 × CPUs) + 1, from the CPU limit of the compose service, else the one every
     * Kubernetes container of the image is deployed with ({@link KubernetesLimits#cpuLimit}); one CPU assumed when
     * there is none (the container may then use every core of the host, which the count cannot know).
     */
    public static Workers workers(ReviewContext context, Container c) {
        Located<Double> cpus = cpuLimit(c);
        if (cpus != null && cpus.value() != null && cpus.value() > 0) {
            return workers(cpus.value(), cpus.file().path() + ":" + cpus.line());
        }
        return KubernetesLimits.cpuLimit(context, c).map(k -> workers(k.cpus(), k.where())).orElse(new Workers(3,
                "2 × 1 CPU + 1: no CPU limit is set, so size it to the cores the container gets"));
    }

    private static Workers workers(double n, String where) {
        int count = (int) Math.floor(2 * n) + 1;
        return new Workers(count, "2 × " + number(n) + " CPU" + (n == 1 ? "" : "s") + " + 1, from the CPU limit at "
                + where);
    }

    /** A number for a message: without a fraction when it is whole ({@code 30}, {@code 2.5}). */
    public static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * The port the application serves on: the one its command sets; else the one its code or configuration
     * listens on once resolved against the container's environment ({@link CodePorts}); else, among the container ports compose
     * publishes and the image EXPOSEs (in that order): the one the environment variable the code reads it from, or the
     * code binds, else the first that is not a well-known port of another protocol (ssh 22, Erlang's 4369, a
     * database's or a broker's), else the first. Without any: what the command, the environment or the code
     * says, else the framework's default.
     */
    public static int port(ReviewContext context, Container c, AppSource app) {
        return choose(context, c, app).port();
    }

    /**
     * Whether {@link #port} had nothing to go by (no command, code, configuration, EXPOSE or published port, and no
     * framework whose default it knows) and so gives 8000 as a stand-in.
     */
    public static boolean portAssumed(ReviewContext context, Container c, AppSource app) {
        return choose(context, c, app).assumed();
    }

    private record Chosen(int port, boolean assumed) {
        Chosen(int port) {
            this(port, false);
        }
    }

    private static Chosen choose(ReviewContext context, Container c, AppSource app) {
        EntryPoint serving = Processes.serving(c);
        if (Thruster.fronts(serving)) {
            return new Chosen(Thruster.httpPort(serving.environment())); // the server behind it is reached through Thruster
        }
        List<Integer> declared = declaredPorts(c);
        Integer fromCommand = commandPort(context, c, serving);
        Integer fromCode = codePort(c, app);
        if (fromCommand != null) {
            return new Chosen(fromCommand); // the server listens where its command says, published there or not
        }
        Optional<RailsServerPorts.Served> rails = serving != null && serving == c.entryPoint()
                ? RailsServerPorts.of(context, c, serving.environment()) : Optional.empty();
        if (rails.isPresent()) {
            return new Chosen(rails.get().port()); // PORT or config/puma.rb moves rails server, published there or not
        }
        Optional<PhpServerPorts> php = PhpServerPorts.of(context, c);
        if (php.isPresent() && php.get().plainHttp()) {
            return new Chosen(php.get().ports().get(0)); // RoadRunner's http.address, FrankenPHP's SERVER_NAME or default
        }
        Integer nodeApp = nodeAppServer(context, c).map(AppFacts::nodeAppServerPort).orElse(null);
        if (nodeApp != null) {
            return new Chosen(nodeApp);
        }
        Integer resolved = app == null ? null
                : CodePorts.of(context.project(), c, app).stream().findFirst().map(CodePorts.CodePort::port).orElse(null);
        if (resolved != null) {
            return new Chosen(resolved); // the environment or the image decides it (published-port-not-served reports a mismatch)
        }
        if (fromCode != null && (declared.isEmpty() || declared.contains(fromCode))) {
            return new Chosen(fromCode);
        }
        for (int port : declared) {
            if (!ProtocolPorts.otherProtocol(port)) {
                return new Chosen(port);
            }
        }
        if (declared.isEmpty()) {
            Integer stock = ImageRole.inheritedServer(c).map(p -> stockWebServerPort(c, p)).orElse(null);
            Integer beside = listenAddress(c.entryPoint()).map(a -> a.port()).orElse(null);
            Integer deployed = kubernetesPorts(context, c).stream().filter(p -> !ProtocolPorts.otherProtocol(p))
                    .findFirst().orElse(null);
            Integer serverImage = Servers.imageServerPort(c).orElse(null);
            if (serverImage != null) {
                return new Chosen(serverImage);
            }
            return stock != null ? new Chosen(stock) : beside != null ? new Chosen(beside)
                    : deployed != null ? new Chosen(deployed) : defaultPort(c, app);
        }
        return new Chosen(declared.get(0));
    }

    /**
     * The HTTP port the stock web server the container inherits listens on by default: 8080 for the nginx of
     * nginxinc/nginx-unprivileged, else {@link #stockWebServerPort(String)}.
     */
    public static Integer stockWebServerPort(Container c, String program) {
        if (program.equals("nginx") && c.build() != null && c.build().stage() != null
                && Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External e
                && e.reference() != null && "nginxinc/nginx-unprivileged".equals(e.reference().familiarName())) {
            return 8080;
        }
        return stockWebServerPort(program);
    }

    /** The HTTP port a stock web server's official image listens on by default, or null for other servers. */
    public static Integer stockWebServerPort(String program) {
        return switch (program) {
            case "nginx", "httpd-foreground", "caddy" -> 80;
            case "catalina.sh" -> 8080;
            default -> null;
        };
    }

    /**
     * The ports a container declares when each is a well-known port of a protocol other than HTTP (CoreDNS's 53)
     * and nothing else says where it listens (its command, environment or code): empty otherwise.
     */
    public static List<Integer> otherProtocolPortsOnly(ReviewContext context, Container c, AppSource app) {
        List<Integer> declared = declaredPorts(c);
        boolean elsewhere = commandPort(context, c, Processes.serving(c)) != null || codePort(c, app) != null;
        return declared.isEmpty() || elsewhere || !declared.stream().allMatch(ProtocolPorts::otherProtocol)
                ? List.of() : declared;
    }

    /**
     * The container ports compose publishes, then the one a Traefik label routes to, then the ports the final stage
     * EXPOSEs, without repeats.
     */
    public static List<Integer> declaredPorts(Container c) {
        List<Integer> ports = new ArrayList<>();
        Service s = c.service();
        if (s != null) {
            for (Service.Port p : s.ports()) {
                if (p.targetStart() > 0 && !ports.contains(p.targetStart())) {
                    ports.add(p.targetStart());
                }
            }
        }
        Located<String> routed = routedPort(c);
        if (routed != null && !ports.contains(Integer.parseInt(routed.value().strip()))) {
            ports.add(Integer.parseInt(routed.value().strip()));
        }
        if (c.build() != null && c.build().stage() != null) {
            for (Setting<String> e : c.build().stage().config().exposedPorts()) {
                String v = PROTOCOL.matcher(e.value()).replaceAll("");
                if (PORT_NUMBER.matcher(v).matches() && !ports.contains(Integer.parseInt(v))) {
                    ports.add(Integer.parseInt(v));
                }
            }
        }
        return ports;
    }

    /** Traefik's label naming the container port it sends a service's requests to. */
    private static final Pattern TRAEFIK_PORT_LABEL = Pattern.compile("traefik\\.http\\.services\\.[^.]+\\.loadbalancer\\.server\\.port");

    /**
     * The container port a reverse proxy that reads the service's labels sends requests to:
     * {@code traefik.http.services.NAME.loadbalancer.server.port}; null when no label names one.
     */
    public static Located<String> routedPort(Container c) {
        Service s = c.service();
        if (s == null) {
            return null;
        }
        return s.labels().entrySet().stream()
                .filter(e -> TRAEFIK_PORT_LABEL.matcher(e.getKey()).matches() && e.getValue().value() != null
                        && PORT_NUMBER.matcher(e.getValue().value().strip()).matches())
                .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
    }

    /**
     * An address to listen on that the environment gives a program: a variable set to 0.0.0.0 or :: (no client
     * connects there: LANGFLOW_HOST=0.0.0.0, ROCKET_ADDRESS=0.0.0.0), with the port of its sibling variable
     * (LANGFLOW_PORT, ROCKET_PORT) when that is a number, else null, and that sibling's name.
     */
    public record ListenAddress(String variable, String value, Integer port, String portVariable) {}

    private static final Pattern ADDRESS_NAME = Pattern.compile("(\\w*?)_?(HOST|ADDRESS|ADDR|BIND|LISTEN)");

    public static Optional<ListenAddress> listenAddress(EntryPoint ep) {
        if (ep == null) {
            return Optional.empty();
        }
        for (var e : ep.environment().entrySet()) {
            Matcher m = ADDRESS_NAME.matcher(e.getKey());
            String v = e.getValue() == null ? "" : e.getValue().strip();
            if (m.matches() && (v.equals("0.0.0.0") || v.equals("::") || v.equals("[::]"))) {
                String prefix = m.group(1).isEmpty() ? "" : m.group(1) + "_";
                String port = ep.environment().get(prefix + "PORT");
                return Optional.of(new ListenAddress(e.getKey(), v, port != null && PORT_NUMBER.matcher(port.strip())
                        .matches() ? Integer.valueOf(port.strip()) : null, prefix + "PORT"));
            }
        }
        return Optional.empty();
    }

    /**
     * The port the application's code or configuration listens on, its variables resolved against the container's
     * environment ({@link CodePorts}), else the one a server start of the code writes, else null.
     */
    private static Integer codePort(Container c, AppSource app) {
        return app == null ? null : CodePorts.of(c, app).stream().findFirst().map(CodePorts.CodePort::port)
                .orElse(app.port().orElse(null));
    }

    private static final Pattern VARIABLE_PORT = Pattern.compile("\\$\\{?(\\w+)}?");

    /**
     * The environment variable the command takes its port from when the container's environment does not set
     * it ({@code gunicorn --bind :$PORT}, the port a platform such as Cloud Run or Heroku gives at run time);
     * null when the port is written or resolved.
     */
    public static String portVariable(EntryPoint ep) {
        List<String> ports = portTexts(ep);
        Matcher m = ports.isEmpty() ? null : VARIABLE_PORT.matcher(ports.get(0));
        return m != null && m.matches() ? m.group(1) : ports.isEmpty() ? PackagedServers.portVariable(ep) : null;
    }

    /** The port for a message: the variable the command reads it from ({@code $PORT}), else the number. */
    private static String portText(EntryPoint ep, int port) {
        String variable = portVariable(ep);
        return variable == null ? String.valueOf(port) : "$" + variable;
    }

    /**
     * The port program {@code ep} of container {@code c} listens on as its own settings say ({@link ProgramPorts}: its
     * command, and what the program reads besides, such as gunicorn's configuration file and GUNICORN_CMD_ARGS); null
     * when they set none drydock can read.
     */
    public static Integer commandPort(ReviewContext context, Container c, EntryPoint ep) {
        return ProgramPorts.of(context, c, ep).first();
    }

    /** Every port program {@code ep} of container {@code c} listens on as its own settings say ({@link ProgramPorts}). */
    public static List<Integer> commandPorts(ReviewContext context, Container c, EntryPoint ep) {
        return ProgramPorts.of(context, c, ep).ports();
    }

    /**
     * The environment variable program {@code ep} of container {@code c} takes its port from when the container's
     * environment does not set it ({@link ProgramPorts#variable}); null when the port is written or resolved.
     */
    public static String portVariable(ReviewContext context, Container c, EntryPoint ep) {
        return ProgramPorts.of(context, c, ep).variable();
    }

    /**
     * The port the command line itself sets (--bind, --port, runserver's address ...), null when it sets none or a
     * variable; {@link #commandPort(ReviewContext, Container, EntryPoint)} reads the program's other settings too.
     */
    public static Integer commandPort(EntryPoint ep) {
        for (String digits : portTexts(ep)) {
            if (PORT_NUMBER.matcher(digits).matches()) {
                return Integer.parseInt(digits);
            }
        }
        return PackagedServers.of(ep).filter(PackagedServers.Server::explicit).map(PackagedServers.Server::port)
                .orElse(null);
    }

    /**
     * Every port the command itself sets, each address of a repeated or comma-joined option too
     * (gunicorn --bind a --bind b) and Spring Boot's --management.server.port; empty when it sets none or only
     * variables.
     */
    public static List<Integer> commandPorts(EntryPoint ep) {
        List<Integer> ports = new ArrayList<>();
        if (ep != null) {
            List<String> keys = new ArrayList<>(PORT_OPTIONS);
            keys.add("management.server.port"); // Spring Boot's actuator on a port of its own
            for (String key : keys) {
                String v = ep.option(key);
                for (String address : v == null ? new String[0] : v.split(",")) {
                    String digits = UP_TO_COLON.matcher(address.strip()).replaceAll("");
                    if (PORT_NUMBER.matcher(digits).matches() && !ports.contains(Integer.parseInt(digits))) {
                        ports.add(Integer.parseInt(digits));
                    }
                }
            }
            if (ports.isEmpty()) { // jupyter --port 8081, mlflow server -p 5001, text-generation-launcher's PORT
                PackagedServers.of(ep).filter(PackagedServers.Server::explicit).ifPresent(s -> ports.add(s.port()));
            }
        }
        return ports;
    }

    /**
     * The server as its command names it, up to its first option or address: {@code gunicorn},
     * {@code python manage.py runserver}, {@code streamlit run main.py}.
     */
    public static String serverName(EntryPoint ep) {
        List<String> words = new ArrayList<>();
        for (String arg : ep.args()) {
            if (words.size() == 3 || arg.startsWith("-") || arg.contains(":") || arg.contains("=")) {
                break;
            }
            // an absolute path names the program by its file: php /var/www/html/artisan is php artisan
            words.add(words.isEmpty() || arg.startsWith("/") ? PathNames.fileName(arg) : arg);
        }
        return words.isEmpty() ? "the server" : String.join(" ", words);
    }

    private static final List<String> PORT_OPTIONS = List.of("port", "bind", "addrport", "listen", "server.port");

    /** The port part (after any host and colon) of each port option the command sets, in option order. */
    private static List<String> portTexts(EntryPoint ep) {
        List<String> out = new ArrayList<>();
        if (ep != null) {
            for (String key : PORT_OPTIONS) {
                String v = ep.option(key);
                if (v != null) {
                    out.add(UP_TO_COLON.matcher(v.contains(",") ? v.substring(0, v.indexOf(',')) : v).replaceAll(""));
                }
            }
        }
        return out;
    }

    /**
     * The port the server listens on when nothing sets one: the server's or framework's own default
     * (Rails and Puma 3000, a Phoenix release 4000, Laravel's and Deno's 8000...), else 8000.
     */
    private static Chosen defaultPort(Container c, AppSource app) {
        EntryPoint ep = Processes.serving(c);
        Framework f = app == null ? null : app.frameworks().stream().findFirst().orElse(null);
        Optional<PackagedServers.Server> packaged = PackagedServers.of(ep).or(() -> PackagedServers.inherited(c));
        if (packaged.isPresent()) {
            return new Chosen(packaged.get().port());
        }
        if (ep != null) {
            switch (ep.runtime()) {
                case FLASK_RUN -> {
                    return new Chosen(5000);
                }
                case DJANGO_RUNSERVER, UVICORN, GUNICORN, FASTAPI_DEV, FASTAPI_RUN, HYPERCORN, DAPHNE, GRANIAN -> {
                    return new Chosen(8000);
                }
                case NODE, NPM, YARN, PNPM, NODEMON, NEXT_DEV, NEXT_START, NEXT_STANDALONE, REACT_SCRIPTS_START -> {
                    return new Chosen(3000);
                }
                case VITE_DEV -> {
                    return new Chosen(5173);
                }
                case ASTRO_STANDALONE -> {
                    return new Chosen(4321);
                }
                case STREAMLIT -> {
                    return new Chosen(8501);
                }
                case NG_SERVE -> {
                    return new Chosen(4200);
                }
                case VUE_CLI_SERVE -> {
                    return new Chosen(8080);
                }
                case JAVA, SPRING_BOOT_RUN, WAITRESS -> {
                    return new Chosen(8080);
                }
                case RAILS_SERVER, PUMA -> {
                    return new Chosen(3000);
                }
                case LARAVEL_OCTANE, ARTISAN_SERVE, DENO, DENO_TASK -> {
                    // Deno.serve() and deno serve listen on 8000 without a port
                    return new Chosen(8000);
                }
                case MIX_PHX_SERVER, ELIXIR_RELEASE -> {
                    return new Chosen(4000);
                }
                default -> { }
            }
        }
        if (!dependencies(c, Ecosystem.HEX, List.of("phoenix")).isEmpty()) {
            return new Chosen(4000); // a release (bin/server) started with Phoenix's generated config/runtime.exs
        }
        if (f == Framework.RAILS || !dependencies(c, Ecosystem.RUBYGEMS, List.of("rails", "puma")).isEmpty()) {
            return new Chosen(3000);
        }
        if (f == Framework.FLASK || f == Framework.QUART) {
            return new Chosen(5000);
        }
        // ASP.NET Core in the .NET 8+ images: ASPNETCORE_HTTP_PORTS=8080
        return f == Framework.SPRING_BOOT || f == Framework.QUARKUS || f == Framework.ASPNET_CORE ? new Chosen(8080)
                : new Chosen(8000, true);
    }

    /** A name with its indefinite article: a Flask, an ASP.NET Core, an Express. */
    private static String article(String name) {
        return ("AEIOU".indexOf(Character.toUpperCase(name.charAt(0))) >= 0 ? "an " : "a ") + name;
    }

    /** A shell script of the project that the container runs as its command, and what it starts. */
    public record StartScript(SourceFile file, EntryPoint started) {}

    /**
     * The start script of the container when its command is a shell script of the project (cookiecutter-django's
     * {@code command: /start}, a copy of compose/production/django/start), read for the program it execs.
     */
    public static Optional<StartScript> startScript(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep != null && c.build() != null && ep.startedBy() != null) {
            return c.scripts().find(ep.startedBy()).map(f -> new StartScript(f, ep));
        }
        if (ep == null || c.build() == null || ep.runtime() != Runtime.SCRIPT && ep.runtime() != Runtime.BINARY) {
            return Optional.empty();
        }
        SourceFile script = c.entryFiles().stream().map(f -> context.project().source(f).orElse(null))
                .filter(f -> f != null).findFirst()
                // a script the final stage copies from another stage: the one project file of its name
                .orElseGet(() -> ep.runtime() == Runtime.SCRIPT && !ep.args().isEmpty()
                        ? c.scripts().find(ep.args().get(0)).orElse(null) : null);
        if (script == null || !Shebang.of(script.text()).map(Shebang::isShell).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(new StartScript(script,
                EntryPoints.interpretScript(c.scripts().parsed(script), ep.environment(), ep.workdir(), c.scripts())));
    }

    /**
     * {@link #servesEvidence(Container, AppSource)}, and else a server that the container's start script execs
     * ({@code exec gunicorn config.wsgi --bind 0.0.0.0:5000}).
     */
    public static String servesEvidence(ReviewContext context, Container c, AppSource app) {
        String evidence = servesEvidence(c, app);
        if (evidence != null) {
            return evidence;
        }
        Optional<StartScript> start = startScript(context, c);
        if (start.isPresent() && runsServer(start.get().started())) {
            return "its start script " + start.get().file().path() + " runs "
                    + start.get().started().runtime().displayName();
        }
        EntryPoint runner = start.map(StartScript::started).orElse(c.entryPoint());
        return PackageScripts.of(context, c, runner).filter(s -> runsServer(s.entryPoint()))
                .map(s -> "its " + dev.drydock.core.discovery.PathNames.fileName(s.packageFile())
                        + (runner.runtime() == Runtime.DENO_TASK && !s.packageFile().endsWith("package.json") ? " task" : " script")
                        + " \"" + s.name() + "\" runs `" + s.command() + "` ("
                        + s.packageFile() + " line " + s.span().startLine() + ")")
                .or(() -> proxiedBy(context, c))
                .or(() -> kubernetesPort(context, c))
                .orElse(null);
    }

    /**
     * A container of the project's Kubernetes manifests that runs the image as its long-running service and declares
     * a containerPort, for messages ({@code kustomize/deployment.yaml (Deployment podinfo, container podinfod) declares
     * containerPort 9898}); empty when none does.
     */
    private static Optional<String> kubernetesPort(ReviewContext context, Container c) {
        return servingKubernetesRuns(context, c).stream()
                .map(r -> r.describe() + " declares containerPort " + r.container().portNumbers().stream()
                        .map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")))
                .findFirst();
    }

    /** The containerPorts of the first Kubernetes container that runs the image as its service and declares some. */
    private static List<Integer> kubernetesPorts(ReviewContext context, Container c) {
        return servingKubernetesRuns(context, c).stream().findFirst().map(r -> r.container().portNumbers())
                .orElse(List.of());
    }

    /** The Kubernetes containers that run the image as their long-running service and declare a containerPort. */
    private static List<KubernetesRuns> servingKubernetesRuns(ReviewContext context, Container c) {
        List<String> argv = c.command() == null ? List.of() : c.command().argv();
        return KubernetesRuns.of(context, c).stream()
                .filter(r -> r.runsImageService(argv) && !r.container().portNumbers().isEmpty()).toList();
    }

    /**
     * The nginx service of the same compose project that passes requests to the container's service by its name
     * (proxy_pass http://backend:8000, directly or through an upstream block), for messages; empty when none does.
     */
    public static Optional<String> proxiedBy(ReviewContext context, Container c) {
        Service service = c.service();
        if (service == null) {
            return Optional.empty();
        }
        for (NginxConfigs.Served served : NginxConfigs.all(context)) {
            if (served.ref().service() == service || served.ref().compose().services().get(service.name()) != service) {
                continue;
            }
            for (NginxConfig.Pass pass : served.config().passes()) {
                if (!pass.kind().equals("proxy_pass")) {
                    continue; // fastcgi, uwsgi, grpc: no HTTP probe answers on their ports
                }
                for (NginxConfig.Target target : pass.targets()) {
                    if (!target.resolvedLater()
                            && FastCgiPasses.answering(served.ref().compose(), target.host()).orElse(null) == service) {
                        return Optional.of("nginx in service " + served.ref().name() + " passes requests to it ("
                                + pass.kind() + " " + pass.address() + ", " + target.where() + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }


    /** What shows that a container serves requests (for messages), or null when nothing does. */
    public static String servesEvidence(Container c, AppSource app) {
        Service s = c.service();
        if (s != null && !s.ports().isEmpty()) {
            return "it publishes ports";
        }
        if (s != null && !s.expose().isEmpty()) {
            return "it exposes ports";
        }
        Located<String> routed = routedPort(c);
        if (routed != null) {
            return "Traefik sends requests to its port " + routed.value().strip() + " (label at " + routed.file().path()
                    + " line " + routed.line() + ")";
        }
        if (c.build() != null && c.build().stage() != null && !c.build().stage().config().exposedPorts().isEmpty()) {
            List<String> exposed = c.build().stage().config().exposedPorts().stream().map(Setting::value).toList();
            return "the image EXPOSEs " + String.join(" ", exposed);
        }
        if (c.build() != null && c.build().stage() != null) {
            Optional<String> unset = c.build().stage().steps().stream()
                    .filter(step -> step.instruction().kind() == InstructionKind.EXPOSE)
                    .map(step -> step.instruction().rawText().strip()).findFirst();
            if (unset.isPresent()) { // EXPOSE ${PORT} with a build argument this build leaves unset
                return "its Dockerfile has `" + unset.get() + "`, a port set by a build argument";
            }
        }
        EntryPoint command = c.entryPoint();
        boolean worker = command != null && (TaskWorkers.of(command).isPresent()
                || TaskWorkers.scheduler(command).isPresent());
        if (app != null && app.app().isPresent() && !worker) { // a Celery worker of the Flask app serves nothing
            return "it runs " + article(app.app().get().framework().display()) + " application";
        }
        if (app != null && !app.routes().all().isEmpty() && !worker) { // Spring Boot's actuator, Quarkus' health, ASP.NET's endpoints
            return "it runs " + article(app.routes().all().get(0).framework().display()) + " application that serves "
                    + app.routes().all().get(0).display();
        }
        Optional<Processes.Process> supervised = Processes.supervisedServer(c);
        if (supervised.isPresent()) {
            return "its " + supervised.get().manager().displayName() + " runs " + describe(supervised.get().entryPoint()) + " (" + supervised.get().label() + ")";
        }
        EntryPoint ep = c.entryPoint();
        Optional<PackagedServers.Server> packaged = PackagedServers.of(ep).or(() -> PackagedServers.inherited(c));
        if (packaged.isPresent() && (ep == null || ep.runtime() != Runtime.STREAMLIT)) {
            return "it runs " + packaged.get().name() + (ep == null ? ", its base image's command" : "")
                    + " (port " + portText(ep, packaged.get().port()) + ")";
        }
        Optional<PackagedServers.Server> gradio = PackagedServers.ofCode(app);
        if (gradio.isPresent()) {
            return "its code starts " + gradio.get().name();
        }
        if (runsServer(ep)) {
            return switch (ep.runtime()) {
                case NEXT_STANDALONE -> "it runs Next's standalone server (" + ep.target().value() + ")";
                case ASTRO_STANDALONE -> "it runs Astro's standalone server (" + ep.target().value() + ")";
                case ELIXIR_RELEASE -> phoenixUnlessShownOtherwise(c)
                        ? "it runs a Mix release with the Phoenix endpoint serving (PHX_SERVER)"
                        : "it runs a Mix release (" + ep.target().value() + ")";
                default -> ep.startedBy() != null ? "its start script " + c.scripts().find(ep.startedBy())
                        .map(f -> f.path()).orElse(ep.startedBy()) + " runs " + ep.runtime().displayName()
                        : "it runs " + ep.runtime().displayName();
            };
        }
        Optional<ServerCall> started = app == null ? Optional.empty()
                : app.serverCalls().stream().filter(call -> !call.mainOnly()).findFirst();
        if (started.isPresent()) { // a Go program's http.ListenAndServe, which no manifest or EXPOSE may show
            ServerCall call = started.get();
            if (call.file() == null) { // a framework's default, which no line of the project sets
                return "its code starts " + call.server() + (call.port() == null ? "" : " (port " + call.port() + ")");
            }
            return "its code starts " + call.server() + " (" + call.file() + ":" + call.line() + ")";
        }
        Optional<ListenAddress> listen = listenAddress(ep);
        if (listen.isPresent()) {
            return "its environment sets " + listen.get().variable() + "=" + listen.get().value()
                    + ", an address to listen on" + (listen.get().port() == null ? "" : ", with port " + listen.get().port());
        }
        if (ep != null && (ep.runtime() == Runtime.BINARY || ep.runtime() == Runtime.JAVA || ep.runtime() == Runtime.SCRIPT
                || ep.runtime() == Runtime.ELIXIR_RELEASE)) {
            String framework = webFramework(c);
            if (framework != null) {
                return "it runs " + framework + " application";
            }
        }
        return ImageRole.inheritedServer(c).map(server -> "it runs " + server + ", its base image's command")
                .orElse(null);
    }

    /**
     * Whether a release is a Phoenix application as far as the project tells: its mix.exs depends on phoenix, or no
     * mix.exs is at hand (then PHX_SERVER and phx.gen.release's bin/server, which made it a server, point to Phoenix).
     */
    private static boolean phoenixUnlessShownOtherwise(Container c) {
        return manifest(c, Ecosystem.HEX).isEmpty() || !dependencies(c, Ecosystem.HEX, List.of("phoenix")).isEmpty();
    }

    private static String describe(EntryPoint ep) {
        return ep.runtime().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /**
     * The web framework a compiled program or release depends on ("a Phoenix", "a Spring Boot web"), for a
     * command drydock cannot read (a release's bin/server, a Go or Rust binary, java -jar), or null.
     */
    private static String webFramework(Container c) {
        if (!dependencies(c, Ecosystem.HEX, List.of("phoenix")).isEmpty()) {
            return "a Phoenix";
        }
        if (!dependencies(c, Ecosystem.MAVEN, List.of("org.springframework.boot:spring-boot-starter-web",
                "org.springframework.boot:spring-boot-starter-webflux")).isEmpty()) {
            return "a Spring Boot web";
        }
        if (!dependencies(c, Ecosystem.GO, List.of("github.com/gin-gonic/gin", "github.com/labstack/echo/v4",
                "github.com/gofiber/fiber/v2", "github.com/go-chi/chi/v5", "github.com/gorilla/mux")).isEmpty()) {
            return "a Go web";
        }
        if (!dependencies(c, Ecosystem.CRATES, List.of("actix-web", "axum", "rocket", "warp")).isEmpty()) {
            return "a Rust web";
        }
        return null;
    }

    /**
     * The gRPC library a container serves with when its manifests declare one and no web framework (tonic,
     * grpc-go, grpcio, @grpc/grpc-js, grpc-java): its port speaks HTTP/2 gRPC, which an HTTP probe cannot ask.
     * Empty otherwise.
     */
    public static Optional<String> grpcServer(Container c, AppSource app) {
        Optional<String> aspNetCore = aspNetCoreGrpc(c, app);
        if (aspNetCore.isPresent()) {
            return aspNetCore;
        }
        if (webFramework(c) != null || app != null && (app.app().isPresent() || !app.routes().all().isEmpty())) {
            return Optional.empty();
        }
        List<Dependency> found = new ArrayList<>();
        found.addAll(dependencies(c, Ecosystem.CRATES, List.of("tonic")));
        found.addAll(dependencies(c, Ecosystem.GO, List.of("google.golang.org/grpc")));
        found.addAll(dependencies(c, Ecosystem.PYPI, List.of("grpcio")));
        found.addAll(dependencies(c, Ecosystem.NPM, List.of("@grpc/grpc-js")));
        found.addAll(dependencies(c, Ecosystem.MAVEN, List.of("io.grpc:grpc-netty-shaded", "io.grpc:grpc-netty",
                "net.devh:grpc-server-spring-boot-starter")));
        return found.stream().findFirst().map(Dependency::name);
    }

    /**
     * An ASP.NET Core application that serves gRPC (Grpc.AspNetCore) and no route but the root's: gRPC over
     * plain HTTP needs an endpoint that speaks HTTP/2 only (HTTP/1.1 and HTTP/2 on one port need TLS to
     * negotiate), so the informational page the templates map at / answers no HTTP/1.1 probe there.
     */
    private static Optional<String> aspNetCoreGrpc(Container c, AppSource app) {
        List<Dependency> grpc = dependencies(c, Ecosystem.NUGET, List.of("Grpc.AspNetCore"));
        boolean onlyRoot = app == null || app.routes().all().stream().allMatch(r -> "/".equals(r.path()));
        return grpc.isEmpty() || !onlyRoot ? Optional.empty() : Optional.of(grpc.get(0).name());
    }

    /**
     * Whether a compose service replaces the image's command (command: or entrypoint:) with one that serves
     * nothing: no ports published or exposed, no web server started (a Celery or queue worker, a scheduler run
     * from the web application's image). The image's HTTP probe does not fit it.
     */
    public static boolean runsOtherCommand(Container container) {
        Service service = container.service();
        return service != null && (service.command() != null || service.entrypoint() != null)
                && service.ports().isEmpty() && service.expose().isEmpty() && routedPort(container) == null
                && !runsServer(container.entryPoint());
    }

    /** Whether a command starts a web server (gunicorn, uvicorn, flask run, nginx, puma ...). */
    /** The app servers of Remix (@remix-run/serve) and React Router 7 (@react-router/serve): Express on PORT, 3000. */
    private static final Set<String> NODE_APP_SERVERS = Set.of("remix-serve", "react-router-serve");

    /** Whether the command is remix-serve or react-router-serve, which listen on PORT (3000 when unset). */
    public static boolean nodeAppServer(EntryPoint ep) {
        return ep != null && ep.runtime() == Runtime.BINARY && !ep.args().isEmpty()
                && NODE_APP_SERVERS.contains(PathNames.fileName(ep.args().get(0)));
    }

    /**
     * The remix-serve or react-router-serve command the container runs: its command, the command its start script
     * runs, or the package.json script either runs through npm, yarn, pnpm or bun.
     */
    public static Optional<EntryPoint> nodeAppServer(ReviewContext context, Container c) {
        EntryPoint ep = startScript(context, c).map(StartScript::started).orElse(c.entryPoint());
        EntryPoint runs = PackageScripts.of(context, c, ep).map(NodePackage::entryPoint).orElse(ep);
        return nodeAppServer(runs) ? Optional.of(runs) : Optional.empty();
    }

    /** The port of remix-serve or react-router-serve: PORT, else 3000; null for another command or an odd PORT. */
    public static Integer nodeAppServerPort(EntryPoint ep) {
        if (!nodeAppServer(ep)) {
            return null;
        }
        String set = ep.environment().get("PORT");
        try {
            int port = set == null ? NODE_APP_SERVER_PORT : Integer.parseInt(set.strip());
            return port > 0 && port < 65536 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final int NODE_APP_SERVER_PORT = 3000;

    public static boolean runsServer(EntryPoint ep) {
        if (ep == null) {
            return false;
        }
        if (PackagedServers.of(ep).isPresent()) {
            return true;
        }
        if (nodeAppServer(ep)) {
            return true;
        }
        return switch (ep.runtime()) {
            case ELIXIR_RELEASE -> ep.flag("server");
            case GUNICORN, UVICORN, HYPERCORN, WAITRESS, DAPHNE, GRANIAN, FLASK_RUN, DJANGO_RUNSERVER, FASTAPI_DEV,
                    FASTAPI_RUN, NEXT_START, NEXT_STANDALONE, ASTRO_STANDALONE, NEXT_DEV, PUMA, RAILS_SERVER, NGINX, APACHE, CADDY, PHP_FPM, FRANKENPHP, ROADRUNNER,
                    SERVE, VITE_DEV, VITE_PREVIEW, NG_SERVE, ARTISAN_SERVE, PHP_BUILTIN_SERVER, LARAVEL_OCTANE, RACKUP,
                    UNICORN, STREAMLIT, MIX_PHX_SERVER, SPRING_BOOT_RUN, REACT_SCRIPTS_START, VUE_CLI_SERVE -> true;
            default -> false;
        };
    }

    /**
     * The Host header a probe of {@code localhost} must send to be answered: the first of Django's ALLOWED_HOSTS
     * (without its leading dot) when the list admits neither every host ({@code *}) nor localhost; null when
     * localhost is answered or the list is unknown or empty.
     */
    public static String hostHeader(AppSource app) {
        List<String> hosts = app == null ? null : app.allowedHosts().orElse(null);
        if (hosts == null || hosts.isEmpty()) {
            return null;
        }
        for (String host : hosts) {
            String h = host.strip().toLowerCase(java.util.Locale.ROOT);
            if (h.equals("*") || h.equals("localhost") || h.equals(".localhost") || !h.matches("[\\w.:\\[\\]-]+")) {
                return null;
            }
        }
        String first = hosts.get(0).strip();
        return first.startsWith(".") ? first.substring(1) : first;
    }

    /**
     * The path a probe should request: the app's health route, else the one its framework's health module
     * serves (Quarkus' /q/health under its non-application root, Spring Boot's /actuator/health under the
     * actuator's base path), else {@code /health}.
     */
    public static String healthPath(AppSource app) {
        return ownHealthPath(app)
                .orElseGet(() -> app.frameworks().contains(Framework.ASPNET_CORE) ? ASPNET_HEALTH_PATH : "/health");
    }

    /**
     * The health endpoint the application names itself: its health route, else the path of its framework's health
     * module (Quarkus, Spring Boot); empty when {@link #healthPath} could only give a stand-in.
     */
    public static Optional<String> ownHealthPath(AppSource app) {
        boolean module = app.frameworks().contains(Framework.QUARKUS) || app.frameworks().contains(Framework.SPRING_BOOT);
        return app.routes().healthRoute().map(Routes::plainPath).map(p -> p.isEmpty() ? "/" : p)
                .or(() -> module ? app.routes().healthModulePath() : Optional.empty());
    }

    /** The path ASP.NET Core's health checks documentation maps them on ({@code app.MapHealthChecks("/healthz")}). */
    private static final String ASPNET_HEALTH_PATH = "/healthz";

    /**
     * Whether the application must be given its health endpoint before a probe can ask it: an ASP.NET Core
     * application maps none in its startup code (controllers are not read, but no template adds one there); a Quarkus
     * or Spring Boot application whose build lacks the health module (SmallRye Health, the actuator), whose path its
     * own resources or controllers do not serve either, even where some of them could not be read.
     */
    public static boolean healthEndpointToAdd(AppSource app) {
        if (app.routes().healthRoute().isPresent()) {
            return false;
        }
        if (app.frameworks().contains(Framework.ASPNET_CORE)) {
            return true;
        }
        boolean module = app.frameworks().contains(Framework.QUARKUS) || app.frameworks().contains(Framework.SPRING_BOOT);
        return module && app.routes().healthModulePath().filter(p -> app.routes().match(p).isEmpty()).isPresent();
    }

    /**
     * What to add so that the application serves {@code path}: the framework's health module where it has
     * one (Spring Boot's actuator, Quarkus' SmallRye Health) and the routes read are only that module's, else
     * a route of the application's own.
     */
    public static String healthModuleToAdd(AppSource app, String path) {
        if (app.frameworks().contains(Framework.QUARKUS)) {
            return "the io.quarkus:quarkus-smallrye-health extension, which serves " + path;
        }
        if (app.frameworks().contains(Framework.SPRING_BOOT)) {
            return "org.springframework.boot:spring-boot-starter-actuator, which serves " + path;
        }
        if (app.frameworks().contains(Framework.ASPNET_CORE)) {
            return "ASP.NET Core's health checks to Program.cs, `builder.Services.AddHealthChecks();` before"
                    + " `builder.Build()` and `app.MapHealthChecks(\"" + path + "\");` after it, which serve " + path;
        }
        return "a " + path + " route to the application";
    }

    /**
     * The module name a server started in the container's working directory imports {@code file}
     * (a project path) as: {@code app} for {@code app.py} copied to the working directory,
     * {@code unify.web} for {@code src/unify/web.py} with {@code PYTHONPATH=/app/src}. Null when the
     * file's place in the container cannot be told.
     */
    public static String pythonModule(Container c, String file) {
        EntryPoint ep = c.entryPoint();
        if (ep == null || file == null) {
            return null;
        }
        String containerPath = containerPath(c, file);
        if (containerPath == null) {
            return null;
        }
        List<String> roots = new ArrayList<>();
        roots.add(ep.workdir());
        roots.addAll(ep.searchPath());
        for (String root : roots) {
            if (root != null && PathNames.isUnder(containerPath, root) && !containerPath.equals(root)) {
                String rel = root.equals("/") ? containerPath.substring(1) : containerPath.substring(root.length() + 1);
                if (!rel.endsWith(".py")) {
                    continue;
                }
                rel = rel.substring(0, rel.length() - 3);
                if (rel.endsWith("/__init__")) {
                    rel = rel.substring(0, rel.length() - "/__init__".length());
                }
                if (rel.matches("[A-Za-z_][\\w/]*")) {
                    return rel.replace('/', '.');
                }
            }
        }
        return null;
    }

    /**
     * Where a project file is in the container, assuming it was copied with the entry file's folder
     * layout (the usual {@code COPY . .}): the entry file's container path anchors the mapping.
     */
    static String containerPath(Container c, String file) {
        EntryPoint ep = c.entryPoint();
        List<String> entryFiles = c.entryFiles();
        if (entryFiles.isEmpty()) {
            return null;
        }
        String entry = entryFiles.get(0);
        String entryContainer = ep.targetFiles().stream()
                .filter(t -> t.endsWith("/" + PathNames.fileName(entry))).findFirst().orElse(null);
        if (entryContainer == null) {
            return null;
        }
        String projectDir = PathNames.parent(entry);
        String containerDir = PathNames.parent(entryContainer);
        if (!PathNames.isUnder(file, projectDir)) {
            return null;
        }
        String rel = projectDir.isEmpty() ? file : file.substring(projectDir.length() + 1);
        return PathNames.normalizeAbsolute(containerDir, rel);
    }

    /** The WSGI/ASGI target for a server: {@code module:attribute}, or null when the module cannot be told. */
    /**
     * Whether the container's manage.py is a Flask project's (Flask-Script's Manager, or a click group of Flask's CLI,
     * whose runserver or run command starts Werkzeug's development server): the command runs manage.py and the
     * container's manifests declare Flask and not Django.
     */
    public static boolean flaskManageScript(Container c, EntryPoint ep) {
        return ep != null && (ep.runtime() == dev.drydock.core.entrypoint.Runtime.DJANGO_RUNSERVER
                || ep.runtime() == dev.drydock.core.entrypoint.Runtime.DJANGO_MANAGE)
                && !dependencies(c, Ecosystem.PYPI, List.of("flask")).isEmpty()
                && dependencies(c, Ecosystem.PYPI, List.of("django")).isEmpty();
    }

    public static String pythonTarget(Container c, AppObject app) {
        if (app == null) {
            return null;
        }
        String module = pythonModule(c, app.exposedIn());
        return module == null ? null : module + ":" + app.attribute();
    }

    /**
     * The production server command for a Python application: gunicorn for WSGI (waitress when that
     * is the server the project already declares), uvicorn for ASGI, bound to the app's port with
     * the worker count of {@link #workers}.
     *
     * @param server the server's package name
     * @param argv the exec-form command
     * @param workers the worker count and its basis
     * @param declared whether the project's manifests already declare the server
     * @param asgi whether the application is an ASGI one
     */
    public record ServerCommand(String server, List<String> argv, Workers workers, boolean declared, boolean asgi) {}

    /**
     * The package that holds a Django project's wsgi.py, told from its settings module: the settings' own package
     * ({@code mysite.settings} → mysite), or the one above a settings package ({@code config.settings.production} →
     * config), where startproject's layout and the split-settings layouts put it.
     */
    static String djangoProjectPackage(String settings) {
        String pkg = settings.substring(0, settings.lastIndexOf('.'));
        return pkg.endsWith(".settings") ? pkg.substring(0, pkg.length() - ".settings".length()) : pkg;
    }

    public static ServerCommand pythonServer(ReviewContext context, Container c, AppSource app) {
        EntryPoint ep = c.entryPoint();
        AppObject object = app.app().orElse(null);
        Framework framework = app.frameworks().stream().findFirst().orElse(null);
        String target = pythonTarget(c, object);
        if (framework == Framework.DJANGO && object != null) {
            String module = pythonModule(c, object.exposedIn());
            target = module == null ? null : module + ":application";
        }
        boolean flaskManage = flaskManageScript(c, ep);
        boolean django = framework == Framework.DJANGO || ep != null && !flaskManage
                && (ep.runtime() == dev.drydock.core.entrypoint.Runtime.DJANGO_RUNSERVER
                        || ep.runtime() == dev.drydock.core.entrypoint.Runtime.DJANGO_MANAGE);
        ServerCall dash = app.devServer().filter(ServerCall::dash).orElse(null);
        if (dash != null) {
            String module = pythonModule(c, dash.file());
            target = (module != null ? module
                    : dash.file().substring(dash.file().lastIndexOf('/') + 1).replaceAll("\\.py$", "")) + ":server";
        }
        if (target == null && django) {
            String settings = ep == null ? null : ep.option("settings");
            target = settings != null && settings.contains(".")
                    ? djangoProjectPackage(settings) + ".wsgi:application"
                    : "<project>.wsgi:application";
        }
        if (target == null && flaskManage) {
            target = "<module>:<app>";
        }
        if (target == null && ep != null && ep.target().module() != null) {
            target = ep.target().module() + ":" + (ep.target().attribute() != null ? ep.target().attribute()
                    : object != null ? object.attribute() : "app");
        }
        if (target == null) {
            String file = object != null ? object.exposedIn() : ep == null ? null : ep.target().value();
            String base = file == null ? "app" : file.substring(file.lastIndexOf('/') + 1).replaceAll("\\.py$", "");
            target = base + ":" + (object != null ? object.attribute() : "app");
        }
        int port = port(context, c, app);
        Workers workers = workers(context, c);
        List<String> declared = new ArrayList<>(dependencies(c, Ecosystem.PYPI, Servers.PYTHON_SERVERS).stream()
                .map(Dependency::normalizedName).toList());
        if (dependencies(c, Ecosystem.PYPI, Servers.ASGI_FRAMEWORKS).stream().anyMatch(Servers::bringsServer)) {
            declared.add("uvicorn");
        }
        boolean asgiDependency = framework == null
                && !dependencies(c, Ecosystem.PYPI, Servers.ASGI_FRAMEWORKS).isEmpty()
                && dependencies(c, Ecosystem.PYPI, Servers.WSGI_FRAMEWORKS).isEmpty();
        boolean asgi = asgiDependency || framework == Framework.FASTAPI || framework == Framework.STARLETTE
                || framework == Framework.QUART || ep != null && (ep.runtime() == dev.drydock.core.entrypoint.Runtime.UVICORN
                        || ep.runtime() == dev.drydock.core.entrypoint.Runtime.FASTAPI_DEV
                        || ep.runtime() == dev.drydock.core.entrypoint.Runtime.HYPERCORN);
        if (asgi) {
            return new ServerCommand("uvicorn", List.of("uvicorn", target, "--host", "0.0.0.0", "--port",
                    Integer.toString(port), "--workers", Integer.toString(workers.count())), workers,
                    declared.contains("uvicorn"), true);
        }
        if (declared.contains("waitress") && !declared.contains("gunicorn")) {
            return new ServerCommand("waitress", List.of("waitress-serve", "--listen=0.0.0.0:" + port,
                    "--threads=" + (workers.count() * 2), target), workers, true, false);
        }
        return new ServerCommand("gunicorn", List.of("gunicorn", "--bind", "0.0.0.0:" + port, "--workers",
                Integer.toString(workers.count()), target), workers, declared.contains("gunicorn"), false);
    }

    /**
     * The line a Dash application needs before gunicorn can load it as {@code module:server}
     * ({@code server = app.server}: Dash's WSGI application is the Flask server it wraps), or null when the
     * container does not run Dash's development server or the module already names its server {@code server}.
     */
    public static String dashServerLine(ReviewContext context, Container c, AppSource app) {
        ServerCall dash = app.devServer().filter(ServerCall::dash).orElse(null);
        if (dash == null || dash.owner() == null) {
            return null;
        }
        String line = "server = " + dash.owner() + ".server";
        Pattern named = Pattern.compile("(?m)^server\\s*=\\s*" + Pattern.quote(dash.owner()) + "\\.server\\s*(#.*)?$");
        boolean present = dev.drydock.core.app.SourceSet.of(context.project(), c).read(dash.file())
                .map(f -> named.matcher(f.text()).find()).orElse(false);
        return present ? null : line;
    }

    /** The dependencies of the container's manifests named in {@code names} (PyPI names compared normalised). */
    public static List<Dependency> dependencies(Container c, Ecosystem ecosystem, List<String> names) {
        List<Dependency> out = new ArrayList<>();
        for (Manifest m : c.manifests()) {
            if (m.ecosystem() != ecosystem) {
                continue;
            }
            for (String name : names) {
                m.dependency(name).filter(d -> !d.isDev())
                        .filter(d -> out.stream().noneMatch(o -> o.normalizedName().equals(d.normalizedName())))
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    /** The first manifest of an ecosystem among the container's, if any. */
    public static Optional<Manifest> manifest(Container c, Ecosystem ecosystem) {
        return c.manifests().stream().filter(m -> m.ecosystem() == ecosystem).findFirst();
    }

    /** Names joined for a sentence: "a", "a and b", "a, b and c". */
    public static String and(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
