package dev.drydock.core.review;

import dev.drydock.core.project.Project;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs rules over a project model. */
public final class Reviewer {

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(f -> f.location().file() == null ? "" : f.location().file())
            .thenComparingInt(f -> f.location().line())
            .thenComparing(Finding::ruleId);

    private final List<Rule> rules;
    private final ReviewSettings settings;

    public Reviewer(List<Rule> rules) {
        this(rules, ReviewSettings.DEFAULT);
    }

    public Reviewer(List<Rule> rules, ReviewSettings settings) {
        this.rules = List.copyOf(rules);
        this.settings = settings;
    }

    /** A reviewer with every rule drydock has. */
    public static Reviewer standard() {
        return new Reviewer(Rules.all());
    }

    /** A reviewer with every rule drydock has, configured. */
    public static Reviewer standard(ReviewSettings settings) {
        return new Reviewer(Rules.all(), settings);
    }

    public Review review(Project project) {
        ReviewContext context = new ReviewContext(project, settings);
        for (Rule rule : rules) {
            rule.check(context);
        }
        List<Finding> findings = new ArrayList<>(context.findings());
        findings.sort(ORDER);
        List<Strength> strengths = new ArrayList<>(context.strengths());
        strengths.sort(Comparator.comparing((Strength s) -> s.location().file() == null ? "" : s.location().file())
                .thenComparingInt(s -> s.location().line()));
        return new Review(project, findings, strengths);
    }
}
