package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a reverse proxy a container runs listens: Caddy (its Caddyfile), HAProxy (the bind lines of its
 * configuration) or Traefik (the entry points of its command line). The program is the container's command, or the
 * one the official caddy, haproxy or traefik image it is built on starts (their entrypoint scripts put a command that
 * starts with an option after the program). Empty whenever drydock cannot be sure: a configuration written at
 * start-up or edited by a RUN, one it cannot read, an address held in a variable with no known value.
 *
 * @param server the proxy's name in messages
 * @param binds where it listens, in the order its configuration says
 */
public record ProxyPorts(String server, List<Bind> binds) {

    public static final String CADDY = "Caddy";
    public static final String HAPROXY = "HAProxy";
    public static final String TRAEFIK = "Traefik";

    /**
     * One address the proxy listens on.
     *
     * @param port the TCP port
     * @param host the address it binds, or null for every interface
     * @param file the file that says so, or null when it is the image's own default or the command line
     * @param line the line in that file, or 0
     * @param written how the configuration writes it ({@code bind 127.0.0.1:8404}, {@code :80},
     *     {@code --entrypoints.web.address=:80})
     */
    public record Bind(int port, String host, String file, int line, String written) {

        public boolean loopback() {
            return host != null && LoopbackHosts.isLoopback(host);
        }

        /** Where it is written: {@code bind *:80 in haproxy.cfg:7}. */
        public String where() {
            return file == null ? written : written + " in " + file + ":" + line;
        }
    }

    /** The proxy's command: the program (caddy, haproxy, traefik) and its arguments. */
    record Command(String program, List<String> args) {}

    private static final Set<String> PROGRAMS = Set.of("caddy", "haproxy", "traefik");

    public static Optional<ProxyPorts> of(ReviewContext context, Container c) {
        return context.memo("proxy-ports", c, () -> read(context, c));
    }

    private static Optional<ProxyPorts> read(ReviewContext context, Container c) {
        Command command = command(c).orElse(null);
        if (command == null) {
            return Optional.empty();
        }
        Optional<ProxyPorts> ports = switch (command.program()) {
            case "caddy" -> CaddyfilePorts.of(context, c, command.args());
            case "haproxy" -> HaproxyBinds.of(context, c, command.args());
            default -> TraefikEntryPoints.of(context, c, command.args());
        };
        return ports.filter(p -> !p.binds().isEmpty());
    }

    /** The ports, each once, in the order of the binds. */
    public List<Integer> ports() {
        return binds.stream().map(Bind::port).distinct().toList();
    }

    /** Why it listens on its first port, for messages. */
    public String because() {
        Bind first = binds.get(0);
        return first.file() == null && !first.written().startsWith("-")
                ? "the image's own configuration listens on " + first.port() : first.where();
    }

    /** How to move it from {@code from} to {@code to}, as a sentence without its final period. */
    public String move(int from, int to) {
        Bind bind = binds.stream().filter(b -> b.port() == from).findFirst().orElse(binds.get(0));
        String place = bind.file() == null ? "" : " (" + bind.file() + ":" + bind.line() + ")";
        return switch (server) {
            case CADDY -> bind.file() == null ? "Copy a Caddyfile of your own to /etc/caddy/Caddyfile whose site"
                    + " address is :" + to : bind.written().matches("(https?://)?[A-Za-z*].*") && !bind.written()
                    .matches(".*:\\d+") ? "Move Caddy's " + (from == 443 ? "HTTPS" : "HTTP") + " port: write `"
                    + (from == 443 ? "https_port " : "http_port ") + to + "` in the global options block at the top of "
                    + bind.file() + " (a { } block of its own)"
                    : "Make the site address " + bind.written() + place + " listen on :" + to;
            case HAPROXY -> "Write `bind *:" + to + "` in place of `" + bind.written() + "`" + place;
            default -> "Give the entry point the address :" + to + " in place of `" + bind.written() + "`" + place;
        };
    }

    /** The proxy's program and arguments, when the container runs one. */
    /** The configuration file a container's {@code caddy run} reads (--config), when it runs Caddy that way. */
    public static Optional<String> caddyConfig(Container c) {
        return command(c).filter(command -> command.program().equals("caddy") && !command.args().isEmpty()
                        && command.args().get(0).equals("run"))
                .map(command -> option(command.args(), "--config", "-c"));
    }

    static Optional<Command> command(Container c) {
        if (c.build() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        String image = BaseImageFacts.defaultCommand(base).filter(PROGRAMS::contains).orElse(null);
        if (c.command() == null) {
            return image == null ? Optional.empty() : Optional.of(new Command(image, imageArgs(image)));
        }
        if (c.command().shellForm()) {
            return Optional.empty();
        }
        List<String> argv = c.command().inheritsEntrypoint() ? c.command().cmd() : c.command().argv();
        for (int i = 0; i < argv.size(); i++) {
            String name = PathNames.fileName(argv.get(i));
            if (PROGRAMS.contains(name)) {
                return Optional.of(new Command(name, List.copyOf(argv.subList(i + 1, argv.size()))));
            }
        }
        boolean imageEntrypoint = c.command().entrypoint().isEmpty() || c.command().inheritsEntrypoint();
        if (image != null && imageEntrypoint && !"caddy".equals(image)
                && (argv.isEmpty() || argv.get(0).startsWith("-"))) {
            return Optional.of(new Command(image, argv.isEmpty() ? imageArgs(image) : argv));
        }
        return Optional.empty();
    }

    /** The arguments the official image's CMD gives its program. */
    private static List<String> imageArgs(String program) {
        return switch (program) {
            case "caddy" -> List.of("run", "--config", CaddyfilePorts.STOCK_PATH, "--adapter", "caddyfile");
            case "haproxy" -> List.of("-f", HaproxyBinds.STOCK_PATH);
            default -> List.of();
        };
    }

    /** The value of option {@code name} in {@code args} ({@code --config X} or {@code --config=X}), or null. */
    static String option(List<String> args, String... names) {
        for (int i = 0; i < args.size(); i++) {
            for (String name : names) {
                if (args.get(i).equals(name) && i + 1 < args.size()) {
                    return args.get(i + 1);
                }
                if (args.get(i).startsWith(name + "=")) {
                    return args.get(i).substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    private static final Pattern ENV_LINE = Pattern.compile("(?i)^ENV\\s+(.*)$", Pattern.DOTALL);

    /**
     * Whether anything may set the environment variable {@code name} in the container: the service's environment or
     * an env_file, or an ENV of the image.
     */
    static boolean environmentMaySet(Container c, String name) {
        Service service = c.service();
        if (service != null && (service.env(name).isPresent() || !service.envFiles().isEmpty())) {
            return true;
        }
        return Stages.inImage(c.build().model(), c.build().stage()).stream().flatMap(s -> s.steps().stream())
                .map(s -> s.instruction().rawText()).map(ENV_LINE::matcher).filter(Matcher::matches)
                .anyMatch(m -> m.group(1).matches("(?s).*\\b" + Pattern.quote(name) + "\\b.*"));
    }

    /** The literal value the compose service gives {@code name}, or null. */
    static String composeValue(Container c, String name) {
        return c.service() == null ? null : c.service().env(name).map(Service.EnvVar::value).map(Located::value)
                .filter(v -> !v.contains("$")).orElse(null);
    }

    /** Whether a RUN of the image names {@code path}: it may edit the configuration read there. */
    static boolean editedByRun(Container c, String path) {
        return Stages.inImage(c.build().model(), c.build().stage()).stream().flatMap(s -> s.steps().stream())
                .map(s -> s.instruction().rawText())
                .anyMatch(t -> t.toLowerCase(Locale.ROOT).startsWith("run") && t.contains(path));
    }

    /** Adds the bind unless one on the same port and host is there already. */
    static void add(List<Bind> binds, Bind bind) {
        if (binds.stream().noneMatch(b -> b.port() == bind.port() && java.util.Objects.equals(b.host(), bind.host()))) {
            binds.add(bind);
        }
    }

    static List<Bind> newList() {
        return new ArrayList<>();
    }
}
