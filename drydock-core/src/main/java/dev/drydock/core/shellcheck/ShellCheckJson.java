package dev.drydock.core.shellcheck;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * ShellCheck's {@code json1} output read as a stream of tokens: {@code {"comments": [{"file", "line",
 * "endLine", "column", "endColumn", "level", "code", "message", "fix"}, ...]}}. A streaming parser, not a
 * tree mapper, because this runs in every review and an object mapper costs tens of milliseconds to set up
 * in a fresh process.
 */
final class ShellCheckJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** One comment with the file it is about. */
    record FileComment(String file, ShellCheckComment comment) {}

    private ShellCheckJson() {}

    /** The comments, or null when the output is not a json1 document with a {@code comments} array. */
    static List<FileComment> read(InputStream in) throws IOException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<FileComment> comments = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("comments") && value == JsonToken.START_ARRAY) {
                    comments = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        comments.add(comment(parser));
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return comments;
        }
    }

    private static FileComment comment(JsonParser parser) throws IOException {
        String file = "";
        String level = "";
        String message = "";
        int line = 0;
        int column = 0;
        int endLine = 0;
        int endColumn = 0;
        int code = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "file" -> file = parser.getValueAsString("");
                case "line" -> line = parser.getValueAsInt(0);
                case "column" -> column = parser.getValueAsInt(0);
                case "endLine" -> endLine = parser.getValueAsInt(0);
                case "endColumn" -> endColumn = parser.getValueAsInt(0);
                case "level" -> level = parser.getValueAsString("");
                case "code" -> code = parser.getValueAsInt(0);
                case "message" -> message = parser.getValueAsString("");
                default -> parser.skipChildren();
            }
        }
        return new FileComment(file, new ShellCheckComment(line, column, endLine, endColumn, level, code, message));
    }
}
