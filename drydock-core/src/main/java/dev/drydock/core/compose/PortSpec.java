package dev.drydock.core.compose;

import java.util.Locale;

/**
 * A port's short syntax {@code [HOST_IP:][HOST_PORTS:]CONTAINER_PORTS[/PROTOCOL]} as Compose reads it
 * (docker/go-connections {@code nat.ParsePortSpec}): the container port is the part after the last colon,
 * the published port the one before it, the host IP everything before that ({@code [::1]} brackets
 * removed). Ports may be ranges ({@code 8000-8010}); ranges are kept, not expanded.
 *
 * @param hostIp the host address, {@code null} when not given (Compose then binds all interfaces)
 * @param published the published port or range as written, {@code null} when not given (a random port)
 * @param publishedStart first published port, -1 when not given
 * @param publishedEnd last published port, -1 when not given
 * @param targetStart first container port
 * @param targetEnd last container port
 * @param protocol {@code tcp} (default), {@code udp} or {@code sctp}
 */
public record PortSpec(String hostIp, String published, int publishedStart, int publishedEnd, int targetStart,
        int targetEnd, String protocol) {

    /** @throws IllegalArgumentException for an invalid spec */
    public static PortSpec parseShort(String spec) {
        String raw = spec.trim();
        String protocol = "tcp";
        int slash = raw.lastIndexOf('/');
        if (slash >= 0) {
            protocol = raw.substring(slash + 1).toLowerCase(Locale.ROOT);
            raw = raw.substring(0, slash);
            if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
                throw new IllegalArgumentException("invalid proto: " + protocol);
            }
        }
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String container = parts[n - 1];
        String hostPort = null;
        String ip = null;
        if (n == 2) {
            hostPort = parts[0];
        } else if (n >= 3) {
            ip = String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2));
            hostPort = parts[n - 2];
        }
        if (ip != null && ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        if (ip != null && ip.isEmpty()) {
            ip = null;
        }
        if (ip != null && !isIp(ip)) {
            throw new IllegalArgumentException("invalid IP address: " + ip);
        }
        if (container.isEmpty()) {
            throw new IllegalArgumentException("no port specified: " + spec + "<empty>");
        }
        int[] target = range(container, "containerPort", spec);
        int[] host = {-1, -1};
        if (hostPort != null && !hostPort.isEmpty()) {
            host = range(hostPort, "hostPort", spec);
            int hostCount = host[1] - host[0];
            int targetCount = target[1] - target[0];
            if (targetCount != hostCount && !(targetCount == 0 && hostCount > 0)) {
                throw new IllegalArgumentException("invalid ranges specified for container and host Ports: "
                        + container + " and " + hostPort);
            }
        } else {
            hostPort = null;
        }
        return new PortSpec(ip, hostPort, host[0], host[1], target[0], target[1], protocol);
    }

    private static int[] range(String text, String what, String spec) {
        int dash = text.indexOf('-');
        try {
            if (dash < 0) {
                int p = port(text);
                return new int[] {p, p};
            }
            int a = port(text.substring(0, dash));
            int b = port(text.substring(dash + 1));
            if (b < a) {
                throw new IllegalArgumentException("invalid " + what + ": " + text);
            }
            return new int[] {a, b};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + what + ": " + text);
        }
    }

    private static int port(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException(text);
        }
        int p = Integer.parseInt(text.length() > 6 ? "999999" : text);
        if (p > 65535) {
            throw new NumberFormatException(text);
        }
        return p;
    }

    /** A literal IPv4 or IPv6 address (no name resolution). */
    public static boolean isIp(String s) {
        if (s.indexOf(':') >= 0) {
            return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                    && s.chars().filter(c -> c == ':').count() >= 2;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
