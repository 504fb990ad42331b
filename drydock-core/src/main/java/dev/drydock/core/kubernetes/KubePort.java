package dev.drydock.core.kubernetes;

/**
 * A port of a container's {@code ports:} list.
 *
 * @param name its name, which probes and Services may use instead of the number, or null
 * @param number containerPort
 * @param protocol its protocol as written upper-cased: TCP (the default), UDP or SCTP
 */
public record KubePort(String name, int number, String protocol) {

    public KubePort {
        protocol = protocol == null ? "TCP" : protocol;
    }

    /** A TCP port. */
    public KubePort(String name, int number) {
        this(name, number, "TCP");
    }
}
