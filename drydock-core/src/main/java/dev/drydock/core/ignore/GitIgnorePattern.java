package dev.drydock.core.ignore;

import dev.drydock.core.source.Span;
import java.util.Optional;

/**
 * One pattern line of a {@code .gitignore} file.
 *
 * @param text the line as written (trailing unescaped spaces removed)
 * @param pattern what git matches: without {@code !}, trailing {@code /} and a leading {@code /}
 * @param negated whether the line starts with {@code !} (un-ignores what it matches)
 * @param directoryOnly whether the line ends with {@code /} (matches directories only)
 * @param anchored whether the pattern holds a {@code /} (other than a trailing one), so it is
 *     matched against the path relative to the file's directory; otherwise against the last
 *     path element, at any depth
 * @param baseDir the directory holding the .gitignore, relative to the project root ("" at root)
 * @param line 1-based line number
 * @param span the line text in the file
 */
public record GitIgnorePattern(String text, String pattern, boolean negated, boolean directoryOnly,
        boolean anchored, String baseDir, int line, Span span) {

    /**
     * A plausible path (relative to the project root) this pattern matches, for comparing git's
     * view with another matcher's: wildcards become a sample name, {@code **} becomes nothing.
     * Unanchored patterns are placed at the file's directory. Empty when the pattern has a class
     * or escape that makes a sample guesswork.
     */
    public Optional<String> samplePath() {
        StringBuilder out = new StringBuilder();
        String p = pattern;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*') {
                if (i + 1 < p.length() && p.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < p.length() && p.charAt(i + 1) == '/') {
                        i++;
                    }
                    continue;
                }
                out.append("sample");
            } else if (c == '?') {
                out.append('x');
            } else if (c == '[' || c == '\\') {
                return Optional.empty();
            } else {
                out.append(c);
            }
        }
        String path = out.toString();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(baseDir.isEmpty() ? path : baseDir + "/" + path);
    }

    @Override
    public String toString() {
        return text + " (line " + line + ")";
    }
}
