package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.Span;
import java.util.Objects;

/**
 * One piece of an instruction: its value as BuildKit's parser sees it and where it was written.
 * For a JSON array element the value is the decoded string and the span covers the quoted literal;
 * for other words the value is the source text (quotes and escapes kept, continuations removed) and
 * the span runs from its first to its last character, across any line continuation inside it.
 */
public record Word(String value, Span span) {

    public Word {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public String toString() {
        return value + "@" + span;
    }
}
