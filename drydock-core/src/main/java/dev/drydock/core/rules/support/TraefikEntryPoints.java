package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.ProxyPorts.Bind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Traefik listens, from the entry points of its command line ({@code --entrypoints.web.address=:80}). With none
 * Traefik makes one, {@code http} on :80; the entry point named {@code traefik} (:8080 unless given an address) is
 * added for {@code --ping}, {@code --api.insecure} and Prometheus metrics when they do not name another. Traefik reads
 * one source of static configuration: a file (/etc/traefik/traefik.yml, .yaml or .toml, or --configFile) before the
 * command line, the command line before TRAEFIK_* variables; drydock reads only the command line and stays quiet when
 * the container may have such a file, or sets a TRAEFIK_ variable while its command has no flag.
 */
final class TraefikEntryPoints {

    private static final Pattern ENTRY_POINT = Pattern.compile("(?i)--entrypoints\\.([A-Za-z0-9_-]+)\\.address");
    private static final Pattern ADDRESS = Pattern.compile("(\\[[0-9a-fA-F:.]*]|[A-Za-z0-9._-]*):(\\d{1,5})(/tcp)?");
    private static final int TRAEFIK_PORT = 8080;

    private TraefikEntryPoints() {}

    static Optional<ProxyPorts> of(ReviewContext context, Container c, List<String> args) {
        if (configFileMayExist(context, c, args)
                || args.isEmpty() && environmentConfigures(c)) {
            return Optional.empty();
        }
        List<Bind> binds = ProxyPorts.newList();
        boolean traefikEntryPoint = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            Matcher m = ENTRY_POINT.matcher(arg);
            if (!m.lookingAt()) {
                continue;
            }
            String rest = arg.substring(m.end());
            String value = rest.startsWith("=") ? rest.substring(1) : rest.isEmpty() && i + 1 < args.size()
                    ? args.get(i + 1) : null;
            if (value == null) {
                continue; // another setting of the entry point (http.redirections ...)
            }
            Matcher address = ADDRESS.matcher(value);
            if (value.endsWith("/udp")) {
                continue;
            }
            if (!address.matches()) {
                return Optional.empty();
            }
            String host = address.group(1).replaceAll("^\\[|]$", "");
            boolean any = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
            traefikEntryPoint |= m.group(1).equalsIgnoreCase("traefik");
            ProxyPorts.add(binds, new Bind(Integer.parseInt(address.group(2)), any ? null : host, null, 0,
                    m.group() + "=" + value));
        }
        if (binds.isEmpty()) {
            binds.add(new Bind(80, null, null, 0, "the default entry point http"));
        }
        if (!traefikEntryPoint && usesTraefikEntryPoint(args)) {
            binds.add(new Bind(TRAEFIK_PORT, null, null, 0, "the entry point traefik"));
        }
        return Optional.of(new ProxyPorts(ProxyPorts.TRAEFIK, List.copyOf(binds)));
    }

    /** Whether ping is on: {@code --ping} or {@code --ping=true}. */
    static boolean pingEnabled(List<String> args) {
        return args.stream().map(a -> a.toLowerCase(Locale.ROOT)).anyMatch(a -> a.equals("--ping")
                || a.equals("--ping=true") || a.startsWith("--ping.entrypoint"));
    }

    private static boolean usesTraefikEntryPoint(List<String> args) {
        List<String> lower = args.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        boolean ping = pingEnabled(args) && lower.stream().noneMatch(a -> a.startsWith("--ping.entrypoint"));
        boolean api = lower.stream().anyMatch(a -> a.equals("--api.insecure") || a.equals("--api.insecure=true"));
        boolean metrics = lower.stream().anyMatch(a -> a.startsWith("--metrics.prometheus"))
                && lower.stream().noneMatch(a -> a.startsWith("--metrics.prometheus.entrypoint"));
        return ping || api || metrics;
    }

    /** Whether a static configuration file may be in the container, where Traefik reads it instead of its flags. */
    private static boolean configFileMayExist(ReviewContext context, Container c, List<String> args) {
        if (args.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("--configfile"))) {
            return true;
        }
        boolean copied = c.build().stage().copies().stream().map(CopyCommand::containerPath)
                .anyMatch(p -> p != null && (p.contains("traefik") || p.equals("/") || p.equals(".") || p.equals("./")));
        boolean mounted = c.service() != null && c.service().volumes().stream()
                .anyMatch(v -> v.target() != null && v.target().contains("traefik"));
        return copied || mounted;
    }

    /** Whether a TRAEFIK_ variable of the service or the image may configure it. */
    private static boolean environmentConfigures(Container c) {
        Service service = c.service();
        if (service != null && (!service.envFiles().isEmpty()
                || service.environment().stream().anyMatch(e -> e.name().startsWith("TRAEFIK_")))) {
            return true;
        }
        return Stages.inImage(c.build().model(), c.build().stage()).stream().flatMap(s -> s.steps().stream())
                .map(s -> s.instruction().rawText()).anyMatch(t -> t.matches("(?is)^ENV\\s.*\\bTRAEFIK_.*"));
    }
}
