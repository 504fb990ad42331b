package dev.drydock.core.kubernetes;

/**
 * An entry of a container's {@code env} that gives its variable a literal {@code value} (not a {@code valueFrom}).
 *
 * @param line the line of the entry's {@code value}
 */
public record KubeEnvVar(String name, String value, int line) {}
