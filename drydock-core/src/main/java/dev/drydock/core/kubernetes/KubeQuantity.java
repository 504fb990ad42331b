package dev.drydock.core.kubernetes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity as a manifest writes it ({@code 512Mi}, {@code 1G}, {@code 500m}, {@code 2},
 * {@code 1e9}): a decimal number with an optional binary suffix (Ki to Ei, powers of 1024), decimal suffix (m, k, M, G,
 * T, P, E, powers of 1000) or exponent; and where it is written.
 *
 * @param text the value as written
 * @param amount the value in base units (bytes, CPUs), or null when it is not a quantity Kubernetes accepts
 * @param file the overlay's patch that sets it, or null for the workload's manifest
 * @param line its line, 0 when not known
 */
public record KubeQuantity(String text, BigDecimal amount, String file, int line) {

    private static final Pattern QUANTITY = Pattern.compile(
            "\\+?([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]{1,2})?");

    /** The quantity written as {@code value} (a YAML string or number); its amount null when it is not one. */
    public static KubeQuantity of(Object value, String file, int line) {
        String text = value instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : String.valueOf(value).strip();
        return new KubeQuantity(text, amount(text), file, line);
    }

    /** The amount of a quantity in base units; null when the text is not a non-negative quantity. */
    static BigDecimal amount(String text) {
        Matcher m = QUANTITY.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return null;
        }
        BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal scale = switch (suffix) {
            case "" -> BigDecimal.ONE;
            case "m" -> new BigDecimal("0.001");
            case "k" -> BigDecimal.TEN.pow(3);
            case "M" -> BigDecimal.TEN.pow(6);
            case "G" -> BigDecimal.TEN.pow(9);
            case "T" -> BigDecimal.TEN.pow(12);
            case "P" -> BigDecimal.TEN.pow(15);
            case "E" -> BigDecimal.TEN.pow(18);
            case "Ki" -> BigDecimal.valueOf(1024);
            case "Mi" -> BigDecimal.valueOf(1024L * 1024);
            case "Gi" -> BigDecimal.valueOf(1024L * 1024 * 1024);
            case "Ti" -> BigDecimal.valueOf(1024L * 1024 * 1024 * 1024);
            case "Pi" -> BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024);
            case "Ei" -> BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024 * 1024);
            default -> BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        };
        return number.multiply(scale);
    }

    /** Whether drydock reads the value as a quantity. */
    public boolean known() {
        return amount != null;
    }

    /** The amount in MiB, rounded down; -1 when not {@link #known} or above what a long holds. */
    public long mib() {
        if (amount == null || amount.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return -1;
        }
        return amount.divide(BigDecimal.valueOf(1024L * 1024), 0, RoundingMode.FLOOR).longValue();
    }

    /** The amount as a number of CPUs; null when not {@link #known} or beyond a thousand CPUs. */
    public Double cpus() {
        return amount == null || amount.compareTo(BigDecimal.valueOf(1000)) > 0 ? null : amount.doubleValue();
    }

    /** {@code deploy/base/api.yaml line 24}: where it is written, the manifest's file when no overlay sets it. */
    public String where(String manifest) {
        return (file != null ? file : manifest) + (line > 0 ? " line " + line : "");
    }
}
