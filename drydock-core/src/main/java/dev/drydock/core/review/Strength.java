package dev.drydock.core.review;

/** A good practice already in place, reported so the review can say what to keep. */
public record Strength(RuleMetadata rule, Location location, String message) {

    public String ruleId() {
        return rule.id();
    }
}
