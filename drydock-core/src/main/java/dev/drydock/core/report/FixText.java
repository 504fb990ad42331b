package dev.drydock.core.report;

import dev.drydock.core.fix.AppliedFix;
import dev.drydock.core.fix.FileChange;
import dev.drydock.core.fix.FixResult;
import dev.drydock.core.fix.Remaining;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.source.Printable;
import java.io.PrintWriter;
import java.util.List;

/** What {@code drydock fix} says: the fixes applied, the files changed, and what remains with why. */
public final class FixText {

    private final PrintWriter out;

    public FixText(PrintWriter out) {
        this.out = out;
    }

    /**
     * @param written whether the files were written (false for a dry run)
     */
    public void print(FixResult result, boolean written) {
        List<AppliedFix> applied = result.applied();
        if (applied.isEmpty()) {
            out.println("Nothing to fix" + (result.before().findings().isEmpty() ? ": no findings." : "."));
        } else {
            out.println((written ? "Fixed " : "Would fix ") + plural(result.fixedCount(), "finding") + " with "
                    + plural(applied.size(), "fix", "fixes") + " in " + plural(result.changes().size(), "file") + ":");
            for (AppliedFix a : applied) {
                out.println("  " + where(a.finding().location()) + "  " + a.ruleId() + ": " + a.fix().title()
                        + (a.fix().safety().id().equals("unsafe") ? " (unsafe)" : ""));
            }
        }
        for (FileChange change : result.changes()) {
            out.println((written ? (change.created() ? "  created " : "  wrote ") : (change.created() ? "  would create "
                    : "  would change ")) + Printable.escape(change.path()));
        }
        for (String problem : result.problems()) {
            out.println("not applied: " + problem);
        }
        for (Finding f : result.introduced()) {
            out.println("new after fixing: " + where(f.location()) + "  " + f.ruleId() + ": " + f.message());
        }
        List<Remaining> remaining = result.remaining();
        if (remaining.isEmpty()) {
            if (!applied.isEmpty()) {
                out.println("No findings remain.");
            }
        } else {
            out.println(plural(remaining.size(), "finding") + " remain" + (remaining.size() == 1 ? "s" : "") + ":");
            for (Remaining r : remaining) {
                Finding f = r.finding();
                out.println("  " + f.severity().id() + "  " + where(f.location()) + "  " + f.ruleId() + "  ("
                        + r.reason().description() + ")");
            }
        }
        out.flush();
    }

    private static String where(Location location) {
        if (location.file() == null) {
            return "(project)";
        }
        String file = Printable.escape(location.file());
        return location.span() == null ? file : file + ":" + location.line();
    }

    static String plural(int n, String noun) {
        return plural(n, noun, noun + "s");
    }

    static String plural(int n, String noun, String nouns) {
        return n + " " + (n == 1 ? noun : nouns);
    }
}
