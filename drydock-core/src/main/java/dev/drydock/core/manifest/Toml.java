package dev.drydock.core.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * TOML values through Jackson's TOML parser, with syntax errors turned into positioned
 * {@link SourceException}s. The tree is built from the parser's tokens rather than by a {@code TomlMapper}:
 * setting up an object mapper costs tens of milliseconds in a fresh process, more than the review.
 */
final class Toml {

    private static final TomlFactory FACTORY = new TomlFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Toml() {}

    static JsonNode read(SourceFile file) {
        String text = file.text().substring(file.contentStart());
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            return first == null ? NODES.objectNode() : node(parser, first);
        } catch (JsonProcessingException e) {
            throw invalid(file, e);
        } catch (IOException e) {
            throw new SourceException(file.path(), 0, 0, "invalid TOML: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Jackson's TOML lexer may fail on odd input with an unchecked error of its own
            throw new SourceException(file.path(), 0, 0, "invalid TOML", e);
        }
    }

    /** The value that starts at {@code token}, the parser's current token. */
    private static JsonNode node(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.set(name, node(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    array.add(node(parser, item));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> switch (parser.getNumberType()) {
                case FLOAT -> NODES.numberNode(parser.getFloatValue());
                case DOUBLE -> NODES.numberNode(parser.getDoubleValue());
                default -> NODES.numberNode(parser.getDecimalValue());
            };
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_EMBEDDED_OBJECT -> NODES.pojoNode(parser.getEmbeddedObject());
            default -> NODES.nullNode();
        };
    }

    private static SourceException invalid(SourceFile file, JsonProcessingException e) {
        var loc = e.getLocation();
        int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
        int column = loc == null ? 0 : Math.max(0, loc.getColumnNr());
        String message = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
        int cut = message.indexOf('\n');
        return new SourceException(file.path(), line, column,
                "invalid TOML: " + ParserMessages.clean(cut < 0 ? message : message.substring(0, cut)), e);
    }

    /** The node at a path of table keys, or a missing node. */
    static JsonNode at(JsonNode root, String... keys) {
        JsonNode n = root;
        for (String k : keys) {
            n = n == null ? null : n.get(k);
        }
        return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
    }

    static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    static List<String> path(String... keys) {
        return new ArrayList<>(List.of(keys));
    }
}
