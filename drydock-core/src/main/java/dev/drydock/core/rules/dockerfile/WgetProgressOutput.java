package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.rules.support.RunStep;
import java.util.Optional;

@RuleDefinition(
        id = "wget-progress-output",
        title = "wget prints its progress into the build log",
        severity = Severity.INFO,
        category = Category.MAINTAINABILITY,
        checks = "GNU wget calls in the RUNs of the stages a build uses without -q/--quiet, -nv/--no-verbose,"
                + " --progress=..., -o/--output-file or -a/--append-output. Stages of Alpine or BusyBox images are"
                + " skipped unless they install the wget package: BusyBox's wget prints no progress dots.",
        problem = "Without a terminal, GNU wget draws its progress as lines of dots: thousands of lines for a large"
                + " download.",
        impact = "Build logs grow by megabytes and the lines that matter (errors, warnings) are hard to find; CI log"
                + " limits can truncate the output.",
        recommendation = "Add -nv (one line per file, errors still shown), or --progress=dot:giga, or -q.",
        references = {
                "https://www.gnu.org/software/wget/manual/wget.html#Logging-and-Input-File-Options",
                "https://www.gnu.org/software/wget/manual/wget.html#Download-Options"},
        aliases = {"DL3047"},
        fix = FixSafety.UNSAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.8
                        RUN wget -O /tmp/data.tgz https://example.com/data-2024.06.tgz
                        """,
                good = """
                        FROM python:3.12.8
                        RUN wget -nv -O /tmp/data.tgz https://example.com/data-2024.06.tgz
                        """))
public final class WgetProgressOutput implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (BuildRuns.StageRun run : BuildRuns.of(image)) {
                for (Call call : run.run().calls()) {
                    if (!call.is("wget") || quiet(call) || busyBoxWget(image, run)) {
                        continue;
                    }
                    Fix fix = run.run().script() == null || call.program() == null ? null
                            : Fix.of("add -nv to wget", FixSafety.UNSAFE,
                                    TextEdit.insert(image.dockerfile(), call.program().span().end(), " -nv"));
                    context.finding(this, image.dockerfile(), call.program() == null ? call.span()
                                    : call.program().span(), BuildRuns.describe(call) + " prints a progress line of"
                                    + " dots for every few kilobytes into the build log")
                            .recommendation("Write wget -nv (errors are still printed), or --progress=dot:giga.")
                            .fix(fix)
                            .add();
                }
            }
        }
    }

    private static boolean quiet(Call call) {
        return call.options("-o", "--output-file", "-a", "--append-output", "-O", "--output-document", "-P", "-e",
                        "-U", "-T", "-t", "--header", "--user", "--password")
                .has("-q", "--quiet", "-nv", "--no-verbose", "--progress", "-o", "--output-file", "-a",
                        "--append-output", "--show-progress")
                || call.args().stream().anyMatch(a -> a.value().equals("-nv") || a.value().startsWith("--progress"));
    }

    /** Alpine and BusyBox images have BusyBox's wget unless a RUN installs GNU wget. */
    private static boolean busyBoxWget(BuiltImage image, BuildRuns.StageRun run) {
        Optional<ImageTools> tools = InferredImageTools.of(image.model(), run.stage());
        boolean busybox = tools.map(ImageTools::busyBox).orElse(false);
        if (!busybox) {
            return false;
        }
        for (RunStep step : RunStep.of(image.model(), java.util.List.of(run.stage()))) {
            for (Call c : step.calls()) {
                if (c.is("apk") && c.args().stream().anyMatch(a -> a.value().equals("wget"))) {
                    return false;
                }
            }
        }
        return true;
    }
}
