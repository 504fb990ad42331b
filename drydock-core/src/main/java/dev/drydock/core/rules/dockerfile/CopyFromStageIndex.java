package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.StagesInUse;

@RuleDefinition(
        id = "copy-from-stage-index",
        title = "COPY --from refers to a stage by its number",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Every COPY and ADD --from of the stages a build uses whose value is a number (a stage index).",
        problem = "--from=0 means \"the first FROM\": inserting or reordering a stage makes it point at another"
                + " stage without any error.",
        impact = "After an edit the image silently gets files from the wrong stage, or the build fails far from"
                + " the cause.",
        recommendation = "Name the stage (FROM golang:1.23.2 AS build) and copy with --from=build.",
        references = {
                "https://docs.docker.com/build/building/multi-stage/#name-your-build-stages"},
        aliases = {"Using Unnamed Build Stages"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM golang:1.23.2
                        WORKDIR /src
                        RUN go env GOVERSION > /version

                        FROM alpine:3.20.3
                        COPY --from=0 /version /version
                        """,
                good = """
                        FROM golang:1.23.2 AS build
                        WORKDIR /src
                        RUN go env GOVERSION > /version

                        FROM alpine:3.20.3
                        COPY --from=build /version /version
                        """))
public final class CopyFromStageIndex implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            for (CopyCommand copy : used.stage().copies()) {
                String from = copy.from();
                if (from == null || from.isEmpty() || !from.chars().allMatch(c -> c >= '0' && c <= '9')
                        || from.length() > 5) {
                    continue;
                }
                int index = Integer.parseInt(from);
                if (index >= used.image().model().stages().size() || index == used.stage().index()) {
                    continue;
                }
                Stage named = used.image().model().stages().get(index);
                Flag flag = copy.instruction().flag("from").orElseThrow();
                String image = named.from().arguments() instanceof dev.drydock.core.dockerfile.syntax.WordList w
                        && !w.words().isEmpty() ? w.words().get(0).value() : "stage " + index;
                context.finding(this, copy.instruction().file().path(), flag.span(), copy.instruction().kind()
                                + " --from=" + from + " refers to stage " + index + " (FROM " + image + ", line "
                                + named.from().startLine() + ") by its position")
                        .recommendation(named.name() != null
                                ? "Write --from=" + named.name() + ", the name stage " + index + " already has."
                                : "Name the stage (FROM " + image + " AS build) and write --from=build.")
                        .add();
            }
        }
    }
}
