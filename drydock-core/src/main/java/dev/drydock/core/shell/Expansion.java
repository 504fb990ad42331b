package dev.drydock.core.shell;

import java.util.List;

/**
 * What a {@link Word} expands to, as far as {@link WordEvaluator} can tell.
 *
 * @param fields the resulting words, quotes removed; empty when the value is unknown
 * @param unresolved expansions kept as written because they had no value or could not be evaluated
 *     ({@code $JAVA_OPTS}, {@code ${X%.*}}), in order
 * @param unknownPart the command substitution, arithmetic expansion, process substitution or array
 *     whose value is needed, making the whole value unknown; null when it is known
 */
public record Expansion(List<String> fields, List<String> unresolved, WordPart unknownPart) {

    public Expansion {
        fields = List.copyOf(fields);
        unresolved = List.copyOf(unresolved);
    }

    /** The value is known, possibly with {@link #unresolved()} expansions kept as written. */
    public boolean isKnown() {
        return unknownPart == null;
    }

    /** The value is known and nothing was kept as written. */
    public boolean isExact() {
        return unknownPart == null && unresolved.isEmpty();
    }

    /** The fields joined by spaces: the one string of {@link WordEvaluator#value}. */
    public String text() {
        return String.join(" ", fields);
    }
}
