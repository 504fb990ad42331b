package dev.drydock.core.rules.support;

import dev.drydock.core.manifest.Pep440Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Python version constraint as a manifest writes it lets the installer pick: PEP 440 clauses
 * ({@code >=0.30,<0.40}, {@code ==0.29.*}, {@code ~=0.29.0}) and Poetry's {@code ^} and {@code ~}.
 */
public final class PypiVersionRanges {

    private static final Pattern CLAUSE =
            Pattern.compile("\\s*(===|~=|==|>=|<=|!=|>|<|\\^|~)?\\s*v?([0-9][0-9a-zA-Z.*+!-]*)\\s*");

    private PypiVersionRanges() {}

    /**
     * Whether the constraint admits some version at or above {@code version}: false when a clause caps it below
     * ({@code ==0.29.0}, {@code <0.30}, {@code ~=0.29.0}, {@code ==0.29.*}, {@code ^0.29}); true for an empty
     * constraint, a URL, or clauses drydock cannot read.
     */
    public static boolean allowsFrom(String constraint, Pep440Version version) {
        if (constraint == null || constraint.isBlank() || constraint.startsWith("@") || constraint.equals("*")) {
            return true;
        }
        for (String clause : constraint.split(",")) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                continue;
            }
            String op = m.group(1) == null ? "==" : m.group(1);
            String written = m.group(2);
            boolean wildcard = written.endsWith(".*");
            Optional<Pep440Version> v = Pep440Version.parse(wildcard ? written.substring(0, written.length() - 2)
                    : written);
            if (v.isEmpty()) {
                continue;
            }
            int cmp = v.get().compareTo(version);
            boolean capped = switch (op) {
                case "<" -> cmp <= 0;
                case "<=", "===" -> cmp < 0;
                case "==" -> wildcard ? below(bump(v.get(), v.get().release().size() - 1), version) : cmp < 0;
                case "~=" -> v.get().release().size() > 1 && below(bump(v.get(), v.get().release().size() - 2), version);
                case "^" -> below(bump(v.get(), firstNonZero(v.get())), version);
                case "~" -> below(bump(v.get(), Math.min(1, v.get().release().size() - 1)), version);
                default -> false;
            };
            if (capped) {
                return false;
            }
        }
        return true;
    }

    /** Whether an exclusive upper bound keeps every allowed version below {@code version}. */
    private static boolean below(Pep440Version exclusiveCap, Pep440Version version) {
        return exclusiveCap.compareTo(version) <= 0;
    }

    /** The release with the component at {@code index} raised by one and the later ones dropped: 0.29.1, 1 gives 0.30. */
    private static Pep440Version bump(Pep440Version v, int index) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i <= Math.max(0, index); i++) {
            long n = i < v.release().size() ? v.release().get(i) : 0;
            parts.add(Long.toString(i == Math.max(0, index) ? n + 1 : n));
        }
        return Pep440Version.parse(String.join(".", parts)).orElseThrow();
    }

    /** Poetry's caret keeps the first non-zero component: ^0.29.1 allows up to 0.30, ^1.2 up to 2. */
    private static int firstNonZero(Pep440Version v) {
        for (int i = 0; i < v.release().size(); i++) {
            if (v.release().get(i) != 0) {
                return i;
            }
        }
        return v.release().size() - 1;
    }
}
