package dev.drydock.core.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Bracket-aware slicing of Go and Rust code (comments already blanked): call arguments, the end of an expression,
 * the matching bracket. Strings, raw strings and runes are stepped over, so brackets and commas inside them do not
 * count.
 */
final class GoArgs {

    private GoArgs() {}

    /** The index of the bracket that closes the one at {@code open}, or the text's length when it is not closed. */
    static int close(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '`') {
                i = skipString(code, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) {
                    return i;
                }
            }
        }
        return code.length();
    }

    /** The arguments of the call whose '(' is at {@code open}, stripped; empty for {@code ()}. */
    static List<String> split(String code, int open) {
        int close = close(code, open);
        String inside = code.substring(open + 1, Math.min(close, code.length()));
        List<String> out = splitTopLevel(inside, ',');
        return out.size() == 1 && out.get(0).isEmpty() ? List.of() : out;
    }

    /** {@code text} split at each {@code separator} outside brackets and strings, parts stripped. */
    static List<String> splitTopLevel(String text, char separator) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '`') {
                i = skipString(text, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == separator && depth == 0) {
                out.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(text.substring(start).strip());
        if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1); // a trailing comma
        }
        return out;
    }

    /** The bracket depth at {@code at}, counted from the text's start. */
    static int depthAt(String text, int at) {
        int depth = 0;
        for (int i = 0; i < at && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '`') {
                i = skipString(text, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return depth;
    }

    /** The expression that starts at {@code from} and ends at a top-level ',' or ';' or line end, or the text's end. */
    static String untilTopLevel(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '`') {
                i = skipString(text, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth < 0) {
                    return text.substring(from, i).strip();
                }
            } else if (depth == 0 && (c == ',' || c == ';' || c == '\n')) {
                return text.substring(from, i).strip();
            }
        }
        return text.substring(from).strip();
    }

    /** The index of the quote that closes the string opened at {@code start}. */
    private static int skipString(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            if (quote != '`' && (text.charAt(i) == '\\' || text.charAt(i) == '\n')) {
                if (text.charAt(i) == '\n') {
                    return i;
                }
                i++;
            }
            i++;
        }
        return i;
    }
}
