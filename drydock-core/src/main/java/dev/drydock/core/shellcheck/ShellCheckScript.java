package dev.drydock.core.shellcheck;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.Span;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One script for ShellCheck: the text a shell receives from a RUN, the shell dialect, and the variables the
 * build defines (ARG, ENV and the predefined proxy ARGs), exported without a value in a header: ShellCheck then
 * takes them for assigned (no SC2154) but does not assume their content (SC2086 still applies); those whose
 * value is known to be one plain word (BuildKit's platform ARGs, an ENV set to a literal path) are assigned it,
 * so that quoting them is not asked for. Positions ShellCheck reports are mapped back through the text to the Dockerfile.
 */
public final class ShellCheckScript {

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:@%+,=-]+");

    private final MappedText text;
    private final String dialect;
    private final String header;
    private final int headerLines;
    private final int[] lineStarts;

    public ShellCheckScript(MappedText text, String dialect, Collection<String> variables) {
        this(text, dialect, variables, Map.of());
    }

    /**
     * @param words variables whose value is known to be one plain word (no blank, glob or quote), with a value of
     *     that shape: they are assigned it in the header, so ShellCheck knows that quoting them changes nothing
     */
    public ShellCheckScript(MappedText text, String dialect, Collection<String> variables, Map<String, String> words) {
        this.text = text;
        this.dialect = dialect;
        StringBuilder out = new StringBuilder("# shellcheck shell=").append(dialect).append('\n');
        int lines = 1;
        List<String> names = new TreeSet<>(variables).stream().filter(n -> n.matches("[A-Za-z_][A-Za-z0-9_]*")).toList();
        if (!names.isEmpty()) {
            out.append("export ").append(String.join(" ", names)).append('\n');
            lines++;
        }
        for (Map.Entry<String, String> word : new TreeMap<>(words).entrySet()) {
            if (word.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") && PLAIN_WORD.matcher(word.getValue()).matches()) {
                out.append(word.getKey()).append('=').append(word.getValue()).append('\n');
                lines++;
            }
        }
        this.header = out.toString();
        this.headerLines = lines;
        this.lineStarts = lineStarts(text.text());
    }

    public String dialect() {
        return dialect;
    }

    /**
     * What ShellCheck reads: the header (the dialect directive, then the variables), then the script, whose own #!
     * line, now below the header, becomes a comment of the same length (the directive names its shell).
     */
    public String content() {
        String script = text.text().startsWith("#!") ? "# " + text.text().substring(2) : text.text();
        return header + script + (script.endsWith("\n") ? "" : "\n");
    }


    /**
     * The Dockerfile span of ShellCheck's 1-based line and column range in {@link #content()}
     * (columns count characters, as in its json1 format), or null when it points into the header.
     */
    public Span span(int line, int column, int endLine, int endColumn) {
        int start = index(line, column);
        if (start < 0) {
            return null;
        }
        int end = Math.max(start, index(endLine, endColumn));
        return text.fileSpan(start, Math.min(end, text.length()));
    }

    /** The script text of ShellCheck's 1-based line and column range, or "" when it points into the header. */
    public String excerpt(int line, int column, int endLine, int endColumn) {
        int start = index(line, column);
        if (start < 0) {
            return "";
        }
        int end = Math.max(start, index(endLine, endColumn));
        return text.text().substring(start, Math.min(end, text.length()));
    }

    private int index(int line, int column) {
        int scriptLine = line - headerLines - 1;
        if (scriptLine < 0 || scriptLine >= lineStarts.length) {
            return -1;
        }
        int lineEnd = scriptLine + 1 < lineStarts.length ? lineStarts[scriptLine + 1] : text.length();
        return Math.min(lineStarts[scriptLine] + Math.max(column, 1) - 1, lineEnd);
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length() && line < count; i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }
}
