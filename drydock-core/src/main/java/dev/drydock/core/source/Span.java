package dev.drydock.core.source;

/**
 * A region of a source file. Offsets index the file's text (UTF-16 units), {@code end} exclusive.
 * Lines and columns are 1-based; {@code endColumn} is exclusive, as in SARIF and editors, so an
 * empty span has equal start and end. A span never includes a trailing line terminator.
 */
public record Span(int start, int end, int startLine, int startColumn, int endLine, int endColumn) {

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span offsets " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }

    public boolean contains(int offset) {
        return offset >= start && offset < end;
    }

    public boolean containsLine(int line) {
        return line >= startLine && line <= endLine;
    }

    @Override
    public String toString() {
        return startLine + ":" + startColumn + "-" + endLine + ":" + endColumn;
    }
}
