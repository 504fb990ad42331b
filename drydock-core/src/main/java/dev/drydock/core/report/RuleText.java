package dev.drydock.core.report;

import dev.drydock.core.review.RuleMetadata;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The rule catalogue for a terminal: the list of rules, or everything about one of them. */
public final class RuleText {

    private final PrintWriter out;

    public RuleText(PrintWriter out) {
        this.out = out;
    }

    /** One line per rule: id, severity, category, whether drydock fixes it, title, aliases. */
    public void list(List<RuleMetadata> rules) {
        int width = rules.stream().mapToInt(r -> r.id().length()).max().orElse(2);
        String row = "%-" + width + "s  %-8s  %-15s  %-7s  %s%s%n";
        out.printf(row, "ID", "SEVERITY", "CATEGORY", "FIXABLE", "TITLE", "");
        for (RuleMetadata m : rules) {
            out.printf(row, m.id(), m.severity().id(), m.category().id(), m.fixable() ? "yes" : "no", m.title(),
                    m.aliases().isEmpty() ? "" : " (" + String.join(", ", m.aliases()) + ")");
        }
        out.flush();
    }

    /** Everything the metadata says about one rule, examples included. */
    public void explain(RuleMetadata m) {
        out.println(m.id() + ": " + m.title());
        out.println("severity " + m.severity().id() + ", category " + m.category().id() + ", fix " + m.fix().id()
                + (m.effort().isEmpty() ? "" : ", effort " + m.effort()));
        if (!m.aliases().isEmpty()) {
            out.println("also known as: " + String.join(", ", m.aliases()));
        }
        out.println();
        out.println("Checks: " + m.checks());
        if (m.reportsStrengths()) {
            out.println("Good practice reported as: " + m.strength());
        }
        out.println("Problem: " + m.problem());
        out.println("Impact: " + m.impact());
        out.println("Recommendation: " + m.recommendation());
        if (!m.references().isEmpty()) {
            out.println("References:");
            m.references().forEach(r -> out.println("  " + r));
        }
        for (RuleMetadata.Example example : m.examples()) {
            out.println();
            file("Bad " + example.file(), example.bad());
            out.println();
            file("Good " + example.file(), example.good());
            for (Map.Entry<String, String> other : example.alongside().entrySet()) {
                out.println();
                file("Beside it, " + other.getKey(), other.getValue());
            }
        }
        out.flush();
    }

    private void file(String heading, String content) {
        out.println(heading + ":");
        content.lines().forEach(line -> out.println(line.isEmpty() ? "" : "    " + line));
    }
}
