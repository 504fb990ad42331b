package dev.drydock.core.golang;

import java.time.Duration;

/**
 * Go's {@code time.ParseDuration}, which BuildKit uses for HEALTHCHECK intervals: a sequence of
 * decimal numbers with optional fractions and a unit each ({@code ns}, {@code us}/{@code µs},
 * {@code ms}, {@code s}, {@code m}, {@code h}), optionally signed, e.g. {@code 1m30s}, {@code 1.5h},
 * {@code -2s}; {@code 0} alone needs no unit. Errors carry Go's messages.
 */
public final class GoDuration {

    private static final long SIGN_BIT = Long.MIN_VALUE; // 1<<63 as an unsigned value

    private GoDuration() {}

    /** Parses a duration; throws {@link IllegalArgumentException} with Go's message when it is invalid. */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        long total = 0; // unsigned
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                throw invalid(text);
            }
            // integer part
            int start = i;
            long v = 0;
            while (i < s.length() && isDigit(s.charAt(i))) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(SIGN_BIT, 10)) > 0) {
                    throw invalid(text);
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, SIGN_BIT) > 0) {
                    throw invalid(text);
                }
                i++;
            }
            boolean pre = i != start;
            // fraction
            long f = 0;
            double scale = 1;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                boolean overflow = false;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    if (!overflow) {
                        if (f > (Long.MAX_VALUE) / 10) {
                            overflow = true;
                        } else {
                            long y = f * 10 + (s.charAt(i) - '0');
                            if (y < 0) {
                                overflow = true;
                            } else {
                                f = y;
                                scale *= 10;
                            }
                        }
                    }
                    i++;
                }
                post = i != fractionStart;
            }
            if (!pre && !post) {
                throw invalid(text);
            }
            // unit
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoText.quote(text));
            }
            String unitText = s.substring(unitStart, i);
            long unit = switch (unitText) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException("time: unknown unit " + GoText.quote(unitText)
                        + " in duration " + GoText.quote(text));
            };
            if (Long.compareUnsigned(v, Long.divideUnsigned(SIGN_BIT, unit)) > 0) {
                throw invalid(text);
            }
            v *= unit;
            if (f > 0) {
                v += (long) (f * ((double) unit / scale));
                if (Long.compareUnsigned(v, SIGN_BIT) > 0) {
                    throw invalid(text);
                }
            }
            total += v;
            if (Long.compareUnsigned(total, SIGN_BIT) > 0) {
                throw invalid(text);
            }
        }
        if (negative) {
            return Duration.ofNanos(-total); // -(1<<63) wraps to itself, as in Go
        }
        if (total == SIGN_BIT) {
            throw invalid(text);
        }
        return Duration.ofNanos(total);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + GoText.quote(text));
    }
}
