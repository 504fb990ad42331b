package dev.drydock.core.bake;

import dev.drydock.core.bake.HclExpression.Call;
import dev.drydock.core.bake.HclExpression.Entry;
import dev.drydock.core.bake.HclExpression.ListOf;
import dev.drydock.core.bake.HclExpression.Literal;
import dev.drydock.core.bake.HclExpression.ObjectOf;
import dev.drydock.core.bake.HclExpression.Opaque;
import dev.drydock.core.bake.HclExpression.Reference;
import dev.drydock.core.bake.HclExpression.Template;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses HCL's native syntax as Bake files write it: attributes and labelled blocks, comments of the three kinds,
 * quoted strings and heredocs with interpolation, numbers, booleans, null, lists, objects, references and function
 * calls. Expressions with operators, conditionals and {@code for} are kept whole as {@link Opaque} text.
 */
public final class HclParser {

    /** Deeper nesting than any Bake file needs: refused rather than risking the stack. */
    private static final int MAX_DEPTH = 200;

    private final SourceFile file;
    private final String text;
    private int pos;
    private int depth;

    private HclParser(SourceFile file) {
        this.file = file;
        this.text = file.text();
        this.pos = file.contentStart();
    }

    /** The file's top-level body; a syntax error is a {@link SourceException} at its place. */
    public static HclBody parse(SourceFile file) {
        HclParser parser = new HclParser(file);
        HclBody body = parser.body(false);
        parser.skipBlank(true);
        if (parser.pos < parser.text.length()) {
            throw parser.error("unexpected '" + parser.text.charAt(parser.pos) + "'");
        }
        return body;
    }

    private HclBody body(boolean nested) {
        if (nested && ++depth > MAX_DEPTH) {
            throw error("blocks nested more than " + MAX_DEPTH + " deep");
        }
        List<HclBody.Attribute> attributes = new ArrayList<>();
        List<HclBody.Block> blocks = new ArrayList<>();
        while (true) {
            skipBlank(true);
            if (pos >= text.length() || nested && peek() == '}') {
                depth -= nested ? 1 : 0;
                return new HclBody(attributes, blocks);
            }
            int start = pos;
            String name = identifier();
            if (name == null) {
                throw error("expected an attribute or a block, found '" + peek() + "'");
            }
            skipBlank(false);
            if (peek() == '=' && peekAt(1) != '=') {
                pos++;
                HclExpression value = expression(Context.LINE);
                attributes.add(new HclBody.Attribute(name, value, file.span(start, pos), file.path()));
                endOfItem();
                continue;
            }
            List<String> labels = new ArrayList<>();
            while (peek() != '{') {
                if (peek() == '"') {
                    int at = pos;
                    if (!(quoted() instanceof Literal literal && literal.value() instanceof String label)) {
                        throw error(at, "a block label cannot hold an interpolation");
                    }
                    labels.add(label);
                } else {
                    String label = identifier();
                    if (label == null) {
                        throw error("expected '=' or a block after '" + name + "'");
                    }
                    labels.add(label);
                }
                skipBlank(false);
            }
            pos++;
            HclBody inner = body(true);
            skipBlank(true);
            expect('}');
            blocks.add(new HclBody.Block(name, labels, inner, file.span(start, pos)));
            endOfItem();
        }
    }

    /** After an attribute or block: a comment, the end of the line, a closing brace or the end of the file. */
    private void endOfItem() {
        skipBlank(false);
        if (pos < text.length() && peek() != '\n' && peek() != '}') {
            throw error("expected a new line, found '" + peek() + "'");
        }
    }

    /** Where an expression ends: at a new line, or only at a comma or closing bracket. */
    private enum Context { LINE, BRACKETS }

    private HclExpression expression(Context context) {
        skipBlank(context == Context.BRACKETS);
        int start = pos;
        HclExpression operand = operand(context);
        int afterOperand = pos;
        skipBlank(context == Context.BRACKETS);
        if (atEnd(context)) {
            pos = afterOperand;
            return operand;
        }
        skipToEnd(context);
        return new Opaque(text.substring(start, pos).strip(), file.span(start, pos));
    }

    private boolean atEnd(Context context) {
        if (pos >= text.length()) {
            return true;
        }
        char c = peek();
        return c == ',' || c == ']' || c == ')' || c == '}' || context == Context.LINE && c == '\n';
    }

    /** Skips the rest of an expression with operators, keeping brackets, strings and heredocs balanced. */
    private void skipToEnd(Context context) {
        while (true) {
            skipBlank(context == Context.BRACKETS);
            if (pos >= text.length() || atEnd(context)) {
                return;
            }
            skipPiece(context);
        }
    }

    /** One piece of an expression kept opaque: a bracketed, quoted or heredoc part whole, else one character. */
    private void skipPiece(Context context) {
        char c = peek();
        if (c == '(') {
            skipParenthesized();
        } else if (c == '"' || c == '[' || c == '{' || text.startsWith("<<", pos)) {
            operand(context);
        } else {
            pos++;
        }
    }

    private HclExpression operand(Context context) {
        if (pos >= text.length()) {
            throw error("expected an expression");
        }
        if (++depth > MAX_DEPTH) {
            throw error("expressions nested more than " + MAX_DEPTH + " deep");
        }
        try {
            return operandAt(context);
        } finally {
            depth--;
        }
    }

    private HclExpression operandAt(Context context) {
        int start = pos;
        char c = peek();
        HclExpression operand;
        if (c == '"') {
            operand = quoted();
        } else if (text.startsWith("<<", pos)) {
            operand = heredoc();
        } else if (c == '[') {
            operand = list();
        } else if (c == '{') {
            operand = object();
        } else if (c == '(') {
            pos++;
            HclExpression inner = expression(Context.BRACKETS);
            skipBlank(true);
            expect(')');
            operand = inner;
        } else if (Character.isDigit(c) || c == '-' && Character.isDigit(peekAt(1))) {
            operand = number();
        } else {
            String name = identifier();
            if (name == null) {
                pos++;
                skipToEnd(context);
                return new Opaque(text.substring(start, pos).strip(), file.span(start, pos));
            }
            operand = switch (name) {
                case "true" -> new Literal(Boolean.TRUE, file.span(start, pos));
                case "false" -> new Literal(Boolean.FALSE, file.span(start, pos));
                case "null" -> new Literal(null, file.span(start, pos));
                default -> peek() == '(' ? call(name, start) : reference(name, start);
            };
        }
        return postfix(operand, start);
    }

    /** Indexes and attribute accesses after an operand that is not a plain reference: kept opaque. */
    private HclExpression postfix(HclExpression operand, int start) {
        boolean more = false;
        while (pos < text.length() && (peek() == '[' || peek() == '.' && !(operand instanceof Reference))) {
            more = true;
            if (peek() == '[') {
                list();
            } else {
                pos++;
                identifier();
            }
        }
        return more ? new Opaque(text.substring(start, pos), file.span(start, pos)) : operand;
    }

    private HclExpression reference(String name, int start) {
        List<String> path = new ArrayList<>(List.of(name));
        while (peek() == '.' && pos + 1 < text.length()) {
            int dot = pos;
            pos++;
            String next = peek() == '*' ? consume("*") : identifier();
            if (next == null) {
                pos = dot;
                break;
            }
            path.add(next);
        }
        return new Reference(path, file.span(start, pos));
    }

    private String consume(String token) {
        pos += token.length();
        return token;
    }

    private HclExpression call(String name, int start) {
        pos++;
        List<HclExpression> arguments = new ArrayList<>();
        skipBlank(true);
        while (peek() != ')') {
            arguments.add(expression(Context.BRACKETS));
            skipBlank(true);
            if (text.startsWith("...", pos)) {
                pos += 3;
                skipBlank(true);
            }
            if (peek() == ',') {
                pos++;
                skipBlank(true);
            } else if (peek() != ')') {
                throw error("expected ',' or ')' in the arguments of " + name + "()");
            }
        }
        pos++;
        return new Call(name, arguments, file.span(start, pos));
    }

    private HclExpression list() {
        int start = pos;
        pos++;
        skipBlank(true);
        if (keyword("for")) {
            return skipBracketed(start, ']');
        }
        List<HclExpression> items = new ArrayList<>();
        while (true) {
            skipBlank(true);
            if (peek() == ']') {
                pos++;
                return new ListOf(items, file.span(start, pos));
            }
            items.add(expression(Context.BRACKETS));
            skipBlank(true);
            if (peek() == ',') {
                pos++;
            } else if (peek() != ']') {
                throw error("expected ',' or ']' in a list");
            }
        }
    }

    private HclExpression object() {
        int start = pos;
        pos++;
        skipBlank(true);
        if (keyword("for")) {
            return skipBracketed(start, '}');
        }
        List<Entry> entries = new ArrayList<>();
        while (true) {
            skipBlank(true);
            if (peek() == '}') {
                pos++;
                return new ObjectOf(entries, file.span(start, pos));
            }
            int entryStart = pos;
            String key = null;
            if (peek() == '"') {
                key = quoted() instanceof Literal literal && literal.value() instanceof String s ? s : null;
            } else if (peek() == '(') {
                operand(Context.BRACKETS);
            } else {
                key = identifier();
                if (key == null) {
                    throw error("expected an object key");
                }
            }
            skipBlank(false);
            if (peek() != '=' && peek() != ':') {
                throw error("expected '=' or ':' after an object key");
            }
            pos++;
            HclExpression value = expression(Context.LINE);
            entries.add(new Entry(key, value, file.span(entryStart, pos), file.path()));
            skipBlank(false);
            if (peek() == ',') {
                pos++;
            } else if (peek() != '\n' && peek() != '}') {
                throw error("expected ',' or a new line between object entries");
            }
        }
    }

    /** Skips to the closing bracket: a {@code for} expression, or the inside of parentheses. */
    private HclExpression skipBracketed(int start, char close) {
        while (true) {
            skipBlank(true);
            if (pos >= text.length()) {
                throw error(start, "unclosed '" + text.charAt(start) + "'");
            }
            if (peek() == close) {
                pos++;
                return new Opaque(text.substring(start, pos), file.span(start, pos));
            }
            skipPiece(Context.BRACKETS);
        }
    }

    /**
     * Skips parentheses inside an expression kept opaque: a function's arguments or a grouping, whose commas and
     * operators need no reading.
     */
    private void skipParenthesized() {
        int start = pos;
        pos++;
        if (++depth > MAX_DEPTH) {
            throw error("expressions nested more than " + MAX_DEPTH + " deep");
        }
        try {
            skipBracketed(start, ')');
        } finally {
            depth--;
        }
    }

    private boolean keyword(String word) {
        return text.startsWith(word, pos) && !identifierPart(peekAt(word.length()));
    }

    private HclExpression number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < text.length() && (Character.isDigit(peek()) || peek() == '.' && Character.isDigit(peekAt(1)))) {
            pos++;
        }
        if ((peek() == 'e' || peek() == 'E') && (Character.isDigit(peekAt(1))
                || (peekAt(1) == '+' || peekAt(1) == '-') && Character.isDigit(peekAt(2)))) {
            pos += 2;
            while (pos < text.length() && Character.isDigit(peek())) {
                pos++;
            }
        }
        return new Literal(new BigDecimal(text.substring(start, pos)), file.span(start, pos));
    }

    /** A quoted template: a {@link Literal} string when it has no interpolation. */
    private HclExpression quoted() {
        int start = pos;
        pos++;
        TemplateParts parts = new TemplateParts();
        while (true) {
            if (pos >= text.length() || peek() == '\n') {
                throw error(start, "unterminated string");
            }
            char c = peek();
            if (c == '"') {
                pos++;
                return parts.expression(file.span(start, pos));
            }
            if (c == '\\') {
                pos++;
                parts.text.append(escape());
            } else if (!templateSequence(parts)) {
                parts.text.append(c);
                pos++;
            }
        }
    }

    private String escape() {
        char c = peek();
        pos++;
        return switch (c) {
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case '"' -> "\"";
            case '\\' -> "\\";
            case 'u', 'U' -> {
                int length = c == 'u' ? 4 : 8;
                if (pos + length > text.length()) {
                    throw error("incomplete unicode escape");
                }
                try {
                    int code = Integer.parseInt(text.substring(pos, pos + length), 16);
                    pos += length;
                    yield Character.toString(code);
                } catch (IllegalArgumentException e) {
                    throw error("invalid unicode escape");
                }
            }
            default -> throw error(pos - 2, "invalid escape \\" + c);
        };
    }

    /**
     * A {@code ${...}} interpolation or {@code %{...}} directive at the cursor, or their doubled escapes; false when
     * the cursor is on plain text.
     */
    private boolean templateSequence(TemplateParts parts) {
        char c = peek();
        if ((c == '$' || c == '%') && peekAt(1) == c && peekAt(2) == '{') {
            parts.text.append(c).append('{');
            pos += 3;
            return true;
        }
        if ((c == '$' || c == '%') && peekAt(1) == '{') {
            int start = pos;
            pos += 2;
            skipBlank(true);
            if (peek() == '~') {
                pos++;
            }
            HclExpression inner = expression(Context.BRACKETS);
            skipBlank(true);
            if (peek() == '~') {
                pos++;
            }
            expect('}');
            parts.add(c == '$' ? inner : new Opaque(text.substring(start, pos), file.span(start, pos)));
            return true;
        }
        return false;
    }

    private HclExpression heredoc() {
        int start = pos;
        pos += 2;
        boolean indented = peek() == '-';
        if (indented) {
            pos++;
        }
        String marker = identifier();
        if (marker == null || peek() != '\n' && !text.startsWith("\r\n", pos)) {
            throw error(start, "a heredoc starts with <<MARKER at the end of its line");
        }
        pos = text.indexOf('\n', pos) + 1;
        List<int[]> lines = new ArrayList<>();
        while (true) {
            if (pos >= text.length()) {
                throw error(start, "unterminated heredoc: no line " + marker);
            }
            int end = text.indexOf('\n', pos);
            int lineEnd = end < 0 ? text.length() : end;
            if (text.substring(pos, lineEnd).strip().equals(marker)) {
                int close = pos + text.substring(pos, lineEnd).indexOf(marker) + marker.length();
                pos = close;
                return heredocTemplate(lines, indented, file.span(start, pos));
            }
            lines.add(new int[] {pos, end < 0 ? text.length() : end + 1});
            pos = end < 0 ? text.length() : end + 1;
        }
    }

    private HclExpression heredocTemplate(List<int[]> lines, boolean indented, Span span) {
        int strip = Integer.MAX_VALUE;
        if (indented) {
            for (int[] line : lines) {
                String content = text.substring(line[0], line[1]);
                if (!content.isBlank()) {
                    strip = Math.min(strip, content.length() - content.stripLeading().length());
                }
            }
        }
        int resume = pos;
        TemplateParts parts = new TemplateParts();
        for (int[] line : lines) {
            pos = line[0] + (indented && strip != Integer.MAX_VALUE
                    ? Math.min(strip, text.substring(line[0], line[1]).length()
                            - text.substring(line[0], line[1]).stripLeading().length())
                    : 0);
            while (pos < line[1]) {
                if (!templateSequence(parts)) {
                    parts.text.append(peek());
                    pos++;
                }
            }
        }
        pos = resume;
        return parts.expression(span);
    }

    private String identifier() {
        if (pos >= text.length() || !(Character.isLetter(peek()) || peek() == '_')) {
            return null;
        }
        int start = pos;
        while (pos < text.length() && identifierPart(peek())) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /** Skips spaces and comments, and new lines too when {@code newlines}; stops on a new line otherwise. */
    private void skipBlank(boolean newlines) {
        while (pos < text.length()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' && newlines) {
                pos++;
            } else if (c == '#' || c == '/' && peekAt(1) == '/') {
                while (pos < text.length() && peek() != '\n') {
                    pos++;
                }
            } else if (c == '/' && peekAt(1) == '*') {
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("unterminated /* comment");
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error(pos >= text.length() ? "expected '" + c + "' before the end of the file"
                    : "expected '" + c + "', found '" + peek() + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char peekAt(int ahead) {
        return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0';
    }

    private SourceException error(String detail) {
        return error(pos, detail);
    }

    private SourceException error(int offset, String detail) {
        return new SourceException(file, Math.min(offset, text.length()), detail);
    }

    /** The parts of a template being read: literal text between interpolations. */
    private static final class TemplateParts {
        final StringBuilder text = new StringBuilder();
        final List<Object> parts = new ArrayList<>();

        void add(HclExpression interpolation) {
            if (!text.isEmpty()) {
                parts.add(text.toString());
                text.setLength(0);
            }
            parts.add(interpolation);
        }

        HclExpression expression(Span span) {
            if (parts.isEmpty()) {
                return new Literal(text.toString(), span);
            }
            if (!text.isEmpty()) {
                parts.add(text.toString());
            }
            return new Template(parts, span);
        }
    }
}
