package dev.drydock.core.rules.support;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The known name a misspelt one most likely meant ("did you mean $PATH?"), for messages. */
public final class SimilarNames {

    private SimilarNames() {}

    /**
     * The candidate closest to {@code name}: one equal to it but for case, else the nearest within an edit
     * distance of 2 (1 for names of up to 4 characters); empty when none is that close.
     */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = name.length() <= 4 ? 2 : 3;
        for (String candidate : candidates) {
            if (candidate.equals(name)) {
                continue;
            }
            String other = candidate.toLowerCase(Locale.ROOT);
            if (other.equals(lower)) {
                return Optional.of(candidate);
            }
            int d = distance(lower, other);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance, transpositions of neighbours counting as one edit. */
    static int distance(String a, String b) {
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
