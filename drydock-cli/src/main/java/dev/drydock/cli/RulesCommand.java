package dev.drydock.cli;

import dev.drydock.core.json.RulesJson;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleMetadata;
import dev.drydock.core.review.Rules;
import dev.drydock.core.source.SourceException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock rules [ID]}: the rule list, or one rule explained; both come from the rules' metadata. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List the rules, or explain one (by id or by an alias such as DL3002).")
final class RulesCommand implements Callable<Integer> {

    enum Format { text, json }

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "A rule id or alias.")
    String id;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json (the list: id, title, severity, category, aliases, fix, fixable, summary).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (id == null && format == Format.json) {
            RulesJson.write(Rules.all(), out);
            out.flush();
            return 0;
        }
        if (id == null) {
            for (Rule rule : Rules.all()) {
                RuleMetadata m = rule.metadata();
                out.printf("%-30s %-8s %-15s %-10s %s%n", m.id(), m.severity().id(), m.category().id(), m.fix().id(),
                        m.title());
            }
            out.flush();
            return 0;
        }
        Rule rule = Rules.find(id).orElseThrow(() -> SourceException.ofFile(id, "no rule has this id or alias"));
        RuleMetadata m = rule.metadata();
        out.println(m.id() + ": " + m.title());
        out.println("severity " + m.severity().id() + ", category " + m.category().id() + ", fix " + m.fix().id()
                + (m.effort().isEmpty() ? "" : ", effort " + m.effort()));
        if (!m.aliases().isEmpty()) {
            out.println("also known as: " + String.join(", ", m.aliases()));
        }
        out.println();
        out.println("Checks: " + m.checks());
        out.println("Problem: " + m.problem());
        out.println("Impact: " + m.impact());
        out.println("Recommendation: " + m.recommendation());
        if (!m.references().isEmpty()) {
            out.println("References:");
            m.references().forEach(r -> out.println("  " + r));
        }
        out.flush();
        return 0;
    }
}
