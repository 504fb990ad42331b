package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.Span;

/**
 * One {@code name=value} (or, in the legacy form, {@code name value}) of ENV, LABEL or ARG. Values
 * are the source text, quotes and escapes kept: the shell-word layer removes them and expands
 * variables.
 *
 * @param name the name ({@code key} of {@code key=value})
 * @param value the value, or {@code null} for an ARG declared without one
 * @param word the whole entry as BuildKit's word splitter returned it
 */
public record KeyValue(Word name, Word value, Word word) {

    public boolean hasValue() {
        return value != null;
    }

    public Span span() {
        return word.span();
    }
}
