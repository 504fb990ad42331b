package dev.drydock.core.shell;

import dev.drydock.core.source.MappedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects a word's parts, its static value and where each value character comes from. */
final class WordBuilder {

    private final MappedText text;
    private final int start;
    private final StringBuilder value = new StringBuilder();
    private int[] index = new int[16];
    boolean expansion;
    boolean quoted;
    boolean glob;
    boolean commandSubstitution;
    /** An unquoted {@code [} was seen; a later unquoted {@code ]} makes the word a glob. */
    boolean openBracket;
    private List<WordPart> parts = new ArrayList<>();
    private StringBuilder literal;
    private int literalStart;
    private int literalEnd;

    WordBuilder(MappedText text, int start) {
        this.text = text;
        this.start = start;
    }

    /** Adds unquoted text: the character {@code c}, written at {@code from..to}, value index {@code at}. */
    void literal(char c, int at, int from, int to) {
        if (literal == null) {
            literal = new StringBuilder();
            literalStart = from;
        }
        literal.append(c);
        literalEnd = to;
        value(c, at);
    }

    boolean literalEndsWith(char c) {
        return literal != null && !literal.isEmpty() && literal.charAt(literal.length() - 1) == c;
    }

    /** Adds a character to the value only (the part holding it is added separately). */
    void value(char c, int at) {
        int n = value.length();
        if (n == index.length) {
            index = Arrays.copyOf(index, n * 2);
        }
        index[n] = at;
        value.append(c);
    }

    /** Adds text {@code from..to} as written to the value (an expansion kept as is). */
    void raw(String src, int from, int to) {
        for (int i = from; i < to; i++) {
            value(src.charAt(i), i);
        }
    }

    void part(WordPart part) {
        flush();
        parts.add(part);
    }

    /** Starts collecting the parts of a nested quoted string; returns what {@link #pop} needs. */
    List<WordPart> push() {
        flush();
        List<WordPart> saved = parts;
        parts = new ArrayList<>();
        return saved;
    }

    List<WordPart> pop(List<WordPart> saved) {
        flush();
        List<WordPart> inner = parts;
        parts = saved;
        return inner;
    }

    /** Adds a whole word's parts, value and flags. */
    void append(Word word) {
        flush();
        parts.addAll(word.parts());
        String v = word.value();
        for (int i = 0; i < v.length(); i++) {
            value(v.charAt(i), word.valueIndex[i]);
        }
        expansion |= word.hasExpansion();
        quoted |= word.isQuoted();
        glob |= word.hasUnquotedGlob();
        commandSubstitution |= word.hasCommandSubstitution();
    }

    List<WordPart> parts() {
        flush();
        return parts;
    }

    Word build(int end) {
        flush();
        return new Word(text, start, end, Texts.span(text, start, end), parts, value.toString(),
                Arrays.copyOf(index, value.length()), expansion, quoted, glob, commandSubstitution);
    }

    private void flush() {
        if (literal != null) {
            parts.add(new WordPart.Literal(literal.toString(), Texts.span(text, literalStart, literalEnd)));
            literal = null;
        }
    }
}
