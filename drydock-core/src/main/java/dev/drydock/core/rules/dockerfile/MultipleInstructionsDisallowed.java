package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.ShellForm;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildCheckDirective;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "multiple-instructions-disallowed",
        title = "A stage sets CMD, ENTRYPOINT or HEALTHCHECK more than once",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "The CMD, ENTRYPOINT and HEALTHCHECK instructions of every stage of every Dockerfile, as BuildKit's"
                + " MultipleInstructionsDisallowed check does: each one that a later instruction of the same kind in"
                + " the same stage overrides is reported, at the overridden line. The CMD of a HEALTHCHECK is not a"
                + " CMD instruction, and a stage built FROM another one may set its own CMD. An overridden CMD or"
                + " ENTRYPOINT that prepares the application (migrate, db:seed, collectstatic, install, init ...) is"
                + " medium: it was meant to run before the last one, and never runs.",
        problem = "An image has one CMD, one ENTRYPOINT and one HEALTHCHECK: only the last of each in the stage takes"
                + " effect, so the earlier ones are dead lines that readers take for part of the configuration.",
        impact = "The container starts or is health-checked differently from what the first instruction suggests;"
                + " edits to the dead line have no effect.",
        recommendation = "Keep one CMD, ENTRYPOINT and HEALTHCHECK per stage; to run several commands, use a script"
                + " or combine them in one instruction.",
        references = {
                "https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/",
                "https://docs.docker.com/reference/dockerfile/#cmd",
                "https://docs.docker.com/reference/dockerfile/#entrypoint",
                "https://docs.docker.com/reference/dockerfile/#healthcheck"},
        aliases = {"MultipleInstructionsDisallowed", "DL4003", "DL4004", "DL3012", "DS-0016", "DS016", "DS-0007",
                "DS007", "DS-0023", "DS023", "Multiple CMD Instructions Listed", "Multiple ENTRYPOINT Instructions Listed"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        CMD ["python", "-m", "http.server", "8000"]
                        CMD ["python", "-m", "http.server", "8080"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        CMD ["python", "-m", "http.server", "8080"]
                        """))
public final class MultipleInstructionsDisallowed implements Rule {

    private static final Set<InstructionKind> ONCE = Set.of(InstructionKind.CMD, InstructionKind.ENTRYPOINT,
            InstructionKind.HEALTHCHECK);

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (dockerfile.model() == null || BuildCheckDirective.skips(dockerfile.syntax(), "MultipleInstructionsDisallowed")) {
                continue;
            }
            for (Stage stage : dockerfile.model().stages()) {
                Map<InstructionKind, Instruction> last = new EnumMap<>(InstructionKind.class);
                for (Step step : stage.steps()) {
                    Instruction instruction = step.instruction();
                    if (!ONCE.contains(instruction.kind())) {
                        continue;
                    }
                    Instruction earlier = last.put(instruction.kind(), instruction);
                    if (earlier != null) {
                        report(context, dockerfile, earlier, instruction);
                    }
                }
            }
        }
    }

    /** A command that prepares the application rather than serving it: meant to run before the last one. */
    private static final Pattern SETUP_TASK = Pattern.compile(
            "(?i)(^|[\\s:])(migrate|db:migrate|db:seed|seed|collectstatic|prisma migrate|install|init|setup|upgrade)(\\s|$)");

    private void report(ReviewContext context, DockerfileSource dockerfile, Instruction overridden, Instruction later) {
        String keyword = overridden.kind().name();
        String command = commandText(overridden);
        boolean setup = overridden.kind() != InstructionKind.HEALTHCHECK && command != null
                && SETUP_TASK.matcher(command).find();
        String message = "multiple " + keyword + " instructions in the same stage: this " + keyword
                + " is overridden by the one on line " + later.startLine() + " and has no effect";
        if (setup) {
            message += ": `" + command + "` never runs when the container starts, only the last " + keyword
                    + " does (a Dockerfile cannot chain start commands)";
        }
        context.finding(this, dockerfile.file().path(), overridden.keyword().span(), message)
                .severity(setup ? Severity.MEDIUM : Severity.LOW)
                .recommendation(setup
                        ? "Run `" + command + "` in an entry-point script before it execs the server (exec \"$@\"),"
                                + " or as a one-off job before the deployment starts; then remove this " + keyword + "."
                        : "Remove this " + keyword + " line, or merge what it does into the " + keyword + " on line "
                                + later.startLine() + ".")
                .add();
    }

    private static String commandText(Instruction instruction) {
        if (instruction.arguments() instanceof ExecForm exec) {
            return String.join(" ", exec.values());
        }
        if (instruction.arguments() instanceof ShellForm shell) {
            return shell.text().strip().replaceAll("\\s+", " ");
        }
        return null;
    }
}
