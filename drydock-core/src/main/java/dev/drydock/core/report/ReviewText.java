package dev.drydock.core.report;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Severity;
import dev.drydock.core.review.Strength;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The compact terminal form of a review: one block per finding, most severe first, then the good
 * practices and a summary line. ANSI colours only when asked for.
 */
public final class ReviewText {

    private final PrintWriter out;
    private final boolean color;

    public ReviewText(PrintWriter out, boolean color) {
        this.out = out;
        this.color = color;
    }

    public void print(Review review) {
        for (Finding f : review.findings()) {
            out.println(paint(f.severity(), f.severity().id().toUpperCase()) + " " + f.location() + " "
                    + bold(f.rule().title()) + " [" + f.ruleId() + "]");
            out.println("    " + f.message());
            out.println("    -> " + f.effectiveRecommendation());
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
