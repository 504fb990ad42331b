package dev.drydock.core.shell;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;

/**
 * A syntax problem found in a shell script (an unterminated quote, a {@code fi} without {@code if}, a
 * missing {@code done}). The parser records it and goes on; it never throws.
 *
 * @param message what is wrong, in shell terms, e.g. {@code "unterminated double-quoted string"}
 * @param span where, in the file the script came from
 */
public record ShellProblem(String message, Span span) {

    public Diagnostic toDiagnostic(SourceFile file, Diagnostic.Level level) {
        return Diagnostic.at(level, file, span, message);
    }

    @Override
    public String toString() {
        return span + ": " + message;
    }
}
