package dev.drydock.core.dotenv;

import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.compose.template.Template;
import dev.drydock.core.compose.template.TemplateException;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@code .env} and {@code env_file} files the way Docker Compose (compose-go's {@code dotenv}
 * package) does:
 * <ul>
 * <li>blank lines and lines whose first non-blank character is {@code #} are skipped;</li>
 * <li>{@code export KEY=...} is {@code KEY=...}; {@code KEY: value} works like {@code KEY=value};</li>
 * <li>keys are letters, digits, {@code _ . - [ ]}; a key containing a space is an error;</li>
 * <li>{@code KEY} alone on its line takes the value the lookup gives (it stays unset without one);</li>
 * <li>an unquoted value runs to the end of the line, is cut at the first {@code " #"} (space then hash, so
 *     {@code a#b} keeps its hash) and trimmed at the end; {@code ${VAR}} expressions are expanded;</li>
 * <li>a single-quoted value is literal (a backslash only escapes the quote, and stays otherwise);</li>
 * <li>a double-quoted value may span lines, understands {@code \a \b \f \n \r \t \v \\ \" \$} and
 *     {@code \0ooo} (octal), and has its {@code ${VAR}} expressions expanded; {@code \$} is a literal
 *     dollar;</li>
 * <li>what follows a closing quote on the same line starts a new statement (a {@code # comment} is
 *     skipped);</li>
 * <li>expressions look the variable up among the values set earlier in the same file first, then through
 *     the lookup.</li>
 * </ul>
 * One deviation: a last line holding only {@code KEY} without a line terminator is read as an inherited
 * key (compose-go files it under an empty key).
 */
public final class DotEnvParser {

    private final SourceFile file;
    private final String text;
    private final Function<String, String> lookup;
    private final Map<String, String> values = new HashMap<>();
    private final List<DotEnvEntry> entries = new ArrayList<>();

    private DotEnvParser(SourceFile file, Function<String, String> lookup) {
        this.file = file;
        this.text = file.text();
        this.lookup = lookup == null ? k -> null : lookup;
    }

    /** Parses without an outer environment. */
    public static DotEnvFile parse(SourceFile file) {
        return parse(file, null);
    }

    /** {@link #parse(SourceFile)} once per file, however many readers ask (a malformed file fails at every call). */
    public static DotEnvFile of(SourceFile file) {
        return file.syntax(DotEnvFile.class, DotEnvParser::parse);
    }

    /**
     * Parses {@code file}; {@code lookup} gives the value of variables not set earlier in the file
     * (and of {@code KEY}-alone statements), {@code null} when unset.
     *
     * @throws SourceException for a malformed statement or an interpolation error, at its position
     */
    public static DotEnvFile parse(SourceFile file, Function<String, String> lookup) {
        DotEnvParser p = new DotEnvParser(file, lookup);
        p.run();
        return new DotEnvFile(file, p.entries);
    }

    private void run() {
        int pos = file.contentStart();
        while (true) {
            pos = statementStart(pos);
            if (pos < 0) {
                return;
            }
            pos = statement(pos);
        }
    }

    /** Skips white space and comment lines; -1 at the end of the text. */
    private int statementStart(int pos) {
        while (true) {
            while (pos < text.length() && isUnicodeSpace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                return -1;
            }
            if (text.charAt(pos) != '#') {
                return pos;
            }
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                return -1;
            }
            pos = nl;
        }
    }

    private int statement(int start) {
        int pos = start;
        boolean exported = false;
        if (text.startsWith("export", pos) && pos + 6 < text.length() && isRegexSpace(text.charAt(pos + 6))) {
            exported = true;
            pos += 6;
            while (pos < text.length() && isSpace(text.charAt(pos))) {
                pos++;
            }
        }
        int keyStart = pos;
        int i = pos;
        char terminator = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                continue;
            }
            if (c == '=' || c == ':' || c == '\n') {
                terminator = c;
                break;
            }
            if (!isKeyChar(c)) {
                String line = text.substring(keyStart, lineEnd(keyStart));
                throw new SourceException(file, i, "unexpected character \"" + c + "\" in variable name \"" + line + "\"");
            }
        }
        int keyEnd = i;
        while (keyEnd > keyStart && isUnicodeSpace(text.charAt(keyEnd - 1))) {
            keyEnd--;
        }
        String key = text.substring(keyStart, keyEnd);
        if (key.indexOf(' ') >= 0) {
            throw new SourceException(file, keyStart, "key cannot contain a space");
        }
        if (terminator == 0 || terminator == '\n') {
            // KEY alone: inherited from the environment
            String value = lookup.apply(key);
            entries.add(new DotEnvEntry(key, value, null, (char) 0, true, exported, file.span(start, keyEnd),
                    file.span(keyStart, keyEnd), null, List.of()));
            if (value != null) {
                values.put(key, value);
            }
            return terminator == 0 ? text.length() : i + 1;
        }
        pos = i + 1;
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
        char quote = pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'') ? text.charAt(pos) : 0;
        if (quote == 0) {
            return unquoted(start, exported, key, keyStart, keyEnd, pos);
        }
        return quoted(start, exported, key, keyStart, keyEnd, pos, quote);
    }

    private int unquoted(int start, boolean exported, String key, int keyStart, int keyEnd, int valueStart) {
        int nl = text.indexOf('\n', valueStart);
        int lineEnd = nl < 0 ? text.length() : nl;
        int end = text.indexOf(" #", valueStart);
        if (end < 0 || end > lineEnd) {
            end = lineEnd;
        }
        while (end > valueStart && isUnicodeSpace(text.charAt(end - 1))) {
            end--;
        }
        String raw = text.substring(valueStart, end);
        Template.Result r = expand(raw, valueStart, false);
        add(start, exported, key, keyStart, keyEnd, valueStart, end, raw, (char) 0, r);
        return nl < 0 ? text.length() : nl + 1;
    }

    private int quoted(int start, boolean exported, String key, int keyStart, int keyEnd, int valueStart, char quote) {
        StringBuilder chars = new StringBuilder();
        boolean escape = false;
        for (int i = valueStart + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escape) {
                escape = false;
                if (c != quote) {
                    chars.append('\\');
                }
                chars.append(c);
                continue;
            }
            if (c == '\\') {
                escape = true;
            } else if (c == quote) {
                String value = chars.toString();
                Template.Result r;
                if (quote == '"') {
                    String unescaped = expandEscapes(value);
                    r = expand(unescaped, valueStart + 1, !unescaped.equals(text.substring(valueStart + 1, i)));
                } else {
                    r = new Template.Result(value, List.of());
                }
                add(start, exported, key, keyStart, keyEnd, valueStart, i + 1, text.substring(valueStart, i + 1), quote, r);
                return i + 1;
            } else {
                chars.append(c);
            }
        }
        throw new SourceException(file, valueStart,
                "unterminated quoted value " + text.substring(valueStart, lineEnd(valueStart)));
    }

    private void add(int start, boolean exported, String key, int keyStart, int keyEnd, int valueStart, int valueEnd,
            String raw, char quote, Template.Result r) {
        entries.add(new DotEnvEntry(key, r.value(), raw, quote, false, exported, file.span(start, valueEnd),
                file.span(keyStart, keyEnd), file.span(valueStart, valueEnd), r.substitutions()));
        values.put(key, r.value());
    }

    private Template.Result expand(String value, int offset, boolean approximate) {
        try {
            return Template.substitute(value, name -> {
                String v = values.get(name);
                return v != null ? v : lookup.apply(name);
            });
        } catch (TemplateException e) {
            int at = approximate ? offset : Math.min(offset + e.index(), text.length());
            throw new SourceException(file, at, e.getMessage());
        }
    }

    /** The escapes compose-go understands in double-quoted values; others are left as they are. */
    static String expandEscapes(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(i + 1);
            String replacement = switch (n) {
                case 'a' -> "\u0007";
                case 'b' -> "\b";
                case 'f' -> "\f";
                case 'n' -> "\n";
                case 'r' -> "\r";
                case 't' -> "\t";
                case 'v' -> "\u000b";
                case '\\' -> "\\";
                case '"' -> "\"";
                case '$' -> "$$";
                default -> null;
            };
            if (replacement != null) {
                out.append(replacement);
                i++;
                continue;
            }
            if (n == '0') {
                // \0 followed by up to three digits; only three octal digits make a character
                int j = i + 2;
                while (j < s.length() && j < i + 5 && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                String digits = s.substring(i + 2, j);
                if (digits.length() == 3 && digits.chars().allMatch(d -> d >= '0' && d <= '7')) {
                    int code = Integer.parseInt(digits, 8);
                    if (code <= 0xFF) {
                        out.append((char) code);
                        i = j - 1;
                        continue;
                    }
                }
                out.append(s, i, j);
                i = j - 1;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private int lineEnd(int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    private static boolean isKeyChar(char c) {
        return c == '_' || c == '.' || c == '-' || c == '[' || c == ']' || Character.isLetter(c) || Character.isDigit(c);
    }

    /** Blank but not a line break: compose-go's {@code isSpace}. */
    private static boolean isSpace(char c) {
        return c == '\t' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0x85 || c == 0xA0;
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isUnicodeSpace(char c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> c > 0xFF && Character.isSpaceChar(c);
        };
    }

    /** Go regexp {@code \s}: {@code [\t\n\f\r ]}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
}
