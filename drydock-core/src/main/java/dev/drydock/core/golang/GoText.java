package dev.drydock.core.golang;

/**
 * Character classes and string helpers with the exact semantics of the Go functions BuildKit's
 * parser calls ({@code unicode.IsSpace}, {@code strings.TrimSpace}, {@code strconv.Quote}, ...), so
 * that the parser splits and prints text as BuildKit does.
 */
public final class GoText {

    private GoText() {}

    /** Go's {@code unicode.IsSpace}. */
    public static boolean isSpace(int cp) {
        if (cp <= 0xFF) {
            return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
        }
        return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /**
     * Go's {@code unicode.IsSpace(rune(b))} applied to one byte, as BuildKit does in its flag and
     * HEALTHCHECK scanners; here applied to a UTF-16 unit, so NEL and NO-BREAK SPACE count as space.
     */
    public static boolean isLatin1Space(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
    }

    /** One character of BuildKit's {@code reWhitespace}, {@code [\t\v\f\r ]}. */
    public static boolean isTokenWhitespace(char c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** One character of Go's regexp {@code \s}, {@code [\t\n\f\r ]}. */
    public static boolean isRegexpSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    /** First index in {@code [from, to)} that is not Go space, or {@code to}. */
    public static int skipSpace(CharSequence s, int from, int to) {
        int i = from;
        while (i < to) {
            int cp = Character.codePointAt(s, i);
            if (!isSpace(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** End of {@code [from, to)} with trailing Go space removed. */
    public static int trimSpaceEnd(CharSequence s, int from, int to) {
        int i = to;
        while (i > from) {
            int cp = Character.codePointBefore(s, i);
            if (!isSpace(cp)) {
                break;
            }
            i -= Character.charCount(cp);
        }
        return i;
    }

    /** Go's {@code strings.TrimSpace}. */
    public static String trimSpace(String s) {
        int start = skipSpace(s, 0, s.length());
        return s.substring(start, trimSpaceEnd(s, start, s.length()));
    }

    /** Go's {@code strings.ToLower}: each code point mapped on its own. */
    public static String toLower(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int lower = Character.toLowerCase(cp);
            if (lower != cp && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.appendCodePoint(lower);
            }
            i += Character.charCount(cp);
        }
        return out == null ? s : out.toString();
    }

    /** Go's {@code strconv.Quote}: double-quoted, Go escapes, printable characters kept. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
                out.append("\\ufffd"); // unpaired surrogate: Go would have decoded U+FFFD
            } else if (isPrint(cp)) {
                out.appendCodePoint(cp);
            } else {
                switch (cp) {
                    case 0x07 -> out.append("\\a");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case 0x0B -> out.append("\\v");
                    default -> {
                        if (cp < ' ' || cp == 0x7F) {
                            out.append("\\x").append(hex(cp, 2));
                        } else if (cp < 0x10000) {
                            out.append("\\u").append(hex(cp, 4));
                        } else {
                            out.append("\\U").append(hex(cp, 8));
                        }
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
    public static boolean isPrint(int cp) {
        if (cp <= 0xFF) {
            return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA1 && cp != 0xAD);
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** Number of bytes {@code s[from, to)} takes in UTF-8. */
    public static int utf8Length(CharSequence s, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String hex(int value, int digits) {
        String h = Integer.toHexString(value);
        return "0".repeat(Math.max(0, digits - h.length())) + h;
    }
}
