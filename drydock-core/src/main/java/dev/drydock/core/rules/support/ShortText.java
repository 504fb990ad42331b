package dev.drydock.core.rules.support;

/** A command or script quoted in a message: on one line, cut to a length with "..." when longer. */
public final class ShortText {

    private ShortText() {}

    public static String of(String text, int max) {
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() > max ? one.substring(0, max - 3) + "..." : one;
    }
}
