package dev.drydock.core.shell;

import dev.drydock.core.source.Span;
import java.util.List;

/**
 * {@code NAME=value}: before a command ({@code DEBIAN_FRONTEND=noninteractive apt-get ...}), alone, or
 * as an argument of {@code env}, {@code export}, {@code declare}.
 *
 * @param name the variable
 * @param index the raw subscript in {@code NAME[i]=v}, or null
 * @param append written {@code +=}
 * @param value the word after {@code =} (possibly empty); for an array, a word made of one
 *     {@link WordPart.ArrayLiteral}
 * @param elements the elements of an array value {@code NAME=(a b)}, or null for a scalar
 * @param span the whole assignment
 */
public record Assignment(String name, String index, boolean append, Word value, List<Word> elements, Span span) {

    public boolean isArray() {
        return elements != null;
    }
}
