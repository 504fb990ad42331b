package dev.drydock.core.golang;

import java.util.Locale;
import java.util.regex.Pattern;

/** {@code units.RAMInBytes} of the docker/go-units module, which BuildKit uses for tmpfs sizes. */
public final class GoUnits {

    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+|[0-9]+(\\.[0-9]*)?[eE][+-]?[0-9]+");

    private GoUnits() {}

    /** A size such as {@code 64m}, {@code 1.5GiB} or {@code 1024}, in bytes (binary multiples). */
    public static long ramInBytes(String text) {
        int sep = -1;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == '.' || c == ' ') {
                sep = i;
                break;
            }
        }
        if (sep < 0) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        String number = text.charAt(sep) != ' ' ? text.substring(0, sep + 1) : text.substring(0, sep);
        String suffix = text.substring(sep + 1);
        if (!NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        double size = Double.parseDouble(number);
        if (suffix.isEmpty()) {
            return (long) size;
        }
        String sfx = suffix.toLowerCase(Locale.ROOT);
        if (sfx.length() > 3) {
            throw new IllegalArgumentException("invalid suffix: '" + sfx + "'");
        }
        if (sfx.charAt(0) == 'b') {
            if (sfx.length() > 1) {
                throw new IllegalArgumentException("invalid suffix: '" + sfx + "'");
            }
            return (long) size;
        }
        long multiplier = switch (sfx.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            case 'p' -> 1L << 50;
            default -> throw new IllegalArgumentException("invalid suffix: '" + sfx + "'");
        };
        if ((sfx.length() == 2 && sfx.charAt(1) != 'b') || (sfx.length() == 3 && !sfx.substring(1).equals("ib"))) {
            throw new IllegalArgumentException("invalid suffix: '" + sfx + "'");
        }
        return (long) (size * multiplier);
    }
}
