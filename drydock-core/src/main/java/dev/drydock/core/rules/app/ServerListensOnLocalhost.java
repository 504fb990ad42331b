package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.app.FlaskScriptServer;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Thruster;
import dev.drydock.core.manifest.HypercornToml;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.GunicornSettings;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.FinalStageEnv;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.LoopbackHosts;
import dev.drydock.core.rules.support.ProgramPorts;
import dev.drydock.core.rules.support.ProxyPorts;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.compose.Service;
import dev.drydock.core.rules.support.PumaBinds;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.KestrelUrls;
import dev.drydock.core.rules.support.VariableOrigins;
import dev.drydock.core.rules.support.WrittenInstructions;
import dev.drydock.core.app.Framework;
import dev.drydock.core.app.ServerCall;
import dev.drydock.core.review.Location;
import dev.drydock.core.rules.support.RoadRunnerConfig;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "server-listens-on-localhost",
        title = "The server listens on localhost inside the container",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The address the container's server binds: gunicorn's --bind (also from GUNICORN_CMD_ARGS, or bind in"
                + " the -c file or gunicorn.conf.py; without one it binds 127.0.0.1:8000, or 0.0.0.0:$PORT when PORT"
                + " is set), uvicorn's --host (also"
                + " UVICORN_HOST; 127.0.0.1 by default), hypercorn's --bind (else the bind of its -c TOML file;"
                + " 127.0.0.1:8000 by default), and the"
                + " development servers `flask run` (--host or FLASK_RUN_HOST, 127.0.0.1 by default), Django's runserver"
                + " (its address; a bare port is 127.0.0.1), Flask-Script's Server run through manage.py (`runserver`,"
                + " or the name add_command gives it: -h/--host, else its host argument, else 127.0.0.1) and `php"
                + " artisan serve` (--host, 127.0.0.1 by default);"
                + " Laravel Octane's `php artisan octane:start` with Swoole or RoadRunner (--server, octane:swoole,"
                + " octane:roadrunner or OCTANE_SERVER; --host, else OCTANE_HOST or config/octane.php's host, else"
                + " 127.0.0.1; quiet when an env_file or the application's .env may set it; FrankenPHP's Caddy listens"
                + " on every interface); RoadRunner's `rr serve`, by the http.address of its configuration (.rr.yaml"
                + " in the working directory, -c, or an -o http.address= override). Quiet for"
                + " Unix sockets and inherited file descriptors, and when a configuration file may set the address"
                + " (a gunicorn configuration that computes it, a hypercorn Python configuration or one drydock cannot"
                + " read). For an application run"
                + " with python, the server its code starts: Gradio's launch() without server_name listens on"
                + " GRADIO_SERVER_NAME, else 127.0.0.1 (quiet when an env_file may set the variable); Flask's and"
                + " Quart's app.run() without host listen on 127.0.0.1 (quiet when the code mentions SERVER_NAME,"
                + " whose host app.run takes). For a Rust service, the address its code"
                + " binds (TcpListener::bind, actix-web's bind, a SocketAddr of [127, 0, 0, 1]) and Rocket's default"
                + " when nothing configures it: ROCKET_ADDRESS, else 127.0.0.1 (Rocket 0.4's rocket::ignite only when"
                + " ROCKET_ENV selects its development environment: a release build runs in production, on 0.0.0.0;"
                + " quiet with a Rocket.toml, a custom"
                + " configuration in the code or an env_file). For ASP.NET Core, the urls setting Kestrel takes (a --urls"
                + " argument of the command, else DOTNET_URLS, else ASPNETCORE_URLS, from the compose environment or an"
                + " ENV) when every address it lists is localhost, 127.0.0.1 or [::1] (quiet when the startup code or"
                + " appsettings choose the addresses, and when ASPNETCORE_URLS disagrees with another setting: which"
                + " wins depends on the host, WebApplicationBuilder from .NET 7 on putting it last), and a loopback URL"
                + " the startup code gives app.Urls.Add or app.Run when nothing else there or in appsettings chooses"
                + " the addresses, or the Kestrel endpoints of appsettings.json and appsettings.{Environment}.json"
                + " (Kestrel:Endpoints:NAME:Url, as the host layers the files) when every one is on the loopback"
                + " interface. For a Go program, the address its http.ListenAndServe,"
                + " http.Server Addr, net.Listen, Echo's Start, Fiber's Listen or Gin's Run binds (127.0.0.1:8080,"
                + " localhost:8080), on an engine the file creates or gets from a function of the module that returns"
                + " one (func NewRouter() *gin.Engine); a client's address (a Redis Addr, a database DSN) is not read. For a Node.js"
                + " application, the host its listen call passes (Express, Koa and http bind every interface when"
                + " given none) and Fastify's listen given no host, which binds localhost; for Deno, the hostname of"
                + " Deno.serve's options or of Oak's app.listen (Deno.serve binds 0.0.0.0 when given none). For Puma and `rails server`"
                + " (which runs Puma): a loopback -b, else, when the command line and the environment leave the"
                + " address to it (no -b or -p; for rails server also no BINDING, PORT or env_file), the configuration"
                + " file Puma reads (-C's, else config/puma.rb; quiet when config/puma/<RAILS_ENV>.rb exists) when every"
                + " bind and port it writes is a literal loopback address; a `port` without a host binds every"
                + " interface, and an interpolated address, a Unix socket or another host keeps it quiet. For Astro's"
                + " standalone server (`node dist/server/entry.mjs`, built by @astrojs/node in standalone mode): HOST,"
                + " else server.host of the astro.config, which listens on localhost when it is false or unset; quiet"
                + " for server.host true or an expression, without a configuration that uses the Node adapter in"
                + " standalone mode, and when an env_file may set HOST. For servers a Node framework builds, the"
                + " variable that sets their host when it names a loopback address: SvelteKit's adapter-node (HOST,"
                + " behind its envPrefix), Nitro's node-server output of Nuxt (NITRO_HOST, else HOST) and Next's"
                + " standalone server.js (HOSTNAME; quiet for a Next.js older than 13.1); quiet when an env_file may"
                + " set it. For HAProxy and Traefik, a container port the compose service publishes when every"
                + " address the proxy listens on at that port is a loopback one (HAProxy's bind 127.0.0.1:PORT in a"
                + " frontend or listen section, Traefik's --entrypoints.NAME.address=127.0.0.1:PORT); a loopback bind"
                + " nothing publishes, such as a stats page kept inside, is left alone.",
        problem = "Inside a container, 127.0.0.1 is the container's own loopback interface: connections that come"
                + " through a published port, from another container or from the host arrive on the container's"
                + " network interface, where nothing listens.",
        impact = "The service is unreachable although the container runs and its own healthcheck (which probes"
                + " localhost from inside) may report it healthy: every request from outside gets connection refused"
                + " or reset.",
        recommendation = "Bind all interfaces inside the container and decide exposure with the published ports:"
                + " gunicorn --bind 0.0.0.0:8000, uvicorn --host 0.0.0.0, hypercorn --bind 0.0.0.0:8000.",
        references = {
                "https://docs.gunicorn.org/en/stable/settings.html#bind",
                "https://www.uvicorn.org/settings/#socket-binding",
                "https://hypercorn.readthedocs.io/en/latest/how_to_guides/configuring.html",
                "https://www.gradio.app/docs/gradio/blocks#blocks-launch",
                "https://rocket.rs/guide/v0.5/configuration/",
                "https://fastify.dev/docs/latest/Reference/Server/#listen",
                "https://puma.io/puma/Puma/DSL.html#bind-instance_method",
                "https://docs.astro.build/en/guides/integrations-guide/node/",
                "https://docs.astro.build/en/reference/configuration-reference/#serverhost",
                "https://svelte.dev/docs/kit/adapter-node",
                "https://nitro.build/deploy/runtimes/node",
                "https://nextjs.org/docs/app/api-reference/config/next-config-js/output",
                "https://docs.docker.com/engine/network/#published-ports"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir fastapi==0.115.5 uvicorn==0.32.1
                        EXPOSE 8000
                        CMD ["uvicorn", "main:app", "--port", "8000"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir fastapi==0.115.5 uvicorn==0.32.1
                        EXPOSE 8000
                        CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]
                        """))
public final class ServerListensOnLocalhost implements Rule {

    /** A Kestrel address: scheme, host, port ({@code http://localhost:5000}, {@code https://[::1]:5001/}). */
    private static final Pattern KESTREL_URL = Pattern.compile("(?i)https?://(\\[[^]]*]|[^:/]*)(:\\d+)?/?");
    private static final Pattern LOOPBACK_IN_URL = Pattern.compile("(?i)(https?://)(localhost|127(\\.\\d+){3}|\\[::1])(?=[:/;]|$)");
    private static final Pattern JS_FILE = Pattern.compile("\\.(js|mjs|cjs|ts|mts|cts|jsx|tsx)$");
    /** The appsettings files whose Kestrel endpoints give ASP.NET Core its addresses. */
    private static final Pattern KESTREL_SETTINGS = Pattern.compile("(^|/)appsettings(\\.[^/]+)?\\.json$");
    private static final Pattern LOOPBACK = Pattern.compile("(?i)(localhost|127(\\.\\d+){3}|\\[::1]|::1)(:(\\d+|\\$\\{?\\w+}?))?");
    private static final Pattern ROCKET_DEVELOPMENT = Pattern.compile("(?i)dev|development");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            proxy(context, c);
            EntryPoint ep = c.entryPoint();
            EffectiveCommand command = c.command();
            if (ep == null || command == null) {
                continue;
            }
            String server = ep.runtime().name().toLowerCase(java.util.Locale.ROOT);
            FlaskScriptServer flaskScript = FlaskScriptServer.of(context.project(), c, ep).orElse(null);
            if (flaskScript != null) {
                if (flaskScript.host() != null) {
                    developmentServer(context, c, command, AppFacts.serverName(ep), "--host",
                            flaskScript.hostWritten() == null ? null : flaskScript.host(), FlaskScriptServer.DEFAULT_HOST,
                            "--host 0.0.0.0");
                }
                continue;
            }
            switch (ep.runtime()) {
                case FLASK_RUN -> developmentServer(context, c, command, "flask run", "--host", ep.option("host"),
                        "127.0.0.1", "--host 0.0.0.0");
                case ARTISAN_SERVE -> developmentServer(context, c, command, "php artisan serve", "--host",
                        ep.option("host"), "127.0.0.1", "--host=0.0.0.0");
                case LARAVEL_OCTANE -> {
                    // FrankenPHP (Caddy) listens on every interface and takes the host as the site's name only
                    if (!octaneBindsHost(ep) || ep.option("host") == null && octaneHostConfigured(context, c, ep)) {
                        continue;
                    }
                    report(context, c, command, "php artisan " + ep.option("command"), "--host", ep.option("host"),
                            "127.0.0.1");
                }
                case DJANGO_RUNSERVER -> {
                    String addrport = ep.option("addrport");
                    String host = addrport == null ? null : addrport.matches("\\d+") ? "127.0.0.1"
                            : addrport.contains(":") ? addrport.substring(0, addrport.lastIndexOf(':')) : addrport;
                    developmentServer(context, c, command, "runserver", "an address", host, "127.0.0.1",
                            "0.0.0.0:" + (addrport != null && addrport.matches(".*?(\\d+)$")
                                    ? addrport.replaceAll(".*?(\\d+)$", "$1") : "8000"));
                }
                case GUNICORN -> {
                    GunicornSettings.Value bind = GunicornSettings.of(context, c).get("bind").orElse(null);
                    if (bind == null || bind.computed() || bind.source() == GunicornSettings.Source.DEFAULT
                            && ep.environment().containsKey("PORT")) {
                        continue;
                    }
                    if (bind.source() == GunicornSettings.Source.CONFIG_FILE) {
                        configuredLoopback(context, c, bind);
                    } else {
                        report(context, c, command, server, "--bind", bind.value(), "127.0.0.1:8000");
                    }
                }
                case UVICORN -> {
                    if (ep.option("uds") != null || ep.option("fd") != null) {
                        continue;
                    }
                    report(context, c, command, server, "--host", ep.option("host"), "127.0.0.1");
                }
                case HYPERCORN -> {
                    if (ep.option("config") != null && ep.option("bind") == null) {
                        hypercornConfigured(context, c, command, ep);
                        continue;
                    }
                    report(context, c, command, server, "--bind", ep.option("bind"), "127.0.0.1:8000");
                }
                case PYTHON -> codeDefaultHost(context, c, ep);
                case ASTRO_STANDALONE -> astro(context, c, command, ep);
                case ROADRUNNER -> roadRunner(context, c);
                case PUMA, RAILS_SERVER -> {
                    if (!Thruster.fronts(ep)) { // Thruster proxies to localhost: a loopback bind behind it is right
                        puma(context, c, command, ep);
                    }
                }
                default -> {
                    aspNetCore(context, c, ep);
                    rust(context, c, ep);
                    javascript(context, c);
                    builtNodeServer(context, c, ep);
                }
            }
        }
    }

    /** A reverse proxy whose only addresses on a port the compose service publishes are loopback ones. */
    private void proxy(ReviewContext context, Container c) {
        ProxyPorts proxy = c.service() == null ? null : ProxyPorts.of(context, c).orElse(null);
        if (proxy == null) {
            return;
        }
        for (Service.Port published : c.service().ports()) {
            List<ProxyPorts.Bind> binds = proxy.binds().stream().filter(b -> b.port() >= published.targetStart()
                    && b.port() <= Math.max(published.targetStart(), published.targetEnd())).toList();
            if (binds.isEmpty() || !binds.stream().allMatch(ProxyPorts.Bind::loopback)) {
                continue;
            }
            ProxyPorts.Bind bind = binds.get(0);
            SourceFile file = bind.file() == null ? null : context.project().source(bind.file()).orElse(null);
            Location at = file == null ? ComposeServices.location(published.node())
                    : new Location(file.path(), file.lines(bind.line(), bind.line()));
            context.finding(this, at, proxy.server() + " listens on port " + bind.port() + " on " + bind.host()
                            + " only (" + bind.where() + "), which " + c.service().name() + " publishes: the container's"
                            + " loopback interface never sees the connections that come through the published port")
                    .recommendation("Bind every interface: `" + (proxy.server().equals(ProxyPorts.HAPROXY)
                            ? "bind *:" + bind.port() : bind.written().replace(bind.host() + ":", ":")) + "` in place of `" + bind.written()
                            + "`, or stop publishing port " + bind.port() + " if it is meant to stay inside.")
                    .add();
        }
    }

    /**
     * Astro's standalone server (@astrojs/node): HOST when it is set, else the astro.config's
     * server.host, whose default (false) is localhost. Quiet for a host that is not a literal (true, an expression),
     * without a configuration that uses the Node adapter in standalone mode, and when an env_file may set HOST.
     */
    private void astro(ReviewContext context, Container c, EffectiveCommand command, EntryPoint ep) {
        var app = Apps.of(context, c);
        ServerCall call = app.serverCalls().stream().filter(s -> s.server().startsWith("Astro")).findFirst()
                .orElse(null);
        if (call == null) {
            return;
        }
        String env = ep.environment().get("HOST");
        Location where;
        String what;
        if (env != null) { // an empty HOST binds every interface in @astrojs/node 9, the configuration's in later ones
            VariableOrigins.Origin origin = VariableOrigins.of(context, c, "HOST").orElse(null);
            if (!LOOPBACK.matcher(env.strip()).matches() || origin == null) {
                return;
            }
            where = origin.where();
            what = "HOST=" + env.strip() + " makes Astro's standalone server listen on " + env.strip();
        } else {
            if (c.service() != null && !c.service().envFiles().isEmpty()) {
                return;
            }
            String written = call.host() == null ? null : call.host().strip();
            String host = written == null || written.equals("false") ? null : jsString(written);
            if (host == null && written != null && !written.equals("false")
                    || host != null && !LOOPBACK.matcher(host).matches()) {
                return; // true (every interface), 0.0.0.0, a host name, or an expression
            }
            if (host == null) {
                where = new Location(command.origin().file(), command.origin().span());
                what = "neither HOST nor server.host of " + call.file() + (written == null ? " is set"
                        : " opens the server (server.host is false)") + ", so Astro's standalone server listens on"
                        + " localhost";
            } else {
                where = context.project().source(call.file())
                        .map(f -> new Location(call.file(), f.lines(call.line(), call.line())))
                        .orElse(null);
                what = "server.host " + written + " in " + call.file() + " makes Astro's standalone server listen on "
                        + host + " (HOST is not set)";
            }
        }
        if (where == null) {
            return;
        }
        TextEdit edit = FinalStageEnv.beforeCommand(c, "HOST=0.0.0.0");
        context.finding(this, where, what + ": the container's loopback interface only, so requests through a"
                        + " published port or from other containers never reach it")
                .recommendation("Set ENV HOST=0.0.0.0 in the final stage (or server.host: true in " + call.file()
                        + "); which hosts can reach it is decided by the published ports.")
                .fix(edit == null || env != null ? null
                        : Fix.of("set ENV HOST=0.0.0.0 in the final stage", FixSafety.UNSAFE, edit))
                .add();
    }

    /** The value of a JavaScript string literal ({@code '127.0.0.1'}), or null for anything else. */
    private static String jsString(String written) {
        boolean literal = written.length() >= 2 && "'\"`".indexOf(written.charAt(0)) >= 0
                && written.charAt(written.length() - 1) == written.charAt(0) && !written.contains("${");
        return literal ? written.substring(1, written.length() - 1).strip() : null;
    }

    /** RoadRunner's http.address, from its .rr.yaml or an -o http.address= override, when it is a loopback address. */
    private void roadRunner(ReviewContext context, Container c) {
        RoadRunnerConfig.of(context, c).ifPresent(rr -> {
            String address = rr.httpAddress();
            if (address == null || !LOOPBACK.matcher(address).matches()) {
                return;
            }
            Integer port = RoadRunnerConfig.port(address);
            String bind = "0.0.0.0:" + (port != null ? port : AppFacts.port(context, c, Apps.of(context, c)));
            String what = "RoadRunner's http.address " + address + " listens on the container's loopback interface"
                    + " only: requests through a published port or from other containers never reach it";
            boolean overridden = c.entryPoint().option("override") != null
                    && c.entryPoint().option("override").startsWith("http.address=");
            (overridden ? context.finding(this, c.command().origin(), what)
                    : context.finding(this, new Location(rr.file().path(), rr.file().lines(rr.line("http", "address"),
                            rr.line("http", "address"))), what))
                    .recommendation("Set http.address to " + bind + (overridden ? " in the -o override" : " in "
                            + rr.file().path()) + "; which hosts can reach it is decided by the published ports.")
                    .add();
        });
    }

    /** Whether Octane runs Swoole or RoadRunner, which bind the host they are given: as the command or OCTANE_SERVER says. */
    private static boolean octaneBindsHost(EntryPoint ep) {
        String command = ep.option("command");
        String server = command != null && command.startsWith("octane:") && !command.startsWith("octane:start")
                ? command.substring("octane:".length())
                : ep.option("server") != null ? ep.option("server") : ep.environment().get("OCTANE_SERVER");
        return "swoole".equals(server) || "roadrunner".equals(server);
    }

    /**
     * Whether something other than --host may set Octane's address: OCTANE_HOST in the command's environment, an
     * env_file of the service, the application's .env (which Laravel loads into $_ENV), or a host in
     * config/octane.php.
     */
    private static boolean octaneHostConfigured(ReviewContext context, Container c, EntryPoint ep) {
        if (ep.environment().containsKey("OCTANE_HOST") || c.service() != null && !c.service().envFiles().isEmpty()) {
            return true;
        }
        String dir = c.build() == null || c.build().context() == null ? "" : c.build().context();
        for (String file : List.of(".env", "config/octane.php")) {
            String path = dir.isEmpty() || dir.equals(".") ? file : PathNames.join(dir, file);
            if (context.project().source(path).map(f -> f.text().contains("OCTANE_HOST")
                    || f.text().matches("(?s).*['\"]host['\"]\\s*=>.*")).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Puma, or `rails server` running it: an explicit loopback -b, else the binds of its configuration file when
     * all of them are on the loopback interface ({@code bind "tcp://127.0.0.1:3000"} in config/puma.rb).
     */
    private void puma(ReviewContext context, Container c, EffectiveCommand command, EntryPoint ep) {
        String written = ep.option(ep.runtime() == dev.drydock.core.entrypoint.Runtime.PUMA ? "bind" : "binding");
        String server = ep.runtime() == dev.drydock.core.entrypoint.Runtime.PUMA ? "puma" : "rails server";
        int port = AppFacts.port(context, c, Apps.of(context, c));
        String instead = "bind \"tcp://0.0.0.0:" + port + "\"";
        if (written != null) {
            String host = written.replaceFirst("^[a-z]+://", "").replaceFirst(":\\d+.*$", "").replaceAll("[\\[\\]]", "");
            if (LoopbackHosts.isLoopback(host)) {
                context.finding(this, command.origin(), server + " -b " + written + " listens on the container's"
                                + " loopback interface only: requests through a published port or from other containers"
                                + " never reach it")
                        .recommendation("Bind all interfaces inside the container: -b " + (server.equals("puma")
                                ? "tcp://0.0.0.0:" + port : "0.0.0.0") + "; which hosts can reach it is decided by the"
                                + " published ports.")
                        .add();
            }
            return;
        }
        List<PumaBinds.Bind> binds = PumaBinds.loopbackOnly(context, c);
        if (binds.isEmpty()) {
            return;
        }
        PumaBinds.Bind first = binds.get(0);
        context.finding(this, new Location(first.file().path(), first.file().lines(first.line(), first.line())),
                        "`" + String.join(" ", ep.args()) + "` leaves the address to " + first.file().path()
                                + ", which binds Puma to " + first.address() + (binds.size() > 1 ? " and other loopback"
                                        + " addresses" : "") + " only: the container's loopback interface, so requests"
                                + " through a published port or from other containers never reach it, while a"
                                + " healthcheck run inside the container still passes")
                .recommendation("Bind all interfaces in " + first.file().path() + ": " + instead + " (or `port "
                        + port + "`, which binds 0.0.0.0); which hosts can reach it is decided by the published ports.")
                .add();
    }

    /**
     * A Python server started in code that binds 127.0.0.1 unless told otherwise: Gradio's launch() without server_name
     * (GRADIO_SERVER_NAME when the environment sets it), Flask's and Quart's app.run() without host (quiet when the code
     * mentions SERVER_NAME, whose host app.run takes). Quiet for an address that is an expression or not the loopback,
     * and when an env_file may set the variable.
     */
    private record CodeDefaultHost(String server, String argument, String variable, String recommendation) {}

    private static final List<CodeDefaultHost> CODE_DEFAULT_HOSTS = List.of(
            new CodeDefaultHost("Gradio", "server_name", "GRADIO_SERVER_NAME", "Set ENV GRADIO_SERVER_NAME=0.0.0.0 in"
                    + " the final stage, or pass server_name=\"0.0.0.0\" to launch(); which hosts can reach it is decided"
                    + " by the published ports."),
            new CodeDefaultHost("Flask's development server", "host", null, "Serve the application with gunicorn"
                    + " bound to every interface, --bind 0.0.0.0:%d (dev-server gives the whole command); to keep"
                    + " app.run(), pass host=\"0.0.0.0\"; which hosts can reach it is decided by the published ports."),
            new CodeDefaultHost("Quart's development server", "host", null, "Serve the application with hypercorn"
                    + " bound to every interface, --bind 0.0.0.0:%d; to keep app.run(), pass host=\"0.0.0.0\"; which"
                    + " hosts can reach it is decided by the published ports."));

    private void codeDefaultHost(ReviewContext context, Container c, EntryPoint ep) {
        for (ServerCall call : Apps.of(context, c).serverCalls()) {
            CodeDefaultHost server = CODE_DEFAULT_HOSTS.stream().filter(h -> call.server().startsWith(h.server()))
                    .findFirst().orElse(null);
            if (server == null) {
                continue;
            }
            String written = call.host() == null ? null : call.host().strip();
            boolean literal = written != null && written.length() >= 2 && (written.startsWith("\"") || written.startsWith("'"));
            String host = written == null ? (server.variable() == null ? null : ep.environment().get(server.variable()))
                    : literal ? written.substring(1, written.length() - 1) : null;
            Optional<SourceFile> file = context.project().source(call.file());
            if (written != null && !literal || host != null && !host.isEmpty() && !LOOPBACK.matcher(host).matches()
                    || host == null && server.variable() != null && c.service() != null && !c.service().envFiles().isEmpty()
                    || written == null && server.variable() == null
                            && file.map(f -> f.text().contains("SERVER_NAME")).orElse(true)) {
                continue;
            }
            Span span = file.map(f -> f.lines(call.line(), call.line())).orElse(null);
            String what = written == null && host == null
                    ? "`" + call.call() + "` is given no " + server.argument() + (server.variable() == null ? ""
                            : " and nothing sets " + server.variable()) + ", so " + server.server() + " listens on 127.0.0.1"
                    : "`" + call.call() + "` listens on " + host;
            context.finding(this, new Location(call.file(), span), what + ": the container's loopback interface only, so"
                            + " requests through a published port or from other containers never reach it")
                    .recommendation(server.recommendation().formatted(call.port() == null ? 5000 : call.port()))
                    .add();
        }
    }

    /**
     * ASP.NET Core's Kestrel given its addresses by its urls setting (--urls, DOTNET_URLS or ASPNETCORE_URLS, which
     * replace the image's ASPNETCORE_HTTP_PORTS) when every one of them is on the loopback interface:
     * {@code http://localhost:5000}. Quiet when the startup code or appsettings choose the addresses (they win over
     * the setting), when the settings disagree in a way only the host decides, and for a variable held in an env_file.
     */
    private void aspNetCore(ReviewContext context, Container c, EntryPoint ep) {
        var app = Apps.of(context, c);
        KestrelUrls.Setting given = KestrelUrls.effective(ep).orElse(null);
        if (given == null || !app.frameworks().contains(Framework.ASPNET_CORE) || !app.serverCalls().isEmpty()) {
            return;
        }
        String urls = given.value();
        List<String> hosts = new ArrayList<>();
        for (String url : urls.split(";")) {
            Matcher m = KESTREL_URL.matcher(url.strip());
            if (!m.matches() || !LOOPBACK.matcher(m.group(1)).matches()) {
                return; // http://+:8080, http://0.0.0.0:8080, a host name (Kestrel binds every interface for it)
            }
            hosts.add(m.group(1));
        }
        VariableOrigins.Origin origin = given.commandLine() ? null
                : VariableOrigins.of(context, c, given.name()).orElse(null);
        if (given.commandLine() ? c.command() == null : origin == null) {
            return;
        }
        String everywhere = LOOPBACK_IN_URL.matcher(urls.strip()).replaceAll("$1+");
        String instead = given.commandLine() ? "--urls " + everywhere : given.name() + "=" + everywhere;
        String message = given.written() + " makes Kestrel listen on "
                + String.join(" and ", hosts.stream().distinct().toList()) + ", the container's loopback"
                + " interface only: requests through a published port or from other containers never reach it";
        (given.commandLine() ? context.finding(this, c.command().origin(), message)
                : context.finding(this, origin.where(), message))
                .recommendation("Listen on every interface of the container, " + instead + ", or remove "
                        + given.name() + " and set the port with ASPNETCORE_HTTP_PORTS; which hosts can reach it is"
                        + " decided by the published ports.")
                .fix(origin == null ? null : aspNetCoreFix(origin))
                .add();
    }

    /** The ENV's value with each loopback host replaced by Kestrel's every-interface {@code +}. */
    private static Fix aspNetCoreFix(VariableOrigins.Origin origin) {
        if (origin.entry() == null || !origin.entry().entry().hasValue()) {
            return null;
        }
        Word value = origin.entry().entry().value();
        if (value.value().contains("$")) {
            return null;
        }
        String replaced = LOOPBACK_IN_URL.matcher(value.value()).replaceAll("$1+");
        return Fix.of("listen on " + LOOPBACK_IN_URL.matcher(origin.entry().value().strip()).replaceAll("$1+")
                + " instead of the loopback interface", FixSafety.UNSAFE,
                TextEdit.replace(origin.where().file(), value.span(), replaced));
    }

    /**
     * A Rust, Go or ASP.NET Core service whose code binds the loopback address, or Rocket left on its default address (ROCKET_ADDRESS,
     * else 127.0.0.1). Quiet for an address held in a variable and when an env_file may set ROCKET_ADDRESS.
     */
    private void rust(ReviewContext context, Container c, EntryPoint ep) {
        List<ServerCall> calls = Apps.of(context, c).serverCalls();
        // an admin endpoint kept on localhost beside one on every interface is a choice, not a mistake
        boolean kestrelReachable = calls.stream().anyMatch(call -> call.file() != null
                && KESTREL_SETTINGS.matcher(call.file()).find() && (call.host() == null
                        || !LOOPBACK.matcher(call.host().strip()).matches()));
        for (ServerCall call : calls) {
            boolean kestrelSettings = call.file() != null && KESTREL_SETTINGS.matcher(call.file()).find();
            if (call.file() == null || !call.file().endsWith(".rs") && !call.file().endsWith(".go")
                    && !call.file().endsWith(".cs") && !kestrelSettings || kestrelSettings && kestrelReachable) {
                continue;
            }
            boolean rocketDefault = call.server().equals("Rocket") && call.host() == null;
            // Rocket 0.4 (rocket::ignite) runs a release build in its production environment, on 0.0.0.0, and only a
            // debug build or ROCKET_ENV=development on localhost
            boolean rocketDevelopment = ROCKET_DEVELOPMENT.matcher(ep.environment().getOrDefault("ROCKET_ENV", "")).matches();
            if (rocketDefault && call.call().contains("ignite") && !ep.environment().containsKey("ROCKET_ADDRESS")
                    && !rocketDevelopment) {
                continue;
            }
            String host = rocketDefault ? ep.environment().getOrDefault("ROCKET_ADDRESS",
                    call.call().contains("ignite") ? "localhost" : "127.0.0.1") : call.host();
            if (host == null || !LOOPBACK.matcher(host.strip()).matches() || rocketDefault
                    && !ep.environment().containsKey("ROCKET_ADDRESS") && c.service() != null
                    && !c.service().envFiles().isEmpty()) {
                continue;
            }
            Span span = context.project().source(call.file()).map(f -> f.lines(call.line(), call.line())).orElse(null);
            String what = rocketDefault
                    ? "`" + call.call() + "` starts Rocket with its default configuration, and "
                            + (ep.environment().containsKey("ROCKET_ADDRESS") ? "ROCKET_ADDRESS sets " + host
                                    : call.call().contains("ignite") ? "ROCKET_ENV selects Rocket 0.4's development"
                                            + " environment, whose address is localhost"
                                    : "nothing sets ROCKET_ADDRESS, so it listens on 127.0.0.1")
                    : "`" + call.call() + "` listens on " + host;
            String port = call.port() == null ? "PORT" : String.valueOf(call.port());
            context.finding(this, new Location(call.file(), span), what + ": the container's loopback interface only, so"
                            + " requests through a published port or from other containers never reach it")
                    .recommendation(rocketDefault
                            ? "Set ENV ROCKET_ADDRESS=0.0.0.0 in the final stage (or address = \"0.0.0.0\" in"
                                    + " Rocket.toml); which hosts can reach it is decided by the published ports."
                            : "Bind all interfaces inside the container (0.0.0.0:" + port + " in " + call.file() + ":"
                                    + call.line() + "); which hosts can reach it is decided by the published ports.")
                    .add();
        }
    }

    /**
     * A Node.js server whose code listens on the loopback address ({@code app.listen(3000, "127.0.0.1")}), or a
     * Fastify instance given no host: Fastify then listens on what localhost resolves to, where Node's own
     * {@code listen} (Express, Koa, http) binds every interface. Quiet for a host held in a variable.
     */
    private void javascript(ReviewContext context, Container c) {
        for (ServerCall call : Apps.of(context, c).serverCalls()) {
            if (call.file() == null || !JS_FILE.matcher(call.file()).find()) {
                continue;
            }
            boolean fastify = call.server().startsWith("Fastify");
            String written = call.host() == null ? null : call.host().strip();
            boolean literal = written != null && written.length() >= 2 && "'\"`".indexOf(written.charAt(0)) >= 0
                    && written.charAt(written.length() - 1) == written.charAt(0) && !written.contains("${");
            String host = literal ? written.substring(1, written.length() - 1) : null;
            if (written == null ? !fastify : host == null || !LOOPBACK.matcher(host.strip()).matches()) {
                continue;
            }
            String owner = call.call().contains(".listen") ? call.call().substring(0, call.call().indexOf(".listen"))
                    : "app";
            String what = written == null
                    ? "`" + call.call() + "` gives Fastify no host, so it listens on localhost (127.0.0.1 or ::1)"
                    : "`" + call.call() + "` listens on " + host;
            String where = " in " + call.file() + ":" + call.line();
            String recommendation = call.server().equals("Deno.serve")
                    ? "Leave hostname out of Deno.serve's options" + where + " (Deno.serve then listens on 0.0.0.0) or"
                            + " give hostname: \"0.0.0.0\""
                    : fastify
                    ? "Pass host '0.0.0.0'" + where + ": " + owner + ".listen({ " + fastifyPort(call)
                            + "host: '0.0.0.0' })"
                    : "Listen on every interface" + where + ": leave the host out (" + owner + ".listen("
                            + (call.portText() == null ? "port" : call.portText()) + ") binds them all) or pass '0.0.0.0'";
            Span span = context.project().source(call.file()).map(f -> callSpan(f, call)).orElse(null);
            context.finding(this, new Location(call.file(), span), what + ": the container's loopback interface only,"
                            + " so requests through a published port or from other containers never reach it")
                    .recommendation(recommendation + "; which hosts can reach it is decided by the published ports.")
                    .add();
        }
    }

    /**
     * A Node server a framework built, which takes its host from the environment: SvelteKit's adapter-node (its
     * envPrefix, then HOST), Nitro's node-server (NITRO_HOST, else HOST) and Next's standalone server.js (HOSTNAME)
     * listen on every interface by default, and on the loopback interface when the variable says so. Quiet when an
     * env_file may set the variable, and for a Next.js older than 13.1, whose server.js did not read HOSTNAME.
     */
    private void builtNodeServer(ReviewContext context, Container c, EntryPoint ep) {
        List<String> variables;
        String server;
        if (ep.runtime() == Runtime.NEXT_STANDALONE) {
            if (NextStandaloneHostname.olderThanHostnameSupport(c)) {
                return;
            }
            variables = List.of("HOSTNAME");
            server = "Next's standalone server";
        } else {
            ServerCall call = Apps.of(context, c).serverCalls().stream()
                    .filter(s -> s.server().startsWith("SvelteKit's") || s.server().startsWith("Nitro's"))
                    .findFirst().orElse(null);
            if (call == null) {
                return;
            }
            boolean svelteKit = call.server().startsWith("SvelteKit's");
            String prefix = svelteKit && call.portVariable() != null && call.portVariable().endsWith("PORT")
                    ? call.portVariable().substring(0, call.portVariable().length() - "PORT".length()) : "";
            variables = svelteKit ? List.of(prefix + "HOST") : List.of("NITRO_HOST", "HOST");
            server = svelteKit ? "SvelteKit's Node server" : "Nitro's Node server";
        }
        String name = variables.stream().filter(v -> !ep.environment().getOrDefault(v, "").isBlank()).findFirst()
                .orElse(null);
        if (name == null || c.service() != null && !c.service().envFiles().isEmpty()) {
            return;
        }
        String value = ep.environment().get(name).strip();
        VariableOrigins.Origin origin = VariableOrigins.of(context, c, name).orElse(null);
        if (!LOOPBACK.matcher(value).matches() || origin == null) {
            return;
        }
        context.finding(this, origin.where(), name + "=" + value + " makes " + server + " listen on " + value
                        + ": the container's loopback interface only, so requests through a published port or from"
                        + " other containers never reach it")
                .recommendation("Set " + name + "=0.0.0.0" + (name.equals("HOSTNAME")
                        ? " (leaving it unset does not do: Docker sets HOSTNAME to the container's ID)"
                        : " (or leave it unset: the server then listens on every interface)")
                        + "; which hosts can reach it is decided by the published ports.")
                .fix(envValueFix(origin, value))
                .add();
    }

    /** The ENV's loopback value replaced by 0.0.0.0. */
    private static Fix envValueFix(VariableOrigins.Origin origin, String value) {
        if (origin.entry() == null || !origin.entry().entry().hasValue()) {
            return null;
        }
        Word written = origin.entry().entry().value();
        if (written.value().contains("$")) {
            return null;
        }
        return Fix.of("listen on 0.0.0.0 instead of " + value, FixSafety.UNSAFE,
                TextEdit.replace(origin.where().file(), written.span(), "0.0.0.0"));
    }

    /** The listen call on its line (the whole line when it spans several). */
    private static Span callSpan(SourceFile file, ServerCall call) {
        int at = file.line(call.line()).indexOf(call.call());
        return at < 0 ? file.lines(call.line(), call.line())
                : file.span(file.lineStart(call.line()) + at, file.lineStart(call.line()) + at + call.call().length());
    }

    /** The port entry of the options suggested to Fastify's listen, as written in the call. */
    private static String fastifyPort(ServerCall call) {
        String port = call.portText();
        if (port == null) {
            return "";
        }
        return port.equals("port") ? "port, " : "port: " + port + ", ";
    }

    /**
     * A development server (flask run, runserver, php artisan serve) that binds the loopback interface: given no
     * address it listens on 127.0.0.1, which the published port and the other containers cannot reach.
     */
    private void developmentServer(ReviewContext context, Container c, EffectiveCommand command, String server,
            String option, String host, String defaultHost, String address) {
        if (host != null && !host.isEmpty() && !LOOPBACK.matcher(host).matches()) {
            return; // 0.0.0.0, [::] or a variable
        }
        String what = host == null ? server + " is given no " + (option.startsWith("-") ? option : "address")
                + ", so it listens on " + defaultHost : server + " listens on " + (host.isEmpty() ? defaultHost : host);
        context.finding(this, command.origin(), what + ": the container's loopback interface only, so requests"
                        + " through a published port or from other containers never reach it")
                .recommendation("Bind all interfaces inside the container: " + server + " " + address + "; which hosts"
                        + " can reach it is decided by the published ports.")
                .add();
    }

    /** A loopback bind the gunicorn configuration file sets, reported where it is written. */
    private void configuredLoopback(ReviewContext context, Container c, GunicornSettings.Value bind) {
        if (bind.value() == null || !LOOPBACK.matcher(bind.value().strip()).matches()) {
            return;
        }
        int port = AppFacts.port(context, c, Apps.of(context, c));
        context.finding(this, bind.location(), "gunicorn binds " + bind.value() + " (" + bind.describe() + "), on the"
                        + " container's loopback interface only: requests through a published port or from other"
                        + " containers never reach it")
                .recommendation("Bind all interfaces inside the container: bind = \"0.0.0.0:" + port + "\"; which"
                        + " hosts can reach it is decided by the published ports (e.g. 127.0.0.1:" + port + ":" + port
                        + " in compose for the host alone).")
                .add();
    }

    /**
     * hypercorn -c with a TOML file drydock reads: its bind when every address of it is a loopback one (at the bind
     * line), or hypercorn's default 127.0.0.1:8000 when the file sets none (at the command).
     */
    private void hypercornConfigured(ReviewContext context, Container c, EffectiveCommand command, EntryPoint ep) {
        SourceFile file = ProgramPorts.hypercornConfig(context, c, ep).orElse(null);
        HypercornToml toml = file == null ? null : HypercornToml.of(file).orElse(null);
        if (toml == null || toml.bindWritten() && (toml.bind() == null || toml.bind().isEmpty()
                || !toml.bind().stream().allMatch(a -> LOOPBACK.matcher(a.strip()).matches()))) {
            return;
        }
        int port = AppFacts.port(context, c, Apps.of(context, c));
        if (!toml.bindWritten()) {
            context.finding(this, command.origin(), "hypercorn reads its settings from " + toml.file() + ", which"
                            + " sets no bind, and the command gives no --bind, so it listens on 127.0.0.1:8000, the"
                            + " container's loopback interface only: requests through a published port or from other"
                            + " containers never reach it")
                    .recommendation("Add bind = \"0.0.0.0:" + port + "\" to " + toml.file() + "; which hosts can"
                            + " reach it is decided by the published ports (e.g. 127.0.0.1:" + port + ":" + port
                            + " in compose for the host alone).")
                    .add();
            return;
        }
        String written = toml.bindSpan() == null ? "bind" : file.text(toml.bindSpan()).strip();
        Location at = toml.bindSpan() == null ? new Location(command.origin().file(), command.origin().span())
                : new Location(file.path(), toml.bindSpan());
        context.finding(this, at, "hypercorn binds " + String.join(", ", toml.bind()) + " (`" + written + "` in "
                        + toml.file() + "), on the container's loopback interface only: requests through a published"
                        + " port or from other containers never reach it")
                .recommendation("Bind all interfaces inside the container: bind = \"0.0.0.0:" + port + "\"; which"
                        + " hosts can reach it is decided by the published ports (e.g. 127.0.0.1:" + port + ":" + port
                        + " in compose for the host alone).")
                .add();
    }

    private void report(ReviewContext context, Container c, EffectiveCommand command, String server, String option,
            String value, String defaultAddress) {
        if (value != null) {
            List<String> addresses = Arrays.stream(value.split(",")).map(String::strip).toList();
            if (addresses.isEmpty() || !addresses.stream().allMatch(a -> LOOPBACK.matcher(a).matches())) {
                return; // 0.0.0.0, a Unix socket, a variable or at least one outside address
            }
        }
        int port = AppFacts.port(context, c, Apps.of(context, c));
        String written = value == null ? "" : value.split(",")[0].strip();
        String keptPort = written.matches(".*:(\\d+|\\$\\{?\\w+}?)") ? written.substring(written.lastIndexOf(':') + 1) : null;
        String address = option.equals("--host") ? "0.0.0.0" : "0.0.0.0:" + (keptPort != null ? keptPort : port);
        String what = value == null ? server + " has no " + option + ", so it listens on " + defaultAddress
                : server + " " + option + " " + value + " listens";
        context.finding(this, command.origin(), what + " on the container's loopback interface only: requests through"
                        + " a published port or from other containers never reach it")
                .recommendation("Bind all interfaces inside the container: " + option + " " + address + "; which hosts"
                        + " can reach it is decided by the published ports (e.g. 127.0.0.1:" + port + ":" + port
                        + " in compose for the host alone).")
                .fix(fix(c, command, option, value, address))
                .add();
    }

    /** The address written into the final stage's own exec-form command: the option added after the server, or its value replaced. */
    private static Fix fix(Container c, EffectiveCommand command, String option, String value, String address) {
        Instruction own = WrittenInstructions.ownAt(c, command.origin());
        if (own == null || !(own.arguments() instanceof ExecForm exec) || exec.elements().isEmpty()) {
            return null;
        }
        List<Word> words = exec.elements();
        String title = "listen on " + address + " instead of the loopback interface";
        if (value == null) {
            for (Word w : words) {
                String name = PathNames.fileName(w.value());
                if (name.equals("gunicorn") || name.equals("uvicorn") || name.equals("hypercorn")) {
                    String added = Probes.json(List.of(option, address));
                    return Fix.of(title, FixSafety.UNSAFE, TextEdit.insert(own.file().path(), w.span().end(),
                            ", " + added.substring(1, added.length() - 1)));
                }
            }
            return null;
        }
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            boolean joined = w.value().equals(option + "=" + value) || w.value().equals("-b" + value);
            boolean separate = w.value().equals(value) && i > 0 && (words.get(i - 1).value().equals(option)
                    || words.get(i - 1).value().equals("-b"));
            if (joined || separate) {
                String replaced = joined ? w.value().substring(0, w.value().length() - value.length()) + address : address;
                String json = Probes.json(List.of(replaced));
                return Fix.of(title, FixSafety.UNSAFE, TextEdit.replace(own.file().path(), w.span(),
                        json.substring(1, json.length() - 1)));
            }
        }
        return null;
    }
}
