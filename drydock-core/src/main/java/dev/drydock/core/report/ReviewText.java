package dev.drydock.core.report;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Severity;
import dev.drydock.core.review.Strength;
import dev.drydock.core.source.Printable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The compact terminal form of a review: one block per finding, most severe first, then the good
 * practices and a summary line. Three or more findings of one rule in one file (a missing limit on every
 * service) make one block with a line per place and each distinct recommendation once (see {@link Advice}); the
 * JSON, SARIF and CI formats keep one result per place.
 * ANSI colours only when asked for.
 */
public final class ReviewText {

    /** From this many findings of one rule in one file on, they are shown as one block. */
    private static final int GROUPED = 3;

    private final PrintWriter out;
    private final boolean color;

    public ReviewText(PrintWriter out, boolean color) {
        this.out = out;
        this.color = color;
    }

    public void print(Review review) {
        for (List<Finding> group : FindingGroups.by(review.findings(),
                f -> List.of(f.ruleId(), String.valueOf(f.location().file()), f.severity()))) {
            if (group.size() < GROUPED || group.get(0).location().file() == null
                    || Advice.of(group).size() > 1 && !Advice.labelled(group, l -> String.valueOf(l.line()))) {
                group.forEach(this::finding);
            } else {
                grouped(group);
            }
        }
        if (!review.strengths().isEmpty()) {
            out.println();
            out.println(bold("Good practices in place:"));
            for (Strength s : review.strengths()) {
                out.println("  + " + s.location() + " " + s.message() + " [" + s.ruleId() + "]");
            }
        }
        out.println();
        Map<Severity, Integer> summary = review.summary();
        out.println(review.findings().size() + " finding(s): " + summary.entrySet().stream()
                .filter(e -> e.getValue() > 0).map(e -> e.getValue() + " " + e.getKey().id())
                .collect(Collectors.joining(", ")) + (review.findings().isEmpty() ? "none" : "")
                + (review.suppressed().isEmpty() ? "" : " (" + review.suppressed().size() + " suppressed)")
                + "; " + review.strengths().size() + " good practice(s)");
        long safe = review.findings().stream().filter(f -> f.fixSafety() == FixSafety.SAFE).count();
        long unsafe = review.findings().stream().filter(f -> f.fixSafety() == FixSafety.UNSAFE).count();
        if (safe + unsafe > 0) {
            out.println((safe > 0 ? safe + " fixable with `drydock fix`" : "") + (safe > 0 && unsafe > 0 ? ", " : "")
                    + (unsafe > 0 ? unsafe + " more with `drydock fix --unsafe`" : "")
                    + " (`--dry-run` shows the diff first)");
        }
        out.flush();
    }

    private void finding(Finding f) {
        out.println(paint(f.severity(), f.severity().id().toUpperCase()) + " " + f.location() + " "
                + bold(f.rule().title()) + " [" + f.ruleId() + "]");
        out.println("    " + f.message());
        out.println("    -> " + f.effectiveRecommendation());
    }

    /**
     * One rule's findings in one file, shown once: a line per place with what differs (the service, the
     * variable), what they have in common once, and each distinct recommendation once: with "likewise" when
     * the places' recommendations differ only in their names, else each with the lines it belongs to.
     */
    private void grouped(List<Finding> group) {
        Finding first = group.get(0);
        out.println(paint(first.severity(), first.severity().id().toUpperCase()) + " " + first.location() + " "
                + bold(first.rule().title()) + " [" + first.ruleId() + "], " + group.size() + " places in "
                + Printable.escape(first.location().file()));
        List<String> messages = group.stream().map(Finding::message).toList();
        String shared = sharedEnding(messages);
        for (Finding f : group) {
            String message = shared.isEmpty() ? f.message()
                    : f.message().substring(0, f.message().length() - shared.length() - 2);
            out.println("    " + (f.location().span() == null ? "" : "line " + f.location().line() + ": ") + message);
        }
        if (!shared.isEmpty()) {
            out.println("    each: " + shared);
        }
        List<Advice.Shared> advice = Advice.of(group);
        if (advice.size() == 1) {
            Advice.Shared only = advice.get(0);
            out.println("    -> " + only.text() + (only.verbatim() ? "" : " (likewise for the other " + (group.size() - 1) + ")"));
            return;
        }
        for (Advice.Shared one : advice) {
            out.println("    -> " + lines(one.findings()) + ": " + one.text()
                    + (one.verbatim() ? "" : " (likewise for " + lines(one.others()) + ")"));
        }
    }

    /** "line 7", "lines 7, 8 and 23". */
    private static String lines(List<Finding> findings) {
        List<String> lines = findings.stream().map(f -> String.valueOf(f.location().line())).toList();
        return (lines.size() == 1 ? "line " : "lines ") + FindingGroups.list(lines);
    }

    /** The end all messages share after a colon ("...: a leak or a load spike in it can ..."), or "". */
    private static String sharedEnding(List<String> messages) {
        String common = messages.get(0);
        for (String m : messages) {
            int n = 0;
            while (n < common.length() && n < m.length()
                    && common.charAt(common.length() - 1 - n) == m.charAt(m.length() - 1 - n)) {
                n++;
            }
            common = common.substring(common.length() - n);
        }
        int colon = common.indexOf(": ");
        if (colon < 0) {
            return "";
        }
        String shared = common.substring(colon + 2);
        int shortest = messages.stream().mapToInt(String::length).min().orElse(0);
        return shared.length() < 20 || shared.length() + 2 >= shortest ? "" : shared;
    }

    private String paint(Severity severity, String text) {
        if (!color) {
            return text;
        }
        String code = switch (severity) {
            case CRITICAL -> "1;31";
            case HIGH -> "31";
            case MEDIUM -> "33";
            case LOW -> "36";
            case INFO -> "37";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    private String bold(String text) {
        return color ? "\u001b[1m" + text + "\u001b[0m" : text;
    }
}
