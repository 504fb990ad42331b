package dev.drydock.cli;

import dev.drydock.core.json.RulesJson;
import dev.drydock.core.report.RuleText;
import dev.drydock.core.review.DeclinedChecks;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleMetadata;
import dev.drydock.core.review.Rules;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drydock rules [ID]}: the rule list, or one rule explained; both come from the rules' metadata. */
final class RulesCommand implements Callable<Integer> {

    enum Format { text, json }

    String id;
    Format format;

    final CommandSpec spec = Specs.exitCodes(Specs.command(this, "rules", "List the rules, or explain one (by id"
                    + " or by an alias such as DL3002) with a bad and a good example."),
            "0:the list or the rule was printed", "2:no rule has this id or alias")
            .addPositional(Specs.optionalParameter(v -> id = v, "ID", "A rule id or alias."))
            .addOption(Specs.option(Format.class, v -> format = v, "FORMAT", "text (default) or json (the list: id,"
                    + " title, severity, category, aliases, fix, fixable, summary; with an ID, that rule with"
                    + " everything its metadata holds).", "-f", "--format").defaultValue("text").build());

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (id == null) {
            if (format == Format.json) {
                RulesJson.write(Rules.all(), out);
            } else {
                new RuleText(out).list(Rules.all().stream().map(Rule::metadata).toList());
            }
            out.flush();
            return 0;
        }
        var rule = Rules.find(id);
        if (rule.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            var declined = DeclinedChecks.find(id);
            err.println("drydock: " + id + ": " + (declined.isPresent()
                    ? declined.get().tool() + "'s check, which drydock declines: " + declined.get().reason()
                    : "no rule has this id or alias (drydock rules lists them)"));
            err.flush();
            return Main.INPUT_ERROR;
        }
        RuleMetadata m = rule.get().metadata();
        if (format == Format.json) {
            RulesJson.write(m, out);
        } else {
            new RuleText(out).explain(m);
        }
        out.flush();
        return 0;
    }
}
