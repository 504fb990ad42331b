package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.Span;

/**
 * A comment line: {@code text} is what follows the {@code #}, with surrounding white space removed;
 * {@code span} runs from the {@code #} to the end of the line (terminator excluded).
 */
public record Comment(String text, Span span) {}
