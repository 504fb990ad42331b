package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.Span;
import java.util.List;

/**
 * A command in exec (JSON) form, {@code ["executable", "arg"]}: the decoded elements, each with
 * the span of its string literal, and the span of the whole array. The list may be empty ({@code []}).
 */
public record ExecForm(List<Word> elements, Span span) implements Arguments {

    public ExecForm {
        elements = List.copyOf(elements);
    }

    public List<String> values() {
        return elements.stream().map(Word::value).toList();
    }

    @Override
    public boolean isJson() {
        return true;
    }
}
