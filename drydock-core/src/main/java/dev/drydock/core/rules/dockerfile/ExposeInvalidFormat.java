package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.dockerfile.syntax.WordList;
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
        id = "expose-invalid-format",
        title = "EXPOSE names a host port or an IP address",
        severity = Severity.LOW,
        category = Category.BUILD,
        checks = "Every port of every EXPOSE of every Dockerfile, as BuildKit's ExposeInvalidFormat check does: fires"
                + " when it has a ':' (EXPOSE 8080:80, EXPOSE 127.0.0.1:80:80), the form of docker run -p, not of"
                + " EXPOSE. Ports written with a variable (EXPOSE $PORT) are left alone.",
        problem = "EXPOSE only documents which container port the application listens on; it never publishes a"
                + " port. Docker silently drops the host part and records the container port, so the line does not do"
                + " what it says.",
        impact = "Nothing is published on the host port or address the line names, and BuildKit announces that the"
                + " form will become an error in a future release.",
        recommendation = "Expose only the container port (EXPOSE 80); publish it on the host where the container is"
                + " run (docker run -p 127.0.0.1:8080:80, compose ports).",
        references = {
                "https://docs.docker.com/reference/build-checks/expose-invalid-format/",
                "https://docs.docker.com/reference/dockerfile/#expose",
                "https://docs.docker.com/reference/compose-file/services/#ports"},
        aliases = {"ExposeInvalidFormat"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM nginx:1.27.2-alpine
                        EXPOSE 8080:80
                        """,
                good = """
                        FROM nginx:1.27.2-alpine
                        EXPOSE 80
                        """))
public final class ExposeInvalidFormat implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (!dockerfile.parsed() || BuildCheckDirective.skips(dockerfile.syntax(), "ExposeInvalidFormat")) {
                continue;
            }
            for (Instruction instruction : dockerfile.syntax().instructions()) {
                if (instruction.kind() == InstructionKind.EXPOSE && instruction.arguments() instanceof WordList list) {
                    for (Word word : list.words()) {
                        check(context, dockerfile, word);
                    }
                }
            }
        }
    }

    private void check(ReviewContext context, DockerfileSource dockerfile, Word word) {
        String value = word.value();
        if (value.indexOf(':') < 0 || value.indexOf('$') >= 0) {
            return;
        }
        String containerPort = value.substring(value.lastIndexOf(':') + 1);
        String file = dockerfile.file().path();
        boolean plain = containerPort.matches("[0-9]+(-[0-9]+)?(/[A-Za-z]+)?") && word.span().length() == value.length();
        context.finding(this, file, word.span(), "EXPOSE should not name an IP address or a host port, found '" + value
                        + "': Docker only records the container port " + containerPort)
                .recommendation("Write EXPOSE " + containerPort + " and publish the port where the container runs"
                        + " (docker run -p " + value + ", or compose ports).")
                .fix(plain ? Fix.of("expose " + containerPort, FixSafety.SAFE,
                        TextEdit.replace(file, word.span(), containerPort)) : null)
                .add();
    }
}
