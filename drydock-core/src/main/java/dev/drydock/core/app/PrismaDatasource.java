package dev.drydock.core.app;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The datasource block of a Prisma schema: its provider and its url, written as a string ({@code url = "file:./dev.db"})
 * or read from the environment ({@code url = env("DATABASE_URL")}).
 *
 * @param provider the provider string (sqlite, postgresql...)
 * @param url the url when written as a string, else null
 * @param variable the environment variable the url is read from, else null
 * @param line the line of the url (1-based), or of the block when it has none
 */
public record PrismaDatasource(String provider, String url, String variable, int line) {

    private static final Pattern BLOCK = Pattern.compile("(?m)^\\s*datasource\\s+\\w+\\s*\\{([^}]*)}");
    private static final Pattern PROVIDER = Pattern.compile("(?m)^\\s*provider\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern URL = Pattern.compile(
            "(?m)^\\s*url\\s*=\\s*(?:\"([^\"]*)\"|env\\(\\s*\"([A-Za-z_][A-Za-z0-9_]*)\"\\s*\\))");

    /** The first datasource block of {@code schema}, empty when it has none or its provider is not a literal. */
    public static Optional<PrismaDatasource> read(String schema) {
        String text = stripComments(schema);
        Matcher block = BLOCK.matcher(text);
        if (!block.find()) {
            return Optional.empty();
        }
        String body = block.group(1);
        Matcher provider = PROVIDER.matcher(body);
        if (!provider.find()) {
            return Optional.empty();
        }
        Matcher url = URL.matcher(body);
        if (!url.find()) {
            return Optional.of(new PrismaDatasource(provider.group(1), null, null, lineOf(text, block.start())));
        }
        return Optional.of(new PrismaDatasource(provider.group(1), url.group(1), url.group(2),
                lineOf(text, block.start(1) + url.start())));
    }

    /** {@code //} comments blanked out, keeping the offsets of the rest. */
    private static String stripComments(String text) {
        StringBuilder out = new StringBuilder(text);
        boolean inString = false;
        for (int i = 0; i < out.length(); i++) {
            char ch = out.charAt(i);
            if (ch == '"') {
                inString = !inString;
            } else if (ch == '\n') {
                inString = false;
            } else if (!inString && ch == '/' && i + 1 < out.length() && out.charAt(i + 1) == '/') {
                while (i < out.length() && out.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
                i--;
            }
        }
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        // the url pattern starts at the line break before it
        while (offset < text.length() && Character.isWhitespace(text.charAt(offset))) {
            if (text.charAt(offset++) == '\n') {
                line++;
            }
        }
        return line;
    }
}
