package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

/** Go's {@code strconv.ParseInt}, {@code ParseUint} and {@code ParseBool} for the bases BuildKit uses. */
final class GoInts {

    private GoInts() {}

    /** {@code strconv.ParseInt(s, base, bits)} for base 8 or 10 (an optional sign, digits only). */
    static long parseInt(String s, int base, int bits) {
        boolean negative = false;
        String digits = s;
        if (!digits.isEmpty() && (digits.charAt(0) == '+' || digits.charAt(0) == '-')) {
            negative = digits.charAt(0) == '-';
            digits = digits.substring(1);
        }
        long magnitude = magnitude(s, "ParseInt", digits, base);
        long limit = 1L << (bits - 1);
        if (!negative && Long.compareUnsigned(magnitude, limit) >= 0
                || negative && Long.compareUnsigned(magnitude, limit) > 0) {
            throw new IllegalArgumentException(error("ParseInt", s, "value out of range"));
        }
        return negative ? -magnitude : magnitude;
    }

    /** {@code strconv.ParseUint(s, base, bits)} for base 8 or 10 (digits only, no sign). */
    static long parseUint(String s, int base, int bits) {
        long value = magnitude(s, "ParseUint", s, base);
        if (bits < 64 && Long.compareUnsigned(value, (1L << bits) - 1) > 0) {
            throw new IllegalArgumentException(error("ParseUint", s, "value out of range"));
        }
        return value;
    }

    /** {@code strconv.ParseBool}. */
    static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new IllegalArgumentException(error("ParseBool", s, "invalid syntax"));
        };
    }

    private static long magnitude(String original, String function, String digits, int base) {
        if (digits.isEmpty()) {
            throw new IllegalArgumentException(error(function, original, "invalid syntax"));
        }
        long value = 0;
        boolean overflow = false;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d >= base) {
                throw new IllegalArgumentException(error(function, original, "invalid syntax"));
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, base)) > 0) {
                overflow = true;
            }
            long next = value * base + d;
            if (Long.compareUnsigned(next, value) < 0) {
                overflow = true;
            }
            value = next;
        }
        if (overflow) {
            throw new IllegalArgumentException(error(function, original, "value out of range"));
        }
        return value;
    }

    private static String error(String function, String input, String problem) {
        return "strconv." + function + ": parsing " + GoText.quote(input) + ": " + problem;
    }
}
