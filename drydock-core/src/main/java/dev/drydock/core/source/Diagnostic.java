package dev.drydock.core.source;

/**
 * Something drydock noticed while reading the project that is not a review finding: a file it could
 * not read or parse, an unknown compose key, a value of the wrong type. Reading goes on after it.
 */
public record Diagnostic(Level level, String path, int line, int column, String message) {

    public enum Level { ERROR, WARNING }

    /** The message quotes the project: it is escaped where it could drive a terminal (see {@link Printable}). */
    public Diagnostic {
        path = Printable.escape(path);
        message = Printable.escape(message);
    }

    public static Diagnostic error(SourceException e) {
        return new Diagnostic(Level.ERROR, e.path(), e.line(), e.column(), e.detail());
    }

    public static Diagnostic at(Level level, SourceFile file, Span span, String message) {
        return new Diagnostic(level, file.path(), span.startLine(), span.startColumn(), message);
    }

    @Override
    public String toString() {
        return new SourceException(path, line, column, message).getMessage();
    }
}
