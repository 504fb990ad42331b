package dev.drydock.core.rules.support;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sizes JVM options are written in: {@code -Xmx512m}, {@code -XX:MaxHeapSize=2g}, {@code 1073741824}. */
public final class JvmSizes {

    /** A size in bytes with an optional k, m, g or t. */
    private static final Pattern SIZE = Pattern.compile("(\\d{1,13})([kKmMgGtT]?)");

    private JvmSizes() {}

    /** The bytes of a JVM size option's value ({@code 512m}, {@code 2G}, {@code 1073741824}); -1 when unreadable. */
    public static long bytes(String value) {
        Matcher m = SIZE.matcher(value.strip());
        if (!m.matches()) {
            return -1;
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return n << shift;
    }

    /**
     * The maximum heap among JVM options as the launcher reads them, the last one winning ({@code -Xmx1g} or
     * {@code -XX:MaxHeapSize=1073741824}), as the option written; null when none sets it.
     */
    public static String maxHeapOption(List<String> options) {
        String found = null;
        for (String option : options) {
            if (option.startsWith("-Xmx") && bytes(option.substring(4)) > 0
                    || option.startsWith("-XX:MaxHeapSize=") && bytes(option.substring(16)) > 0) {
                found = option;
            }
        }
        return found;
    }

    /** The bytes of an option {@link #maxHeapOption} returned. */
    public static long maxHeapBytes(String option) {
        return bytes(option.startsWith("-Xmx") ? option.substring(4) : option.substring(option.indexOf('=') + 1));
    }
}
