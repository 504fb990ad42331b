package dev.drydock.core.kubernetes;

/**
 * An entry of a Service's {@code ports:} list.
 *
 * @param name its name, or null
 * @param port the port the Service takes connections on
 * @param targetPort the targetPort as written: a number, or the name of a port of the selected pods' containers;
 *     null when absent (the Service then sends to {@code port})
 * @param protocol TCP (the default), UDP or SCTP, upper-cased
 * @param line the line of the entry
 * @param targetLine the line of its targetPort, 0 when absent
 */
public record KubeServicePort(String name, int port, String targetPort, String protocol, int line, int targetLine) {

    public KubeServicePort {
        protocol = protocol == null ? "TCP" : protocol;
    }

    /** Whether targetPort names a port of the pods' containers rather than giving its number. */
    public boolean namedTarget() {
        return targetPort != null && !targetPort.matches("[0-9]+");
    }

    /** The pod port it sends to when that is a number: targetPort's, else {@code port}; null for a named target. */
    public Integer targetNumber() {
        if (targetPort == null) {
            return port;
        }
        return namedTarget() || targetPort.length() > 5 ? null : Integer.valueOf(targetPort);
    }

    /** The line to report the target at: its targetPort's, else the entry's. */
    public int reportLine() {
        return targetLine > 0 ? targetLine : line;
    }
}
