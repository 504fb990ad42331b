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

    /** Where a walk stops: at {@code index}, holding {@code c}, with the bracket depth after that character. */
    private interface Stop {
        boolean at(int index, char c, int depth);
    }

    /**
     * The first index from {@code from} where {@code stop} holds, stepping over strings and counting brackets from
     * depth 0; the text's length when it never does.
     */
    private static int walk(String text, int from, Stop stop) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '`') {
                i = skipString(text, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            if (stop.at(i, c, depth)) {
                return i;
            }
        }
        return text.length();
    }

    private static boolean closing(char c) {
        return c == ')' || c == ']' || c == '}';
    }

    /** The index of the bracket that closes the one at {@code open}, or the text's length when it is not closed. */
    static int close(String code, int open) {
        return walk(code, open, (i, c, depth) -> depth == 0 && closing(c));
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
        int start = 0;
        while (true) {
            int at = walk(text, start, (i, c, depth) -> c == separator && depth == 0);
            if (at >= text.length()) {
                break;
            }
            out.add(text.substring(start, at).strip());
            start = at + 1;
        }
        out.add(text.substring(start).strip());
        if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1); // a trailing comma
        }
        return out;
    }

    /** The bracket depth at {@code at}, counted from the text's start. */
    static int depthAt(String text, int at) {
        int[] depth = {0};
        walk(text, 0, (i, c, d) -> {
            if (i >= at) {
                return true;
            }
            depth[0] = d;
            return false;
        });
        return depth[0];
    }

    /** The expression that starts at {@code from} and ends at a top-level ',' or ';' or line end, or the text's end. */
    static String untilTopLevel(String text, int from) {
        int end = walk(text, from, (i, c, depth) -> depth < 0 || depth == 0 && (c == ',' || c == ';' || c == '\n'));
        return text.substring(from, end).strip();
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
