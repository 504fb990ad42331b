package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of BuildKit's shell lexer ({@code shell.Lex.ProcessWords}) that its parser uses to find
 * heredocs: word splitting with quotes, escapes ({@code \} whatever the escape directive says),
 * {@code $var} and {@code ${...}} forms, and {@code <<} markers, with no variables set and unset
 * variables left as written. It reports the same errors BuildKit's lexer does, since an error
 * changes which heredocs BuildKit sees.
 */
final class ShellWordLexer {

    private static final int EOF = -1;
    private static final int ESCAPE = '\\';
    /** Nesting of {@code ${...}} deeper than this is treated as a lexing error (BuildKit has no limit). */
    private static final int MAX_NESTING = 200;

    /** A lexing error with BuildKit's message. */
    static final class LexException extends Exception {
        private static final long serialVersionUID = 1L;

        LexException(String message) {
            super(message, null, false, false);
        }
    }

    private final String src;
    private final int to;
    private final boolean rawQuotes;
    private boolean rawEscapes;
    private int pos;
    private int nesting;

    private ShellWordLexer(String src, int from, int to, boolean rawQuotes, boolean rawEscapes) {
        this.src = src;
        this.to = to;
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
        this.pos = from;
        if (pos < to && src.charAt(pos) == '\uFEFF') {
            pos++; // Go's text/scanner skips a leading byte order mark
        }
    }

    /** The words of {@code src[from, to)}, with where each came from. */
    static List<RawWord> words(String src, int from, int to, boolean rawQuotes, boolean rawEscapes)
            throws LexException {
        ShellWordLexer lexer = new ShellWordLexer(src, from, to, rawQuotes, rawEscapes);
        Words words = new Words();
        lexer.processStopOn(EOF, rawEscapes, words);
        return words.finish();
    }

    private int peek() {
        return pos < to ? src.codePointAt(pos) : EOF;
    }

    private int next() {
        if (pos >= to) {
            return EOF;
        }
        int cp = src.codePointAt(pos);
        pos += Character.charCount(cp);
        return cp;
    }

    private String processStopOn(int stopChar, boolean raw, Words words) throws LexException {
        if (++nesting > MAX_NESTING) {
            throw new LexException("nesting too deep");
        }
        boolean saved = rawEscapes;
        rawEscapes = raw;
        try {
            StringBuilder result = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                int start = pos;
                if (stopChar != EOF && ch == stopChar) {
                    next();
                    return result.toString();
                }
                if (ch == '$') {
                    String tmp = processDollar();
                    result.append(tmp);
                    words.addString(tmp, start, pos);
                } else if (ch == '<') {
                    String tmp = processPossibleHeredoc();
                    result.append(tmp);
                    words.addRaw(tmp, start, pos);
                } else if (ch == '\'') {
                    String tmp = processSingleQuote();
                    result.append(tmp);
                    words.addRaw(tmp, start, pos);
                } else if (ch == '"') {
                    String tmp = processDoubleQuote();
                    result.append(tmp);
                    words.addRaw(tmp, start, pos);
                } else {
                    ch = next();
                    if (ch == ESCAPE) {
                        if (rawEscapes) {
                            words.addRawChar(ch, start, pos);
                            result.appendCodePoint(ch);
                        }
                        ch = next();
                        if (ch == EOF) {
                            break;
                        }
                        words.addRawChar(ch, start, pos);
                    } else {
                        words.addChar(ch, start, pos);
                    }
                    result.appendCodePoint(ch);
                }
            }
            if (stopChar != EOF) {
                throw new LexException("unexpected end of statement while looking for matching "
                        + new String(Character.toChars(stopChar)));
            }
            return result.toString();
        } finally {
            rawEscapes = saved;
            nesting--;
        }
    }

    private String processSingleQuote() throws LexException {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (rawQuotes) {
            result.appendCodePoint(ch);
        }
        while (true) {
            ch = next();
            if (ch == EOF) {
                throw new LexException("unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                if (rawQuotes) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            }
            result.appendCodePoint(ch);
        }
    }

    private String processDoubleQuote() throws LexException {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (rawQuotes) {
            result.appendCodePoint(ch);
        }
        while (true) {
            int p = peek();
            if (p == EOF) {
                throw new LexException("unexpected end of statement while looking for matching double-quote");
            }
            if (p == '"') {
                ch = next();
                if (rawQuotes) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            }
            if (p == '$') {
                result.append(processDollar());
                continue;
            }
            ch = next();
            if (ch == ESCAPE) {
                if (rawEscapes) {
                    result.appendCodePoint(ch);
                }
                int q = peek();
                if (q == EOF) {
                    continue;
                }
                if (q == '"' || q == '$' || q == ESCAPE) {
                    ch = next();
                }
            }
            result.appendCodePoint(ch);
        }
    }

    private String processDollar() throws LexException {
        next(); // '$'
        if (peek() != '{') {
            String name = processName();
            return name.isEmpty() ? "$" : "$" + name; // no variable is set; unset ones stay as written
        }
        next(); // '{'
        int p = peek();
        if (p == EOF) {
            throw new LexException("syntax error: missing '}'");
        }
        if (p == '{' || p == '}' || p == ':') {
            throw new LexException("syntax error: bad substitution");
        }
        String name = processName();
        int ch = next();
        StringBuilder chs = new StringBuilder(goString(ch));
        boolean nullIsUnset = false;
        if (ch == '}') {
            return "${" + name + "}";
        }
        if (ch == ':') {
            nullIsUnset = true;
            ch = next();
            chs.append(goString(ch));
        }
        if (nullIsUnset || ch == '+' || ch == '-' || ch == '?' || ch == '#' || ch == '%') {
            boolean raw = ch == '#' || ch == '%';
            if (nullIsUnset && raw) {
                throw new LexException("unsupported modifier (" + chs + ") in substitution");
            }
            String word;
            try {
                word = processStopOn('}', raw, Words.IGNORED);
            } catch (LexException e) {
                if (peek() == EOF) {
                    throw new LexException("syntax error: missing '}'");
                }
                throw e;
            }
            return "${" + name + chs + word + "}";
        }
        if (ch == '/') {
            if (peek() == '/') {
                next();
            }
            String pattern;
            try {
                pattern = processStopOn('/', true, Words.IGNORED);
            } catch (LexException e) {
                if (peek() == EOF) {
                    throw new LexException("syntax error: missing '/' in ${}");
                }
                throw e;
            }
            String replacement;
            try {
                replacement = processStopOn('}', true, Words.IGNORED);
            } catch (LexException e) {
                if (peek() == EOF) {
                    throw new LexException("syntax error: missing '}'");
                }
                throw e;
            }
            return "${" + name + "/" + pattern + "/" + replacement + "}";
        }
        throw new LexException("unsupported modifier (" + chs + ") in substitution");
    }

    private String processName() {
        StringBuilder name = new StringBuilder();
        while (peek() != EOF) {
            int ch = peek();
            if (name.isEmpty() && Character.isDigit(ch)) {
                while (peek() != EOF && Character.isDigit(peek())) {
                    name.appendCodePoint(next());
                }
                return name.toString();
            }
            if (name.isEmpty() && isSpecialParam(ch)) {
                return goString(next());
            }
            if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                break;
            }
            name.appendCodePoint(next());
        }
        return name.toString();
    }

    private String processPossibleHeredoc() {
        next(); // '<'
        if (peek() != '<') {
            return "<";
        }
        next();
        StringBuilder result = new StringBuilder("<<");
        while (peek() == ' ' || peek() == '\t' || peek() == '\r') {
            result.appendCodePoint(next());
        }
        return result.toString();
    }

    private static boolean isSpecialParam(int ch) {
        return ch == '@' || ch == '*' || ch == '#' || ch == '?' || ch == '-' || ch == '$' || ch == '!' || ch == '0';
    }

    /** Go's {@code string(rune)}, where end of input (-1) prints as U+FFFD. */
    private static String goString(int cp) {
        return cp < 0 ? "\uFFFD" : new String(Character.toChars(cp));
    }

    /** BuildKit's {@code wordsStruct}, also recording the source range of each word. */
    private static class Words {
        static final Words IGNORED = new Words() {
            @Override
            void addChar(int ch, int start, int end) {}

            @Override
            void addRawChar(int ch, int start, int end) {}

            @Override
            void addRaw(String s, int start, int end) {}

            @Override
            void addString(String s, int start, int end) {}
        };

        private final List<RawWord> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;
        private int wordStart = -1;
        private int wordEnd;

        void addChar(int ch, int start, int end) {
            if (GoText.isSpace(ch)) {
                if (inWord && word.length() != 0) {
                    flush();
                }
            } else {
                addRawChar(ch, start, end);
            }
        }

        void addRawChar(int ch, int start, int end) {
            touch(start, end);
            word.appendCodePoint(ch);
            inWord = true;
        }

        void addRaw(String s, int start, int end) {
            touch(start, end);
            word.append(s);
            inWord = true;
        }

        void addString(String s, int start, int end) {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                addChar(cp, start, end);
                i += Character.charCount(cp);
            }
        }

        private void touch(int start, int end) {
            if (word.isEmpty()) {
                wordStart = start;
            }
            wordEnd = end;
        }

        private void flush() {
            words.add(new RawWord(word.toString(), wordStart, wordEnd));
            word.setLength(0);
            inWord = false;
        }

        List<RawWord> finish() {
            if (!word.isEmpty()) {
                flush();
            }
            return words;
        }
    }
}
