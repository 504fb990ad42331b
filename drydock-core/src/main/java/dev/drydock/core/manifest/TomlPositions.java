package dev.drydock.core.manifest;

import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where things are in a TOML file. Jackson's TOML reader gives values but no positions, so a
 * second pass over the text finds them: it follows table headers ({@code [a.b]}, and
 * {@code [[a.b]]} numbered {@code #0}, {@code #1}, ...), dotted and quoted keys, strings of all
 * four kinds, arrays (items numbered {@code #0}, {@code #1}, ...), inline tables and comments, and
 * records for each key path the span from the key (or array item) to the end of its value.
 * It never fails: text it cannot follow is skipped to the end of the line. Values themselves
 * always come from Jackson, which also rejects invalid TOML.
 */
final class TomlPositions {

    private final SourceFile file;
    private final String text;
    private final Map<List<String>, Span> entries = new HashMap<>();
    private final Map<List<String>, Integer> tableArrays = new HashMap<>();
    private int pos;

    private TomlPositions(SourceFile file) {
        this.file = file;
        this.text = file.text();
        this.pos = file.contentStart();
    }

    static TomlPositions scan(SourceFile file) {
        TomlPositions p = new TomlPositions(file);
        p.document();
        return p;
    }

    /** The span of the entry (key through value, or header) at a path such as {@code [project, dependencies, #2]}. */
    Optional<Span> entry(String... path) {
        return Optional.ofNullable(entries.get(List.of(path)));
    }

    Optional<Span> entry(List<String> path) {
        return Optional.ofNullable(entries.get(path));
    }

    /** The entry at the path, or the nearest enclosing one that was found, or the first line. */
    Span entryOrEnclosing(List<String> path) {
        for (int n = path.size(); n > 0; n--) {
            Span s = entries.get(path.subList(0, n));
            if (s != null) {
                return s;
            }
        }
        return file.span(file.contentStart(), file.lineEnd(1));
    }

    private void document() {
        List<String> table = List.of();
        while (pos < text.length()) {
            skipBlank(true);
            if (pos >= text.length()) {
                break;
            }
            int start = pos;
            char c = text.charAt(pos);
            try {
                if (c == '[') {
                    boolean array = text.startsWith("[[", pos);
                    pos += array ? 2 : 1;
                    List<String> keys = keys();
                    skipBlank(false);
                    if (!text.startsWith(array ? "]]" : "]", pos)) {
                        skipLine();
                        continue;
                    }
                    pos += array ? 2 : 1;
                    List<String> path = new ArrayList<>(keys);
                    if (array) {
                        int index = tableArrays.merge(keys, 1, Integer::sum) - 1;
                        path.add("#" + index);
                        entries.putIfAbsent(keys, file.span(start, pos));
                    }
                    table = List.copyOf(path);
                    entries.putIfAbsent(table, file.span(start, pos));
                    skipLine();
                } else {
                    List<String> keys = keys();
                    skipBlank(false);
                    if (keys.isEmpty() || pos >= text.length() || text.charAt(pos) != '=') {
                        skipLine();
                        continue;
                    }
                    pos++;
                    skipBlank(false);
                    List<String> path = new ArrayList<>(table);
                    path.addAll(keys);
                    value(path, start, 0);
                    skipLine();
                }
            } catch (IndexOutOfBoundsException e) {
                return; // text ended inside something: keep what was found
            }
        }
    }

    /** Reads a value at pos and records its entry from {@code start}. */
    private void value(List<String> path, int start, int depth) {
        if (pos >= text.length() || depth > 200) {
            return;
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            string();
        } else if (c == '[') {
            pos++;
            int index = 0;
            while (true) {
                skipBlank(true);
                if (pos >= text.length()) {
                    return;
                }
                if (text.charAt(pos) == ']') {
                    pos++;
                    break;
                }
                if (text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                List<String> item = new ArrayList<>(path);
                item.add("#" + index++);
                int before = pos;
                value(List.copyOf(item), pos, depth + 1);
                if (pos == before) {
                    pos++;
                }
            }
        } else if (c == '{') {
            pos++;
            while (true) {
                skipBlank(false);
                if (pos >= text.length() || text.charAt(pos) == '\n') {
                    return;
                }
                if (text.charAt(pos) == '}') {
                    pos++;
                    break;
                }
                if (text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                int keyStart = pos;
                List<String> keys = keys();
                skipBlank(false);
                if (keys.isEmpty() || pos >= text.length() || text.charAt(pos) != '=') {
                    return;
                }
                pos++;
                skipBlank(false);
                List<String> inner = new ArrayList<>(path);
                inner.addAll(keys);
                value(List.copyOf(inner), keyStart, depth + 1);
            }
        } else {
            while (pos < text.length() && ",]}#\r\n".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            int end = pos;
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            entries.putIfAbsent(List.copyOf(path), file.span(start, Math.max(start, end)));
            return;
        }
        entries.putIfAbsent(List.copyOf(path), file.span(start, pos));
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        while (pos < text.length()) {
            skipBlank(false);
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                int s = pos;
                string();
                keys.add(unquote(text.substring(s, pos)));
            } else {
                int s = pos;
                while (pos < text.length() && isBareKeyChar(text.charAt(pos))) {
                    pos++;
                }
                if (s == pos) {
                    return keys;
                }
                keys.add(text.substring(s, pos));
            }
            skipBlank(false);
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
            } else {
                break;
            }
        }
        return keys;
    }

    private static boolean isBareKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static String unquote(String quoted) {
        if (quoted.length() >= 2) {
            String inner = quoted.substring(1, quoted.length() - 1);
            return quoted.charAt(0) == '"' ? inner.replace("\\\"", "\"").replace("\\\\", "\\") : inner;
        }
        return quoted;
    }

    private void string() {
        char q = text.charAt(pos);
        boolean multi = text.startsWith(String.valueOf(q).repeat(3), pos);
        if (multi) {
            pos += 3;
            String close = String.valueOf(q).repeat(3);
            while (pos < text.length() && !text.startsWith(close, pos)) {
                pos += (q == '"' && text.charAt(pos) == '\\') ? 2 : 1;
            }
            pos = Math.min(text.length(), pos + 3);
            while (pos < text.length() && text.charAt(pos) == q) {
                pos++; // up to two quotes may end the content
            }
            return;
        }
        pos++;
        while (pos < text.length() && text.charAt(pos) != q && text.charAt(pos) != '\n') {
            pos += (q == '"' && text.charAt(pos) == '\\') ? 2 : 1;
        }
        pos = Math.min(text.length(), pos + 1);
    }

    /** Skips spaces and comments, and newlines too when {@code newlines}. */
    private void skipBlank(boolean newlines) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || (newlines && (c == '\n' || c == '\r'))) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void skipLine() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }
}
