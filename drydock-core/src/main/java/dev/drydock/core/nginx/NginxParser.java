package dev.drydock.core.nginx;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an nginx configuration file into its directives, as nginx's own reader splits it: words separated by
 * blanks, single or double quotes, {@code ${name}} variables, '#' comments, ';' ending a directive and braces
 * around a block. Empty when the braces or quotes do not balance.
 */
public final class NginxParser {

    private final SourceFile file;
    private final String text;
    private int pos;

    private NginxParser(SourceFile file) {
        this.file = file;
        this.text = file.text();
    }

    public static Optional<List<NginxDirective>> parse(SourceFile file) {
        NginxParser parser = new NginxParser(file);
        List<NginxDirective> top = parser.block(false);
        return Optional.ofNullable(top);
    }

    /** The directives up to the closing brace (when {@code nested}) or the end of the text; null when unbalanced. */
    private List<NginxDirective> block(boolean nested) {
        List<NginxDirective> out = new ArrayList<>();
        List<NginxDirective.Word> words = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= text.length()) {
                return nested || !words.isEmpty() ? null : out;
            }
            char ch = text.charAt(pos);
            if (ch == ';') {
                pos++;
                if (!words.isEmpty()) {
                    out.add(directive(words, null));
                    words = new ArrayList<>();
                }
            } else if (ch == '{') {
                pos++;
                if (words.isEmpty()) {
                    return null;
                }
                List<NginxDirective.Word> head = words;
                words = new ArrayList<>();
                List<NginxDirective> inner = block(true);
                if (inner == null) {
                    return null;
                }
                out.add(directive(head, inner));
            } else if (ch == '}') {
                pos++;
                return nested && words.isEmpty() ? out : null;
            } else {
                NginxDirective.Word word = word();
                if (word == null) {
                    return null;
                }
                words.add(word);
            }
        }
    }

    private NginxDirective directive(List<NginxDirective.Word> words, List<NginxDirective> block) {
        NginxDirective.Word name = words.get(0);
        return new NginxDirective(name.value(), words.subList(1, words.size()), block, file, name.start());
    }

    private void skipBlanks() {
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(ch)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private NginxDirective.Word word() {
        int start = pos;
        char first = text.charAt(pos);
        if (first == '"' || first == '\'') {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length() && text.charAt(pos) != first) {
                if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
                    pos++;
                }
                value.append(text.charAt(pos++));
            }
            if (pos >= text.length()) {
                return null;
            }
            pos++;
            return new NginxDirective.Word(value.toString(), start, pos);
        }
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch == '$' && pos + 1 < text.length() && text.charAt(pos + 1) == '{') {
                int close = text.indexOf('}', pos);
                if (close < 0) {
                    return null;
                }
                pos = close + 1;
            } else if (Character.isWhitespace(ch) || ch == ';' || ch == '{' || ch == '}') {
                break;
            } else {
                pos++;
            }
        }
        return new NginxDirective.Word(text.substring(start, pos), start, pos);
    }
}
