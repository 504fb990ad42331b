package dev.drydock.core.compose;

import java.util.Locale;

/** Compose's byte sizes ({@code 2G}, {@code 512m}, {@code 1gb}) and durations ({@code 1m30s}). */
public final class Units {

    private Units() {}

    /**
     * Bytes of a size as docker/go-units {@code RAMInBytes} reads it: a decimal number, an optional space,
     * an optional unit {@code b k m g t p} (any case, powers of 1024), optionally followed by {@code i}
     * and/or {@code b}: {@code 2G}, {@code 512m}, {@code 1gb}, {@code 1.5GiB}, {@code 100}.
     *
     * @throws IllegalArgumentException when the text is not a size
     */
    public static long parseBytes(String text) {
        String s = text.trim();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String number = s.substring(0, i);
        if (number.isEmpty() || number.startsWith(".") || number.endsWith(".")
                || number.indexOf('.') != number.lastIndexOf('.')) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        String rest = s.substring(i);
        if (rest.startsWith(" ")) {
            rest = rest.substring(1);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        long multiplier = 1;
        int j = 0;
        if (j < lower.length() && "kmgtp".indexOf(lower.charAt(j)) >= 0) {
            multiplier = 1L << (10 * ("kmgtp".indexOf(lower.charAt(j)) + 1));
            j++;
        }
        if (j < lower.length() && lower.charAt(j) == 'i') {
            j++;
        }
        if (j < lower.length() && lower.charAt(j) == 'b') {
            j++;
        }
        if (j != lower.length()) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        return (long) (value * multiplier);
    }

    /**
     * Nanoseconds of a Go duration ({@code time.ParseDuration}): an optional sign and one or more decimal
     * numbers each with a unit {@code ns us µs ms s m h}, such as {@code 1m30s}, {@code 1.5h}, {@code 300ms};
     * {@code 0} alone needs no unit.
     *
     * @throws IllegalArgumentException when the text is not a duration
     */
    public static long parseDurationNanos(String text) {
        String s = text;
        if (s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        boolean negative = false;
        int i = 0;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return 0;
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        double total = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\"");
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            double scale = switch (unit) {
                case "ns" -> 1;
                case "us", "µs", "μs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                case "" -> throw new IllegalArgumentException("missing unit in duration \"" + text + "\"");
                default -> throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            };
            total += Double.parseDouble(number) * scale;
        }
        if (total > Long.MAX_VALUE) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        long nanos = Math.round(total);
        return negative ? -nanos : nanos;
    }

    /** {@link #parseDurationNanos} as a {@link java.time.Duration}. */
    public static java.time.Duration parseDuration(String text) {
        return java.time.Duration.ofNanos(parseDurationNanos(text));
    }
}
