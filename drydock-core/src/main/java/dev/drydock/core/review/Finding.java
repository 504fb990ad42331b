package dev.drydock.core.review;

/**
 * A problem found in the project.
 *
 * @param rule the rule that found it
 * @param severity its severity (the rule's default unless the case warrants another)
 * @param location where it is, or where the missing thing would go
 * @param message what is wrong here, with the project's specifics
 * @param current the exact excerpt of the file at the location, or null
 * @param recommendation what to do here, with the project's specifics, or null for the rule's own
 * @param implicit whether the finding is about something missing (the location is then the most useful place)
 */
public record Finding(RuleMetadata rule, Severity severity, Location location, String message, String current,
        String recommendation, boolean implicit) {

    public String ruleId() {
        return rule.id();
    }

    /** The recommendation for this finding: its own, else the rule's. */
    public String effectiveRecommendation() {
        return recommendation != null ? recommendation : rule.recommendation();
    }
}
