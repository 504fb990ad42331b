package dev.drydock.core.dockerfile.expand;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.Span;

/**
 * Why a word could not be expanded, as BuildKit would refuse it: a syntax error ({@code ${},
 * a missing {@code }}, an unterminated quote, an unsupported modifier), a {@code ${VAR?message}}
 * whose variable is unset, or an invalid pattern.
 *
 * @param message what went wrong, in BuildKit's words where it has them (without its
 *     {@code failed to process "..."} prefix)
 * @param start input index where the offending construct starts
 * @param end input index just past the offending construct (at least {@code start})
 * @param kind the class of problem
 */
public record ExpansionError(String message, int start, int end, Kind kind) {

    /** The class of an expansion problem. */
    public enum Kind {
        /** Malformed syntax: a missing brace or quote, {@code ${}}, an unsupported modifier. */
        SYNTAX,
        /** {@code ${VAR?message}} or {@code ${VAR:?message}} with the variable unset (or empty). */
        REQUIRED_VARIABLE,
        /** A {@code #}, {@code %} or {@code /} pattern with an invalid escape. */
        INVALID_PATTERN,
        /** A value longer than drydock expands ({@link WordExpander#MAX_LENGTH}): variables doubling each other. */
        TOO_LONG
    }

    /** The file span of the offending construct, the word being {@code text} from {@code wordStart} on. */
    public Span span(MappedText text, int wordStart) {
        return text.fileSpan(wordStart + start, wordStart + end);
    }

    /** This error as a positioned user-input error, the word being {@code text} from {@code wordStart} on. */
    public SourceException toSourceException(MappedText text, int wordStart) {
        int offset = text.fileOffset(wordStart + start);
        return new SourceException(text.file(), offset, message);
    }
}
