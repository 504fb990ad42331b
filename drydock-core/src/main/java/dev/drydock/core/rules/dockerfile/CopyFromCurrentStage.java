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
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StagesInUse;
import java.util.Locale;

@RuleDefinition(
        id = "copy-from-current-stage",
        title = "COPY --from names the stage it is in",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "Every COPY and ADD --from of the stages a build uses: fires when the value is the name or the"
                + " index of the stage the instruction belongs to.",
        problem = "A stage cannot copy from itself: its file system is what the instruction is building.",
        impact = "The build stops with a circular dependency error.",
        recommendation = "Copy from the earlier stage that produces the files (give it a name with FROM ... AS"
                + " name), or, for files already in this stage, use RUN cp.",
        references = {
                "https://docs.docker.com/build/building/multi-stage/",
                "https://docs.docker.com/reference/dockerfile/#copy---from"},
        aliases = {"DL3023", "DS-0006", "DS006", "COPY '--from' References Current FROM Alias"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM golang:1.23.2 AS build
                        WORKDIR /src
                        COPY --from=build /src/app /usr/local/bin/app
                        """,
                good = """
                        FROM golang:1.23.2 AS build
                        WORKDIR /src
                        RUN go env GOVERSION

                        FROM gcr.io/distroless/static-debian12:nonroot
                        COPY --from=build /src/app /usr/local/bin/app
                        """))
public final class CopyFromCurrentStage implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            Stage stage = used.stage();
            for (CopyCommand copy : stage.copies()) {
                if (copy.from() == null) {
                    continue;
                }
                String from = copy.from().toLowerCase(Locale.ROOT);
                if (from.equals(stage.name()) || from.equals(Integer.toString(stage.index()))) {
                    Flag flag = copy.instruction().flag("from").orElseThrow();
                    context.finding(this, copy.instruction().file().path(), flag.span(), copy.instruction().kind()
                                    + " --from=" + copy.from() + " names " + Stages.describe(stage)
                                    + ", the stage it is in: BuildKit stops with a circular dependency")
                            .add();
                }
            }
        }
    }
}
