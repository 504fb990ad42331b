package dev.drydock.core.review;

import dev.drydock.core.source.Printable;

/** A good practice already in place, reported so the review can say what to keep. */
public record Strength(RuleMetadata rule, Location location, String message) {

    /** Text quoted from the project is escaped where it could drive a terminal (see {@link Printable}). */
    public Strength {
        if (!rule.reportsStrengths()) {
            throw new IllegalArgumentException(rule.id() + " reports a strength but its @RuleDefinition names none");
        }
        message = Printable.escape(message);
    }

    public String ruleId() {
        return rule.id();
    }

    /** The good practice, as a heading ("Minimal base image"), where the rule's title names the problem. */
    public String title() {
        return rule.strength();
    }
}
