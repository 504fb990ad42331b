package dev.drydock.core.review;

import dev.drydock.core.config.Suppressor;
import dev.drydock.core.project.Project;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs rules over a project model, then applies the settings: findings and strengths in excluded paths
 * are dropped, findings of ignored rules or covered by an ignore comment are set apart as suppressed
 * (strengths of ignored rules are dropped), and configured severities replace the rules' own.
 */
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
        FutureTask<Void> aside = aside(context);
        for (Rule rule : rules) {
            if (!rule.runsAside()) {
                rule.check(context);
            }
        }
        await(aside);
        Suppressor suppressor = new Suppressor(project, settings);
        List<Finding> findings = new ArrayList<>();
        List<Finding> suppressed = new ArrayList<>();
        for (Finding finding : context.findings()) {
            if (suppressor.excluded(finding.location().file())) {
                continue;
            }
            Finding configured = suppressor.withConfiguredSeverity(finding);
            (suppressor.suppressed(finding) ? suppressed : findings).add(configured);
        }
        findings.sort(ORDER);
        suppressed.sort(ORDER);
        List<Strength> strengths = new ArrayList<>(context.strengths().stream()
                .filter(s -> !suppressor.excluded(s.location().file()) && !settings.ignoredRules().contains(s.ruleId()))
                .toList());
        strengths.sort(Comparator.comparing((Strength s) -> s.location().file() == null ? "" : s.location().file())
                .thenComparingInt(s -> s.location().line()));
        return new Review(project, findings, strengths, suppressed);
    }

    /** The rules that wait on other programs, started on a thread of their own; null when there are none. */
    private FutureTask<Void> aside(ReviewContext context) {
        List<Rule> waiting = rules.stream().filter(Rule::runsAside).toList();
        if (waiting.isEmpty()) {
            return null;
        }
        FutureTask<Void> task = new FutureTask<>(() -> {
            waiting.forEach(rule -> rule.check(context));
            return null;
        });
        Thread thread = new Thread(task, "drydock-rules-aside");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static void await(FutureTask<Void> task) {
        if (task == null) {
            return;
        }
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a rule was running", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
