package dev.drydock.core.source;

/**
 * Text quoted from the project made safe to print on a terminal: control characters (C0 but tab and
 * line feed, DEL, C1) and the bidirectional overrides become visible escapes such as {@code \x1b} or
 * {@code \u202e}. A Dockerfile's bytes end up in messages; printed raw, an escape sequence in them could
 * clear the screen, retitle the window or hide the rest of the line, and a bidi override could show
 * the text in another order than it is.
 */
public final class Printable {

    private Printable() {}

    /** The text with every unsafe character escaped; the same string when there is none. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
            } else if (c < 0x100) {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                out.append("\\u").append(String.format("%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean unsafe(char c) {
        if (c < 0x20) {
            return c != '\t' && c != '\n';
        }
        return c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
