package dev.drydock.core.dockerfile.syntax;

/** A word found in a logical line: its value and the range {@code start..end} of line indexes it came from. */
record RawWord(String value, int start, int end) {}
