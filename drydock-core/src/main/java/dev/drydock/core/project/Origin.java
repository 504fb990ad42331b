package dev.drydock.core.project;

import dev.drydock.core.source.Span;

/** Where a value of the project model was written: a file (relative to the project root) and a span in it. */
public record Origin(String file, Span span) {

    public int line() {
        return span == null ? 0 : span.startLine();
    }

    @Override
    public String toString() {
        return span == null ? file : file + ":" + span.startLine() + ":" + span.startColumn();
    }
}
