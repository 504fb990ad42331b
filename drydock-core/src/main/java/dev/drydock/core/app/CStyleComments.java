package dev.drydock.core.app;

/**
 * Source of a C-family language (Go, Kotlin) with its {@code //} and {@code /* *}{@code /} comments replaced by spaces,
 * newlines kept so that offsets and lines stay put; string literals, which may hold those marks, are skipped.
 */
final class CStyleComments {

    /** Where the string literal that starts at an index ends (just after it), or -1 when none starts there. */
    interface Literals {
        int end(String text, int start);
    }

    private CStyleComments() {}

    static String blank(String text, Literals literals) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int literalEnd = literals.end(text, i);
            if (literalEnd > i) {
                i = literalEnd;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    if (text.charAt(i) != '\n') {
                        out.setCharAt(i, ' ');
                    }
                }
            } else {
                i++;
            }
        }
        return out.toString();
    }
}
