package dev.drydock.lsp;

import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * drydock's offsets and 1-based lines and columns as the protocol's 0-based lines and UTF-16 characters
 * (drydock counts UTF-16 chars too). A UTF-8 byte order mark, which drydock keeps in the text and editors
 * hide, is not a character of the first line.
 */
final class Positions {

    private Positions() {}

    static Range range(SourceFile file, Span span) {
        return new Range(position(file, span.start()), position(file, span.end()));
    }

    static Range range(SourceFile file, int start, int end) {
        return new Range(position(file, start), position(file, end));
    }

    static Position position(SourceFile file, int offset) {
        int clamped = Math.max(file.contentStart(), Math.min(offset, file.text().length()));
        dev.drydock.core.source.Position p = file.position(clamped);
        int character = p.column() - 1 - (p.line() == 1 ? file.contentStart() : 0);
        return new Position(p.line() - 1, Math.max(0, character));
    }

    /** A span without its file's text: its lines and columns, as they are. */
    static Range range(Span span) {
        return new Range(new Position(span.startLine() - 1, span.startColumn() - 1),
                new Position(span.endLine() - 1, span.endColumn() - 1));
    }
}
