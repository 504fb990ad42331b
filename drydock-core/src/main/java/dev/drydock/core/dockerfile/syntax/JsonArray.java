package dev.drydock.core.dockerfile.syntax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an exec-form argument the way BuildKit does with Go's {@code encoding/json}: the whole text
 * must be one valid JSON value (an array, since it starts with {@code [}), at most 10000 levels
 * deep, with only JSON white space around it; then every element must be a string. Strings are
 * decoded as Go does (an unpaired surrogate escape becomes U+FFFD).
 */
final class JsonArray {

    /** Go's {@code encoding/json} nesting limit. */
    private static final int MAX_DEPTH = 10000;

    /** How the text reads: a string array, valid JSON with a non-string element, or not JSON. */
    enum Kind { STRINGS, NOT_STRINGS, INVALID }

    /** The outcome; {@code badElement} is the start of the first non-string element. */
    record Result(Kind kind, List<RawWord> elements, int badElement) {}

    private static final Result INVALID = new Result(Kind.INVALID, List.of(), -1);

    private final String s;
    private final int to;
    private int pos;

    private JsonArray(String s, int from, int to) {
        this.s = s;
        this.pos = from;
        this.to = to;
    }

    /** Reads {@code s[from, to)}, which starts with {@code [}. */
    static Result read(String s, int from, int to) {
        return new JsonArray(s, from, to).array();
    }

    private Result array() {
        if (pos >= to || s.charAt(pos) != '[') {
            return INVALID;
        }
        pos++;
        List<RawWord> elements = new ArrayList<>();
        int bad = -1;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                int start = pos;
                if (peek() == '"') {
                    String value = string();
                    if (value == null) {
                        return INVALID;
                    }
                    elements.add(new RawWord(value, start, pos));
                } else {
                    if (!skipValue()) {
                        return INVALID;
                    }
                    if (bad < 0) {
                        bad = start;
                    }
                }
                skipWhitespace();
                int c = peek();
                pos++;
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    return INVALID;
                }
            }
        }
        skipWhitespace();
        if (pos != to) {
            return INVALID;
        }
        return bad >= 0 ? new Result(Kind.NOT_STRINGS, List.of(), bad) : new Result(Kind.STRINGS, elements, -1);
    }

    /** Skips one non-string-start value (nested containers iteratively); false when it is not valid JSON. */
    private boolean skipValue() {
        // stack of open containers: true for an object, false for an array
        boolean[] stack = new boolean[16];
        int depth = 1; // the enclosing array
        int open = 0;
        while (true) {
            // a value is expected here
            skipWhitespace();
            int c = peek();
            if (c == '[' || c == '{') {
                pos++;
                if (++depth > MAX_DEPTH) {
                    return false;
                }
                if (open == stack.length) {
                    stack = Arrays.copyOf(stack, open * 2);
                }
                stack[open++] = c == '{';
                skipWhitespace();
                if (peek() == (c == '{' ? '}' : ']')) {
                    pos++;
                    open--;
                    depth--;
                } else {
                    if (c == '{' && !member()) {
                        return false;
                    }
                    continue;
                }
            } else if (c == '"') {
                if (string() == null) {
                    return false;
                }
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                if (!number()) {
                    return false;
                }
            } else if (!literal("true") && !literal("false") && !literal("null")) {
                return false;
            }
            // after a value: close containers or move to the next element
            while (true) {
                if (open == 0) {
                    return true;
                }
                skipWhitespace();
                int d = peek();
                boolean object = stack[open - 1];
                if (d == ',') {
                    pos++;
                    if (object && !member()) {
                        return false;
                    }
                    break;
                }
                if (d == (object ? '}' : ']')) {
                    pos++;
                    open--;
                    depth--;
                    continue;
                }
                return false;
            }
        }
    }

    /** An object member's {@code "key":}, leaving the position at its value. */
    private boolean member() {
        skipWhitespace();
        if (peek() != '"' || string() == null) {
            return false;
        }
        skipWhitespace();
        if (peek() != ':') {
            return false;
        }
        pos++;
        return true;
    }

    private boolean literal(String word) {
        if (s.startsWith(word, pos) && pos + word.length() <= to) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private boolean number() {
        if (peek() == '-') {
            pos++;
        }
        int c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            return false;
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                return false;
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                return false;
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        return true;
    }

    /** A string literal at {@code pos}, decoded; {@code null} when invalid. */
    private String string() {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (pos < to) {
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                return null;
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= to) {
                return null;
            }
            char e = s.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int r = hex4(pos);
                    if (r < 0) {
                        return null;
                    }
                    pos += 4;
                    if (Character.isSurrogate((char) r)) {
                        int r2 = s.startsWith("\\u", pos) ? hex4(pos + 2) : -1;
                        if (Character.isHighSurrogate((char) r) && r2 >= 0 && Character.isLowSurrogate((char) r2)) {
                            out.append((char) r).append((char) r2);
                            pos += 6;
                        } else {
                            out.append('\uFFFD');
                        }
                    } else {
                        out.append((char) r);
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private int hex4(int at) {
        if (at + 4 > to) {
            return -1;
        }
        int value = 0;
        for (int i = at; i < at + 4; i++) {
            int digit = Character.digit(s.charAt(i), 16);
            if (digit < 0 || s.charAt(i) > 'f') {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private void skipWhitespace() {
        while (pos < to) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < to ? s.charAt(pos) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
