package dev.drydock.core.rules.support;

import static dev.drydock.core.source.PlainYaml.mapping;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.PlainYaml;
import dev.drydock.core.source.SourceFile;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of RoadRunner's configuration ({@code rr serve} reads -c's file, else .rr.yaml in its working
 * directory) that say where it serves: {@code http.address} (host:port, an -o http.address=... override wins),
 * {@code status.address}, where the status plugin answers {@code /health?plugin=http} with 200 once an HTTP worker
 * is ready, and {@code http.pool.num_workers}.
 *
 * @param file the project's copy of the configuration
 * @param httpAddress the HTTP plugin's address, or null when it has none
 * @param statusAddress the status plugin's address, or null when it is not enabled
 * @param workers the HTTP worker pool's size, or null when the configuration leaves it to the CPU count
 */
public record RoadRunnerConfig(SourceFile file, String httpAddress, String statusAddress, Integer workers) {

    /** The path the status plugin answers for the HTTP plugin's workers. */
    public static final String HEALTH_PATH = "/health?plugin=http";
    private static final Pattern HOST_PORT = Pattern.compile("(.*):(\\d{1,5})");

    /** The configuration the container's {@code rr serve} reads, when the image gets it from the project. */
    public static Optional<RoadRunnerConfig> of(ReviewContext context, Container c) {
        return context.memo("roadrunner-config", c, () -> read(context, c));
    }

    private static Optional<RoadRunnerConfig> read(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null || ep.runtime() != Runtime.ROADRUNNER) {
            return Optional.empty();
        }
        String name = PathNames.fileName(ep.option("config"));
        return c.entryFiles().stream().filter(f -> PathNames.fileName(f).equals(name)).findFirst()
                .flatMap(f -> context.project().source(f)).flatMap(f -> read(f, ep));
    }

    private static Optional<RoadRunnerConfig> read(SourceFile file, EntryPoint ep) {
        if (!(PlainYaml.load(file) instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        Map<?, ?> http = mapping(map.get("http"));
        String address = text(http.get("address"));
        String override = ep.option("override");
        if (override != null && override.startsWith("http.address=")) {
            address = override.substring("http.address=".length());
        }
        Object workers = mapping(http.get("pool")).get("num_workers");
        return Optional.of(new RoadRunnerConfig(file, address, text(mapping(map.get("status")).get("address")),
                workers instanceof Integer n && n > 0 ? n : null));
    }

    /**
     * The status plugin as the server a probe should ask ({@code /health?plugin=http} on its port), or empty when the
     * configuration does not enable it on a numeric port.
     */
    public Optional<PackagedServers.Server> statusServer() {
        Integer port = port(statusAddress);
        return port == null ? Optional.empty()
                : Optional.of(new PackagedServers.Server("RoadRunner's status plugin", port, true, HEALTH_PATH));
    }

    /** The port a probe should ask: the status plugin's, else the HTTP plugin's; null when neither is numeric. */
    public Integer probePort() {
        Integer status = port(statusAddress);
        return status != null ? status : port(httpAddress);
    }

    /** The host of an address ({@code 127.0.0.1} of {@code 127.0.0.1:8080}), or null when it has none. */
    public static String host(String address) {
        Matcher m = address == null ? null : HOST_PORT.matcher(address.strip());
        return m != null && m.matches() ? m.group(1) : null;
    }

    /** The port of an address, or null when it has no numeric one. */
    public static Integer port(String address) {
        Matcher m = address == null ? null : HOST_PORT.matcher(address.strip());
        return m != null && m.matches() ? Integer.valueOf(m.group(2)) : null;
    }

    /** The line that sets a key ({@code address:}) under a section ({@code http:}), or 1. */
    public int line(String section, String key) {
        boolean in = false;
        for (int n = 1; n <= file.lineCount(); n++) {
            String l = file.line(n);
            if (!l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
                in = l.startsWith(section + ":");
            } else if (in && l.stripLeading().startsWith(key + ":")) {
                return n;
            }
        }
        return 1;
    }

    private static String text(Object o) {
        return o instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
