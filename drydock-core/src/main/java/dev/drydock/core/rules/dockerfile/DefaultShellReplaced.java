package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "default-shell-replaced",
        title = "A RUN replaces /bin/sh instead of using SHELL",
        severity = Severity.LOW,
        category = Category.RELIABILITY,
        checks = "ln, cp and mv in the RUNs of the stages a build uses whose destination is /bin/sh or /usr/bin/sh"
                + " (ln -sf /bin/bash /bin/sh), and dpkg-reconfigure dash, which does the same on Debian and Ubuntu.",
        problem = "/bin/sh is the shell of every script in the image, the distribution's package scripts included;"
                + " replacing it to get bash features in RUN changes all of them, for the build and at run time.",
        impact = "Package installs and upgrades run their maintainer scripts with another shell than they were"
                + " tested with, and the next distribution update can restore the original link without notice.",
        recommendation = "Leave /bin/sh alone and choose the shell of the RUNs with SHELL [\"/bin/bash\", \"-o\","
                + " \"pipefail\", \"-c\"], or run bash explicitly for the one script that needs it.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#shell",
                "https://wiki.debian.org/Shell"},
        aliases = {"DL4005", "Changing Default Shell Using RUN Command"},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN ln -sf /bin/bash /bin/sh
                        RUN echo "building on $(uname -m)" && [[ -d /opt ]]
                        """,
                good = """
                        FROM debian:12.7-slim
                        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                        RUN echo "building on $(uname -m)" && [[ -d /opt ]]
                        """))
public final class DefaultShellReplaced implements Rule {

    private static final Set<String> SH = Set.of("/bin/sh", "/usr/bin/sh");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (BuildRuns.StageRun run : BuildRuns.of(image)) {
                for (Call call : run.run().calls()) {
                    if (call.is("ln", "cp", "mv")) {
                        List<Call.Arg> operands = call.options("-t", "--target-directory", "-S", "--suffix").operands();
                        if (operands.size() >= 2 && SH.contains(operands.get(operands.size() - 1).value())) {
                            Call.Arg target = operands.get(operands.size() - 1);
                            context.finding(this, image.dockerfile(), call.spanTo(target), BuildRuns.describe(call)
                                            + " replaces /bin/sh with " + operands.get(0).value()
                                            + " for every script of the image")
                                    .add();
                        }
                    } else if (call.is("dpkg-reconfigure") && call.args().stream().anyMatch(a -> a.value().equals("dash"))) {
                        context.finding(this, image.dockerfile(), call.span(), "dpkg-reconfigure dash makes /bin/sh"
                                        + " point to another shell (bash) for every script of the image")
                                .add();
                    }
                }
            }
        }
    }
}
