package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import java.util.ArrayList;
import java.util.List;

/**
 * The first record of Go's {@code encoding/csv} reader (comma-separated, {@code "}-quoted fields,
 * {@code ""} for a quote inside quotes, no lazy quotes), as BuildKit reads {@code --mount} values.
 * Input is one line (a flag value never holds a line feed).
 */
final class GoCsv {

    /** A field's decoded text and the range of the input it was read from. */
    record Field(String text, int start, int end) {}

    /** A parse error with Go's message and the input index it is about. */
    static final class CsvException extends Exception {
        private static final long serialVersionUID = 1L;
        final int index;

        CsvException(String message, int index) {
            super(message, null, false, false);
            this.index = index;
        }
    }

    private GoCsv() {}

    static List<Field> read(String input) throws CsvException {
        String line = input.endsWith("\r") ? input.substring(0, input.length() - 1) : input;
        if (line.isEmpty()) {
            throw new CsvException("EOF", 0);
        }
        List<Field> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (pos >= line.length() || line.charAt(pos) != '"') {
                int comma = line.indexOf(',', pos);
                int end = comma < 0 ? line.length() : comma;
                int quote = line.indexOf('"', pos);
                if (quote >= 0 && quote < end) {
                    throw error(line, quote, "bare \" in non-quoted-field");
                }
                fields.add(new Field(line.substring(pos, end), pos, end));
                if (comma < 0) {
                    return fields;
                }
                pos = comma + 1;
                continue;
            }
            int start = pos;
            StringBuilder text = new StringBuilder();
            pos++;
            while (true) {
                int quote = line.indexOf('"', pos);
                if (quote < 0) {
                    throw error(line, line.length(), "extraneous or missing \" in quoted-field");
                }
                text.append(line, pos, quote);
                pos = quote + 1;
                if (pos < line.length() && line.charAt(pos) == '"') {
                    text.append('"');
                    pos++;
                } else if (pos < line.length() && line.charAt(pos) == ',') {
                    fields.add(new Field(text.toString(), start, pos));
                    pos++;
                    break;
                } else if (pos >= line.length()) {
                    fields.add(new Field(text.toString(), start, pos));
                    return fields;
                } else {
                    throw error(line, quote, "extraneous or missing \" in quoted-field");
                }
            }
        }
    }

    private static CsvException error(String line, int index, String problem) {
        int column = GoText.utf8Length(line, 0, index) + 1;
        return new CsvException("parse error on line 1, column " + column + ": " + problem, index);
    }
}
