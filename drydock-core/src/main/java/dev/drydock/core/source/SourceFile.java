package dev.drydock.core.source;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One text file exactly as read: its path (relative to the project root, '/'-separated, as shown
 * to users) and its whole text, byte order mark and line terminators included, so that edits can
 * be applied to it byte for byte. Lines end at LF, CRLF or a lone CR.
 */
public final class SourceFile {

    private final String path;
    private final String text;
    private volatile int[] lineStarts;
    private final Map<Class<?>, Object> syntax = new ConcurrentHashMap<>(2);

    private SourceFile(String path, String text) {
        this.path = path;
        this.text = text;
    }

    public static SourceFile of(String path, String text) {
        return new SourceFile(path, text);
    }

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    /** Offset where the content starts: 1 when the text opens with a UTF-8 byte order mark. */
    public int contentStart() {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
    }

    public int lineCount() {
        return lineStarts().length;
    }

    /** Offset of the first character of a 1-based line. */
    public int lineStart(int line) {
        return lineStarts()[line - 1];
    }

    /** Offset just past the last character of a 1-based line, before its terminator. */
    public int lineEnd(int line) {
        int[] starts = lineStarts();
        int end = line < starts.length ? starts[line] : text.length();
        if (line < starts.length) {
            end--;
            if (end > starts[line - 1] && text.charAt(end) == '\n' && text.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return end;
    }

    /** How many spaces a line starts with (YAML indentation: tabs are not indentation there). */
    public static int spaceIndent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** The text of a 1-based line, without its terminator. */
    public String line(int line) {
        return text.substring(lineStart(line), lineEnd(line));
    }

    public Position position(int offset) {
        if (offset < 0 || offset > text.length()) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside " + path);
        }
        int[] starts = lineStarts();
        int index = Arrays.binarySearch(starts, offset);
        int line = index >= 0 ? index : -index - 2;
        // an offset on the LF of a CRLF belongs to the line the CR ends
        return new Position(offset, line + 1, offset - starts[line] + 1);
    }

    public Span span(int start, int end) {
        Position from = position(start);
        Position to = end == start ? from : position(end);
        return new Span(start, end, from.line(), from.column(), to.line(), to.column());
    }

    /** The span of whole lines {@code first..last} (1-based, inclusive), terminators excluded. */
    public Span lines(int first, int last) {
        return span(lineStart(first), lineEnd(last));
    }

    public String text(Span span) {
        return text.substring(span.start(), span.end());
    }

    private int[] lineStarts() {
        int[] starts = lineStarts;
        if (starts == null) {
            starts = computeLineStarts(text);
            lineStarts = starts;
        }
        return starts;
    }

    private static int[] computeLineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == length || text.charAt(i + 1) != '\n'))) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /**
     * What {@code reader} makes of this file, read once however many ask: the syntax of a file shared by the
     * project model and the rules. A reader that fails fails the same way at every call; one that finds nothing
     * (null) finds nothing at every call.
     */
    public <T> T syntax(Class<T> kind, Function<SourceFile, T> reader) {
        Object known = syntax.get(kind);
        if (known == null) {
            try {
                known = reader.apply(this);
                known = known == null ? NOTHING : known;
            } catch (RuntimeException e) {
                known = new Failed(e);
            }
            syntax.putIfAbsent(kind, known);
        }
        if (known instanceof Failed failed) {
            throw failed.error();
        }
        return known == NOTHING ? null : kind.cast(known);
    }

    private record Failed(RuntimeException error) {}

    private static final Object NOTHING = new Object();

    @Override
    public String toString() {
        return path;
    }
}
