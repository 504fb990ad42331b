package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The addresses a Puma configuration file binds when the command line leaves them to it: Puma's own command
 * without -b or -p (which replace the file's binds), and `rails server` without -b, -p, BINDING or PORT (which
 * Rails passes on as user-supplied, over the file's). Puma reads -C's file, else config/puma.rb.
 */
public final class PumaBinds {

    private PumaBinds() {}

    /** A bind of the configuration file: its line and the address as written. */
    public record Bind(SourceFile file, int line, String address) {}

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*(bind|ssl_bind|port)\\b\\s*\\(?\\s*(.*)$");
    private static final Pattern LITERAL_URL = Pattern.compile("^[\"']([a-z]+)://([^\"'#:/]+|\\[[^]]*])(:\\d+)?[^\"']*[\"']\\s*\\)?\\s*$");
    private static final Pattern PORT_ON_HOST = Pattern.compile("^[^,]+,\\s*[\"']([^\"'#]+)[\"']\\s*\\)?\\s*$");

    /**
     * The binds of the configuration file the command leaves the address to, when every bind and port it writes is
     * a literal address on the loopback interface; empty when one is elsewhere (a port without a host binds
     * 0.0.0.0), a socket, an expression drydock cannot evaluate, or when the command line or the environment
     * decides, or there is no file to read.
     */
    public static List<Bind> loopbackOnly(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        SourceFile file = ep == null || c.build() == null ? null : configFile(context, c, ep);
        if (file == null) {
            return List.of();
        }
        List<Bind> loopback = new ArrayList<>();
        for (int line = 1; line <= file.lineCount(); line++) {
            String text = file.line(line).replaceAll("\\s+#(?!\\{).*$", "");
            Matcher m = DIRECTIVE.matcher(text);
            if (!m.matches()) {
                continue;
            }
            String args = m.group(2).strip();
            String host = host(m.group(1), args);
            if (host == null || !LoopbackHosts.isLoopback(host)) {
                return List.of();
            }
            loopback.add(new Bind(file, line, args.replaceAll("^[\"']|[\"']\\s*\\)?$", "")));
        }
        return loopback;
    }

    /**
     * The port config/puma.rb of a container's build context makes `rails server` listen on when neither -p nor PORT
     * decides: empty when there is no such file or it writes no port (the server's default applies), a null port
     * when it binds addresses itself or writes a port drydock cannot read.
     */
    public static Optional<ConfiguredPort> railsConfigPort(ReviewContext context, Container c) {
        String puma = context.project().source(PathNames.join(c.build().context(), "config/puma.rb"))
                .map(SourceFile::text).orElse(null);
        if (puma == null) {
            return Optional.empty();
        }
        if (BINDS.matcher(puma).find()) {
            return Optional.of(new ConfiguredPort(null));
        }
        Matcher m = LITERAL_PORT.matcher(puma);
        if (m.find()) {
            String literal = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            return Optional.of(new ConfiguredPort(Integer.parseInt(literal)));
        }
        return puma.lines().anyMatch(l -> l.strip().startsWith("port")) ? Optional.of(new ConfiguredPort(null))
                : Optional.empty();
    }

    /** A port the Puma configuration decides: the literal port, or null when it cannot be read. */
    public record ConfiguredPort(Integer port) {}

    private static final Pattern LITERAL_PORT = Pattern.compile(
            "(?m)^\\s*port\\s*\\(?\\s*(?:(\\d+)|ENV\\.fetch\\(\\s*[\"']PORT[\"']\\s*(?:,\\s*(\\d+)\\s*\\)|\\)\\s*\\{\\s*(\\d+)\\s*\\}))");
    private static final Pattern BINDS = Pattern.compile("(?m)^\\s*(bind|ssl_bind)\\b");

    /** The host a bind or port directive names, or null when it is no literal TCP address on a named host. */
    private static String host(String directive, String args) {
        if (directive.equals("port")) {
            Matcher m = PORT_ON_HOST.matcher(args);
            return m.matches() ? m.group(1) : null;
        }
        Matcher m = LITERAL_URL.matcher(args);
        if (!m.matches() || !m.group(1).equals("tcp") && !m.group(1).equals("ssl")) {
            return null;
        }
        String host = m.group(2);
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static SourceFile configFile(ReviewContext context, Container c, EntryPoint ep) {
        boolean commandDecides = switch (ep.runtime()) {
            case PUMA -> ep.option("bind") != null || ep.option("port") != null;
            case RAILS_SERVER -> ep.option("binding") != null || ep.option("port") != null
                    || ep.environment().containsKey("BINDING") || ep.environment().containsKey("PORT")
                    || c.service() != null && !c.service().envFiles().isEmpty();
            default -> true;
        };
        String config = ep.runtime() == dev.drydock.core.entrypoint.Runtime.PUMA ? ep.option("config") : null;
        if (commandDecides || config != null && config.startsWith("/")) {
            return null;
        }
        String environment = ep.environment().getOrDefault("RAILS_ENV", ep.environment().get("RACK_ENV"));
        if (config == null && environment != null
                && context.project().source(PathNames.join(c.build().context(), "config/puma/" + environment + ".rb"))
                        .isPresent()) {
            return null; // Puma reads config/puma/<environment>.rb first
        }
        return context.project().source(PathNames.join(c.build().context(), config == null ? "config/puma.rb" : config))
                .orElse(null);
    }

    /**
     * The configuration file of the build context that the container's puma or `rails server` reads: -C's file,
     * else config/puma/&lt;RAILS_ENV or RACK_ENV&gt;.rb, else config/puma.rb; empty for other commands, an absolute
     * -C path (a file of the image, not of the context) or no such file.
     */
    public static Optional<SourceFile> readFile(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        return ep == null || c.build() == null ? Optional.empty() : readFile(context, c, ep);
    }

    private static Optional<SourceFile> readFile(ReviewContext context, Container c, EntryPoint ep) {
        if (ep.runtime() != dev.drydock.core.entrypoint.Runtime.PUMA
                && ep.runtime() != dev.drydock.core.entrypoint.Runtime.RAILS_SERVER) {
            return Optional.empty();
        }
        String config = ep.runtime() == dev.drydock.core.entrypoint.Runtime.PUMA ? ep.option("config") : null;
        if (config != null && config.startsWith("/")) {
            return Optional.empty();
        }
        String environment = ep.environment().getOrDefault("RAILS_ENV", ep.environment().get("RACK_ENV"));
        if (config == null && environment != null) {
            Optional<SourceFile> own = context.project().source(PathNames.join(c.build().context(),
                    "config/puma/" + environment + ".rb"));
            if (own.isPresent()) {
                return own; // Puma reads config/puma/<environment>.rb first
            }
        }
        return context.project().source(PathNames.join(c.build().context(), config == null ? "config/puma.rb" : config));
    }
}
