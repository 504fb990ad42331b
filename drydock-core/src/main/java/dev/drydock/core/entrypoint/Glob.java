package dev.drydock.core.entrypoint;

/**
 * Matching of COPY source patterns as Go's {@code filepath.Match} does: {@code *} and {@code ?}
 * never match '/', {@code [a-z]} and {@code [^a-z]} (or {@code [!a-z]}) match one character,
 * a backslash escapes the next character.
 */
public final class Glob {

    private Glob() {}

    public static boolean hasWildcards(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return true;
            }
            if (c == '\\') {
                i++;
            }
        }
        return false;
    }

    public static boolean matches(String pattern, String path) {
        return match(pattern, 0, path, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi + 1, s, k)) {
                            return true;
                        }
                        if (k < s.length() && s.charAt(k) == '/') {
                            return false;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length() || s.charAt(si) == '/') {
                        return false;
                    }
                    pi++;
                    si++;
                }
                case '[' -> {
                    if (si >= s.length() || s.charAt(si) == '/') {
                        return false;
                    }
                    int end = p.indexOf(']', pi + 2);
                    if (end < 0) {
                        return false; // malformed: Go reports an error, which matches nothing
                    }
                    if (!inClass(p.substring(pi + 1, end), s.charAt(si))) {
                        return false;
                    }
                    pi = end + 1;
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 >= p.length() || si >= s.length() || s.charAt(si) != p.charAt(pi + 1)) {
                        return false;
                    }
                    pi += 2;
                    si++;
                }
                default -> {
                    if (si >= s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length();
    }

    private static boolean inClass(String body, char c) {
        boolean negate = !body.isEmpty() && (body.charAt(0) == '^' || body.charAt(0) == '!');
        int i = negate ? 1 : 0;
        boolean found = false;
        while (i < body.length()) {
            char low = body.charAt(i);
            char high = low;
            if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                high = body.charAt(i + 2);
                i += 3;
            } else {
                i++;
            }
            if (c >= low && c <= high) {
                found = true;
            }
        }
        return found != negate;
    }
}
