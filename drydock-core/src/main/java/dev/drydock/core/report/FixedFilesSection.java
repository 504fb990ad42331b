package dev.drydock.core.report;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.fix.AppliedFix;
import dev.drydock.core.fix.FileChange;
import dev.drydock.core.fix.FixResult;
import dev.drydock.core.fix.Remaining;
import dev.drydock.core.fix.UnifiedDiff;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Severity;
import java.io.PrintWriter;
import java.util.List;

/**
 * The review's Recommended Improvements as the fix engine produced them: the container files in full
 * as {@code drydock fix --unsafe} writes them, the other files as diffs, the fixes applied, and what is
 * left to do by hand with why.
 */
final class FixedFilesSection {

    private final PrintWriter out;

    FixedFilesSection(PrintWriter out) {
        this.out = out;
    }

    void print(FixResult fixes) {
        if (fixes.before().findings().isEmpty()) {
            return;
        }
        out.println("---");
        out.println();
        out.println("## 📋 Recommended Improvements");
        out.println();
        if (!fixes.changed()) {
            out.println("drydock has no automatic fix for these findings; each is described below.");
            out.println();
        } else {
            long safe = fixes.applied().stream().filter(a -> a.fix().safety() == FixSafety.SAFE).count();
            long severe = fixes.after().findings().stream().filter(f -> f.severity().atLeast(Severity.HIGH)).count();
            out.println("These are the files as `drydock fix --unsafe` writes them: " + FixText.plural(fixes.applied().size(),
                    "fix", "fixes") + " in " + FixText.plural(fixes.changes().size(), "file") + ", checked by reviewing the"
                    + " result again, which leaves " + (severe == 0 ? "no critical or high finding"
                    : FixText.plural((int) severe, "critical or high finding")) + (fixes.introduced().isEmpty()
                    ? " and no new one" : " and " + FixText.plural(fixes.introduced().size(), "new finding")) + ". `drydock fix`"
                    + " alone applies " + (safe == 0 ? "none of them: each changes behaviour" : "the " + FixText.plural((int) safe,
                    "safe fix", "safe fixes") + " (" + (safe == 1 ? "it keeps" : "they keep") + " the behaviour)") + "; `--dry-run` shows the diff first.");
            out.println();
            files(fixes);
            applied(fixes.applied());
        }
        byHand(fixes.remaining());
    }

    private void files(FixResult fixes) {
        for (FileChange change : fixes.changes()) {
            if (wholeFile(fixes, change.path())) {
                out.println("### `" + change.path() + "`" + (change.created() ? " (new)" : ""));
                out.println();
                out.println("```" + ReviewMarkdown.language(change.path()));
                out.print(change.fixed());
                if (!change.fixed().endsWith("\n")) {
                    out.println();
                }
                out.println("```");
            } else {
                out.println("### Changes to `" + change.path() + "`");
                out.println();
                out.println("```diff");
                out.print(UnifiedDiff.of(change));
                out.println("```");
            }
            out.println();
        }
    }

    /** Container files read best whole; other files (requirements, sources) as what changed. */
    private static boolean wholeFile(FixResult fixes, String path) {
        var project = fixes.before().project();
        return project.dockerfiles().containsKey(path) || path.endsWith(".dockerignore")
                || project.composeProjects().stream().anyMatch(c -> c.files().stream()
                        .anyMatch(f -> f.displayPath().equals(path)));
    }

    private void applied(List<AppliedFix> applied) {
        out.println("### Fixes applied");
        out.println();
        out.println("| Rule | Where | Fix | Safety |");
        out.println("|---|---|---|---|");
        for (AppliedFix a : applied) {
            out.println("| `" + a.ruleId() + "` | " + ReviewMarkdown.where(a.finding().location()) + " | "
                    + a.fix().title().replace("|", "\\|") + " | " + a.fix().safety().id() + " |");
        }
        out.println();
    }

    private void byHand(List<Remaining> remaining) {
        if (remaining.isEmpty()) {
            return;
        }
        out.println("### Left to do by hand");
        out.println();
        int item = 1;
        for (List<Remaining> same : FindingGroups.by(remaining, r -> r.finding().ruleId() + " " + r.reason())) {
            Finding f = same.get(0).finding();
            List<Location> locations = same.stream().map(r -> r.finding().location()).toList();
            out.println("#### " + item++ + ". " + f.rule().title() + " (" + FindingGroups.places(locations) + ", "
                    + f.severity().id() + "; " + same.get(0).reason().description() + ")");
            out.println();
            ReviewMarkdown.recommendations(out, same.stream().map(Remaining::finding).toList(), null);
            out.println();
        }
    }
}
