package dev.drydock.core.kubernetes;

import java.util.List;

/**
 * A liveness, readiness or startup probe of a container.
 *
 * @param kind how it checks: {@code httpGet}, {@code tcpSocket}, {@code exec} or {@code grpc}
 * @param path the path an httpGet probe requests, or the one an exec probe asks the container's own server for with
 *     curl, wget or podcli ({@link ExecHttpCheck}), or null
 * @param port the port as written (a number or a named port), or the port of such an exec probe's address, or null
 * @param command the command an exec probe runs, empty for the others
 * @param commandLines the line of each word of that command
 * @param line the line of the probe's key
 * @param portLine the line of its port, 0 when it has none
 * @param scheme the scheme of an httpGet probe as written ({@code HTTPS}), null when unset (HTTP)
 */
public record KubeProbe(String kind, String path, String port, List<String> command, List<Integer> commandLines,
        int line, int portLine, String scheme) {

    public KubeProbe {
        command = List.copyOf(command);
        commandLines = List.copyOf(commandLines);
    }

    /** Whether an httpGet probe connects with TLS: its scheme is HTTPS. */
    public boolean https() {
        return "HTTPS".equals(scheme);
    }

    /** {@code httpGet /healthz on port 8080}, {@code exec [pg_isready]}. */
    public String describe() {
        return switch (kind) {
            case "httpGet" -> "httpGet " + (path == null ? "/" : path) + (port == null ? "" : " on port " + port);
            case "exec" -> "exec " + String.join(" ", command);
            default -> kind + (port == null ? "" : " on port " + port);
        };
    }
}
