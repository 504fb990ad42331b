package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.Span;

/** The rest of the line as one value: MAINTAINER, STOPSIGNAL, USER, WORKDIR. */
public record PlainText(MappedText source) implements Arguments {

    public String text() {
        return source.text();
    }

    public Span span() {
        return source.fileSpan(0, source.length());
    }
}
