package dev.drydock.core.review;

import dev.drydock.core.config.Suppressor;
import dev.drydock.core.project.Project;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs rules over a project model, then applies the settings: findings and strengths in excluded paths
 * are dropped, findings of ignored rules or covered by an ignore comment are set apart as suppressed
 * (strengths of ignored rules are dropped, and so are those at a place a finding reports as broken), and configured
 * severities replace the rules' own.
 */
public final class Reviewer {

    /** By severity, file ("" for none), line and rule. */
    private static final Comparator<Finding> ORDER = (a, b) -> {
        int c = a.severity().compareTo(b.severity());
        if (c == 0) {
            c = file(a.location()).compareTo(file(b.location()));
        }
        if (c == 0) {
            c = Integer.compare(a.location().line(), b.location().line());
        }
        return c != 0 ? c : a.ruleId().compareTo(b.ruleId());
    };

    /** By file ("" for none) and line. */
    private static final Comparator<Strength> STRENGTH_ORDER = (a, b) -> {
        int c = file(a.location()).compareTo(file(b.location()));
        return c != 0 ? c : Integer.compare(a.location().line(), b.location().line());
    };

    /** Runs the rules that wait on other programs, on threads kept for the next review. */
    private static final ExecutorService ASIDE = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "drydock-rules-aside");
        thread.setDaemon(true);
        return thread;
    });

    private final List<Rule> inline;
    private final List<Rule> waiting;
    private final ReviewSettings settings;
    private final RuleFailed failures = new RuleFailed();
    private final boolean failFast;

    public Reviewer(List<Rule> rules) {
        this(rules, ReviewSettings.DEFAULT);
    }

    public Reviewer(List<Rule> rules, ReviewSettings settings) {
        this(rules, settings, Boolean.getBoolean(RuleFailed.FAIL_FAST_PROPERTY));
    }

    private Reviewer(List<Rule> rules, ReviewSettings settings, boolean failFast) {
        List<Rule> inline = new ArrayList<>(rules.size());
        List<Rule> waiting = new ArrayList<>(1);
        for (Rule rule : rules) {
            (rule.runsAside() ? waiting : inline).add(rule);
        }
        this.inline = List.copyOf(inline);
        this.waiting = List.copyOf(waiting);
        this.settings = settings;
        this.failFast = failFast;
    }

    /** A copy of this reviewer that reports a rule's internal error as a finding whatever the system property says. */
    Reviewer reportingRuleFailures() {
        List<Rule> rules = new ArrayList<>(inline);
        rules.addAll(waiting);
        return new Reviewer(rules, settings, false);
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
        Future<?> aside = aside(context);
        for (Rule rule : inline) {
            RuleFailed.run(rule, context, failures, failFast);
        }
        await(aside);
        Suppressor suppressor = new Suppressor(project, settings);
        List<Finding> findings = new ArrayList<>();
        List<Finding> suppressed = new ArrayList<>();
        LinkedDockerfiles links = LinkedDockerfiles.of(project);
        for (Finding finding : links.withoutRepeats(VariantFindings.once(project, context.findings()),
                Finding::ruleId, Finding::location)) {
            if (suppressor.excluded(finding.location().file())) {
                continue;
            }
            Finding configured = suppressor.withConfiguredSeverity(finding);
            (suppressor.suppressed(finding) ? suppressed : findings).add(configured);
        }
        findings.sort(ORDER);
        suppressed.sort(ORDER);
        List<Strength> strengths = new ArrayList<>(links.withoutRepeats(context.uncontradictedStrengths(
                        f -> !suppressor.excluded(f.location().file()) && !suppressor.suppressed(f)).stream()
                .filter(s -> !suppressor.excluded(s.location().file()) && !settings.ignoredRules().contains(s.ruleId()))
                .toList(), Strength::ruleId, Strength::location));
        strengths.sort(STRENGTH_ORDER);
        return new Review(project, findings, strengths, suppressed);
    }

    private static String file(Location location) {
        return location.file() == null ? "" : location.file();
    }

    /** The rules that wait on other programs, started on another thread; null when there are none. */
    private Future<?> aside(ReviewContext context) {
        if (waiting.isEmpty()) {
            return null;
        }
        return ASIDE.submit(() -> waiting.forEach(rule -> RuleFailed.run(rule, context, failures, failFast)));
    }

    private static void await(Future<?> task) {
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
