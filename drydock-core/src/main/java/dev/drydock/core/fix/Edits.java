package dev.drydock.core.fix;

import dev.drydock.core.edit.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies non-overlapping text edits to one text, writing the text's own line ending, and in a Dockerfile
 * whose parser directive makes the backtick the escape character ({@code # escape=`}), the backtick for the
 * line continuations the edits write with a backslash.
 */
final class Edits {

    /** {@code # escape=`} among the parser directives that open a Dockerfile (before any other line). */
    private static final Pattern BACKTICK_ESCAPE = Pattern.compile(
            "(?i)\\A(?:#[ \\t]*\\w+[ \\t]*=[^\\n]*\\n)*#[ \\t]*escape[ \\t]*=[ \\t]*`[ \\t]*\\r?\\n");

    private Edits() {
    }

    static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        String newline = lineEnding(text);
        boolean backtick = BACKTICK_ESCAPE.matcher(text).lookingAt();
        StringBuilder out = new StringBuilder(text.length() + 256);
        int at = 0;
        for (TextEdit edit : ordered) {
            if (edit.start() < at || edit.end() > text.length()) {
                throw new IllegalArgumentException("edit does not fit the text: " + edit);
            }
            out.append(text, at, edit.start());
            String replacement = backtick ? edit.replacement().replace("\\\n", "`\n") : edit.replacement();
            out.append(withLineEnding(replacement, newline));
            at = edit.end();
        }
        out.append(text, at, text.length());
        return out.toString();
    }

    /** The text's line ending: CRLF when its first line ends so, else LF. */
    static String lineEnding(String text) {
        int lf = text.indexOf('\n');
        return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
    }

    private static String withLineEnding(String replacement, String newline) {
        if (newline.equals("\n") || replacement.indexOf('\n') < 0) {
            return replacement;
        }
        StringBuilder out = new StringBuilder(replacement.length() + 16);
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\n' && (i == 0 || replacement.charAt(i - 1) != '\r')) {
                out.append('\r');
            }
            out.append(c);
        }
        return out.toString();
    }
}
