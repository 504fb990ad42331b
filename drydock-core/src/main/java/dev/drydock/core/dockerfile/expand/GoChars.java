package dev.drydock.core.dockerfile.expand;

/**
 * Character classes as Go's {@code unicode} package defines them, which BuildKit's word processing
 * uses: they differ from Java's {@link Character#isWhitespace} (Go counts U+0085 and the no-break
 * spaces, Java counts U+001C..U+001F).
 */
final class GoChars {

    private GoChars() {}

    /** Go's {@code unicode.IsSpace}: ASCII white space, NEL, and the Unicode space separators. */
    static boolean isSpace(int cp) {
        switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0:
                return true;
            default:
                return cp > 0xFF && Character.isSpaceChar(cp);
        }
    }

    /** Go's {@code unicode.IsLetter}: general category L. */
    static boolean isLetter(int cp) {
        return cp < 0x80 ? (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') : Character.isLetter(cp);
    }

    /** Go's {@code unicode.IsDigit}: general category Nd. */
    static boolean isDigit(int cp) {
        return cp < 0x80 ? cp >= '0' && cp <= '9' : Character.isDigit(cp);
    }
}
