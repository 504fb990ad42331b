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
import java.util.HashMap;
import java.util.Map;

@RuleDefinition(
        id = "duplicate-stage-name",
        title = "Two stages have the same name",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "The AS names of the FROM lines of every Dockerfile, compared without regard to case as BuildKit"
                + " compares them (its DuplicateStageName check): every stage that takes a name an earlier stage"
                + " already has is reported at its name.",
        problem = "A stage name must say which stage it means. With two stages of the same name, BuildKit silently"
                + " picks one: FROM name the latest one above it, COPY --from=name and --target name the last one in"
                + " the file (a COPY above that stage then fails), which is rarely what both authors meant.",
        impact = "The image is built from the wrong stage: files copied from the other builder, a target that builds"
                + " something else than the CI job expects, or a build that breaks when the stages are reordered.",
        recommendation = "Give every stage its own name, telling what it builds (deb-builder, go-builder).",
        references = {
                "https://docs.docker.com/reference/build-checks/duplicate-stage-name/",
                "https://docs.docker.com/build/building/multi-stage/#name-your-build-stages"},
        aliases = {"DuplicateStageName", "DL3024", "DS-0012", "DS012", "CKV_DOCKER_11", "Same Alias In Different Froms"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM node:20.18.0-bookworm-slim AS build
                        RUN npm install --global pnpm@9.12.1

                        FROM golang:1.23.2-bookworm AS build
                        RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1
                        """,
                good = """
                        FROM node:20.18.0-bookworm-slim AS web-build
                        RUN npm install --global pnpm@9.12.1

                        FROM golang:1.23.2-bookworm AS go-build
                        RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1
                        """))
public final class DuplicateStageName implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (dockerfile.model() == null || BuildCheckDirective.skips(dockerfile.syntax(), "DuplicateStageName")) {
                continue;
            }
            Map<String, Stage> first = new HashMap<>();
            for (Stage stage : dockerfile.model().stages()) {
                if (stage.name() == null) {
                    continue;
                }
                Stage earlier = first.putIfAbsent(stage.name(), stage);
                if (earlier == null) {
                    continue;
                }
                context.finding(this, dockerfile.file().path(), stage.nameWord().span(), "stage name '"
                                + stage.nameWord().value() + "' is already the name of the stage on line "
                                + earlier.from().startLine() + ": stage names must be unique")
                        .recommendation("Rename one of the two stages (and the COPY --from, FROM and --target"
                                + " references meant for it) so each name says what its stage builds.")
                        .add();
            }
        }
    }
}
