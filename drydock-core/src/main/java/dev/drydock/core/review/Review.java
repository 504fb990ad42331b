package dev.drydock.core.review;

import dev.drydock.core.project.Project;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of reviewing a project: its findings, most severe first, and its strengths. The findings an
 * ignore comment or the configuration suppresses are kept apart in {@code suppressed}: they are not shown
 * as findings and do not count towards a failure, but their number is reported.
 */
public record Review(Project project, List<Finding> findings, List<Strength> strengths, List<Finding> suppressed) {

    public Review {
        findings = List.copyOf(findings);
        strengths = List.copyOf(strengths);
        suppressed = List.copyOf(suppressed);
    }

    public Review(Project project, List<Finding> findings, List<Strength> strengths) {
        this(project, findings, strengths, List.of());
    }

    /** How many findings there are of each severity (every severity present, zero included). */
    public Map<Severity, Integer> summary() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return counts;
    }

    /** Whether any finding is at least as severe as {@code threshold}. */
    public boolean reaches(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }
}
