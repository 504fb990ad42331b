package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.expand.Expansion;
import dev.drydock.core.dockerfile.expand.VariableReference;
import dev.drydock.core.dockerfile.expand.WordExpander;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.dockerfile.syntax.WordList;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildCheckDirective;
import dev.drydock.core.rules.support.SimilarNames;
import dev.drydock.core.rules.support.WordReferences;
import dev.drydock.core.source.Span;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "undefined-arg-in-from",
        title = "A FROM line uses a build argument no ARG declares",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "The image and the --platform value of every FROM, as BuildKit's UndefinedArgInFrom check does: every"
                + " variable they use must be declared by an ARG before the first FROM or be one of the automatic"
                + " platform arguments (BUILDPLATFORM, TARGETARCH ...). A likely intended name is suggested"
                + " (BUILDPLATFROM: did you mean BUILDPLATFORM?).",
        problem = "A FROM line only sees the ARGs declared before the first FROM. An undeclared variable expands to an"
                + " empty string even when --build-arg passes it, so node:22${VARIANT} quietly becomes node:22.",
        impact = "The stage starts from another image than the one meant (or the build fails on an empty image name),"
                + " and --build-arg cannot change it.",
        recommendation = "Declare the argument before the first FROM, with its default: ARG VARIANT=-alpine3.20.",
        references = {
                "https://docs.docker.com/reference/build-checks/undefined-arg-in-from/",
                "https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact",
                "https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope"},
        aliases = {"UndefinedArgInFrom"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11.0${VARIANT}
                        CMD ["node", "--version"]
                        """,
                good = """
                        ARG VARIANT=-alpine3.20
                        FROM node:22.11.0${VARIANT}
                        CMD ["node", "--version"]
                        """))
public final class UndefinedArgInFrom implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            DockerfileModel model = dockerfile.model();
            if (model == null || BuildCheckDirective.skips(dockerfile.syntax(), "UndefinedArgInFrom")) {
                continue;
            }
            WordExpander expander = WordExpander.forEscape(model.syntax().escapeChar());
            for (Stage stage : model.stages()) {
                Set<String> reported = new HashSet<>();
                if (stage.from().arguments() instanceof WordList list && !list.words().isEmpty()) {
                    Word image = list.words().get(0);
                    check(context, dockerfile, expander, model.globalArgs(), image.value(), image.span(), reported);
                }
                Optional<Flag> platform = stage.from().flag("platform");
                if (platform.isPresent() && platform.get().hasValue()) {
                    check(context, dockerfile, expander, model.globalArgs(), platform.get().value(),
                            platform.get().valueSpan(), reported);
                }
            }
        }
    }

    private void check(ReviewContext context, DockerfileSource dockerfile, WordExpander expander, Variables globals,
            String text, Span span, Set<String> reported) {
        Expansion expansion = expander.expand(text, globals);
        for (VariableReference reference : expansion.references()) {
            String name = reference.name();
            if (reference.set() || reference.isSpecialParameter() || globals.definition(name) != null
                    || !reported.add(name)) {
                continue;
            }
            Optional<String> meant = SimilarNames.closest(name, globals.names());
            context.finding(this, dockerfile.file().path(),
                            WordReferences.span(dockerfile.file(), span, text, reference),
                            "FROM argument '" + name + "' is not declared"
                                    + meant.map(m -> " (did you mean " + m + "?)").orElse("")
                                    + ": it expands to an empty string")
                    .recommendation(meant.isPresent() ? "Write $" + meant.get() + ", or declare ARG " + name
                            + "=<default> before the first FROM." : "Declare ARG " + name + "=<default> before the"
                            + " first FROM, so the FROM line sees it and --build-arg can set it.")
                    .add();
        }
    }
}
