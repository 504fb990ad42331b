package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.Framework;
import dev.drydock.core.app.ServerCall;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ports the application listens on when the command sets none: Express's {@code app.listen(3000)}, Flask's
 * {@code app.run(port=5000)} run as a script, Spring Boot's {@code server.port}, each resolved against the
 * container's environment when it reads its port from a variable; and ASP.NET Core's Kestrel, on the port
 * the urls setting ({@link KestrelUrls}: --urls, DOTNET_URLS, ASPNETCORE_URLS) or ASPNETCORE_HTTP_PORTS give, from the
 * container's command and environment or else from the .NET image; and, for a container that keeps its base image's
 * command, the Java application server that command starts (Tomcat, Payara ...), on its stock ports.
 */
public final class CodePorts {

    private static final Pattern PORT_NUMBER = Pattern.compile("\\d{1,5}");
    /** A listen address as Go writes it: {@code :8080}, {@code 0.0.0.0:8080}, {@code [::]:8080}. */
    private static final Pattern ADDRESS_PORT = Pattern.compile("[\\w.\\[\\]:-]*:(\\d{1,5})");
    private static final Pattern URL_PORT = Pattern.compile("(?i)(https?)://[^/]*:(\\d{1,5})/?");

    /**
     * One server start of the application and the port it listens on in this container.
     *
     * @param because why it listens there when that is not written at the server start (a variable left unset,
     *     a value the base image sets), else null
     * @param setting the environment setting that would move it, with {@code %d} for the port
     *     ({@code PORT=%d}), else null
     * @param tls whether the server takes only TLS on the port or plain HTTP, or null when that is not told
     */
    public record CodePort(ServerCall call, int port, String because, String setting, ServerCall.Tls tls) {

        /** A port of a server start that speaks on it what the start says ({@link ServerCall#tls}). */
        public CodePort(ServerCall call, int port, String because, String setting) {
            this(call, port, because, setting, call.tls());
        }

        /** The server and where the application starts it: {@code Node's HTTP server (app.listen) at server.js:12}. */
        public String describe() {
            return call.file() == null ? call.server() : call.server() + " at " + call.file() + ":" + call.line();
        }
    }

    private CodePorts() {}

    /**
     * Every server start of the application with the port it listens on, or an empty list when the command sets
     * a port, when the application starts no server drydock can see, or when the port of any start cannot be told
     * (an expression, a variable set to something else than a number, a variable an env_file may set).
     */
    public static List<CodePort> of(Container c, AppSource app) {
        return of(null, c, app);
    }

    /**
     * As {@link #of(Container, AppSource)}, with the compose service's env_files read from {@code project}: a file of
     * the project that does not set the variable leaves the code's default in force (null: any env_file may set it).
     */
    public static List<CodePort> of(Project project, Container c, AppSource app) {
        EntryPoint ep = c.entryPoint();
        if (ep == null && app != null && AppSource.keepsImageAppServer(c)) {
            return imageServer(app);
        }
        if (ep == null || app == null || !AppFacts.commandPorts(ep).isEmpty() || AppFacts.portVariable(ep) != null) {
            return List.of();
        }
        if (app.serverCalls().isEmpty()) {
            return app.frameworks().contains(Framework.ASPNET_CORE) ? kestrel(c, ep) : List.of();
        }
        List<CodePort> out = new ArrayList<>();
        for (ServerCall call : app.serverCalls()) {
            String variable = call.portVariable();
            String value = variable == null ? null : ep.environment().get(variable);
            String setting = variable == null ? springBinding(call).map(v -> v + "=%d").orElse(null)
                    : variable + (call.addressVariable() ? "=:%d" : "=%d");
            if (value != null) {
                Matcher address = ADDRESS_PORT.matcher(value.strip());
                if (call.addressVariable() ? !address.matches() : !PORT_NUMBER.matcher(value.strip()).matches()) {
                    return List.of();
                }
                out.add(new CodePort(bound(call) ? setIn(c, call, variable, value.strip()) : call,
                        Integer.parseInt(call.addressVariable() ? address.group(1) : value.strip()), null, setting,
                        call.tls()));
            } else if (call.port() == null || variable != null && envFileMaySet(project, c, variable, call.port())) {
                return List.of();
            } else {
                out.add(new CodePort(call, call.port(), call.defaultPort() ? "its default port, as neither the"
                        + " application's configuration nor the container's environment sets "
                        + call.call().substring(0, call.call().length() - ServerCall.UNSET.length())
                        : variable == null ? denoDefault(call) : (configured(call) ? "the configuration reads "
                        : "the code reads ") + variable
                        + ", which the container's environment does not set, and defaults to " + call.port(), setting));
            }
        }
        return out;
    }

    /**
     * The listeners of the application server the base image's own command starts, with the ports of its stock
     * configuration ({@code AppSource} leaves them out when the build copies configuration that may move them).
     */
    private static List<CodePort> imageServer(AppSource app) {
        List<CodePort> out = new ArrayList<>();
        for (ServerCall call : app.serverCalls()) {
            if (call.port() == null) {
                return List.of();
            }
            out.add(new CodePort(call, call.port(), "the image's own command starts it, as the Dockerfile sets none",
                    null));
        }
        return out;
    }

    /**
     * Whether the variable the start reads is the one its configuration property binds from, over every file (Spring
     * Boot's SERVER_PORT for {@code Spring Boot's embedded server (server.port)}, Quarkus' QUARKUS_HTTP_PORT): the
     * configuration's line then says nothing about the port, unlike a placeholder such as {@code ${PORT:8080}}.
     */
    static boolean bound(ServerCall call) {
        String key = portProperty(call).orElse(null);
        if (call.portVariable() == null || key == null) {
            return false;
        }
        String variable = key.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
        return call.portVariable().equals(variable.replace("-", ""))
                || call.portVariable().equals(variable.replace('-', '_'));
    }

    /** The port property a start names in its server's parentheses: {@code server.port}. */
    private static java.util.Optional<String> portProperty(ServerCall call) {
        String server = call.server();
        int open = server == null ? -1 : server.lastIndexOf(" (");
        if (open < 0 || !server.endsWith(")")) {
            return java.util.Optional.empty();
        }
        String key = server.substring(open + 2, server.length() - 1);
        return key.matches("[\\w.-]+[.-]port") ? java.util.Optional.of(key) : java.util.Optional.empty();
    }

    /**
     * The environment variable that overrides a Spring Boot port a configuration file writes as a number
     * ({@code server.port=8081}): SERVER_PORT, which relaxed binding puts above every application.properties.
     */
    private static java.util.Optional<String> springBinding(ServerCall call) {
        if (call.server() == null || !call.server().startsWith("Spring Boot's") || !configured(call)) {
            return java.util.Optional.empty();
        }
        return portProperty(call).map(k -> k.replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * The start as the variable that sets its port: {@code Spring Boot's embedded server (SERVER_PORT=80)} at the ENV
     * or compose environment entry that writes it, or without a place when neither does (an env_file, the base image).
     */
    private static ServerCall setIn(Container c, ServerCall call, String variable, String value) {
        String name = call.server().substring(0, call.server().lastIndexOf(" ("));
        var where = VariableOrigins.written(c, variable).orElse(null);
        String assignment = variable + "=" + value;
        return new ServerCall(name + " (" + assignment + (where == null ? " in its environment" : "") + ")", assignment,
                call.development(), call.mainOnly(), where == null ? null : where.file(),
                where == null ? 0 : where.span().startLine(), call.host(), Integer.valueOf(value), value, variable,
                call.debug(), call.share(), call.auth(), false, call.tls());
    }

    /** Why a Deno server given no port listens on 8000, else null. */
    private static String denoDefault(ServerCall call) {
        return call.portText() == null && (call.server().equals("Deno.serve") || call.server().equals("deno serve"))
                ? "Deno's default port, as " + (call.server().equals("deno serve") ? "no --port is given"
                        : "the code gives Deno.serve no port") : null;
    }

    /** Whether the server's port is set in a configuration file (application.properties, application.yaml ...). */
    private static boolean configured(ServerCall call) {
        String file = call.file() == null ? "" : call.file();
        return file.endsWith(".properties") || file.endsWith(".yaml") || file.endsWith(".yml")
                || file.endsWith(".toml") || file.endsWith(".json") || file.endsWith(".conf");
    }

    private static boolean hasEnvFiles(Container c) {
        return c.service() != null && !c.service().envFiles().isEmpty();
    }

    /**
     * Whether an env_file of the compose service may set {@code variable}: one of the project's that sets it, or one
     * the checkout lacks (a git-ignored .env, which may exist where it runs) unless the service's ports target {@code port}, the code's default,
     * which a file that moved the server would leave unreached. Without {@code project}, any env_file may.
     */
    private static boolean envFileMaySet(Project project, Container c, String variable, int port) {
        if (!hasEnvFiles(c)) {
            return false;
        }
        if (project == null) {
            return true;
        }
        boolean missing = false;
        for (Service.EnvFile f : c.service().envFiles()) {
            String path = f.path() == null ? null : ComposeServices.projectPath(project, f.path());
            if (path == null || project.source(path).isEmpty()) {
                missing = true;
                continue;
            }
            if (EnvFiles.entries(project, path).stream().map(DotEnvEntry::key).anyMatch(variable::equals)) {
                return true;
            }
        }
        return missing && c.service().ports().stream().noneMatch(p -> p.targetStart() == port && p.targetEnd() == port);
    }

    /**
     * ASP.NET Core's Kestrel when the code and appsettings choose no address: the urls setting (each URL's scheme
     * telling whether the port takes TLS), else ASPNETCORE_HTTP_PORTS (plain HTTP) with ASPNETCORE_HTTPS_PORTS (TLS),
     * from the container's environment, else from the .NET image the final stage is built on. Empty when an env_file may set them or the image is not a .NET one.
     */
    private static List<CodePort> kestrel(Container c, EntryPoint ep) {
        if (KestrelUrls.undecided(ep)) {
            return List.of();
        }
        KestrelUrls.Setting given = KestrelUrls.effective(ep).orElse(null);
        String urls = given == null ? null : given.value();
        String ports = ep.environment().get("ASPNETCORE_HTTP_PORTS");
        String httpsPorts = ep.environment().get("ASPNETCORE_HTTPS_PORTS");
        String because = null;
        if (urls == null && ports == null) {
            if (hasEnvFiles(c) || c.build() == null || c.build().stage() == null) {
                return List.of();
            }
            var base = Stages.rootBase(c.build().model(), c.build().stage());
            String setting = DotnetImages.portSetting(base).orElse(null);
            if (setting == null) {
                return List.of();
            }
            because = "the " + ((dev.drydock.core.dockerfile.model.BaseImage.External) base).reference().familiarString()
                    + " image sets " + setting;
            String value = setting.substring(setting.indexOf('=') + 1);
            if (setting.startsWith("ASPNETCORE_URLS")) {
                given = new KestrelUrls.Setting("ASPNETCORE_URLS", value);
                urls = value;
            } else {
                ports = value;
            }
        }
        List<Integer> found = new ArrayList<>();
        List<ServerCall.Tls> schemes = new ArrayList<>();
        String written;
        String setting;
        if (urls != null) {
            written = given.written();
            setting = given.commandLine() ? null : given.name() + "=http://+:%d";
            for (String url : urls.split(";")) {
                Matcher m = URL_PORT.matcher(url.strip());
                if (!m.matches()) {
                    return List.of();
                }
                found.add(Integer.parseInt(m.group(2)));
                schemes.add(new ServerCall.Tls(m.group(1).equalsIgnoreCase("https"), url.strip() + " in "
                        + (because == null ? written : because)));
            }
        } else {
            // ASPNETCORE_HTTP_PORTS and ASPNETCORE_HTTPS_PORTS add up (.NET 8 on); the urls setting replaces both
            List<String> settings = new ArrayList<>();
            for (String[] variable : new String[][] {{"ASPNETCORE_HTTP_PORTS", ports}, {"ASPNETCORE_HTTPS_PORTS", httpsPorts}}) {
                if (variable[1] == null) {
                    continue;
                }
                settings.add(variable[0] + "=" + variable[1].strip());
                for (String port : variable[1].split("[;,]")) {
                    if (!PORT_NUMBER.matcher(port.strip()).matches()) {
                        return List.of();
                    }
                    found.add(Integer.parseInt(port.strip()));
                    boolean https = variable[0].contains("HTTPS");
                    schemes.add(new ServerCall.Tls(https, !https && because != null ? because
                            : variable[0] + "=" + variable[1].strip()));
                }
            }
            written = String.join(" ", settings);
            setting = ports != null || httpsPorts == null ? "ASPNETCORE_HTTP_PORTS=%d" : null;
        }
        String server = because == null ? "ASP.NET Core's Kestrel (" + written + ")" : "ASP.NET Core's Kestrel";
        ServerCall call = new ServerCall(server, written, false, false, null, 0,
                null, found.get(0), written, null, null);
        List<CodePort> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            out.add(new CodePort(call, found.get(i), because, setting, undecidedTls(ep) ? null : schemes.get(i)));
        }
        return out;
    }

    /**
     * Whether Kestrel's own settings in the container's environment (Kestrel__Endpoints__...) may change what it
     * speaks on a port; a default certificate alone (Kestrel__Certificates__Default__Path) does not.
     */
    private static boolean undecidedTls(EntryPoint ep) {
        return ep.environment().keySet().stream().map(k -> k.toLowerCase(java.util.Locale.ROOT))
                .anyMatch(k -> k.contains("kestrel__") && !k.contains("kestrel__certificates__"));
    }
}
