package dev.drydock.core.image;

/**
 * The image reference grammar of {@code github.com/distribution/reference}, matched by hand in one
 * pass (no regular expressions, no backtracking):
 *
 * <pre>
 * reference        := name [ ":" tag ] [ "@" digest ]
 * name             := [ domain "/" ] remote-name
 * domain           := host [ ":" port-number ]
 * host             := domain-name | "[" IPv6 hex digits and colons "]"
 * domain-name      := domain-component [ "." domain-component ]*
 * domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
 * remote-name      := path-component [ "/" path-component ]*
 * path-component   := [a-z0-9]+ [ separator [a-z0-9]+ ]*
 * separator        := "." | "_" | "__" | "-"+
 * tag              := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 * digest           := algorithm ":" [0-9a-fA-F]{32,}
 * algorithm        := [A-Za-z][A-Za-z0-9]* ( [-_+.] [A-Za-z][A-Za-z0-9]* )*
 * </pre>
 *
 * <p>Where a string could be read with or without a domain the domain reading wins, as with the
 * leftmost-first Go expression.
 */
final class ReferenceGrammar {

    private ReferenceGrammar() {}

    /** The parts of a reference that matched the grammar; {@code domain} is empty when absent. */
    record Match(String domain, String path, String tag, String digest) {}

    /** Matches the whole reference grammar, or returns null. */
    static Match match(String s) {
        int at = s.indexOf('@');
        String left = at < 0 ? s : s.substring(0, at);
        String digest = null;
        if (at >= 0) {
            digest = s.substring(at + 1);
            if (!isDigestPattern(digest, 0, digest.length())) {
                return null;
            }
        }
        int slash = left.indexOf('/');
        if (slash > 0 && isDomainAndPort(left, 0, slash)) {
            Match m = remoteWithTag(left, slash + 1, left.substring(0, slash), digest);
            if (m != null) {
                return m;
            }
        }
        return remoteWithTag(left, 0, "", digest);
    }

    private static Match remoteWithTag(String left, int from, String domain, String digest) {
        int colon = left.indexOf(':', from);
        int remoteEnd = colon < 0 ? left.length() : colon;
        if (!isRemoteName(left, from, remoteEnd)) {
            return null;
        }
        String tag = null;
        if (colon >= 0) {
            if (!isTag(left, colon + 1, left.length())) {
                return null;
            }
            tag = left.substring(colon + 1);
        }
        return new Match(domain, left.substring(from, remoteEnd), tag, digest);
    }

    static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordChar(char c) {
        return isAlnum(c) || c == '_';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** One path component: lowercase alphanumeric runs joined by ".", "_", "__" or dashes. */
    static boolean isPathComponent(String s, int from, int to) {
        if (from >= to || !isLowerAlnum(s.charAt(from))) {
            return false;
        }
        int i = from;
        while (true) {
            while (i < to && isLowerAlnum(s.charAt(i))) {
                i++;
            }
            if (i == to) {
                return true;
            }
            char c = s.charAt(i);
            int j = i + 1;
            if (c == '_') {
                if (j < to && s.charAt(j) == '_') {
                    j++;
                }
            } else if (c == '-') {
                while (j < to && s.charAt(j) == '-') {
                    j++;
                }
            } else if (c != '.') {
                return false;
            }
            if (j >= to || !isLowerAlnum(s.charAt(j))) {
                return false;
            }
            i = j;
        }
    }

    /** Slash-separated path components. */
    static boolean isRemoteName(String s, int from, int to) {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '/') {
                if (!isPathComponent(s, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** A host name, IPv4 address or bracketed IPv6 address, with an optional numeric port. */
    static boolean isDomainAndPort(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        int i;
        if (s.charAt(from) == '[') {
            int close = s.indexOf(']', from);
            if (close < 0 || close >= to || close == from + 1) {
                return false;
            }
            for (int k = from + 1; k < close; k++) {
                char c = s.charAt(k);
                if (!isHex(c) && c != ':') {
                    return false;
                }
            }
            i = close + 1;
        } else {
            i = from;
            int componentStart = from;
            while (true) {
                if (i < to && isAlnum(s.charAt(i))) {
                    i++;
                    continue;
                }
                if (i < to && s.charAt(i) == '-') {
                    if (i == componentStart) {
                        return false;
                    }
                    i++;
                    continue;
                }
                // a component ends here: it must be non-empty and end with an alphanumeric
                if (i == componentStart || s.charAt(i - 1) == '-') {
                    return false;
                }
                if (i < to && s.charAt(i) == '.') {
                    i++;
                    componentStart = i;
                    continue;
                }
                break;
            }
        }
        if (i == to) {
            return true;
        }
        if (s.charAt(i) != ':' || i + 1 == to) {
            return false;
        }
        for (int k = i + 1; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A tag: a word character, then up to 127 word characters, dots and dashes. */
    static boolean isTag(String s, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 128 || !isWordChar(s.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!isWordChar(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** The digest syntax the reference grammar accepts (the algorithm is checked separately). */
    static boolean isDigestPattern(String s, int from, int to) {
        int colon = s.indexOf(':', from);
        if (colon < 0 || colon >= to || !isAlgorithm(s, from, colon)) {
            return false;
        }
        if (to - colon - 1 < 32) {
            return false;
        }
        for (int i = colon + 1; i < to; i++) {
            if (!isHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlgorithm(String s, int from, int to) {
        int i = from;
        while (true) {
            if (i >= to || !isAsciiLetter(s.charAt(i))) {
                return false;
            }
            i++;
            while (i < to && isAlnum(s.charAt(i))) {
                i++;
            }
            if (i == to) {
                return true;
            }
            char c = s.charAt(i);
            if (c != '-' && c != '_' && c != '+' && c != '.') {
                return false;
            }
            i++;
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** 64 lowercase hexadecimal digits: an image ID, which is not accepted as a name. */
    static boolean isIdentifier(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why a syntactically matched digest is not acceptable (go-digest's checks with sha256, sha384
     * and sha512 registered), or {@code null} when it is.
     */
    static String digestProblem(String digest) {
        int colon = digest.indexOf(':');
        String algorithm = digest.substring(0, colon);
        String encoded = digest.substring(colon + 1);
        int size = switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> -1;
        };
        if (size < 0) {
            return isLowerAlgorithm(algorithm) ? "unsupported digest algorithm " + algorithm
                    : "invalid checksum digest format";
        }
        if (encoded.length() != size) {
            return "invalid checksum digest length: " + algorithm + " needs " + size + " hexadecimal digits, not "
                    + encoded.length();
        }
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return "invalid checksum digest format: hexadecimal digits must be lowercase";
            }
        }
        return null;
    }

    private static boolean isLowerAlgorithm(String algorithm) {
        for (int i = 0; i < algorithm.length(); i++) {
            char c = algorithm.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }
}
