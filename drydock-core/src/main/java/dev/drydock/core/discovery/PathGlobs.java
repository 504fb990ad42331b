package dev.drydock.core.discovery;

import java.util.regex.Pattern;

/** COPY-style path patterns ({@code *}, {@code ?}, {@code [...]}, none crossing a {@code /}) and what they take. */
public final class PathGlobs {

    private PathGlobs() {}

    /**
     * Whether a source (a path or a pattern, normalized the same way as {@code path}) takes the file at {@code path}:
     * it names the file or a folder above it.
     */
    public static boolean covers(String source, String path) {
        if (source.indexOf('*') < 0 && source.indexOf('?') < 0 && source.indexOf('[') < 0) {
            return PathNames.isUnder(path, source);
        }
        return Pattern.compile(regex(source) + "(/.*)?").matcher(path).matches();
    }

    /**
     * A pattern whose {@code **} crosses folders ({@code a/**}{@code /b} takes {@code a/b} and {@code a/x/y/b}) as a
     * regular expression; the rest as {@link #regex}.
     */
    public static String crossingRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = glob.indexOf("**"); at >= 0; at = glob.indexOf("**", from)) {
            out.append(regex(glob.substring(from, at)));
            boolean folders = glob.startsWith("/", at + 2);
            out.append(folders ? "(?:.*/)?" : ".*");
            from = at + (folders ? 3 : 2);
        }
        return out.append(regex(glob.substring(from))).toString();
    }

    /** The pattern as a regular expression. */
    public static String regex(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> out.append("[^/]*");
                case '?' -> out.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        out.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, end).replace("\\", "\\\\");
                        out.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                        i = end;
                    }
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
