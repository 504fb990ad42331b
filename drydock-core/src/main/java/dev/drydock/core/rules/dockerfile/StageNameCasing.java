package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildCheckDirective;
import java.util.Locale;

@RuleDefinition(
        id = "stage-name-casing",
        title = "A stage name has upper-case letters",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "The AS name of every FROM, as BuildKit's StageNameCasing check does: fires when the name is not all"
                + " lower case (FROM golang:1.23 AS BuilderBase).",
        problem = "BuildKit compares stage names in lower case, so BuilderBase, builderbase and BUILDERBASE are the same"
                + " stage; writing names in lower case keeps them apart from the upper-case instruction keywords and"
                + " matches how --target, COPY --from and FROM refer to them.",
        impact = "docker build prints a StageNameCasing warning for the line on every build (an error under"
                + " # check=error=true).",
        recommendation = "Write the stage name in lower case (builder-base); references to it keep working, since"
                + " stage names are matched without regard to case.",
        references = {
                "https://docs.docker.com/reference/build-checks/stage-name-casing/",
                "https://docs.docker.com/build/building/multi-stage/#name-your-build-stages"},
        aliases = {"StageNameCasing"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM golang:1.23.2-bookworm AS Builder
                        RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1

                        FROM debian:12.7-slim
                        COPY --from=Builder /go/bin/dlv /usr/local/bin/dlv
                        """,
                good = """
                        FROM golang:1.23.2-bookworm AS builder
                        RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1

                        FROM debian:12.7-slim
                        COPY --from=builder /go/bin/dlv /usr/local/bin/dlv
                        """))
public final class StageNameCasing implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (dockerfile.model() == null || BuildCheckDirective.skips(dockerfile.syntax(), "StageNameCasing")) {
                continue;
            }
            for (Stage stage : dockerfile.model().stages()) {
                Word name = stage.nameWord();
                if (name == null) {
                    continue;
                }
                String lower = name.value().toLowerCase(Locale.ROOT);
                if (lower.equals(name.value())) {
                    continue;
                }
                String file = dockerfile.file().path();
                context.finding(this, file, name.span(), "stage name '" + name.value() + "' should be lower case")
                        .recommendation("Name the stage " + lower + "; references to it need not change, as stage"
                                + " names are matched without regard to case.")
                        .fix(Fix.of("name the stage " + lower, FixSafety.SAFE, TextEdit.replace(file, name.span(), lower)))
                        .add();
            }
        }
    }
}
