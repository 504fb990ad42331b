package dev.drydock.core.rules.support;

import java.util.List;
import java.util.Locale;

/**
 * Registry hosts one typing slip (a letter added, dropped, changed or two swapped) away from a public registry
 * images are commonly pulled from: gchr.io for ghcr.io. Such a host is either unresolvable or someone else's.
 */
public final class MisspeltRegistries {

    private static final List<String> WELL_KNOWN = List.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "ghcr.io", "gcr.io", "quay.io", "mcr.microsoft.com", "public.ecr.aws", "registry.gitlab.com",
            "registry.k8s.io", "nvcr.io", "cgr.dev", "registry.access.redhat.com", "registry.redhat.io",
            "docker.elastic.co", "lscr.io", "container-registry.oracle.com");

    private MisspeltRegistries() {}

    /** The well-known registries {@code registry} looks like a misspelling of; empty when it is one or unlike all. */
    public static List<String> meant(String registry) {
        String host = registry.toLowerCase(Locale.ROOT);
        if (host.isEmpty() || WELL_KNOWN.contains(host)) {
            return List.of();
        }
        return WELL_KNOWN.stream().filter(known -> slips(host, known) == 1).toList();
    }

    /** Optimal string alignment distance: edits where swapping two neighbouring letters counts as one. */
    private static int slips(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
