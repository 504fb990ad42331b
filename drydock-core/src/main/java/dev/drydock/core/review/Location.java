package dev.drydock.core.review;

import dev.drydock.core.source.Printable;
import dev.drydock.core.source.Span;

/**
 * Where a finding points: a file relative to the project root ('/'-separated) and a span in it; the
 * span is null for a finding about the project as a whole ({@code file} is then null too) or a whole file.
 */
public record Location(String file, Span span) {

    public static final Location PROJECT = new Location(null, null);

    public int line() {
        return span == null ? 0 : span.startLine();
    }

    public int endLine() {
        return span == null ? 0 : span.endLine();
    }

    @Override
    public String toString() {
        if (file == null) {
            return "(project)";
        }
        String shown = Printable.escape(file); // a file name can hold terminal control characters too
        return span == null ? shown : shown + ":" + span.startLine() + ":" + span.startColumn();
    }
}
