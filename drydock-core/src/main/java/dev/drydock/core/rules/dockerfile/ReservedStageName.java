package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildCheckDirective;
import java.util.Set;

@RuleDefinition(
        id = "reserved-stage-name",
        title = "A stage is named with a reserved word",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "The AS name of every FROM, as BuildKit's ReservedStageName check does: fires for the names BuildKit"
                + " reserves, scratch and context (in any case).",
        problem = "scratch names the empty image and context names the build context (COPY --from=context,"
                + " named build contexts); a stage named like them makes FROM scratch and the context references"
                + " ambiguous.",
        impact = "A later FROM scratch may still start from the empty image instead of the stage, or a reference meant"
                + " for the stage reaches something else, and docker build warns on every build.",
        recommendation = "Name the stage after what it builds (base, builder).",
        references = {
                "https://docs.docker.com/reference/build-checks/reserved-stage-name/",
                "https://docs.docker.com/build/building/multi-stage/#name-your-build-stages"},
        aliases = {"ReservedStageName", "DL3063"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM alpine:3.20.3 AS scratch
                        RUN apk add --no-cache ca-certificates=20240705-r0
                        """,
                good = """
                        FROM alpine:3.20.3 AS base
                        RUN apk add --no-cache ca-certificates=20240705-r0
                        """))
public final class ReservedStageName implements Rule {

    private static final Set<String> RESERVED = Set.of("scratch", "context");

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (dockerfile.model() == null || BuildCheckDirective.skips(dockerfile.syntax(), "ReservedStageName")) {
                continue;
            }
            for (Stage stage : dockerfile.model().stages()) {
                if (stage.name() != null && RESERVED.contains(stage.name())) {
                    context.finding(this, dockerfile.file().path(), stage.nameWord().span(), "'" + stage.nameWord().value()
                                    + "' is reserved and should not be used as a stage name")
                            .recommendation("Name the stage after what it builds, e.g. base or builder, and update the"
                                    + " references to it.")
                            .add();
                }
            }
        }
    }
}
