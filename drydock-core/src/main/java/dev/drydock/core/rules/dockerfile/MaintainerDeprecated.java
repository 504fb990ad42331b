package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.dockerfile.syntax.PlainText;
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

@RuleDefinition(
        id = "maintainer-deprecated",
        title = "MAINTAINER is deprecated",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Every MAINTAINER instruction of every Dockerfile (BuildKit's MaintainerDeprecated check).",
        problem = "MAINTAINER only fills the image's legacy Author field, which OCI tooling, registries and scanners do"
                + " not read; the OCI label org.opencontainers.image.authors is where the author is looked for.",
        impact = "The author information is invisible to the tools that would show it, and docker build warns about"
                + " the deprecated instruction on every build.",
        recommendation = "Replace it with LABEL org.opencontainers.image.authors=\"name <email>\".",
        references = {
                "https://docs.docker.com/reference/build-checks/maintainer-deprecated/",
                "https://docs.docker.com/reference/dockerfile/#maintainer-deprecated",
                "https://github.com/opencontainers/image-spec/blob/main/annotations.md#pre-defined-annotation-keys"},
        aliases = {"MaintainerDeprecated", "DL4000", "DS-0022", "DS022", "CKV_DOCKER_6", "MAINTAINER Instruction Being Used"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        MAINTAINER Jane Doe <jane@example.com>
                        """,
                good = """
                        FROM python:3.12.7-slim
                        LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
                        """))
public final class MaintainerDeprecated implements Rule {

    static final String AUTHORS = "org.opencontainers.image.authors";

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (!dockerfile.parsed() || BuildCheckDirective.skips(dockerfile.syntax(), "MaintainerDeprecated")) {
                continue;
            }
            boolean hasAuthorsLabel = dockerfile.syntax().instructions().stream()
                    .anyMatch(i -> i.kind() == InstructionKind.LABEL && i.arguments() instanceof KeyValueList list
                            && list.entries().stream().anyMatch(e -> unquote(e.name().value()).equals(AUTHORS)));
            for (Instruction instruction : dockerfile.syntax().instructions()) {
                if (instruction.kind() != InstructionKind.MAINTAINER) {
                    continue;
                }
                String file = dockerfile.file().path();
                String author = instruction.arguments() instanceof PlainText text ? unquote(text.text().strip()) : "";
                String label = "LABEL " + AUTHORS + "=\"" + escape(author) + "\"";
                Fix fix = author.isEmpty() || hasAuthorsLabel || instruction.endLine() != instruction.startLine() ? null
                        : Fix.of("set the author as the OCI label", FixSafety.SAFE,
                                TextEdit.replace(file, instruction.span(), label));
                context.finding(this, file, instruction.keyword().span(), "MAINTAINER is deprecated"
                                + (author.isEmpty() ? "" : ": set " + author + " as the " + AUTHORS + " label instead"))
                        .recommendation(hasAuthorsLabel ? "Remove the MAINTAINER line: the image already has an "
                                + AUTHORS + " label." : "Write " + label + ".")
                        .fix(fix)
                        .add();
            }
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$");
    }
}
