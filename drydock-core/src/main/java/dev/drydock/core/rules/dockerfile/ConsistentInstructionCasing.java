package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
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
import java.util.List;
import java.util.Locale;

@RuleDefinition(
        id = "consistent-instruction-casing",
        title = "Instruction keywords are not written in one case",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "The keyword of every instruction of every Dockerfile, as BuildKit's ConsistentInstructionCasing"
                + " check does: a keyword in mixed case (Run, EntryPoint) is reported, and so is an all-lower or"
                + " all-upper keyword that goes against the case most keywords of the file use (upper case on a tie)."
                + " Unlike BuildKit, the ARGs before the first FROM count too. A word that is no instruction (a"
                + " shell command or YAML key where an instruction should be) is reported as a parse error instead.",
        problem = "Keywords may be written in any case, but a file that mixes them is harder to read and to search"
                + " (grep '^RUN' misses 'run'), and mixed-case keywords are easily mistaken for arguments.",
        impact = "docker build prints a ConsistentInstructionCasing warning for each such line (an error under"
                + " # check=error=true), noise that hides the warnings that matter.",
        recommendation = "Write every keyword in the case the rest of the file uses, normally upper case (FROM, RUN, COPY).",
        references = {
                "https://docs.docker.com/reference/build-checks/consistent-instruction-casing/",
                "https://docs.docker.com/reference/dockerfile/#format"},
        aliases = {"ConsistentInstructionCasing"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM nginx:1.27.2-alpine
                        Copy site/ /usr/share/nginx/html/
                        """,
                good = """
                        FROM nginx:1.27.2-alpine
                        COPY site/ /usr/share/nginx/html/
                        """))
public final class ConsistentInstructionCasing implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (!dockerfile.parsed() || BuildCheckDirective.skips(dockerfile.syntax(), "ConsistentInstructionCasing")) {
                continue;
            }
            int lower = 0;
            int upper = 0;
            List<Instruction> known = dockerfile.syntax().instructions().stream()
                    .filter(i -> i.kind() != InstructionKind.UNKNOWN).toList(); // the parse error is reported instead
            for (Instruction instruction : known) {
                String keyword = instruction.keyword().value();
                if (keyword.equals(lowerCase(keyword))) {
                    lower++;
                } else if (keyword.equals(upperCase(keyword))) {
                    upper++;
                }
            }
            boolean majorityLower = lower > upper;
            for (Instruction instruction : known) {
                check(context, dockerfile, instruction.keyword(), majorityLower, lower, upper);
            }
        }
    }

    private void check(ReviewContext context, DockerfileSource dockerfile, Word keyword, boolean majorityLower,
            int lower, int upper) {
        String written = keyword.value();
        String expected = majorityLower ? lowerCase(written) : upperCase(written);
        if (written.equals(expected)) {
            return;
        }
        String file = dockerfile.file().path();
        String why = written.equals(lowerCase(written)) || written.equals(upperCase(written))
                ? "the file writes " + Math.max(lower, upper) + " of its keywords in " + (majorityLower ? "lower" : "upper")
                        + " case"
                : "it mixes upper and lower case";
        context.finding(this, file, keyword.span(), "'" + written + "' is not written like the other keywords: " + why)
                .recommendation("Write " + expected + ".")
                .fix(Fix.of("write " + expected, FixSafety.SAFE, TextEdit.replace(file, keyword.span(), expected)))
                .add();
    }

    private static String lowerCase(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String upperCase(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
