package dev.drydock.core.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Python source into logical statements: comments dropped, bracketed and backslash
 * continuations joined onto one line, {@code ;} separating statements, each with its first and last
 * physical line and its indentation. String literals are kept as written (a multi-line string's line
 * breaks become spaces). Unbalanced brackets are recovered from at the next top-level {@code def},
 * {@code class}, decorator or import. Never throws on odd input.
 */
final class PyLexer {

    /** One logical statement. */
    record Statement(String text, int line, int endLine, int indent, int[] breaks) {

        Statement(String text, int line, int endLine, int indent) {
            this(text, line, endLine, indent, new int[0]);
        }

        /** The physical line of an offset in {@code text}. */
        int lineAt(int offset) {
            int l = line;
            for (int b : breaks) {
                if (b <= offset) {
                    l++;
                }
            }
            return l;
        }
    }

    private PyLexer() {}

    static List<Statement> statements(String text) {
        List<Statement> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        List<Integer> breaks = new ArrayList<>();
        int n = text.length();
        int i = 0;
        int line = 1;
        int depth = 0;
        int startLine = 1;
        int indent = 0;
        boolean lineStart = true;
        while (i < n) {
            if (lineStart && depth == 0 && cur.isEmpty()) {
                int count = 0;
                int j = i;
                while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\f'
                        || text.charAt(j) == '\uFEFF')) {
                    count += text.charAt(j) == '\t' ? 8 - count % 8 : text.charAt(j) == ' ' ? 1 : 0;
                    j++;
                }
                i = j;
                indent = count;
                startLine = line;
                lineStart = false;
                continue;
            }
            char c = text.charAt(i);
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                boolean triple = i + 2 < n && text.charAt(i + 1) == c && text.charAt(i + 2) == c;
                int j = triple ? i + 3 : i + 1;
                cur.append(c);
                if (triple) {
                    cur.append(c).append(c);
                }
                boolean closed = false;
                while (j < n) {
                    char d = text.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        char e = text.charAt(j + 1);
                        if (e == '\n' || e == '\r') {
                            if (e == '\r' && j + 2 < n && text.charAt(j + 2) == '\n') {
                                j++;
                            }
                            line++;
                            breaks.add(cur.length());
                            j += 2;
                            continue;
                        }
                        cur.append(d).append(e);
                        j += 2;
                        continue;
                    }
                    if (d == '\n' || d == '\r') {
                        if (d == '\r' && j + 1 < n && text.charAt(j + 1) == '\n') {
                            j++;
                        }
                        if (!triple) {
                            break; // an unterminated string ends at the line end
                        }
                        line++;
                        cur.append(' ');
                        breaks.add(cur.length());
                        j++;
                        continue;
                    }
                    if (d == c && (!triple || j + 2 < n && text.charAt(j + 1) == c && text.charAt(j + 2) == c)) {
                        cur.append(c);
                        if (triple) {
                            cur.append(c).append(c);
                        }
                        j += triple ? 3 : 1;
                        closed = true;
                        break;
                    }
                    cur.append(d);
                    j++;
                }
                if (!closed && !triple) {
                    cur.append(c);
                }
                i = j;
                continue;
            }
            if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r')) {
                i += text.charAt(i + 1) == '\r' && i + 2 < n && text.charAt(i + 2) == '\n' ? 3 : 2;
                line++;
                cur.append(' ');
                breaks.add(cur.length());
                continue;
            }
            if (c == '\n' || c == '\r') {
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                if (depth > 0 && recovers(text, i)) {
                    depth = 0;
                }
                if (depth == 0) {
                    emit(out, cur, breaks, startLine, line, indent);
                    lineStart = true;
                } else {
                    cur.append(' ');
                    breaks.add(cur.length());
                }
                line++;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == ';' && depth == 0) {
                emit(out, cur, breaks, startLine, line, indent);
                startLine = line;
                i++;
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                }
                continue;
            }
            cur.append(c);
            i++;
        }
        emit(out, cur, breaks, startLine, line, indent);
        return out;
    }

    /** Whether an unbalanced bracket should be given up: the next line starts a new top-level block. */
    private static boolean recovers(String text, int at) {
        int end = at;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        String next = text.substring(at, end);
        return next.startsWith("def ") || next.startsWith("class ") || next.startsWith("@")
                || next.startsWith("import ") || next.startsWith("from ") || next.startsWith("async def ")
                || next.startsWith("if __name__");
    }

    private static void emit(List<Statement> out, StringBuilder cur, List<Integer> breaks, int startLine, int line,
            int indent) {
        String s = cur.toString().stripTrailing();
        int lead = s.length() - s.strip().length();
        s = s.strip();
        if (!s.isEmpty()) {
            int[] b = breaks.stream().mapToInt(x -> x - lead).filter(x -> x > 0 && x <= cur.length()).toArray();
            out.add(new Statement(s, startLine, line, indent, b));
        }
        cur.setLength(0);
        breaks.clear();
    }
}
