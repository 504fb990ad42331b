package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.syntax.ArgList;
import dev.drydock.core.dockerfile.syntax.Comment;
import dev.drydock.core.dockerfile.syntax.Dockerfile;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.dockerfile.syntax.WordList;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildCheckDirective;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@RuleDefinition(
        id = "invalid-definition-description",
        title = "The comment above a stage or ARG does not describe it",
        severity = Severity.INFO,
        category = Category.MAINTAINABILITY,
        checks = "The comment line directly above every named FROM and every ARG, as BuildKit's experimental"
                + " InvalidDefinitionDescription check does: docker buildx build --call=outline and --call=targets"
                + " take that comment as the description of the stage or argument, so it should start with the"
                + " stage's or argument's name (# VERSION the release to package). A comment separated from the"
                + " instruction by an empty line is not a description and is not checked, nor is the comment block"
                + " that opens the file (a header about the whole file, which BuildKit would take for the first"
                + " instruction's description). Like BuildKit, only when the build turns the experimental check on"
                + " (# check=experimental=all or experimental=InvalidDefinitionDescription, or the"
                + " BUILDKIT_DOCKERFILE_CHECK build argument): a comment above an ARG or FROM is otherwise an ordinary"
                + " remark, and docker init's own Dockerfiles put one above most of them.",
        problem = "A comment glued to a FROM or ARG is shown as its description by the build outline tools; one that"
                + " does not start with the name is either a description in the wrong format or a remark that was"
                + " not meant as one.",
        impact = "Missing or misleading descriptions in docker buildx build --call=outline and --call=targets.",
        recommendation = "Start the comment with the name (# build-cli builds the CLI binary), or put an empty line"
                + " between a general comment and the instruction.",
        references = {
                "https://docs.docker.com/reference/build-checks/invalid-definition-description/",
                "https://docs.docker.com/reference/cli/docker/buildx/build/#descriptions",
                "https://docs.docker.com/go/build-checks-experimental/"},
        aliases = {"InvalidDefinitionDescription"},
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        # check=experimental=InvalidDefinitionDescription
                        ARG PYTHON_VERSION=3.12.7
                        # compile the wheels once
                        FROM python:${PYTHON_VERSION}-slim AS wheels
                        RUN pip wheel --no-cache-dir --wheel-dir /wheels flask==3.0.3
                        """,
                good = """
                        # check=experimental=InvalidDefinitionDescription
                        ARG PYTHON_VERSION=3.12.7
                        # wheels compiles the wheels once
                        FROM python:${PYTHON_VERSION}-slim AS wheels
                        RUN pip wheel --no-cache-dir --wheel-dir /wheels flask==3.0.3
                        """))
public final class InvalidDefinitionDescription implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (!dockerfile.parsed() || dockerfile.model() == null || !BuildCheckDirective.enablesExperimental(
                    dockerfile.syntax(), dockerfile.model().options().buildArgs(), "InvalidDefinitionDescription")) {
                continue;
            }
            Dockerfile syntax = dockerfile.syntax();
            int headerStart = syntax.directives().stream().mapToInt(d -> d.span().startLine()).max().orElse(0) + 1;
            List<Runnable> reports = new ArrayList<>();
            for (Instruction instruction : syntax.instructions()) {
                List<String> names = definedNames(instruction);
                List<Comment> comments = instruction.precedingComments();
                if (names.isEmpty() || comments.isEmpty()) {
                    continue;
                }
                Comment comment = comments.get(comments.size() - 1);
                if (comment.span().startLine() != instruction.startLine() - 1
                        || instruction == syntax.instructions().get(0) && blockStart(comments) <= headerStart) {
                    continue;
                }
                String first = comment.text().split(" ", -1)[0];
                if (names.contains(first)) {
                    continue;
                }
                String what = instruction.kind() == InstructionKind.FROM ? "stage " + names.get(0)
                        : names.size() == 1 ? "ARG " + names.get(0) : "ARG " + String.join(", ", names);
                String example = instruction.kind() == InstructionKind.FROM || names.size() == 1 ? names.get(0)
                        : "<arg name>";
                reports.add(() -> context.finding(this, dockerfile.file().path(), comment.span(), "the comment right"
                                + " above " + what + " is taken as its description but does not start with its name:"
                                + " write # " + example + " <description>")
                        .recommendation("Start the comment with " + example + ", or put an empty line between it and"
                                + " the instruction if it is not a description.")
                        .add());
            }
            reports.forEach(Runnable::run);
        }
    }

    /** The first line of the run of comment lines that ends right above the instruction. */
    private static int blockStart(List<Comment> comments) {
        int line = comments.get(comments.size() - 1).span().startLine();
        for (int i = comments.size() - 2; i >= 0 && comments.get(i).span().startLine() == line - 1; i--) {
            line--;
        }
        return line;
    }

    private static List<String> definedNames(Instruction instruction) {
        List<String> names = new ArrayList<>();
        if (instruction.kind() == InstructionKind.FROM && instruction.arguments() instanceof WordList list
                && list.words().size() == 3 && list.words().get(1).value().equalsIgnoreCase("as")) {
            String name = list.words().get(2).value();
            names.add(name);
            names.add(name.toLowerCase(Locale.ROOT));
        } else if (instruction.kind() == InstructionKind.ARG && instruction.arguments() instanceof ArgList args) {
            for (KeyValue entry : args.entries()) {
                names.add(entry.name().value());
            }
        }
        return names;
    }
}
