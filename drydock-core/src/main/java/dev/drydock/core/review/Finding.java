package dev.drydock.core.review;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.source.Printable;
import java.util.ArrayList;
import java.util.List;

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
 * @param fix the repair the rule offers for this finding, or null
 * @param otherPlaces the other places of this one problem, in order, when it is written at several (a secret
 *     fallback several services share): the message names them and the fix, if any, changes them all; empty
 *     for a finding at one place
 */
public record Finding(RuleMetadata rule, Severity severity, Location location, String message, String current,
        String recommendation, boolean implicit, Fix fix, List<Location> otherPlaces) {

    /** Text quoted from the project is escaped where it could drive a terminal (see {@link Printable}). */
    public Finding {
        message = Printable.escape(message);
        current = Printable.escape(current);
        recommendation = Printable.escape(recommendation);
        otherPlaces = otherPlaces == null ? List.of() : List.copyOf(otherPlaces);
    }

    public Finding(RuleMetadata rule, Severity severity, Location location, String message, String current,
            String recommendation, boolean implicit, Fix fix) {
        this(rule, severity, location, message, current, recommendation, implicit, fix, List.of());
    }

    public Finding(RuleMetadata rule, Severity severity, Location location, String message, String current,
            String recommendation, boolean implicit) {
        this(rule, severity, location, message, current, recommendation, implicit, null);
    }

    /** Every place of this finding: its location first, then {@link #otherPlaces()}. */
    public List<Location> places() {
        if (otherPlaces.isEmpty()) {
            return List.of(location);
        }
        List<Location> all = new ArrayList<>(1 + otherPlaces.size());
        all.add(location);
        all.addAll(otherPlaces);
        return all;
    }

    public String ruleId() {
        return rule.id();
    }

    /** The recommendation for this finding: its own, else the rule's. */
    public String effectiveRecommendation() {
        return recommendation != null ? recommendation : rule.recommendation();
    }

    /** The safety of this finding's fix, {@link FixSafety#NONE} when it has none. */
    public FixSafety fixSafety() {
        return fix == null ? FixSafety.NONE : fix.safety();
    }
}
