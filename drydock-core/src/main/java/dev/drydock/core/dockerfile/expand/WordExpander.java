package dev.drydock.core.dockerfile.expand;

import dev.drydock.core.dockerfile.expand.ExpansionError.Kind;
import dev.drydock.core.dockerfile.expand.VariableReference.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * BuildKit's Dockerfile word processing ({@code frontend/dockerfile/shell}, {@code Lex}): quote
 * removal, escapes and {@code $VAR} / {@code ${VAR...}} substitution for the instructions that
 * expand variables. See the package documentation for which instruction uses which output and for
 * where BuildKit differs from a POSIX shell.
 *
 * <p>Instances are immutable and thread-safe; {@link #expand} never throws for any input (errors
 * come back in the {@link Expansion}).
 */
public final class WordExpander {

    private static final int EOF = -1;

    /**
     * Deepest nesting of {@code ${...}} inside the words of other {@code ${...}} accepted; BuildKit
     * has no limit, but no real Dockerfile comes near it and it keeps the recursion bounded.
     */
    static final int MAX_NESTING = 200;

    /**
     * Longest value expanded, in chars. BuildKit has no limit, but {@code ENV A1=$A0$A0}, {@code ENV A2=$A1$A1}
     * ... doubles with every line: sixty lines would need exabytes. No real value comes near a mebibyte.
     */
    public static final int MAX_LENGTH = 1 << 20;

    /** The default expander: backslash escapes, quotes processed. */
    public static final WordExpander BACKSLASH = new WordExpander('\\', false, false, false, false);

    /** For Dockerfiles with {@code # escape=`} (Windows style): backtick escapes, backslash is ordinary. */
    public static final WordExpander BACKTICK = new WordExpander('`', false, false, false, false);

    private final char escape;
    private final boolean rawQuotes;
    private final boolean rawEscapes;
    private final boolean skipQuotes;
    private final boolean skipUnset;

    private WordExpander(char escape, boolean rawQuotes, boolean rawEscapes, boolean skipQuotes, boolean skipUnset) {
        this.escape = escape;
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
        this.skipQuotes = skipQuotes;
        this.skipUnset = skipUnset;
    }

    /** The expander for a Dockerfile's escape character ({@code \} or {@code `}). */
    public static WordExpander forEscape(char escape) {
        if (escape == '\\') {
            return BACKSLASH;
        }
        if (escape == '`') {
            return BACKTICK;
        }
        throw new IllegalArgumentException("the escape character must be \\ or `, not " + escape);
    }

    /**
     * The expander BuildKit uses for the contents of a COPY/ADD here-document whose delimiter is not
     * quoted: always backslash escapes, whatever the Dockerfile's escape directive, and quotes kept
     * as ordinary characters.
     */
    public static WordExpander heredoc() {
        return BACKSLASH.withSkipQuotes(true);
    }

    public char escape() {
        return escape;
    }

    /** Keeps quote characters in the output (BuildKit's {@code RawQuotes}). */
    public WordExpander withRawQuotes(boolean on) {
        return new WordExpander(escape, on, rawEscapes, skipQuotes, skipUnset);
    }

    /** Keeps escape characters in the output (BuildKit's {@code RawEscapes}). */
    public WordExpander withRawEscapes(boolean on) {
        return new WordExpander(escape, rawQuotes, on, skipQuotes, skipUnset);
    }

    /** Treats quotes as ordinary characters (BuildKit's {@code SkipProcessQuotes}). */
    public WordExpander withSkipQuotes(boolean on) {
        return new WordExpander(escape, rawQuotes, rawEscapes, on, skipUnset);
    }

    /**
     * Leaves references to unset variables as written, {@code $NAME} or {@code ${NAME...}}, instead
     * of expanding them (BuildKit's {@code SkipUnsetEnv}, used to display RUN commands).
     */
    public WordExpander withSkipUnset(boolean on) {
        return new WordExpander(escape, rawQuotes, rawEscapes, skipQuotes, on);
    }

    /** Expands {@code word} against {@code env}; never throws (see {@link Expansion#ok()}). */
    public Expansion expand(CharSequence word, Environment env) {
        Objects.requireNonNull(env, "env");
        String in = word.toString();
        if (isPlain(in)) {
            return new Expansion(in, in, null, () -> plainWords(in), List.of(), Set.of(), Set.of(), null);
        }
        Run run = new Run(in, env);
        try {
            Buf out = run.processStopOn(EOF, rawEscapes, null);
            return new Expansion(in, out.text(), out.sources(), () -> splitWords(in, env),
                    Expansion.sortedByStart(run.refs), run.matched(), run.unmatched(), null);
        } catch (Failure f) {
            return new Expansion(in, null, null, null, Expansion.sortedByStart(run.refs), run.matched(),
                    run.unmatched(), f.error);
        } catch (TooLong t) {
            ExpansionError error = new ExpansionError("the value expands to more than " + MAX_LENGTH
                    + " characters (variables that double each other?)", 0, in.length(), Kind.TOO_LONG);
            return new Expansion(in, null, null, null, Expansion.sortedByStart(run.refs), run.matched(),
                    run.unmatched(), error);
        }
    }

    /** The word-list form, by a second pass that also splits (the first pass succeeded). */
    private List<Expansion.Word> splitWords(String in, Environment env) {
        Run run = new Run(in, env);
        Splitter splitter = new Splitter();
        try {
            run.processStopOn(EOF, rawEscapes, splitter);
        } catch (Failure f) {
            // only if the environment changed between the two passes
            throw new ExpansionException(in, f.error);
        }
        splitter.finish();
        return List.copyOf(splitter.words);
    }

    /** Expands {@code word} and returns the single-word result; throws {@link ExpansionException}. */
    public String expandToString(CharSequence word, Environment env) {
        return expand(word, env).value();
    }

    /** Nothing to process: no dollar, quote or escape, and no leading byte order mark. */
    private boolean isPlain(String in) {
        if (!in.isEmpty() && in.charAt(0) == '\uFEFF') {
            return false;
        }
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == '$' || c == escape || (!skipQuotes && (c == '\'' || c == '"'))) {
                return false;
            }
        }
        return true;
    }

    private static List<Expansion.Word> plainWords(String in) {
        List<Expansion.Word> words = null;
        int start = -1;
        for (int i = 0; i <= in.length(); ) {
            int c = i < in.length() ? in.codePointAt(i) : ' ';
            int width = i < in.length() ? Character.charCount(c) : 1;
            if (GoChars.isSpace(c)) {
                if (start >= 0) {
                    if (words == null) {
                        words = new ArrayList<>(2);
                    }
                    words.add(new Expansion.Word(in.substring(start, i), start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += width;
        }
        return words == null ? List.of() : Collections.unmodifiableList(words);
    }

    /** An expansion failure travelling up the recursion; carries no stack trace. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient ExpansionError error;

        Failure(ExpansionError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /** A value grown past {@link #MAX_LENGTH}; carries no stack trace. */
    private static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLong() {
            super(null, null, false, false);
        }
    }

    /** Output text with the input index of every char, at most {@link #MAX_LENGTH} of them. */
    private static final class Buf {
        private final StringBuilder text = new StringBuilder();
        private int[] src = new int[16];

        void add(int cp, int at) {
            text.appendCodePoint(cp);
            int n = text.length();
            ensure(n);
            src[n - 1] = at;
            if (cp >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                src[n - 2] = at;
            }
        }

        void add(CharSequence s, int at) {
            int from = text.length();
            text.append(s);
            ensure(text.length());
            Arrays.fill(src, from, text.length(), at);
        }

        void add(Buf b) {
            int from = text.length();
            text.append(b.text);
            ensure(text.length());
            System.arraycopy(b.src, 0, src, from, b.text.length());
        }

        private void ensure(int n) {
            if (n > MAX_LENGTH) {
                throw new TooLong();
            }
            if (n > src.length) {
                src = Arrays.copyOf(src, Math.max(n, src.length * 2));
            }
        }

        static Buf of(CharSequence s, int at) {
            Buf b = new Buf();
            b.add(s, at);
            return b;
        }

        int length() {
            return text.length();
        }

        String text() {
            return text.toString();
        }

        int[] sources() {
            return Arrays.copyOf(src, text.length());
        }
    }

    /** BuildKit's word splitting for ProcessWords, with the input range of every word. */
    private static final class Splitter {
        final List<Expansion.Word> words = new ArrayList<>(2);
        private final StringBuilder current = new StringBuilder();
        private int start = -1;
        private int end = -1;
        private boolean inWord;

        /** A character that white space splits (literal, or from a variable's value). */
        void addChar(int cp, int from, int to) {
            if (GoChars.isSpace(cp)) {
                if (inWord && current.length() != 0) {
                    flush();
                    inWord = false;
                }
            } else {
                addRawChar(cp, from, to);
            }
        }

        /** A character kept in the word even if it is white space (escaped). */
        void addRawChar(int cp, int from, int to) {
            current.appendCodePoint(cp);
            extend(from, to);
            inWord = true;
        }

        void addString(CharSequence s, int from, int to) {
            for (int i = 0; i < s.length(); ) {
                int cp = Character.codePointAt(s, i);
                addChar(cp, from, to);
                i += Character.charCount(cp);
            }
        }

        /** Quoted text: never split, and it opens a word even when empty. */
        void addRawString(CharSequence s, int from, int to) {
            if (s.length() > 0) {
                current.append(s);
                extend(from, to);
            }
            inWord = true;
        }

        private void extend(int from, int to) {
            if (start < 0) {
                start = from;
            }
            end = Math.max(end, to);
        }

        private void flush() {
            words.add(new Expansion.Word(current.toString(), start, end));
            current.setLength(0);
            start = -1;
            end = -1;
        }

        void finish() {
            if (current.length() > 0) {
                flush();
                inWord = false;
            }
        }
    }

    /** One expansion: the scanner state over the input, and the references met. */
    private final class Run {
        private final String in;
        private final int length;
        private final Environment env;
        private int pos;
        private int depth;
        final List<VariableReference> refs = new ArrayList<>(2);
        private Set<String> matched;
        private Set<String> unmatched;

        Run(String in, Environment env) {
            this.in = in;
            this.length = in.length();
            this.env = env;
            // Go's text/scanner, which BuildKit reads the word with, skips a leading byte order mark
            this.pos = length > 0 && in.charAt(0) == '\uFEFF' ? 1 : 0;
        }

        Set<String> matched() {
            return matched == null ? Set.of() : Collections.unmodifiableSet(matched);
        }

        Set<String> unmatched() {
            return unmatched == null ? Set.of() : Collections.unmodifiableSet(unmatched);
        }

        private int peek() {
            return pos < length ? in.codePointAt(pos) : EOF;
        }

        private int next() {
            if (pos >= length) {
                return EOF;
            }
            int c = in.codePointAt(pos);
            pos += Character.charCount(c);
            return c;
        }

        private Failure fail(Kind kind, String message, int start, int end) {
            return new Failure(new ExpansionError(message, start, Math.max(start, Math.min(end, length)), kind));
        }

        /**
         * Processes up to (and consuming) {@code stop}, or to the end of the input when {@code stop}
         * is EOF; {@code raw} keeps escape characters. {@code splitter} is null below the top level.
         */
        Buf processStopOn(int stop, boolean raw, Splitter splitter) throws Failure {
            Buf out = new Buf();
            while (pos < length) {
                int at = pos;
                int ch = peek();
                if (stop != EOF && ch == stop) {
                    next();
                    return out;
                }
                if (ch == '$') {
                    Buf value = processDollar();
                    out.add(value);
                    if (splitter != null) {
                        splitter.addString(value.text, at, pos);
                    }
                    continue;
                }
                if (!skipQuotes && (ch == '\'' || ch == '"')) {
                    Buf quoted = ch == '\'' ? processSingleQuote() : processDoubleQuote(raw);
                    out.add(quoted);
                    if (splitter != null) {
                        splitter.addRawString(quoted.text, at, pos);
                    }
                    continue;
                }
                ch = next();
                if (ch == escape) {
                    if (raw) {
                        out.add(ch, at);
                        if (splitter != null) {
                            splitter.addRawChar(ch, at, pos);
                        }
                    }
                    int escapedAt = pos;
                    ch = next();
                    if (ch == EOF) {
                        break; // an escape at the very end is dropped
                    }
                    out.add(ch, escapedAt);
                    if (splitter != null) {
                        splitter.addRawChar(ch, at, pos);
                    }
                } else {
                    out.add(ch, at);
                    if (splitter != null) {
                        splitter.addChar(ch, at, pos);
                    }
                }
            }
            if (stop != EOF) {
                // callers report this as a missing '}' or '/'
                throw fail(Kind.SYNTAX, "unexpected end of statement while looking for matching "
                        + Character.toString(stop), pos, length);
            }
            return out;
        }

        private Buf processSingleQuote() throws Failure {
            int quoteAt = pos;
            Buf out = new Buf();
            int ch = next();
            if (rawQuotes) {
                out.add(ch, quoteAt);
            }
            while (true) {
                int at = pos;
                ch = next();
                if (ch == EOF) {
                    throw fail(Kind.SYNTAX, "unexpected end of statement while looking for matching single-quote",
                            quoteAt, length);
                }
                if (ch == '\'') {
                    if (rawQuotes) {
                        out.add(ch, at);
                    }
                    return out;
                }
                out.add(ch, at);
            }
        }

        private Buf processDoubleQuote(boolean raw) throws Failure {
            int quoteAt = pos;
            Buf out = new Buf();
            int ch = next();
            if (rawQuotes) {
                out.add(ch, quoteAt);
            }
            while (true) {
                int c = peek();
                if (c == EOF) {
                    throw fail(Kind.SYNTAX, "unexpected end of statement while looking for matching double-quote",
                            quoteAt, length);
                }
                if (c == '"') {
                    int at = pos;
                    next();
                    if (rawQuotes) {
                        out.add('"', at);
                    }
                    return out;
                }
                if (c == '$') {
                    out.add(processDollar());
                    continue;
                }
                int at = pos;
                ch = next();
                if (ch == escape) {
                    if (raw) {
                        out.add(ch, at);
                    }
                    int following = peek();
                    if (following == EOF) {
                        continue; // and then fail on the missing closing quote
                    }
                    if (following == '"' || following == '$' || following == escape) {
                        at = pos;
                        ch = next();
                    }
                    // before any other character the escape stays, as in POSIX double quotes
                }
                out.add(ch, at);
            }
        }

        private String lookup(String name) {
            String value = env.lookup(name);
            if (value != null) {
                if (matched == null) {
                    matched = new LinkedHashSet<>();
                }
                matched.add(name);
            } else {
                if (unmatched == null) {
                    unmatched = new LinkedHashSet<>();
                }
                unmatched.add(name);
            }
            return value;
        }

        private Buf processDollar() throws Failure {
            if (depth >= MAX_NESTING) {
                throw fail(Kind.SYNTAX, "variable references nested more than " + MAX_NESTING + " deep", pos, length);
            }
            depth++;
            try {
                return processDollarAt(pos);
            } finally {
                depth--;
            }
        }

        private Buf processDollarAt(int start) throws Failure {
            next(); // the $
            if (peek() != '{') {
                String name = processName();
                if (name.isEmpty()) {
                    return Buf.of("$", start);
                }
                String value = lookup(name);
                refs.add(new VariableReference(name, start, pos, false, Operator.NONE, false, value != null));
                if (value == null) {
                    return Buf.of(skipUnset ? "$" + name : "", start);
                }
                return Buf.of(value, start);
            }
            next(); // the {
            int first = peek();
            if (first == EOF) {
                throw fail(Kind.SYNTAX, "syntax error: missing '}'", start, length);
            }
            if (first == '{' || first == '}' || first == ':') {
                throw fail(Kind.SYNTAX, "syntax error: bad substitution", start, pos + 1);
            }
            String name = processName();
            int ch = next();
            switch (ch) {
                case '}' -> {
                    String value = lookup(name);
                    refs.add(new VariableReference(name, start, pos, true, Operator.NONE, false, value != null));
                    if (value == null) {
                        return Buf.of(skipUnset ? "${" + name + "}" : "", start);
                    }
                    return Buf.of(value, start);
                }
                case ':' -> {
                    int op = next();
                    String chs = op == EOF ? ":" : ":" + Character.toString(op);
                    return processModifier(start, name, op, true, chs);
                }
                case '+', '-', '?', '#', '%' -> {
                    return processModifier(start, name, ch, false, Character.toString(ch));
                }
                case '/' -> {
                    return processReplace(start, name);
                }
                case EOF -> throw fail(Kind.SYNTAX, "syntax error: missing '}'", start, length);
                default -> throw fail(Kind.SYNTAX,
                        "unsupported modifier (" + Character.toString(ch) + ") in substitution", start, pos);
            }
        }

        /** {@code ${name<op>word}} with {@code op} one of - + ? # % (or anything after a colon). */
        private Buf processModifier(int start, String name, int op, boolean colon, String chs) throws Failure {
            boolean pattern = op == '#' || op == '%';
            if (colon && pattern) {
                throw fail(Kind.SYNTAX, "unsupported modifier (" + chs + ") in substitution", start, pos);
            }
            Buf word = nested('}', pattern, start, "syntax error: missing '}'");
            String value = lookup(name);
            boolean set = value != null;
            String w = word.text();
            Operator operator = switch (op) {
                case '-' -> Operator.DEFAULT;
                case '+' -> Operator.ALTERNATIVE;
                case '?' -> Operator.REQUIRED;
                case '#' -> !w.isEmpty() && w.charAt(0) == '#'
                        ? Operator.REMOVE_LONGEST_PREFIX : Operator.REMOVE_SHORTEST_PREFIX;
                case '%' -> !w.isEmpty() && w.charAt(0) == '%'
                        ? Operator.REMOVE_LONGEST_SUFFIX : Operator.REMOVE_SHORTEST_SUFFIX;
                default -> Operator.UNSUPPORTED;
            };
            refs.add(new VariableReference(name, start, pos, true, operator, colon, set));
            if (skipUnset && !set) {
                return Buf.of("${" + name + chs + w + "}", start);
            }
            boolean empty = !set || (colon && value.isEmpty());
            switch (op) {
                case '-' -> {
                    return empty ? word : Buf.of(value, start);
                }
                case '+' -> {
                    return empty ? new Buf() : word;
                }
                case '?' -> {
                    if (!set) {
                        throw fail(Kind.REQUIRED_VARIABLE,
                                name + ": " + (w.isEmpty() ? "is not allowed to be unset" : w), start, pos);
                    }
                    if (colon && value.isEmpty()) {
                        throw fail(Kind.REQUIRED_VARIABLE,
                                name + ": " + (w.isEmpty() ? "is not allowed to be empty" : w), start, pos);
                    }
                    return Buf.of(value, start);
                }
                case '#', '%' -> {
                    boolean greedy = !w.isEmpty() && w.charAt(0) == op;
                    String pat = greedy ? w.substring(1) : w;
                    String v = set ? value : "";
                    try {
                        String trimmed = op == '%'
                                ? ShellPattern.trimSuffix(pat, v, greedy)
                                : ShellPattern.trimPrefix(pat, v, greedy);
                        return Buf.of(trimmed, start);
                    } catch (ShellPattern.PatternException e) {
                        throw fail(Kind.INVALID_PATTERN,
                                "invalid pattern (" + pat + ") in substitution: " + e.getMessage(), start, pos);
                    }
                }
                default -> throw fail(Kind.SYNTAX, "unsupported modifier (" + chs + ") in substitution", start, pos);
            }
        }

        /** {@code ${name/pattern/replacement}} and {@code ${name//pattern/replacement}}. */
        private Buf processReplace(int start, String name) throws Failure {
            boolean all = peek() == '/';
            if (all) {
                next();
            }
            String pattern = nested('/', true, start, "syntax error: missing '/' in ${}").text();
            String replacement = nested('}', true, start, "syntax error: missing '}'").text();
            String value = lookup(name);
            refs.add(new VariableReference(name, start, pos, true,
                    all ? Operator.REPLACE_ALL : Operator.REPLACE_FIRST, false, value != null));
            if (skipUnset && value == null) {
                // BuildKit writes back a single slash, even for the replace-all form
                return Buf.of("${" + name + "/" + pattern + "/" + replacement + "}", start);
            }
            try {
                return Buf.of(ShellPattern.replace(value == null ? "" : value, pattern, replacement, all), start);
            } catch (ShellPattern.PatternException e) {
                throw fail(Kind.INVALID_PATTERN,
                        "invalid pattern (" + pattern + ") in substitution: " + e.getMessage(), start, pos);
            }
        }

        /**
         * The word of a {@code ${...}} up to {@code stop}; a failure that leaves the input exhausted
         * becomes {@code missing} (BuildKit reports the unclosed {@code ${} rather than what was
         * inside it).
         */
        private Buf nested(int stop, boolean raw, int start, String missing) throws Failure {
            try {
                return processStopOn(stop, raw, null);
            } catch (Failure f) {
                if (pos >= length) {
                    throw fail(Kind.SYNTAX, missing, start, length);
                }
                throw f;
            }
        }

        /**
         * A variable name: a run of digits, one special parameter character, or letters, digits and
         * underscores; empty when none of these follows.
         */
        private String processName() {
            int from = pos;
            while (pos < length) {
                int c = peek();
                if (pos == from && GoChars.isDigit(c)) {
                    while (pos < length && GoChars.isDigit(peek())) {
                        next();
                    }
                    break;
                }
                if (pos == from && isSpecialParameter(c)) {
                    next();
                    break;
                }
                if (!GoChars.isLetter(c) && !GoChars.isDigit(c) && c != '_') {
                    break;
                }
                next();
            }
            return in.substring(from, pos);
        }
    }

    private static boolean isSpecialParameter(int c) {
        return switch (c) {
            case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
            default -> false;
        };
    }
}
