package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Resource;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import dev.drydock.core.rules.support.ComposeServices;

/**
 * The ports a service publishes on the host: none with {@code network_mode: host} (Compose ignores them),
 * and long-syntax entries whose {@code published} is not a port or range (an address written there is an
 * error the engine reports) are left out.
 */
final class PublishedPorts {

    private static final Pattern PORT_OR_RANGE = Pattern.compile("\\d+(-\\d+)?");

    private PublishedPorts() {}

    static List<Service.Port> of(Service service) {
        if (service.networkMode() != null && service.networkMode().value().trim().equals("host")) {
            return List.of();
        }
        List<Service.Port> out = new ArrayList<>();
        for (Service.Port port : service.ports()) {
            if (!port.shortSyntax() && port.published() != null && !PORT_OR_RANGE.matcher(port.published()).matches()) {
                continue;
            }
            out.add(port);
        }
        return out;
    }

    /**
     * The ports the service really publishes: none when every network it joins is {@code internal: true}, since Docker
     * publishes no port of a container on internal networks alone.
     */
    static List<Service.Port> of(ComposeServices.Ref ref) {
        return onlyInternalNetworks(ref) ? List.of() : of(ref.service());
    }

    /**
     * Whether every network the service joins is declared {@code internal: true}: its own {@code networks:}, or the
     * project's default network when it names none (and shares no other container's or the host's network).
     */
    static boolean onlyInternalNetworks(ComposeServices.Ref ref) {
        Service service = ref.service();
        if (service.networkMode() != null) {
            return false;
        }
        List<String> names = service.networks().isEmpty() ? List.of("default")
                : service.networks().stream().map(Service.Network::name).toList();
        return names.stream().allMatch(name -> internal(ref.compose().networks().get(name)));
    }

    private static boolean internal(Resource declared) {
        return declared != null && declared.node() instanceof MapNode map && map.scalar("internal") != null
                && Boolean.TRUE.equals(map.scalar("internal").asBoolean());
    }

    /** Whether the port listens on every interface of the host: no host IP, 0.0.0.0 or ::. */
    static boolean onAllInterfaces(Service.Port port) {
        String ip = port.hostIp();
        return ip == null || ip.isBlank() || ip.equals("0.0.0.0") || ip.equals("::") || ip.equals("[::]");
    }

    /**
     * The port as a person would write it: {@code port 5432 (container 5432)}, {@code a random host port
     * (container 8080)}, {@code the host port ${DB_PORT} (container 5432)} when a variable unset where drydock
     * reads the file chooses it.
     */
    static String describe(Service.Port port) {
        String variable = writtenHostPort(port);
        String published = port.published() != null ? "port " + port.published()
                : variable != null && variable.contains("$") ? "the host port " + variable : "a random host port";
        String target = port.targetStart() == port.targetEnd() ? Integer.toString(port.targetStart())
                : port.targetStart() + "-" + port.targetEnd();
        return published + " (container " + target + (port.protocol().equals("tcp") ? "" : "/" + port.protocol()) + ")";
    }

    /**
     * The parts of a short-syntax entry as written, split at the colons outside its variables:
     * {@code ${DB_PORT}:5432} gives {@code [${DB_PORT}, 5432]} whatever DB_PORT is set to; null for the long syntax.
     */
    static List<String> writtenParts(Service.Port port) {
        if (!port.shortSyntax() || !(port.node() instanceof ScalarNode scalar) || !scalar.hasExactText()) {
            return null;
        }
        String raw = scalar.raw();
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                parts.add(raw.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(raw.substring(start));
        return parts;
    }

    /** The published part of a short-syntax entry as written ({@code ${DB_PORT}}), or null when it has none. */
    static String writtenHostPort(Service.Port port) {
        List<String> parts = writtenParts(port);
        return parts == null || parts.size() < 2 ? null : parts.get(parts.size() - 2);
    }
}
