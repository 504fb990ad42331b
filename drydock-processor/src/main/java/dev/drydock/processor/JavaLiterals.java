package dev.drydock.processor;

/**
 * Java source for string values. The output is plain ASCII: every other character is written as a Unicode
 * escape, so the generated file reads the same in any source encoding. Line breaks and the characters a
 * string literal cannot hold as they are get their escape sequences ({@code \n}, {@code \"}, {@code \\});
 * a line feed or carriage return written as a Unicode escape would end the literal.
 */
final class JavaLiterals {

    private JavaLiterals() {}

    /** One string literal for {@code value}. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= ' ' && c < 0x7f) {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * A constant expression for {@code value} that keeps its lines apart: one literal per line of the text,
     * joined with {@code +} on lines that start with {@code indent}. A text of one line is one literal.
     */
    static String text(String value, String indent) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        int start = 0;
        while (start < value.length()) {
            int end = value.indexOf('\n', start);
            end = end < 0 ? value.length() : end + 1;
            if (start > 0) {
                out.append('\n').append(indent).append("+ ");
            }
            out.append(string(value.substring(start, end)));
            start = end;
        }
        return start == 0 ? string(value) : out.toString();
    }
}
