package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.syntax.Instruction;
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
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(
        id = "no-empty-continuation",
        title = "An instruction continues over an empty line",
        severity = Severity.LOW,
        category = Category.BUILD,
        checks = "The continuation lines of every instruction of every Dockerfile, as BuildKit's NoEmptyContinuation"
                + " check does: fires when a line ending in the escape character is followed by an empty (or"
                + " white-space-only) line that the instruction goes on after. Comment lines are not empty.",
        problem = "BuildKit skips such empty lines today but has deprecated them: a future Dockerfile syntax will"
                + " reject them. They also make a reader think the instruction ended there.",
        impact = "The build breaks when the Dockerfile frontend drops the support, and docker build warns on every"
                + " build until then.",
        recommendation = "Remove the empty lines inside the instruction (or put a comment line there).",
        references = {
                "https://docs.docker.com/reference/build-checks/no-empty-continuation/",
                "https://docs.docker.com/reference/dockerfile/#format"},
        aliases = {"NoEmptyContinuation"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN apt-get update \\

                            && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u7
                        """,
                good = """
                        FROM debian:12.7-slim
                        RUN apt-get update \\
                            && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u7
                        """))
public final class NoEmptyContinuation implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (!dockerfile.parsed() || BuildCheckDirective.skips(dockerfile.syntax(), "NoEmptyContinuation")) {
                continue;
            }
            for (Instruction instruction : dockerfile.syntax().instructions()) {
                List<Span> empty = instruction.emptyContinuationLines();
                if (empty.isEmpty()) {
                    continue;
                }
                SourceFile source = dockerfile.file();
                List<TextEdit> edits = new ArrayList<>();
                for (Span line : empty) {
                    int n = line.startLine();
                    edits.add(TextEdit.delete(source.path(), source.lineStart(n),
                            n < source.lineCount() ? source.lineStart(n + 1) : source.text().length()));
                }
                String lines = empty.size() == 1 ? "an empty continuation line (line " + empty.get(0).startLine() + ")"
                        : empty.size() + " empty continuation lines";
                context.finding(this, source.path(), empty.get(0), instruction.kind().name() + " on line " + instruction.startLine() + " goes on after "
                                + lines + ", which a future Dockerfile syntax will reject")
                        .recommendation("Remove the empty line" + (empty.size() == 1 ? "" : "s")
                                + " inside the instruction, or turn " + (empty.size() == 1 ? "it" : "them")
                                + " into a comment.")
                        .fix(Fix.of("remove the empty continuation lines", FixSafety.SAFE, edits))
                        .add();
            }
        }
    }
}
