package dev.drydock.core.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a HOCON file (Ktor's {@code application.conf}) in the order written, each with its full dotted
 * key: nested objects ({@code ktor { deployment { port = 8080 } }}), dotted keys, {@code =} or {@code :}. Lists are
 * skipped; includes and object merges by reference are not followed.
 */
final class Hocon {

    /** One assignment: the full key, the value as written, its line. */
    record Setting(String key, String value, int line) {}

    private static final Pattern ENTRY = Pattern.compile("^(\"[^\"]+\"|[\\w.-]+)\\s*([=:])?\\s*(.*)$");

    private Hocon() {}

    static List<Setting> settings(String text) {
        List<Setting> out = new ArrayList<>();
        List<String> path = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        boolean inList = false;
        for (int n = 0; n < lines.length; n++) {
            for (String part : split(stripComment(lines[n]))) {
                String s = part.strip();
                if (inList) {
                    inList = !s.contains("]");
                    continue;
                }
                if (s.isEmpty()) {
                    continue;
                }
                if (s.equals("}")) {
                    if (!path.isEmpty()) {
                        path.remove(path.size() - 1);
                    }
                    continue;
                }
                Matcher m = ENTRY.matcher(s);
                if (!m.matches()) {
                    continue;
                }
                String key = m.group(1).replace("\"", "");
                String value = m.group(3).strip();
                if (value.equals("{")) {
                    path.add(key);
                } else if (value.startsWith("[")) {
                    inList = !value.contains("]");
                } else if (m.group(2) != null && !value.isEmpty()) {
                    String full = path.isEmpty() ? key : String.join(".", path) + "." + key;
                    out.add(new Setting(full, value.replaceAll(",$", "").strip(), n + 1));
                }
            }
        }
        return out;
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '#' || c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** A line split after each '{' and around each '}' outside strings and {@code ${...}} substitutions. */
    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '{') {
                int end = line.indexOf('}', i);
                end = end < 0 ? line.length() - 1 : end;
                cur.append(line, i, end + 1);
                i = end;
                continue;
            }
            if (!quoted && c == '{') {
                cur.append(c);
                out.add(cur.toString());
                cur.setLength(0);
            } else if (!quoted && c == '}') {
                out.add(cur.toString());
                out.add("}");
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
