package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.expand.Expansion;
import dev.drydock.core.dockerfile.expand.WordExpander;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Flag;
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
import dev.drydock.core.rules.support.Stages;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "build-platform-in-image",
        title = "A stage the image is made of is built for the build machine's platform",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "The FROM --platform of the stages the built image is made of (its final stage and the stages that"
                + " one is built on): fires when the value uses BUILDPLATFORM, BUILDOS or BUILDARCH. A builder stage"
                + " pinned to the build platform to cross-compile, whose output the image copies, is the intended use"
                + " and is not reported; nor is a stage FROM scratch, which has no platform of its own. Low for a"
                + " development target (dev, development, test), usually built and run on the same machine.",
        problem = "--platform=$BUILDPLATFORM makes a stage use the base image of the machine that runs the build."
                + " In a builder stage that cross-compiles, that is the point; in the image itself it means the image"
                + " always holds the build machine's binaries, whatever platform the build was asked for.",
        impact = "An image built with --platform linux/amd64 on an ARM laptop or CI runner (or a multi-platform"
                + " build) is labelled for the requested platform but holds the build machine's programs: its"
                + " containers fail to start with 'exec format error' on the hosts they are deployed to.",
        recommendation = "Remove --platform from the stages the image is made of, so that they follow the target"
                + " platform; keep --platform=$BUILDPLATFORM for a builder stage that cross-compiles with TARGETOS"
                + " and TARGETARCH, and copy its output into the final stage.",
        references = {
                "https://docs.docker.com/build/building/multi-platform/#cross-compilation",
                "https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope",
                "https://docs.docker.com/reference/dockerfile/#from"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM --platform=$BUILDPLATFORM node:22.12.0-alpine3.20
                        WORKDIR /srv
                        COPY server.js .
                        USER node
                        CMD ["node", "server.js"]
                        """,
                good = """
                        FROM node:22.12.0-alpine3.20
                        WORKDIR /srv
                        COPY server.js .
                        USER node
                        CMD ["node", "server.js"]
                        """))
public final class BuildPlatformInImage implements Rule {

    private static final Set<String> BUILD_PLATFORM_ARGS = Set.of("BUILDPLATFORM", "BUILDOS", "BUILDARCH",
            "BUILDVARIANT");

    @Override
    public void check(ReviewContext context) {
        Set<String> seen = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            DockerfileModel model = image.model();
            WordExpander expander = WordExpander.forEscape(model.syntax().escapeChar());
            List<Stage> stages = image.imageStages();
            for (Stage stage : stages) {
                Flag flag = stage.from().flag("platform").filter(Flag::hasValue).orElse(null);
                if (flag == null || stage.base() instanceof BaseImage.Scratch
                        || !seen.add(image.dockerfile() + "#" + stage.index())) {
                    continue;
                }
                Expansion e = expander.expand(flag.value(), model.globalArgs());
                if (!e.ok() || e.matched().stream().noneMatch(BUILD_PLATFORM_ARGS::contains)) {
                    continue;
                }
                report(context, image, stage, flag);
            }
        }
    }

    private void report(ReviewContext context, BuiltImage image, Stage stage, Flag flag) {
        String which = stage == image.stage() ? (stage.name() == null ? "the final stage" : "the final "
                + Stages.describe(stage)) : Stages.describe(stage) + ", which the final stage is built on,";
        String file = image.dockerfile();
        String text = image.model().syntax().file().text();
        int end = flag.span().end();
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        context.finding(this, file, flag.span(), "FROM " + flag.text() + " builds " + which + " for the platform of"
                        + " the machine that runs the build, not the one the build asks for: built with --platform"
                        + " for another architecture, the image holds the build machine's programs and its"
                        + " containers fail with 'exec format error'")
                .recommendation("Remove " + flag.text() + " from this FROM; if the stage compiles, do that in a builder"
                        + " stage FROM " + flag.text() + " that cross-compiles for TARGETOS/TARGETARCH, and copy the"
                        + " result into a final stage without --platform.")
                .severity(image.isDevelopmentImage() ? Severity.LOW : Severity.MEDIUM)
                .fix(Fix.of("remove " + flag.text(), FixSafety.UNSAFE, TextEdit.delete(file, flag.span().start(), end)))
                .add();
    }
}
