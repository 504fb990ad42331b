package dev.drydock.core.source;

/** A point in a source file: offset into its text, 1-based line and 1-based column (UTF-16 units). */
public record Position(int offset, int line, int column) {

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
