package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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

    /** Whether the port listens on every interface of the host: no host IP, 0.0.0.0 or ::. */
    static boolean onAllInterfaces(Service.Port port) {
        String ip = port.hostIp();
        return ip == null || ip.isBlank() || ip.equals("0.0.0.0") || ip.equals("::") || ip.equals("[::]");
    }

    /** The port as a person would write it: {@code port 5432 (container 5432)}, {@code a random host port (container 8080)}. */
    static String describe(Service.Port port) {
        String published = port.published() != null ? "port " + port.published() : "a random host port";
        String target = port.targetStart() == port.targetEnd() ? Integer.toString(port.targetStart())
                : port.targetStart() + "-" + port.targetEnd();
        return published + " (container " + target + (port.protocol().equals("tcp") ? "" : "/" + port.protocol()) + ")";
    }
}
