package dev.drydock.core.report;

import dev.drydock.core.fix.FixResult;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Severity;
import dev.drydock.core.review.Strength;
import dev.drydock.core.source.Printable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The review as a Markdown document with the structure a platform engineer's written review has:
 * executive summary; issues by severity, each with location, current code, problem, impact and
 * recommendation; the good practices in place; recommended improvements; before and after;
 * priorities with effort; how to test this project; resources; summary.
 */
public final class ReviewMarkdown {

    private final PrintWriter out;

    public ReviewMarkdown(PrintWriter out) {
        this.out = out;
    }

    public void print(Review review) {
        print(review, null);
    }

    /**
     * The review, with its Recommended Improvements and Before/After sections taken from what
     * {@code drydock fix --unsafe} produces ({@code fixes}, computed by the fix engine on this review);
     * null to describe the recommendations in words only.
     */
    public void print(Review review, FixResult fixes) {
        String name = review.project().root().getFileName() == null ? "project" : review.project().root().getFileName().toString();
        out.println("# Container Setup Review: " + name);
        out.println();
        out.println("## Executive Summary");
        out.println();
        out.println(executiveSummary(review));
        out.println();
        int number = 1;
        number = issues(review, "## 🔴 Critical Issues", List.of(Severity.CRITICAL), number);
        number = issues(review, "## 🟡 High Priority Issues", List.of(Severity.HIGH), number);
        number = issues(review, "## 🟢 Medium Priority Issues", List.of(Severity.MEDIUM), number);
        issues(review, "## 🔵 Low Priority Issues", List.of(Severity.LOW, Severity.INFO), number);
        strengths(review);
        if (fixes == null) {
            improvements(review);
        } else {
            new FixedFilesSection(out).print(fixes);
        }
        comparison(review, fixes);
        priorities(review);
        new TestingRecommendations(out).print(review);
        new AssumptionsSection(out).print(review);
        resources(review);
        summary(review);
        out.flush();
    }

    private static String executiveSummary(Review review) {
        Map<Severity, Integer> counts = review.summary();
        List<String> files = new ArrayList<>(review.project().dockerfiles().keySet());
        review.project().composeProjects().forEach(c -> c.files().forEach(f -> {
            if (!files.contains(f.displayPath())) {
                files.add(f.displayPath());
            }
        }));
        String reviewed = files.isEmpty() ? "the project" : String.join(", ", files.stream().map(f -> "`" + f + "`").toList());
        String verdict;
        if (counts.get(Severity.CRITICAL) > 0) {
            verdict = "It is not ready for production: " + counts.get(Severity.CRITICAL) + " critical issue(s) must be fixed first.";
        } else if (counts.get(Severity.HIGH) > 0) {
            verdict = "No critical issue, but " + counts.get(Severity.HIGH) + " high-priority issue(s) should be fixed before production.";
        } else {
            verdict = "No critical or high-priority issue: the setup is in good shape.";
        }
        return "This review covers " + reviewed + " against Docker and production best practices. It found "
                + review.findings().size() + " finding(s) (" + counts.get(Severity.CRITICAL) + " critical, "
                + counts.get(Severity.HIGH) + " high, " + counts.get(Severity.MEDIUM) + " medium, "
                + (counts.get(Severity.LOW) + counts.get(Severity.INFO)) + " low) and "
                + review.strengths().size() + " good practice(s) already in place. " + verdict;
    }

    private int issues(Review review, String heading, List<Severity> severities, int number) {
        List<Finding> findings = review.findings().stream().filter(f -> severities.contains(f.severity())).toList();
        if (findings.isEmpty()) {
            return number;
        }
        out.println("---");
        out.println();
        out.println(heading);
        out.println();
        for (List<Finding> group : FindingGroups.by(findings, Finding::ruleId)) {
            Finding f = group.get(0);
            out.println("### " + number++ + ". **" + f.rule().title() + "**");
            if (group.size() == 1) {
                issue(f);
            } else {
                issues(group);
            }
        }
        return number;
    }

    private void issue(Finding f) {
        out.println("**Location:** " + location(f));
        out.println();
        if (f.current() != null && !f.implicit()) {
            out.println("**Current:**");
            current(f);
        }
        out.println("**Problem:** " + sentence(f.message()) + " " + f.rule().problem());
        out.println();
        out.println("**Impact:** " + f.rule().impact());
        out.println();
        out.println("**Recommendation:** " + f.effectiveRecommendation());
        out.println();
    }

    /** One rule's findings at several places: each place's excerpt and message, the rule's text once. */
    private void issues(List<Finding> group) {
        List<Location> locations = group.stream().map(Finding::location).toList();
        boolean oneFile = FindingGroups.oneFile(locations);
        out.println("**Location:** " + FindingGroups.places(locations));
        out.println();
        List<Finding> quoted = group.stream().filter(f -> f.current() != null && !f.implicit()).toList();
        if (!quoted.isEmpty()) {
            out.println("**Current:**");
            for (Finding f : quoted) {
                out.println(FindingGroups.place(f.location(), false) + ":");
                current(f);
            }
        }
        out.println("**Problem:**");
        for (Finding f : group) {
            bullet(FindingGroups.place(f.location(), oneFile), sentence(f.message()));
        }
        out.println();
        out.println(group.get(0).rule().problem());
        out.println();
        out.println("**Impact:** " + group.get(0).rule().impact());
        out.println();
        recommendations(out, group, "**Recommendation:**");
        out.println();
    }

    /**
     * The recommendations of one rule's places after {@code lead} (null for none): one text when they differ only
     * in the places' names, else each distinct recommendation once with the places it belongs to, or, when the
     * places cannot be told apart by file and line, each place's own.
     */
    static void recommendations(PrintWriter out, List<Finding> group, String lead) {
        boolean oneFile = FindingGroups.oneFile(group.stream().map(Finding::location).toList());
        List<Advice.Shared> advice = Advice.of(group);
        if (advice.size() == 1) {
            Advice.Shared only = advice.get(0);
            out.println((lead == null ? "" : lead + " ") + only.text()
                    + (only.verbatim() ? "" : " (likewise for the other " + (group.size() - 1) + ")"));
            return;
        }
        if (lead != null) {
            out.println(lead);
        }
        if (!Advice.labelled(group, l -> FindingGroups.place(l, oneFile))) {
            group.forEach(f -> bullet(out, FindingGroups.place(f.location(), oneFile), f.effectiveRecommendation()));
            return;
        }
        for (Advice.Shared shared : advice) {
            bullet(out, places(shared.findings(), oneFile), shared.text()
                    + (shared.verbatim() ? "" : " (likewise for " + places(shared.others(), oneFile) + ")"));
        }
    }

    /** "line 7", "lines 7 and 8" in one file; "`compose.yaml` line 7, `Dockerfile` line 3" across files. */
    private static String places(List<Finding> findings, boolean oneFile) {
        List<Location> locations = findings.stream().map(Finding::location).toList();
        if (!oneFile) {
            return FindingGroups.places(locations);
        }
        List<String> lines = locations.stream().map(l -> String.valueOf(l.line())).toList();
        return (lines.size() == 1 ? "line " : "lines ") + FindingGroups.list(lines);
    }

    private void current(Finding f) {
        out.println("```" + language(f.location().file()));
        out.println(f.current().stripTrailing());
        out.println("```");
        out.println();
    }

    /** A list item whose text may span lines: the lines after the first are indented to stay in the item. */
    private void bullet(String place, String text) {
        bullet(out, place, text);
    }

    private static void bullet(PrintWriter out, String place, String text) {
        out.println("- " + place + ": " + text.replace("\n", "\n  "));
    }

    private void strengths(Review review) {
        if (review.strengths().isEmpty()) {
            return;
        }
        out.println("---");
        out.println();
        out.println("## ✅ Good Practices Already Implemented");
        out.println();
        int n = 1;
        for (List<Strength> group : FindingGroups.by(review.strengths(), Strength::ruleId)) {
            Strength s = group.get(0);
            if (group.size() == 1) {
                out.println(n++ + ". **" + s.title() + "**: " + s.message() + " (" + where(s.location()) + ")");
                continue;
            }
            List<Location> locations = group.stream().map(Strength::location).toList();
            out.println(n++ + ". **" + s.title() + "** (" + FindingGroups.places(locations) + "):");
            boolean oneFile = FindingGroups.oneFile(locations);
            group.forEach(g -> out.println("   - " + FindingGroups.place(g.location(), oneFile) + ": " + g.message()));
        }
        out.println();
    }

    private void improvements(Review review) {
        if (review.findings().isEmpty()) {
            return;
        }
        out.println("---");
        out.println();
        out.println("## 📋 Recommended Improvements");
        out.println();
        int priority = 1;
        for (List<Severity> group : List.of(List.of(Severity.CRITICAL), List.of(Severity.HIGH),
                List.of(Severity.MEDIUM, Severity.LOW, Severity.INFO))) {
            List<Finding> findings = review.findings().stream().filter(f -> group.contains(f.severity())).toList();
            if (findings.isEmpty()) {
                continue;
            }
            out.println("### Priority " + priority + ": " + label(group.get(0)));
            out.println();
            int item = 1;
            for (List<Finding> same : FindingGroups.by(findings, Finding::ruleId)) {
                List<Location> locations = same.stream().map(Finding::location).toList();
                out.println("#### " + priority + "." + item++ + " " + same.get(0).rule().title() + " ("
                        + FindingGroups.places(locations) + ")");
                out.println();
                recommendations(out, same, null);
                out.println();
            }
            priority++;
        }
    }

    private void comparison(Review review, FixResult fixes) {
        if (review.findings().isEmpty()) {
            return;
        }
        out.println("---");
        out.println();
        out.println("## 📊 Comparison: Before vs After");
        out.println();
        out.println("| Aspect | Before | After |");
        out.println("|---|---|---|");
        for (List<Finding> same : FindingGroups.by(review.findings(), Finding::ruleId)) {
            out.println("| " + cell(same.get(0).rule().title()) + " | " + cell(before(same)) + " | "
                    + cell(after(same, fixes)) + " |");
        }
        out.println();
    }

    /** The first finding's message; with its places first when the rule found several. */
    private static String before(List<Finding> same) {
        String message = same.get(0).message();
        if (same.size() == 1) {
            return message;
        }
        return same.size() + " places (" + FindingGroups.places(same.stream().map(Finding::location).toList())
                + "); the first: " + message;
    }

    /** What becomes of a rule's findings: fixed by drydock, or what to do by hand, or both. */
    private static String after(List<Finding> same, FixResult fixes) {
        String recommendation = firstSentence(same.get(0).effectiveRecommendation());
        if (fixes == null) {
            return recommendation;
        }
        String ruleId = same.get(0).ruleId();
        Set<String> files = new LinkedHashSet<>();
        same.forEach(f -> files.add(String.valueOf(f.location().file())));
        List<Finding> remaining = fixes.remaining().stream().map(dev.drydock.core.fix.Remaining::finding)
                .filter(r -> r.ruleId().equals(ruleId) && files.contains(String.valueOf(r.location().file())))
                .toList();
        List<dev.drydock.core.fix.AppliedFix> applied = fixes.applied().stream()
                .filter(a -> a.ruleId().equals(ruleId) && files.contains(String.valueOf(a.finding().location().file())))
                .toList();
        int fixed = Math.max(0, same.size() - remaining.size());
        if (fixed == 0) {
            return "By hand: " + recommendation;
        }
        boolean unsafe = applied.isEmpty() ? same.get(0).fixSafety() != dev.drydock.core.edit.FixSafety.SAFE
                : applied.stream().anyMatch(a -> a.fix().safety() != dev.drydock.core.edit.FixSafety.SAFE);
        String how = "`drydock fix" + (unsafe ? " --unsafe" : "") + "`";
        if (remaining.isEmpty()) {
            return "Fixed by " + how + (applied.isEmpty() ? "" : ": " + applied.get(0).fix().title());
        }
        return fixed + " of " + same.size() + " fixed by " + how + "; by hand at "
                + FindingGroups.places(remaining.stream().map(Finding::location).toList()) + ": " + recommendation;
    }

    private void priorities(Review review) {
        if (review.findings().isEmpty()) {
            return;
        }
        out.println("---");
        out.println();
        out.println("## 🎯 Implementation Priority");
        out.println();
        for (Severity severity : Severity.values()) {
            List<Finding> findings = review.findings().stream().filter(f -> f.severity() == severity).toList();
            if (findings.isEmpty()) {
                continue;
            }
            out.println("### " + label(severity));
            for (List<Finding> same : FindingGroups.by(findings, Finding::ruleId)) {
                Finding f = same.get(0);
                String effort = f.rule().effort().isEmpty() ? "" : " (" + f.rule().effort()
                        + (same.size() > 1 ? " each" : "") + ")";
                out.println("- [ ] " + f.rule().title() + effort + ": "
                        + FindingGroups.places(same.stream().map(Finding::location).toList()));
            }
            out.println();
        }
    }

    private void resources(Review review) {
        Set<String> references = new LinkedHashSet<>();
        review.findings().forEach(f -> references.addAll(f.rule().references()));
        if (references.isEmpty()) {
            return;
        }
        out.println("---");
        out.println();
        out.println("## 📚 Additional Resources");
        out.println();
        references.forEach(r -> out.println("- " + r));
        out.println();
    }

    private void summary(Review review) {
        Map<Severity, Integer> counts = review.summary();
        out.println("---");
        out.println();
        out.println("## Summary");
        out.println();
        out.println("| Severity | Count |");
        out.println("|---|---|");
        for (Severity s : Severity.values()) {
            out.println("| " + label(s) + " | " + counts.get(s) + " |");
        }
        out.println("| Good practices | " + review.strengths().size() + " |");
        if (!review.suppressed().isEmpty()) {
            out.println("| Suppressed by configuration or ignore comments | " + review.suppressed().size() + " |");
        }
        long containers = review.project().containers().stream().filter(Container::isComposeService).count();
        out.println();
        out.println("Reviewed " + review.project().dockerfiles().size() + " Dockerfile(s), "
                + review.project().composeProjects().size() + " compose project(s) with " + containers
                + " service(s), and " + review.project().manifests().size() + " dependency manifest(s).");
    }

    static String location(Finding f) {
        Location l = f.location();
        if (l.file() == null) {
            return "project-wide";
        }
        if (l.span() == null) {
            return "`" + Printable.escape(l.file()) + "`" + (f.implicit() ? " (implicit)" : "");
        }
        String lines = l.line() == l.endLine() ? "line " + l.line() : "lines " + l.line() + "-" + l.endLine();
        return "`" + Printable.escape(l.file()) + "` " + (f.implicit() ? "(implicit; " + lines + ")" : lines);
    }

    static String where(Location l) {
        if (l.file() == null) {
            return "project-wide";
        }
        String file = Printable.escape(l.file());
        return l.span() == null ? "`" + file + "`" : "`" + file + "` line " + l.line();
    }

    static String language(String file) {
        if (file == null) {
            return "";
        }
        String name = file.substring(file.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        if (name.contains("dockerfile") || name.contains("containerfile")) {
            return "dockerfile";
        }
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            return "yaml";
        }
        if (name.endsWith(".py")) {
            return "python";
        }
        if (name.endsWith(".json")) {
            return "json";
        }
        if (name.endsWith(".toml")) {
            return "toml";
        }
        return name.endsWith(".txt") ? "txt" : "";
    }

    private static String label(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "Critical";
            case HIGH -> "High";
            case MEDIUM -> "Medium";
            case LOW -> "Low";
            case INFO -> "Info";
        };
    }

    /** The message as a sentence; its first word keeps its case (it is often a name: gcc, python:3.12). */
    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
