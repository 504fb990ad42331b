package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.Span;

/**
 * A command in shell form: the text after the keyword and flags, continuations and comment lines
 * removed, each character mapped back to the file so a shell parser can report exact positions.
 */
public record ShellForm(MappedText script) implements Arguments {

    public String text() {
        return script.text();
    }

    public Span span() {
        return script.fileSpan(0, script.length());
    }
}
