package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoDuration;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.Span;
import java.time.Duration;
import java.util.Locale;

/**
 * A leading {@code --name=value} or {@code --name} of an instruction, as BuildKit extracts it: quotes
 * removed and escaped characters unescaped, so {@code --mount="type=cache,target=/x"} has the value
 * {@code type=cache,target=/x}. The typed accessors follow BuildKit's flag rules and report a bad
 * value as a {@link SourceException} at the value.
 *
 * @param name the name without {@code --} (everything before the first {@code =})
 * @param value the value after the first {@code =}, or {@code null} when written without one
 * @param word the flag as BuildKit's flag list holds it ({@code --name=value}), each character mapped to the file
 * @param span the flag as written, quotes and escapes included
 * @param nameSpan the name
 * @param valueSpan the value (empty, just after the {@code =}, for {@code --name=}), or {@code null} without {@code =}
 */
public record Flag(String name, String value, MappedText word, Span span, Span nameSpan, Span valueSpan) {

    /** The flag as BuildKit prints it, {@code --name=value}. */
    public String text() {
        return word.text();
    }

    public boolean hasValue() {
        return value != null;
    }

    /** The value's characters mapped to the file, or {@code null} without {@code =}. */
    public MappedText valueText() {
        if (value == null) {
            return null;
        }
        int at = word.text().indexOf('=') + 1;
        return MappedTexts.slice(word, at, word.length());
    }

    /** The value of a flag that needs one (all but the boolean flags): BuildKit's string flag. */
    public String stringValue() {
        if (value == null) {
            throw error("Missing a value on flag: " + name);
        }
        return value;
    }

    /**
     * A boolean flag such as {@code --link} or {@code --parents}: true when written bare, else
     * {@code true}/{@code false} in any case; {@code --link=} and other values are errors, as in BuildKit.
     */
    public boolean booleanValue() {
        if (value == null) {
            return true;
        }
        if (value.isEmpty()) {
            throw error("Missing a value on flag: " + name);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return lower.equals("true");
        }
        throw valueError("Expecting boolean value for flag " + name + ", not: " + value);
    }

    /** The value as a Go duration ({@code 30s}, {@code 1m30s}, {@code 500ms}). */
    public Duration durationValue() {
        String text = stringValue();
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw valueError(e.getMessage());
        }
    }

    /** The value of a {@code --mount} flag, parsed and checked as BuildKit does. */
    public MountSpec mount() {
        return MountSpec.parse(this);
    }

    /** An error about this flag, at its start. */
    public SourceException error(String message) {
        return new SourceException(word.file(), span.start(), message);
    }

    /** An error about this flag's value, at the value. */
    public SourceException valueError(String message) {
        return new SourceException(word.file(), valueSpan != null ? valueSpan.start() : span.start(), message);
    }
}
