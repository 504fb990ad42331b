package dev.drydock.core.dockerfile.expand;

/**
 * The shell patterns of {@code ${VAR#pat}}, {@code ${VAR%pat}} and {@code ${VAR/pat/repl}} as
 * BuildKit evaluates them: {@code *} is any run of characters, {@code ?} any one character (neither
 * crosses a line feed, since BuildKit turns the pattern into a Go regular expression without the
 * {@code s} flag), {@code \*}, {@code \?} and {@code \\} are literal, {@code \}} and {@code \/} stand
 * for the brace and slash, every other escape is an error, and bracket expressions are not special.
 *
 * <p>Matching follows the leftmost-first (Perl-like) preference of the Go expression BuildKit builds,
 * with stars greedy or lazy as the operator asks, but runs as a Thompson simulation: time is
 * linear in the value length times the pattern length, whatever the pattern.
 */
final class ShellPattern {

    private static final int CHAR = 0;
    private static final int ANY = 1;
    private static final int SPLIT = 2;
    private static final int JMP = 3;
    private static final int MATCH = 4;

    /** An invalid escape in a pattern; the message is BuildKit's. */
    static final class PatternException extends Exception {
        private static final long serialVersionUID = 1L;

        PatternException(String message) {
            super(message, null, false, false);
        }
    }

    private final int[] op;
    private final int[] x;
    private final int[] y;
    private final int size;

    // matcher scratch space, reused between searches
    private final int[] mark;
    private int generation;
    private int[] curPc;
    private int[] curStart;
    private int[] nextPc;
    private int[] nextStart;
    private final int[] stack;

    private ShellPattern(int[] op, int[] x, int[] y, int size) {
        this.op = op;
        this.x = x;
        this.y = y;
        this.size = size;
        this.mark = new int[size];
        this.curPc = new int[size];
        this.curStart = new int[size];
        this.nextPc = new int[size];
        this.nextStart = new int[size];
        this.stack = new int[size * 2 + 2];
    }

    /** Compiles {@code pattern}; {@code greedy} makes stars prefer the longest run. */
    static ShellPattern compile(String pattern, boolean greedy) throws PatternException {
        int[] cps = pattern.codePoints().toArray();
        int capacity = cps.length * 3 + 1;
        int[] op = new int[capacity];
        int[] x = new int[capacity];
        int[] y = new int[capacity];
        int pc = 0;
        // Go's text/scanner, which BuildKit reads the pattern with, drops a leading byte order mark
        int i = cps.length > 0 && cps[0] == 0xFEFF ? 1 : 0;
        while (i < cps.length) {
            int c = cps[i++];
            switch (c) {
                case '*' -> {
                    op[pc] = SPLIT;
                    x[pc] = greedy ? pc + 1 : pc + 3;
                    y[pc] = greedy ? pc + 3 : pc + 1;
                    op[pc + 1] = ANY;
                    op[pc + 2] = JMP;
                    x[pc + 2] = pc;
                    pc += 3;
                }
                case '?' -> op[pc++] = ANY;
                case '\\' -> {
                    if (i < cps.length && (cps[i] == '}' || cps[i] == '/')) {
                        continue; // the escape only kept the brace or slash from ending the ${}
                    }
                    if (i == cps.length) {
                        throw new PatternException("invalid escape '\\' at the end of the pattern");
                    }
                    int escaped = cps[i++];
                    if (escaped != '*' && escaped != '?' && escaped != '\\') {
                        throw new PatternException("invalid escape '\\" + Character.toString(escaped) + "'");
                    }
                    op[pc] = CHAR;
                    x[pc++] = escaped;
                }
                default -> {
                    op[pc] = CHAR;
                    x[pc++] = c;
                }
            }
        }
        op[pc++] = MATCH;
        return new ShellPattern(op, x, y, pc);
    }

    /**
     * The first match in {@code s} at or after {@code from} (only at {@code from} when
     * {@code anchored}), as {@code {start, end}} char indexes, or {@code null}.
     */
    int[] find(String s, int from, boolean anchored) {
        int matchStart = -1;
        int matchEnd = -1;
        int length = s.length();
        int count = addThread(curPc, curStart, 0, 0, from, ++generation);
        int sp = from;
        while (true) {
            int c = sp < length ? s.codePointAt(sp) : -1;
            int gen = ++generation;
            int nextCount = 0;
            for (int t = 0; t < count; t++) {
                int pc = curPc[t];
                switch (op[pc]) {
                    case CHAR -> {
                        if (c == x[pc]) {
                            nextCount = addThread(nextPc, nextStart, nextCount, pc + 1, curStart[t], gen);
                        }
                    }
                    case ANY -> {
                        if (c >= 0 && c != '\n') {
                            nextCount = addThread(nextPc, nextStart, nextCount, pc + 1, curStart[t], gen);
                        }
                    }
                    default -> { // MATCH: lower-priority threads are cut off
                        matchStart = curStart[t];
                        matchEnd = sp;
                        t = count;
                    }
                }
            }
            if (c < 0) {
                break;
            }
            sp += Character.charCount(c);
            if (!anchored && matchStart < 0) {
                nextCount = addThread(nextPc, nextStart, nextCount, 0, sp, gen);
            }
            int[] swap = curPc;
            curPc = nextPc;
            nextPc = swap;
            swap = curStart;
            curStart = nextStart;
            nextStart = swap;
            count = nextCount;
            if (count == 0) {
                break;
            }
        }
        return matchStart < 0 ? null : new int[] {matchStart, matchEnd};
    }

    /** Adds the thread at {@code pc} and its epsilon closure, in priority order; returns the new count. */
    private int addThread(int[] pcs, int[] starts, int count, int pc, int start, int gen) {
        int top = 0;
        stack[top++] = pc;
        while (top > 0) {
            int p = stack[--top];
            if (mark[p] == gen) {
                continue;
            }
            mark[p] = gen;
            switch (op[p]) {
                case JMP -> stack[top++] = x[p];
                case SPLIT -> {
                    stack[top++] = y[p];
                    stack[top++] = x[p];
                }
                default -> {
                    pcs[count] = p;
                    starts[count] = start;
                    count++;
                }
            }
        }
        return count;
    }

    int size() {
        return size;
    }

    /** {@code ${VAR#pattern}} / {@code ${VAR##pattern}}: the value without its matching prefix. */
    static String trimPrefix(String pattern, String value, boolean greedy) throws PatternException {
        int[] m = compile(pattern, greedy).find(value, 0, true);
        return m == null ? value : value.substring(m[1]);
    }

    /**
     * {@code ${VAR%pattern}} / {@code ${VAR%%pattern}}: the value without its matching suffix. Like
     * BuildKit, reverses the value and the pattern (keeping each escape before the character it
     * escapes) and removes a prefix.
     */
    static String trimSuffix(String pattern, String value, boolean greedy) throws PatternException {
        String reversed = trimPrefix(reversePattern(pattern), reverse(value), greedy);
        return reverse(reversed);
    }

    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString(); // keeps surrogate pairs together
    }

    static String reversePattern(String pattern) {
        int[] in = pattern.codePoints().toArray();
        int[] out = new int[in.length];
        int last = in.length - 1;
        for (int i = 0; i <= last; ) {
            int outIndex = last - i;
            if (in[i] == '\\' && i != last) {
                out[outIndex - 1] = '\\';
                out[outIndex] = in[i + 1];
                i += 2;
            } else {
                out[outIndex] = in[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    /**
     * {@code ${VAR/pattern/replacement}} and {@code ${VAR//pattern/replacement}}. The first form
     * inserts the replacement literally; the second, like Go's {@code ReplaceAllString}, expands
     * {@code $0}/{@code ${0}} to the match, {@code $$} to {@code $}, and other {@code $name} forms to
     * nothing. An empty match right after a previous match is not replaced.
     */
    static String replace(String value, String pattern, String replacement, boolean all) throws PatternException {
        ShellPattern p = compile(pattern, true);
        if (!all) {
            int[] m = p.find(value, 0, false);
            return m == null ? value : value.substring(0, m[0]) + replacement + value.substring(m[1]);
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        int end = value.length();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= end) {
            int[] m = p.find(value, searchPos, false);
            if (m == null) {
                break;
            }
            out.append(value, lastMatchEnd, m[0]);
            if (m[1] > lastMatchEnd || m[0] == 0) {
                expandTemplate(out, replacement, value, m);
            }
            lastMatchEnd = m[1];
            int width = searchPos < end ? Character.charCount(value.codePointAt(searchPos)) : 0;
            if (searchPos + width > m[1]) {
                searchPos += width;
            } else if (searchPos + 1 > m[1]) {
                searchPos++;
            } else {
                searchPos = m[1];
            }
        }
        out.append(value, lastMatchEnd, end);
        return out.toString();
    }

    /** Go's {@code Regexp.Expand} for an expression whose only group is the whole match. */
    private static void expandTemplate(StringBuilder out, String template, String src, int[] match) {
        int i = 0;
        int n = template.length();
        while (i < n) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < n && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            // extract a name: {name} or name, of letters, digits and underscores
            int j = i;
            boolean brace = j < n && template.charAt(j) == '{';
            if (brace) {
                j++;
            }
            int nameStart = j;
            while (j < n) {
                int c = template.codePointAt(j);
                if (!GoChars.isLetter(c) && !GoChars.isDigit(c) && c != '_') {
                    break;
                }
                j += Character.charCount(c);
            }
            if (j == nameStart || (brace && (j >= n || template.charAt(j) != '}'))) {
                out.append('$'); // malformed: the dollar is plain text
                continue;
            }
            String name = template.substring(nameStart, j);
            i = brace ? j + 1 : j;
            if (groupNumber(name) == 0) {
                out.append(src, match[0], match[1]);
            }
            // any other group number or name refers to nothing and expands to nothing
        }
        out.append(template, i, n);
    }

    private static int groupNumber(String name) {
        int num = 0;
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c < '0' || c > '9' || num >= 100_000_000) {
                return -1;
            }
            num = num * 10 + (c - '0');
        }
        if (name.charAt(0) == '0' && name.length() > 1) {
            return -1;
        }
        return num;
    }
}
