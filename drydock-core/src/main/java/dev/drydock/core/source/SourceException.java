package dev.drydock.core.source;

/**
 * A problem with the user's input that drydock reports as one line, {@code file:line:column: message}
 * (or {@code file: message} when no position applies), never with a stack trace.
 */
public class SourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final int line;
    private final int column;
    private final String detail;

    /** A problem at a position; line and column are 1-based, 0 when unknown. */
    public SourceException(String path, int line, int column, String detail) {
        this(path, line, column, detail, null);
    }

    public SourceException(String path, int line, int column, String detail, Throwable cause) {
        super(format(Printable.escape(path), line, column, Printable.escape(detail)), cause);
        this.path = path;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public SourceException(SourceFile file, int offset, String detail) {
        this(file.path(), file.position(offset).line(), file.position(offset).column(), detail);
    }

    /** A problem with a whole file (missing, unreadable, too large). */
    public static SourceException ofFile(String path, String detail) {
        return new SourceException(path, 0, 0, detail);
    }

    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }

    private static String format(String path, int line, int column, String detail) {
        StringBuilder out = new StringBuilder(path);
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        return out.append(": ").append(detail).toString();
    }
}
