package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.Language;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.ImageVariables;
import java.util.List;
import java.util.Optional;

@RuleDefinition(
        id = "python-unbuffered",
        title = "Python output is buffered",
        severity = Severity.LOW,
        category = Category.RELIABILITY,
        checks = "Images whose container command runs Python (python, gunicorn, uvicorn, celery, flask, manage.py"
                + " ...). A strength when the image sets ENV PYTHONUNBUFFERED to a non-empty value (Python's own"
                + " rule), or when the command runs python -u, or when compose sets PYTHONUNBUFFERED for every"
                + " container of the image. A finding, at the final stage's FROM, when none of these does. Quiet for a"
                + " runtime base image whose command is the bare interpreter (CMD [\"python3\"], no program).",
        problem = "When stdout is not a terminal, as in a container, Python buffers print() output in blocks of"
                + " several KB instead of writing each line.",
        impact = "Log lines appear in docker logs minutes late or in bursts, out of order with stderr, and the last"
                + " lines before a crash or a kill are lost: exactly the ones needed to understand it.",
        recommendation = "Set ENV PYTHONUNBUFFERED=1 in the final stage (or start Python with -u).",
        references = {
                "https://docs.python.org/3/using/cmdline.html#envvar-PYTHONUNBUFFERED",
                "https://docs.docker.com/reference/dockerfile/#env",
                "https://docs.docker.com/engine/logging/"},
        aliases = {},
        fix = FixSafety.SAFE,
        effort = "2 min",
        strength = "Python output unbuffered",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        CMD ["python", "worker.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        ENV PYTHONUNBUFFERED=1
                        WORKDIR /app
                        COPY . .
                        CMD ["python", "worker.py"]
                        """))
public final class PythonUnbuffered implements Rule {

    private static final String NAME = "PYTHONUNBUFFERED";

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            EntryPoint entry = image.containers().stream().map(Container::entryPoint).filter(e -> e != null)
                    .filter(e -> e.runtime().language() == Language.PYTHON).findFirst().orElse(null);
            if (entry == null || (entry.target() == null || entry.target().value() == null)
                    && image.containers().stream().allMatch(c -> ImageRole.of(c) == ImageRole.RUNTIME_BASE)) {
                continue; // no program: a runtime base image whose own images set their command and environment
            }
            Optional<ImageVariables.Entry> env = ImageVariables.of(image).stream()
                    .filter(e -> e.kind() == Variables.Kind.ENV && e.effective() && e.name().equals(NAME)).findFirst();
            if (env.isPresent() && env.get().value() != null && !env.get().value().isEmpty()) {
                context.strength(this, new Location(image.dockerfile(), env.get().entry().span()),
                        "ENV " + env.get().assignment() + ": Python writes every log line as it happens");
                continue;
            }
            if (entry.interpreterOptions().containsKey("-u")) {
                Container c = image.container();
                if (c.command() != null && c.command().origin() != null) {
                    context.strength(this, c.command().origin(), "python -u: Python writes every log line as it happens");
                }
                continue;
            }
            Location compose = composeSetsIt(image.containers());
            if (compose != null) {
                context.strength(this, compose, NAME + " is set in the compose environment: Python writes every"
                        + " log line as it happens");
                continue;
            }
            String program = entry.args().isEmpty() ? entry.runtime().name().toLowerCase(java.util.Locale.ROOT)
                    : AppFacts.serverName(entry);
            context.finding(this, new Location(image.dockerfile(), image.stage().from().span()),
                            "the container runs Python (" + program + ") and nothing sets PYTHONUNBUFFERED: output to"
                                    + " stdout is block-buffered, so log lines reach docker logs late and are lost"
                                    + " when the process is killed")
                    .implicit()
                    .recommendation("Add ENV PYTHONUNBUFFERED=1 to the final stage.")
                    .fix(Fix.of("add ENV " + NAME + "=1", FixSafety.SAFE, addEnv(image)))
                    .add();
        }
    }

    /**
     * A line {@code ENV PYTHONUNBUFFERED=1} after the final stage's last ENV, or else right after its FROM
     * (where it never invalidates the cache of later steps).
     */
    private static TextEdit addEnv(BuiltImage image) {
        Stage stage = image.stage();
        Instruction anchor = stage.from();
        for (Step step : stage.steps()) {
            if (step.instruction().kind() == InstructionKind.ENV) {
                anchor = step.instruction();
            }
        }
        SourceFile file = anchor.file();
        int line = file.position(Math.max(anchor.span().start(), anchor.span().end() - 1)).line();
        String indent = SourceEdits.indentation(file, file.position(anchor.span().start()).line());
        return SourceEdits.insertLinesAfter(file, line, indent + "ENV " + NAME + "=1");
    }

    /** Where compose sets PYTHONUNBUFFERED, when it does for every container of the image; else null. */
    private static Location composeSetsIt(List<Container> containers) {
        Location first = null;
        for (Container c : containers) {
            Service service = c.service();
            Optional<Service.EnvVar> var = service == null ? Optional.empty() : service.env(NAME);
            if (var.isEmpty() || var.get().value() == null || var.get().value().value().isEmpty()) {
                return null;
            }
            if (first == null) {
                first = new Location(var.get().value().file().path(), var.get().value().span());
            }
        }
        return first;
    }
}
