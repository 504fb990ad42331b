package dev.drydock.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/** TOML values through Jackson, with syntax errors turned into positioned {@link SourceException}s. */
final class Toml {

    private static final TomlMapper MAPPER = new TomlMapper();

    private Toml() {}

    static JsonNode read(SourceFile file) {
        String text = file.text().substring(file.contentStart());
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null ? MAPPER.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
            int column = loc == null ? 0 : Math.max(0, loc.getColumnNr());
            String message = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
            int cut = message.indexOf('\n');
            throw new SourceException(file.path(), line, column,
                    "invalid TOML: " + (cut < 0 ? message : message.substring(0, cut)), e);
        } catch (RuntimeException e) {
            // Jackson's TOML lexer may fail on odd input with an unchecked error of its own
            throw new SourceException(file.path(), 0, 0, "invalid TOML: " + e.getClass().getSimpleName(), e);
        }
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
