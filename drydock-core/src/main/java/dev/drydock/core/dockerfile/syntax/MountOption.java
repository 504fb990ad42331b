package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.Span;

/**
 * One comma-separated field of a {@code --mount} value: {@code key=value}, or a bare key such as
 * {@code ro} or {@code required}.
 *
 * @param key the key, lower-cased as BuildKit matches it
 * @param value the value as written after the first {@code =}, or {@code null} for a bare key
 * @param span the field
 * @param keySpan the key
 * @param valueSpan the value, or {@code null} for a bare key
 */
public record MountOption(String key, String value, Span span, Span keySpan, Span valueSpan) {}
