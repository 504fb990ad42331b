package dev.drydock.core.rules.support;

import dev.drydock.core.app.FlaskScriptServer;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.manifest.HypercornToml;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TCP ports a server program listens on as its own settings give them, wherever it reads them from: the options of
 * its command, with the variables the program takes as options (GUNICORN_CMD_ARGS, uvicorn's UVICORN_PORT); for
 * gunicorn the effective {@code bind} of {@link GunicornSettings} (command line, GUNICORN_CMD_ARGS, configuration file,
 * else the default, 0.0.0.0:$PORT when PORT is set); for hypercorn the {@code bind} of the TOML file {@code -c} names.
 *
 * @param ports the ports, in order and without repeats; empty when the settings give none drydock can read
 * @param variable the environment variable the command reads its port from when the container leaves it unset
 *     ({@code --bind :$PORT}), else null
 * @param because where the address is set when the command line does not say it, for messages
 *     ({@code `bind = "0.0.0.0:8080"` in gunicorn.conf.py line 1}), else null
 * @param setting the environment variable that alone moves the server (PORT under gunicorn's default bind,
 *     UVICORN_PORT), else null
 * @param settled whether the settings decide the address even where they give no port drydock can read (a
 *     configuration file that computes it or that drydock cannot find, a Unix socket): nothing else, such as the code
 *     or the image's EXPOSE, tells the port then
 */
public record ProgramPorts(List<Integer> ports, String variable, String because, String setting, boolean settled) {

    /** gunicorn's and hypercorn's port for an address without one ({@code --bind 0.0.0.0}). */
    private static final int DEFAULT_PORT = 8000;
    private static final Pattern PORT_NUMBER = Pattern.compile("\\d{1,5}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
    private static final ProgramPorts UNSET = new ProgramPorts(List.of(), null, null, null, false);
    private static final ProgramPorts UNREADABLE = new ProgramPorts(List.of(), null, null, null, true);

    public ProgramPorts {
        ports = List.copyOf(ports);
    }

    /** The first port, or null when there is none. */
    public Integer first() {
        return ports.isEmpty() ? null : ports.get(0);
    }

    /** Where {@code ep}, a program container {@code c} runs (its command, or one its process manager starts), listens. */
    public static ProgramPorts of(ReviewContext context, Container c, EntryPoint ep) {
        if (ep == null) {
            return UNSET;
        }
        return context.memo("program-ports", ep, () -> read(context, c, ep));
    }

    private static ProgramPorts read(ReviewContext context, Container c, EntryPoint ep) {
        return switch (ep.runtime()) {
            case GUNICORN -> gunicorn(context, c, ep);
            case HYPERCORN -> ep.option("bind") != null ? command(ep) : hypercorn(context, c, ep);
            case UVICORN -> uvicorn(ep);
            case DJANGO_RUNSERVER, DJANGO_MANAGE -> FlaskScriptServer.of(context.project(), c, ep)
                    .map(ProgramPorts::flaskScript).orElseGet(() -> command(ep));
            default -> command(ep);
        };
    }

    /**
     * Flask-Script's Server ({@link FlaskScriptServer}): its -p, else its port argument in manage.py, else 5000; it
     * decides the port alone, so one drydock cannot read leaves it unreadable.
     */
    private static ProgramPorts flaskScript(FlaskScriptServer server) {
        return server.port() == null ? UNREADABLE
                : new ProgramPorts(List.of(server.port()), null, server.portBecause(), null, true);
    }

    /** The ports the command's options set ({@link AppFacts#commandPorts(EntryPoint)}). */
    private static ProgramPorts command(EntryPoint ep) {
        return new ProgramPorts(AppFacts.commandPorts(ep), AppFacts.portVariable(ep), null, null, false);
    }

    private static ProgramPorts gunicorn(ReviewContext context, Container c, EntryPoint ep) {
        GunicornSettings.Value bind = GunicornSettings.of(context, c, ep).get("bind").orElse(null);
        if (bind == null || bind.computed()) {
            return UNREADABLE;
        }
        return switch (bind.source()) {
            case COMMAND_LINE -> addresses(bind.value(), null, true);
            case GUNICORN_CMD_ARGS -> addresses(bind.value(), bind.describe(), true);
            case CONFIG_FILE -> addresses(bind.value(), bind.describe(), false); // gunicorn expands no $VAR there
            default -> gunicornDefault(ep);
        };
    }

    /**
     * gunicorn's default bind: 0.0.0.0:$PORT when the PORT variable is set, else 127.0.0.1:8000, which no other
     * container reaches (server-listens-on-localhost reports it): that one leaves the port to the other sources.
     */
    private static ProgramPorts gunicornDefault(EntryPoint ep) {
        String port = ep.environment().get("PORT");
        if (port == null) {
            return UNSET;
        }
        if (!PORT_NUMBER.matcher(port.strip()).matches()) {
            return UNREADABLE;
        }
        return new ProgramPorts(List.of(Integer.valueOf(port.strip())), null, "gunicorn's default bind, 0.0.0.0:$PORT,"
                + " with PORT=" + port.strip() + " in its environment", "PORT", true);
    }

    /** uvicorn's port, and the UVICORN_PORT variable when that is where it comes from. */
    private static ProgramPorts uvicorn(EntryPoint ep) {
        ProgramPorts command = command(ep);
        String set = ep.environment().get("UVICORN_PORT");
        boolean written = ep.args().stream().anyMatch(a -> a.equals("--port") || a.startsWith("--port="));
        if (written || set == null || command.ports().isEmpty() || !set.strip().equals(ep.option("port"))) {
            return command;
        }
        return new ProgramPorts(command.ports(), null, "UVICORN_PORT=" + set.strip() + " in its environment",
                "UVICORN_PORT", false);
    }

    /**
     * The ports of hypercorn's TOML configuration file: its bind, and its insecure_bind when certfile and keyfile turn
     * TLS on. A Python configuration (file:, python:) or a file drydock cannot find leaves the address unreadable.
     */
    private static ProgramPorts hypercorn(ReviewContext context, Container c, EntryPoint ep) {
        if (ep.option("config") == null) {
            return UNSET;
        }
        Optional<SourceFile> file = hypercornConfig(context, c, ep);
        HypercornToml toml = file.flatMap(HypercornToml::of).orElse(null);
        if (toml == null || toml.bindWritten() && toml.bind() == null || toml.insecureBind() == null) {
            return UNREADABLE;
        }
        if (!toml.bindWritten()) {
            return UNSET; // hypercorn's default, 127.0.0.1:8000
        }
        boolean tls = (ep.option("certfile") != null || toml.certfile() != null)
                && (ep.option("keyfile") != null || toml.keyfile() != null);
        List<String> binds = new ArrayList<>(toml.bind());
        if (tls) {
            binds.addAll(toml.insecureBind());
        }
        String because = toml.bindSpan() == null ? "bind in " + toml.file()
                : "`" + file.get().text(toml.bindSpan()).strip() + "` in " + toml.file() + " line "
                        + toml.bindSpan().startLine();
        return addresses(String.join(",", binds), because, false);
    }

    /**
     * The TOML file of the build context hypercorn's {@code -c} names (relative to the context root, as the image's
     * working directory usually mirrors it); empty without -c, for an absolute, file: or python: configuration, or
     * when the project has no such file.
     */
    public static Optional<SourceFile> hypercornConfig(ReviewContext context, Container c, EntryPoint ep) {
        String config = ep.option("config");
        if (config == null || c == null || c.build() == null || config.startsWith("/") || config.startsWith("file:")
                || config.startsWith("python:") || config.contains("$")) {
            return Optional.empty();
        }
        return context.project().source(PathNames.join(c.build().context(), config));
    }

    /**
     * The ports of comma-joined addresses as gunicorn and hypercorn read them: {@code HOST:PORT}, {@code [V6]:PORT},
     * a host alone on port 8000; Unix sockets ({@code unix:PATH}) and inherited descriptors ({@code fd://N}) have
     * none. A variable is read only where the shell expands it ({@code variables}); an address whose port is neither
     * a number nor such a variable leaves the whole unreadable.
     */
    private static ProgramPorts addresses(String value, String because, boolean variables) {
        List<Integer> ports = new ArrayList<>();
        String variable = null;
        for (String raw : value.split(",")) {
            String address = raw.strip();
            if (address.startsWith("unix:") || address.startsWith("fd://")) {
                continue;
            }
            int close = address.startsWith("[") ? address.indexOf(']') : -1;
            String rest = close >= 0 ? address.substring(close + 1) : address;
            int colon = rest.indexOf(':');
            String port = colon < 0 ? String.valueOf(DEFAULT_PORT) : rest.substring(colon + 1);
            Matcher named = VARIABLE.matcher(port);
            if (PORT_NUMBER.matcher(port).matches()) {
                if (!ports.contains(Integer.valueOf(port))) {
                    ports.add(Integer.valueOf(port));
                }
            } else if (variables && named.matches()) {
                variable = variable == null && ports.isEmpty() ? named.group(1) : variable;
            } else {
                return UNREADABLE;
            }
        }
        return new ProgramPorts(ports, ports.isEmpty() ? variable : null, because, null, true);
    }
}
