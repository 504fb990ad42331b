package dev.drydock.cli;

import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.fix.FixOptions;
import dev.drydock.core.fix.FixResult;
import dev.drydock.core.fix.FixWriter;
import dev.drydock.core.fix.UnifiedDiff;
import dev.drydock.core.json.FixJson;
import dev.drydock.core.report.FixText;
import dev.drydock.core.review.Rules;
import dev.drydock.core.source.SourceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drydock fix PATH}: applies the rules' fixes, re-reviews the result, and writes it (or shows the diff). */
final class FixCommand implements Callable<Integer> {

    enum Format { text, json }

    Path path;
    boolean unsafe;
    boolean dryRun;
    List<String> rules = List.of();
    Format format;
    ReviewCommand.Threshold failOn;
    Path config;
    Boolean shellcheck;

    final CommandSpec spec = Specs.exitCodes(Specs.command(this, "fix",
                    "Repair a project's container setup: apply the fixes the review offers, re-review the result",
                    "until nothing changes, and write the files atomically (only files inside the project)."),
            "0:nothing at or above --fail-on remains (and, with --dry-run, nothing would change)",
            "1:a finding at or above --fail-on remains, or --dry-run would change files",
            "2:a usage or input error, or a file changed since it was read (nothing is written then)")
            .addPositional(Specs.path(v -> path = v))
            .addOption(Specs.flag(v -> unsafe = v, "Also apply fixes that change behaviour (another server, user or"
                    + " base image layout); review the diff before committing them.", "--unsafe").build())
            .addOption(Specs.flag(v -> dryRun = v, "Print the unified diff of every file and write nothing.",
                    "--dry-run", "--diff").build())
            .addOption(Specs.list(v -> rules = v, "ID",
                    "Fix only the findings of these rules (ids or aliases such as DL3008; repeatable).", "--rule")
                    .build())
            .addOption(Specs.option(Format.class, v -> format = v, "FORMAT", "text (default) or json.",
                    "-f", "--format").defaultValue("text").build())
            .addOption(Specs.option(ReviewCommand.Threshold.class, v -> failOn = v, "SEVERITY",
                    "Exit with 1 when a remaining finding reaches this severity (default: fail-on of the"
                    + " configuration, else high; none never).", "--fail-on").build())
            .addOption(Specs.option(Path.class, v -> config = v, "FILE", "The configuration file (default: the"
                    + " nearest .drydock.yaml, else .hadolint.yaml; see review). A finding it or an ignore comment"
                    + " suppresses is not fixed.", "--config").build())
            .addOption(Specs.negatable(v -> shellcheck = v, "Pass the RUN scripts to shellcheck when it is on PATH"
                    + " (the default), or not (--no-shellcheck): its findings have no fixes, but they are counted"
                    + " among those that remain.", "--shellcheck").build());

    private final Invocation invocation;

    FixCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws IOException {
        invocation.requireOwnProcess();
        Set<String> ids = new LinkedHashSet<>();
        for (String id : rules) {
            ids.add(Rules.find(id).orElseThrow(() -> SourceException.ofFile(id, "no rule has this id or alias")).id());
        }
        FixOptions options = (unsafe ? FixOptions.withUnsafe() : FixOptions.safeOnly()).onlyRules(ids);
        DrydockConfig configured = Configs.load(config, path).withShellCheck(shellcheck == null || shellcheck);
        FixResult result = configured.fixEngine().fix(path, options);
        boolean written = false;
        if (!dryRun && result.changed()) {
            try {
                new FixWriter(result.before().project().root()).write(result.changes());
                written = true;
            } catch (FixWriter.RefusedException e) {
                throw SourceException.ofFile(e.path(), e.getMessage().substring(e.path().length() + 2));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            FixJson.write(result, written, out);
        } else {
            if (dryRun) {
                out.print(UnifiedDiff.of(result.changes()));
            }
            new FixText(out).print(result, written);
        }
        out.flush();
        boolean remains = Configs.threshold(failOn, configured).map(result.after()::reaches).orElse(false);
        return remains || (dryRun && result.changed()) ? 1 : 0;
    }
}
