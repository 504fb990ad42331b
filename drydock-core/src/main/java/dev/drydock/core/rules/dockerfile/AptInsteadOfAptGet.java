package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.MissingPackageManagers;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.source.Span;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "apt-instead-of-apt-get",
        title = "A RUN uses apt, the interactive front end, instead of apt-get",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Every apt command (also /usr/bin/apt, behind sudo, in heredocs and exec form) in the RUNs of the"
                + " stages a build uses. The fix writes apt-get for the subcommands apt-get runs the same way"
                + " (install, remove, purge, update, autoremove, clean...); apt upgrade, full-upgrade, list, search"
                + " and show are reported without a fix, since apt-get and apt-cache differ there.",
        problem = "apt is the command-line tool for people at a terminal: its output, progress bars and defaults may"
                + " change between releases, and it prints 'WARNING: apt does not have a stable CLI interface. Use"
                + " with caution in scripts.' apt-get and apt-cache are the stable interfaces meant for scripts.",
        impact = "Noisy build logs and a Dockerfile that depends on an interface Debian does not promise to keep;"
                + " apt upgrade also behaves differently from apt-get upgrade (it installs new dependencies).",
        recommendation = "Write apt-get (install, update, remove...) or apt-cache (search, show, policy) instead of"
                + " apt.",
        references = {
                "https://manpages.debian.org/bookworm/apt/apt.8.en.html",
                "https://docs.docker.com/build/building/best-practices/#apt-get"},
        aliases = {"DL3027", "CKV_DOCKER_9", "Run Using apt"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM ubuntu:24.04
                        RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
                        """,
                good = """
                        FROM ubuntu:24.04
                        RUN apt-get update && apt-get install -y --no-install-recommends curl \\
                         && rm -rf /var/lib/apt/lists/*
                        """))
public final class AptInsteadOfAptGet implements Rule {

    /** Subcommands apt-get runs the same way as apt. */
    private static final Set<String> SAME_IN_APT_GET = Set.of("install", "remove", "purge", "update", "autoremove",
            "autopurge", "clean", "autoclean", "build-dep", "source", "download", "satisfy", "changelog");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (Stage stage : image.neededStages()) {
                for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
                    if (MissingPackageManagers.reported(run)) {
                        continue; // package-manager-not-in-image reports this RUN
                    }
                    for (Call call : run.calls("apt")) {
                        report(context, image, run, call);
                    }
                }
            }
        }
    }

    private void report(ReviewContext context, BuiltImage image, RunStep run, Call call) {
        String sub = call.options("-o", "--option", "-t", "--target-release", "-c", "--config-file").subcommand()
                .map(Call.Arg::value).orElse("");
        boolean same = SAME_IN_APT_GET.contains(sub);
        String instead = sub.equals("search") || sub.equals("show") || sub.equals("policy") ? "apt-cache " + sub
                : sub.equals("full-upgrade") ? "apt-get dist-upgrade" : "apt-get " + sub;
        Span span = call.program() == null ? call.span() : call.program().span();
        String written = call.program() == null ? "" : run.instruction().file().text(call.program().span());
        boolean fixable = same && run.script() != null && call.program() != null
                && written.equals(call.program().value()) && written.endsWith("apt");
        context.finding(this, image.dockerfile(), span, "apt " + sub + " uses apt, whose command-line interface is"
                        + " not stable for scripts: use " + instead.strip())
                .recommendation("Write " + instead.strip() + (sub.equals("upgrade")
                        ? " (apt upgrade also installs new dependencies; apt-get upgrade --with-new-pkgs does the same)"
                        : "") + ".")
                .fix(fixable ? Fix.of("write apt-get", FixSafety.SAFE,
                        TextEdit.replace(image.dockerfile(), span, written + "-get")) : null)
                .add();
    }
}
