package dev.drydock.core.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read with Jackson's streaming parser into a small tree whose every value and key knows its
 * span (from {@code currentTokenLocation()} character offsets). Syntax errors become positioned
 * {@link SourceException}s. {@link #parseWithComments} reads JSON with comments and trailing commas
 * (JSONC), as editors and the dev container tools read {@code devcontainer.json}.
 */
public final class JsonTree {

    /** A JSON value; {@code span} covers the value, {@code keySpan} its key when it is a member. */
    public sealed interface Node permits Obj, Arr, Scalar {
        Span span();
    }

    public record Member(String key, Span keySpan, Node value) {}

    public record Obj(Map<String, Member> members, Span span) implements Node {
        public Member member(String key) {
            return members.get(key);
        }

        public Obj object(String key) {
            Member m = members.get(key);
            return m != null && m.value() instanceof Obj o ? o : null;
        }

        /** A member's value as text when it is a string (or number/boolean), else null. */
        public String string(String key) {
            Member m = members.get(key);
            return m != null && m.value() instanceof Scalar s && s.text() != null ? s.text() : null;
        }
    }

    public record Arr(List<Node> items, Span span) implements Node {}

    /** A string, number, boolean or null ({@code text} null for JSON null). */
    public record Scalar(String text, JsonToken token, Span span) implements Node {
        public boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }
    }

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonFactory JSONC = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final int MAX_DEPTH = 500;

    private final SourceFile file;
    private final int base;
    private final JsonParser parser;

    private JsonTree(SourceFile file, int base, JsonParser parser) {
        this.file = file;
        this.base = base;
        this.parser = parser;
    }

    /** Reads the whole file as one JSON value. */
    public static Node parse(SourceFile file) {
        return parse(file, FACTORY);
    }

    /**
     * Reads the whole file as one JSON value that may hold line and block comments and trailing commas, once however
     * many readers ask (appsettings, deno.json, tsconfig.json, devcontainer.json).
     */
    public static Node parseWithComments(SourceFile file) {
        return file.syntax(WithComments.class, f -> new WithComments(parse(f, JSONC))).root();
    }

    /** The tree {@link #parseWithComments} keeps with its file. */
    private record WithComments(Node root) {}

    private static Node parse(SourceFile file, JsonFactory factory) {
        int base = file.contentStart();
        String text = file.text().substring(base);
        try (JsonParser parser = factory.createParser(text)) {
            JsonTree tree = new JsonTree(file, base, parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SourceException(file.path(), 1, 1, "empty JSON document");
            }
            Node root = tree.value(first, 0);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                throw tree.error("unexpected content after the JSON document");
            }
            return root;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
            int column = loc == null ? 0 : Math.max(0, loc.getColumnNr());
            String message = e.getOriginalMessage();
            int cut = message.indexOf('\n');
            throw new SourceException(file.path(), line, column, "invalid JSON: " + ParserMessages.clean(cut < 0 ? message : message.substring(0, cut)), e);
        } catch (IOException e) {
            throw SourceException.ofFile(file.path(), "cannot read JSON: " + e.getMessage());
        }
    }

    private SourceException error(String message) {
        return new SourceException(file, offset(), message);
    }

    private int offset() {
        long chars = parser.currentTokenLocation().getCharOffset();
        return (int) Math.min(file.text().length(), base + Math.max(0, chars));
    }

    private Node value(JsonToken token, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested too deeply");
        }
        int start = offset();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Member> members = new LinkedHashMap<>();
                JsonToken t;
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyStart = offset();
                    Span keySpan = file.span(keyStart, endOfString(keyStart));
                    Node value = value(parser.nextToken(), depth + 1);
                    members.put(key, new Member(key, keySpan, value)); // the last duplicate wins, as in JSON.parse
                }
                return new Obj(members, file.span(start, closeAfter(t)));
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    items.add(value(t, depth + 1));
                }
                return new Arr(items, file.span(start, closeAfter(t)));
            }
            case VALUE_STRING -> {
                return new Scalar(parser.getText(), token, file.span(start, endOfString(start)));
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                String text = parser.getText();
                return new Scalar(text, token, file.span(start, Math.min(file.text().length(), start + text.length())));
            }
            case VALUE_NULL -> {
                return new Scalar(null, token, file.span(start, Math.min(file.text().length(), start + 4)));
            }
            default -> throw error("unexpected JSON token " + token);
        }
    }

    private int closeAfter(JsonToken closing) {
        if (closing == null) {
            return file.text().length();
        }
        return Math.min(file.text().length(), offset() + 1);
    }

    /** The offset just past the string literal that starts at {@code start}. */
    private int endOfString(int start) {
        String text = file.text();
        if (start >= text.length() || text.charAt(start) != '"') {
            return start;
        }
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }
}
