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

    // written out: a record's generated equals and hashCode are linked at run time on first use, which
    // a short review pays for; spans are compared and hashed all through the model
    @Override
    public boolean equals(Object o) {
        return o instanceof Span s && start == s.start && end == s.end && startLine == s.startLine
                && startColumn == s.startColumn && endLine == s.endLine && endColumn == s.endColumn;
    }

    @Override
    public int hashCode() {
        int h = start;
        h = 31 * h + end;
        h = 31 * h + startLine;
        h = 31 * h + startColumn;
        h = 31 * h + endLine;
        return 31 * h + endColumn;
    }

    @Override
    public String toString() {
        return startLine + ":" + startColumn + "-" + endLine + ":" + endColumn;
    }
}
