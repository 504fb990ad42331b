package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * BuildKit's parser-directive rules: directives are {@code # name=value} lines of the leading comment
 * block; reading stops for good at the first line that is not one (a blank line, an instruction, any
 * other comment, or an unknown name). Names are case-insensitive and may appear once each.
 */
final class DirectiveReader {

    private static final Set<String> NAMES = Set.of("syntax", "escape", "check");

    private final SourceFile file;
    private final Set<String> seen = new HashSet<>();
    private boolean done;
    private char escape = '\\';

    DirectiveReader(SourceFile file) {
        this.file = file;
    }

    char escape() {
        return escape;
    }

    /**
     * Looks at the start of a logical line, {@code from..to} being the line with its leading white
     * space already skipped; returns the directive it holds, or {@code null}.
     */
    ParserDirective offer(int from, int to) {
        if (done) {
            return null;
        }
        String text = file.text();
        if (from >= to || text.charAt(from) != '#') {
            done = true;
            return null;
        }
        // ^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$ on the comment text after leading white space
        int nameStart = GoText.skipSpace(text, from + 1, to);
        int p = nameStart;
        if (p >= to || !isAsciiLetter(text.charAt(p))) {
            done = true;
            return null;
        }
        while (p < to && (isAsciiLetter(text.charAt(p)) || isAsciiDigit(text.charAt(p)))) {
            p++;
        }
        int nameEnd = p;
        while (p < to && GoText.isRegexpSpace(text.charAt(p))) {
            p++;
        }
        if (p >= to || text.charAt(p) != '=') {
            done = true;
            return null;
        }
        int afterEquals = p + 1;
        int lead = afterEquals;
        while (lead < to && GoText.isRegexpSpace(text.charAt(lead))) {
            lead++;
        }
        int valueStart;
        int valueEnd;
        if (lead < to) {
            valueStart = lead;
            valueEnd = to;
            while (valueEnd > valueStart && GoText.isRegexpSpace(text.charAt(valueEnd - 1))) {
                valueEnd--;
            }
        } else if (lead > afterEquals) {
            // only white space after '=': the lazy value takes its last character
            valueStart = lead - 1;
            valueEnd = lead;
        } else {
            done = true;
            return null;
        }
        String name = text.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            done = true;
            return null;
        }
        if (!seen.add(name)) {
            throw new SourceException(file, nameStart, "only one " + name + " parser directive can be used");
        }
        String value = text.substring(valueStart, valueEnd);
        if (name.equals("escape")) {
            if (!value.equals("`") && !value.equals("\\")) {
                throw new SourceException(file, valueStart,
                        "invalid escape token '" + value + "' does not match ` or \\");
            }
            escape = value.charAt(0);
        }
        return new ParserDirective(name, value, file.span(from, to), file.span(nameStart, nameEnd),
                file.span(valueStart, valueEnd));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
