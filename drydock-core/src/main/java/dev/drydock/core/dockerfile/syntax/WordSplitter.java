package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import java.util.ArrayList;
import java.util.List;

/** The two ways BuildKit's line parsers split arguments into words. */
final class WordSplitter {

    private WordSplitter() {}

    /**
     * BuildKit's {@code parseWords} (ENV, LABEL, ARG): words separated by unquoted white space,
     * quotes and escapes kept in the word; an escape character at the very end is dropped.
     */
    static List<RawWord> shellWords(String s, int from, int to, char escape) {
        List<RawWord> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean inQuote = false;
        int quote = 0;
        boolean blankOk = false;
        int wordStart = from;
        int pos = from;
        while (true) {
            boolean atEnd = pos >= to;
            int ch = atEnd ? 0 : Character.codePointAt(s, pos);
            int width = atEnd ? 0 : Character.charCount(ch);
            if (!inWord && !inQuote) {
                if (atEnd) {
                    break;
                }
                if (GoText.isSpace(ch)) {
                    pos += width;
                    continue;
                }
                inWord = true;
                wordStart = pos;
            }
            if (atEnd) {
                if (blankOk || word.length() > 0) {
                    words.add(new RawWord(word.toString(), wordStart, to));
                }
                break;
            }
            if (inWord) {
                if (GoText.isSpace(ch)) {
                    inWord = false;
                    if (blankOk || word.length() > 0) {
                        words.add(new RawWord(word.toString(), wordStart, pos));
                    }
                    word.setLength(0);
                    blankOk = false;
                    pos += width;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    inWord = false;
                    inQuote = true;
                }
                if (ch == escape) {
                    if (pos + width >= to) {
                        pos += width;
                        continue;
                    }
                    word.appendCodePoint(ch);
                    pos += width;
                    ch = Character.codePointAt(s, pos);
                    width = Character.charCount(ch);
                }
                word.appendCodePoint(ch);
                pos += width;
                continue;
            }
            // in a quote
            if (ch == quote) {
                inQuote = false;
                inWord = true;
            }
            if (ch == escape && quote != '\'') {
                if (pos + width >= to) {
                    inQuote = false;
                    inWord = true;
                    pos += width;
                    continue;
                }
                pos += width;
                word.appendCodePoint(escape);
                ch = Character.codePointAt(s, pos);
                width = Character.charCount(ch);
            }
            word.appendCodePoint(ch);
            pos += width;
        }
        return words;
    }

    /** BuildKit's {@code reWhitespace.Split(s, -1)}: pieces between runs of {@code [\t\v\f\r ]}. */
    static List<RawWord> tokens(String s, int from, int to) {
        List<RawWord> out = new ArrayList<>();
        int start = from;
        int i = from;
        while (i < to) {
            if (GoText.isTokenWhitespace(s.charAt(i))) {
                out.add(new RawWord(s.substring(start, i), start, i));
                while (i < to && GoText.isTokenWhitespace(s.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        out.add(new RawWord(s.substring(start, to), start, to));
        return out;
    }

    /** Index of the first {@code [\t\v\f\r ]} in {@code from..to}, or -1. */
    static int indexOfTokenWhitespace(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (GoText.isTokenWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
