package dev.drydock.core.shell;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds script texts the way the Dockerfile reader does: the text after {@code RUN } (or another
 * instruction), with each backslash-newline and the comment lines inside the instruction left out,
 * mapped to the file. Heredoc bodies after the instruction line are kept as they are.
 */
final class Snippets {

    private Snippets() {}

    /** The whole text as a script, unchanged. */
    static ShellScript script(String text) {
        SourceFile file = SourceFile.of("script.sh", text);
        return ShellScript.parse(MappedText.of(file, 0, text.length()));
    }

    static ShellScript script(String text, ShellOptions options) {
        SourceFile file = SourceFile.of("script.sh", text);
        return ShellScript.parse(MappedText.of(file, 0, text.length()), options);
    }

    /** The first instruction starting with {@code keyword} in a Dockerfile, joined as described above. */
    static MappedText instruction(SourceFile file, String keyword) {
        String text = file.text();
        int start = -1;
        for (int line = 1; line <= file.lineCount(); line++) {
            if (file.line(line).startsWith(keyword + " ")) {
                start = file.lineStart(line) + keyword.length() + 1;
                break;
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("no " + keyword);
        }
        return join(file, start);
    }

    /**
     * Joins from {@code start}: backslash-newlines and comment lines end up outside the text; stops
     * at the first line that does not end with a backslash. When the instruction holds heredoc
     * operators, the lines after it up to each delimiter are included too.
     */
    static MappedText join(SourceFile file, int start) {
        String text = file.text();
        MappedText.Builder builder = MappedText.builder(file);
        List<String> delimiters = new ArrayList<>();
        int pos = start;
        boolean first = true;
        while (pos <= text.length()) {
            int eol = text.indexOf('\n', pos);
            int lineEnd = eol < 0 ? text.length() : eol;
            int contentEnd = lineEnd > pos && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            String line = text.substring(pos, contentEnd);
            if (!first && line.stripLeading().startsWith("#")) {
                pos = eol < 0 ? text.length() + 1 : eol + 1;
                continue;
            }
            first = false;
            collectDelimiters(line, delimiters);
            if (line.endsWith("\\")) {
                builder.append(pos, contentEnd - 1);
                pos = eol < 0 ? text.length() + 1 : eol + 1;
                continue;
            }
            builder.append(pos, contentEnd);
            pos = eol < 0 ? text.length() + 1 : eol + 1;
            // heredoc bodies follow the instruction line (each line with the newline before it)
            for (String delimiter : delimiters) {
                while (pos <= text.length()) {
                    int e = text.indexOf('\n', pos);
                    int le = e < 0 ? text.length() : e;
                    builder.append(pos - 1, le);
                    String body = text.substring(pos, le);
                    pos = e < 0 ? text.length() + 1 : e + 1;
                    if (body.strip().equals(delimiter)) {
                        break;
                    }
                }
            }
            break;
        }
        return builder.build();
    }

    private static void collectDelimiters(String line, List<String> out) {
        int i = 0;
        while ((i = line.indexOf("<<", i)) >= 0) {
            int j = i + 2;
            if (j < line.length() && line.charAt(j) == '<') {
                i = j + 1;
                continue;
            }
            if (j < line.length() && line.charAt(j) == '-') {
                j++;
            }
            while (j < line.length() && line.charAt(j) == ' ') {
                j++;
            }
            StringBuilder d = new StringBuilder();
            while (j < line.length() && " ;&|<>)".indexOf(line.charAt(j)) < 0) {
                char c = line.charAt(j++);
                if (c != '\'' && c != '"' && c != '\\') {
                    d.append(c);
                }
            }
            if (!d.isEmpty()) {
                out.add(d.toString());
            }
            i = j;
        }
    }
}
