package dev.drydock.core.fix;

import dev.drydock.core.edit.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
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

    /** A line that starts with an instruction keyword, as a Dockerfile writes it. */
    private static final Pattern KEYWORD_LINE = Pattern.compile("(?m)^[ \\t]*(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD"
            + "|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)(?=[ \\t]|$)",
            Pattern.CASE_INSENSITIVE);

    private Edits() {
    }

    static String apply(String text, List<TextEdit> edits) {
        return apply(text, edits, (edit, start, end) -> {});
    }

    /** Where an edit's replacement landed in the new text: the chars {@code [start, end)}. */
    interface Landing {
        void landed(TextEdit edit, int start, int end);
    }

    /** Applies the edits as {@link #apply(String, List)} does, telling {@code landing} where each one's text went. */
    static String apply(String text, List<TextEdit> edits, Landing landing) {
        List<TextEdit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        String newline = lineEnding(text);
        boolean backtick = BACKTICK_ESCAPE.matcher(text).lookingAt();
        boolean lowerKeywords = lowerCaseKeywords(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        int at = 0;
        for (TextEdit edit : ordered) {
            if (edit.start() < at || edit.end() > text.length()) {
                throw new IllegalArgumentException("edit does not fit the text: " + edit);
            }
            out.append(text, at, edit.start());
            String replacement = backtick ? edit.replacement().replace("\\\n", "`\n") : edit.replacement();
            if (lowerKeywords) {
                replacement = lowerCaseKeywords(replacement, edit.start() == 0 || text.charAt(edit.start() - 1) == '\n');
            }
            int landedAt = out.length();
            out.append(withLineEnding(replacement, newline));
            landing.landed(edit, landedAt, out.length());
            at = edit.end();
        }
        out.append(text, at, text.length());
        return out.toString();
    }

    /**
     * Whether the text is a Dockerfile that writes most of its instruction keywords in lower case (from, run):
     * the instructions the edits write then follow it, as the casing rule wants.
     */
    private static boolean lowerCaseKeywords(String text) {
        int lower = 0;
        int upper = 0;
        boolean from = false;
        Matcher m = KEYWORD_LINE.matcher(text);
        while (m.find()) {
            String keyword = m.group(1);
            from |= keyword.equalsIgnoreCase("from");
            if (keyword.equals(keyword.toLowerCase(Locale.ROOT))) {
                lower++;
            } else if (keyword.equals(keyword.toUpperCase(Locale.ROOT))) {
                upper++;
            }
        }
        return from && lower > upper;
    }

    /** The upper-case keywords that start the replacement's lines in lower case. */
    private static String lowerCaseKeywords(String replacement, boolean startsLine) {
        Matcher m = KEYWORD_LINE.matcher(replacement);
        StringBuilder out = new StringBuilder(replacement.length());
        int at = 0;
        while (m.find()) {
            String keyword = m.group(1);
            boolean instruction = m.start() > 0 ? !continued(replacement.substring(0, m.start() - 1)) : startsLine;
            if (instruction && keyword.equals(keyword.toUpperCase(Locale.ROOT))) {
                out.append(replacement, at, m.start(1)).append(keyword.toLowerCase(Locale.ROOT));
                at = m.end(1);
            }
        }
        return out.append(replacement, at, replacement.length()).toString();
    }

    /** Whether the text's last line ends in a line continuation (the next line continues its instruction). */
    private static boolean continued(String text) {
        String line = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        String stripped = line.stripTrailing();
        return stripped.endsWith("\\") || stripped.endsWith("`");
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
