package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import java.util.Set;

@RuleDefinition(
        id = "onbuild-forbidden-trigger",
        title = "ONBUILD triggers ONBUILD, FROM or MAINTAINER",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "Every ONBUILD of every Dockerfile: fires when its trigger is ONBUILD, FROM or MAINTAINER.",
        problem = "The Dockerfile reference forbids these three as ONBUILD triggers: BuildKit refuses to read the"
                + " Dockerfile (\"ONBUILD ONBUILD isn't allowed\", \"FROM isn't allowed as an ONBUILD trigger\").",
        impact = "No stage of the Dockerfile builds.",
        recommendation = "Write the trigger as the instruction the downstream build should run (ONBUILD COPY . /app,"
                + " ONBUILD RUN ...); set the maintainer with LABEL org.opencontainers.image.authors.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#onbuild"},
        aliases = {"DL3043"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        ONBUILD ONBUILD COPY . /app
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        ONBUILD COPY . /app
                        """))
public final class OnbuildForbiddenTrigger implements Rule {

    private static final Set<InstructionKind> FORBIDDEN = Set.of(InstructionKind.ONBUILD, InstructionKind.FROM,
            InstructionKind.MAINTAINER);

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            for (Instruction instruction : dockerfile.syntax().instructions()) {
                instruction.trigger().filter(t -> FORBIDDEN.contains(t.kind())).ifPresent(trigger ->
                        context.finding(this, dockerfile.file().path(), trigger.keyword().span(),
                                        "ONBUILD " + trigger.keyword().value() + ": " + trigger.kind().name()
                                                + " is not allowed as an ONBUILD trigger, so the Dockerfile does not"
                                                + " build")
                                .add());
            }
        }
    }
}
