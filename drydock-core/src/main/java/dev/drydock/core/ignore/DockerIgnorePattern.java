package dev.drydock.core.ignore;

import dev.drydock.core.source.Span;

/**
 * One pattern line of a {@code .dockerignore} file.
 *
 * @param text the line as written, without surrounding white space (for messages)
 * @param pattern the pattern Docker matches: cleaned like Go's {@code filepath.Clean}, leading
 *     {@code /} dropped, without the {@code !}
 * @param exception whether the line starts with {@code !} (re-includes what it matches)
 * @param line 1-based line number
 * @param span the trimmed line text in the file
 */
public record DockerIgnorePattern(String text, String pattern, boolean exception, int line, Span span) {

    @Override
    public String toString() {
        return (exception ? "!" : "") + pattern + " (line " + line + ")";
    }
}
