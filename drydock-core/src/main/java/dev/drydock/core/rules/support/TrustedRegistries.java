package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether an image comes from a registry the project trusts. Patterns: an exact registry host
 * ({@code ghcr.io}, {@code registry.example.com:5000}), {@code *} for any, {@code *.example.com} for
 * its subdomains, {@code prefix*} for hosts starting so. Docker Hub may be written {@code docker.io},
 * {@code index.docker.io}, {@code registry-1.docker.io} or {@code hub.docker.com}.
 */
public final class TrustedRegistries {

    private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "hub.docker.com", "registry.hub.docker.com");

    private TrustedRegistries() {}

    public static boolean trusted(ImageReference image, List<String> patterns) {
        String registry = image.registry().toLowerCase(Locale.ROOT);
        for (String raw : patterns) {
            String pattern = raw.strip().toLowerCase(Locale.ROOT);
            if (pattern.equals("*") || matches(registry, pattern)
                    || DOCKER_HUB.contains(registry) && DOCKER_HUB.stream().anyMatch(h -> matches(h, pattern))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String registry, String pattern) {
        if (pattern.startsWith("*.")) {
            return registry.endsWith(pattern.substring(1));
        }
        if (pattern.endsWith("*")) {
            return registry.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return registry.equals(pattern);
    }
}
