package dev.drydock.core.fix;

import dev.drydock.core.edit.FixSafety;
import java.util.Set;

/**
 * What {@link FixEngine} may apply.
 *
 * @param unsafe whether fixes that change behaviour ({@link FixSafety#UNSAFE}) are applied too
 * @param rules the rule ids to fix (ids, not aliases); empty for every rule
 * @param maxRounds how many review-fix rounds at most: each round applies the fixes that do not
 *        overlap, re-reads the result and reviews it again
 */
public record FixOptions(boolean unsafe, Set<String> rules, int maxRounds) {

    public static final int DEFAULT_ROUNDS = 10;

    public FixOptions {
        rules = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(rules));
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be at least 1: " + maxRounds);
        }
    }

    public static FixOptions safeOnly() {
        return new FixOptions(false, Set.of(), DEFAULT_ROUNDS);
    }

    public static FixOptions withUnsafe() {
        return new FixOptions(true, Set.of(), DEFAULT_ROUNDS);
    }

    public FixOptions onlyRules(Set<String> ids) {
        return new FixOptions(unsafe, ids, maxRounds);
    }

    /** Whether a fix of this safety, from this rule, may be applied. */
    public boolean allows(String ruleId, FixSafety safety) {
        boolean level = safety == FixSafety.SAFE || (unsafe && safety == FixSafety.UNSAFE);
        return level && selects(ruleId);
    }

    public boolean selects(String ruleId) {
        return rules.isEmpty() || rules.contains(ruleId);
    }
}
