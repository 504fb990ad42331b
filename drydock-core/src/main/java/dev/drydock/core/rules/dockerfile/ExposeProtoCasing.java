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
import dev.drydock.core.source.Span;
import java.util.Locale;

@RuleDefinition(
        id = "expose-proto-casing",
        title = "The protocol of an EXPOSE port is not lower case",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Every port of every EXPOSE of every Dockerfile, as BuildKit's ExposeProtoCasing check does: fires"
                + " when the protocol after the '/' is not all lower case (EXPOSE 53/UDP).",
        problem = "Docker lower-cases the protocol when it records the port, so 80/TCP and 80/tcp are the same; the"
                + " upper-case spelling is only inconsistent with the rest of the Docker tooling and documentation.",
        impact = "docker build prints an ExposeProtoCasing warning for the line on every build.",
        recommendation = "Write the protocol in lower case: EXPOSE 53/udp.",
        references = {
                "https://docs.docker.com/reference/build-checks/expose-proto-casing/",
                "https://docs.docker.com/reference/dockerfile/#expose"},
        aliases = {"ExposeProtoCasing"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM coredns/coredns:1.11.3
                        EXPOSE 53/UDP
                        """,
                good = """
                        FROM coredns/coredns:1.11.3
                        EXPOSE 53/udp
                        """))
public final class ExposeProtoCasing implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (!dockerfile.parsed() || BuildCheckDirective.skips(dockerfile.syntax(), "ExposeProtoCasing")) {
                continue;
            }
            for (Instruction instruction : dockerfile.syntax().instructions()) {
                if (instruction.kind() != InstructionKind.EXPOSE || !(instruction.arguments() instanceof WordList list)) {
                    continue;
                }
                for (Word word : list.words()) {
                    check(context, dockerfile, word);
                }
            }
        }
    }

    private void check(ReviewContext context, DockerfileSource dockerfile, Word word) {
        String value = word.value();
        int slash = value.lastIndexOf('/');
        if (slash < 0 || value.indexOf('$') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\'') >= 0) {
            return;
        }
        String proto = value.substring(slash + 1);
        String lower = proto.toLowerCase(Locale.ROOT);
        if (proto.equals(lower)) {
            return;
        }
        String file = dockerfile.file().path();
        Fix fix = null;
        Span span = word.span();
        if (span.length() == value.length()) {
            Span protoSpan = dockerfile.file().span(span.start() + slash + 1, span.end());
            fix = Fix.of("write " + lower, FixSafety.SAFE, TextEdit.replace(file, protoSpan, lower));
            span = protoSpan;
        }
        context.finding(this, file, span, "protocol '" + proto + "' of EXPOSE " + value + " should be lower case")
                .recommendation("Write EXPOSE " + value.substring(0, slash + 1) + lower + ".")
                .fix(fix)
                .add();
    }
}
