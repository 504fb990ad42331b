package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.expand.WordExpander;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.PlainText;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildCheckDirective;

@RuleDefinition(
        id = "workdir-relative-path",
        title = "A relative WORKDIR depends on the base image's working directory",
        severity = Severity.LOW,
        category = Category.BUILD,
        checks = "The WORKDIR instructions of every stage, as BuildKit's WorkdirRelativePath check does: fires when the"
                + " path, after variable expansion, is relative (WORKDIR app) and no WORKDIR of the Dockerfile set the"
                + " working directory before it in the stage or the stages it is built on. A relative WORKDIR after"
                + " an absolute one is left alone, as in BuildKit: it resolves against a directory the Dockerfile"
                + " itself chose (hadolint, Trivy, Checkov and KICS report every relative WORKDIR). Windows paths with"
                + " a drive letter count as absolute.",
        problem = "A relative WORKDIR is resolved against the working directory the base image happens to set: with"
                + " WORKDIR usr/share/nginx/html the files land under /usr/share/nginx/html only while the base image"
                + " works in /.",
        impact = "When the base image changes its WORKDIR (a new major version, another vendor), files are copied and"
                + " commands run in another directory, and the container fails to find them.",
        recommendation = "Start the path with / (WORKDIR /usr/share/nginx/html).",
        references = {
                "https://docs.docker.com/reference/build-checks/workdir-relative-path/",
                "https://docs.docker.com/reference/dockerfile/#workdir"},
        aliases = {"WorkdirRelativePath", "DL3000", "DS-0009", "DS009", "CKV_DOCKER_10", "WORKDIR Path Not Absolute"},
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM nginx:1.27.2-alpine
                        WORKDIR usr/share/nginx/html
                        COPY public/ .
                        """,
                good = """
                        FROM nginx:1.27.2-alpine
                        WORKDIR /usr/share/nginx/html
                        COPY public/ .
                        """))
public final class WorkdirRelativePath implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            DockerfileModel model = dockerfile.model();
            if (model == null || BuildCheckDirective.skips(dockerfile.syntax(), "WorkdirRelativePath")) {
                continue;
            }
            WordExpander expander = WordExpander.forEscape(model.syntax().escapeChar());
            for (Stage stage : model.stages()) {
                for (Step step : stage.steps()) {
                    Instruction instruction = step.instruction();
                    if (instruction.kind() != InstructionKind.WORKDIR || step.workdir() != null
                            || !(instruction.arguments() instanceof PlainText text)) {
                        continue;
                    }
                    String path = expander.expand(text.text(), step.variables()).valueOr(text.text());
                    if (path.startsWith("/") || path.matches("(?i)[a-z]:[\\\\/].*")) {
                        continue;
                    }
                    context.finding(this, dockerfile.file().path(), text.span(), "relative WORKDIR '" + path
                                    + "' is resolved against the base image's working directory, which can change")
                            .recommendation("Write the absolute path: WORKDIR /" + path.replaceFirst("^\\./", "")
                                    + " if the base image works in /.")
                            .add();
                }
            }
        }
    }
}
