package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.expand.Expansion;
import dev.drydock.core.dockerfile.expand.VariableReference;
import dev.drydock.core.dockerfile.expand.WordExpander;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.ArgList;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildCheckDirective;
import dev.drydock.core.rules.support.BaseImageEnvironment;
import dev.drydock.core.rules.support.BaseImageEnvironment.Knowledge;
import dev.drydock.core.rules.support.SimilarNames;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

@RuleDefinition(
        id = "undefined-var",
        title = "An instruction uses a variable no ARG or ENV defines",
        severity = Severity.LOW,
        category = Category.BUILD,
        checks = "The variables Docker expands in the instructions of every stage (COPY and ADD paths, --chown and"
                + " --chmod, ENV, ARG values, LABEL, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL; not RUN, CMD and"
                + " ENTRYPOINT, whose shell form the shell expands and whose exec form nothing expands), as BuildKit's UndefinedVar check does: a variable must be"
                + " defined by an ARG or ENV of the stage (or of the stages it is built on) before it is used. Global"
                + " ARGs are not in scope inside a stage unless declared again. BuildKit also knows the variables"
                + " the base image sets; drydock does not fetch them, so: on scratch every undefined variable is"
                + " reported; on a Docker Official Image the names such images set (PATH, LANG, PYTHON_VERSION,"
                + " names ending in _VERSION or _HOME for the software such images carry: JAVA_HOME, NODE_VERSION, but not"
                + " DOCKER_HOME or APP_HOME) are assumed present; on any other image a variable is"
                + " reported only when it looks like a misspelling of a defined one or is a global ARG used"
                + " without being declared again in the stage. A name set by another pair of the same ENV is left to"
                + " env-self-reference; a pair that reads its own name (ENV HTTP_PROXY=$HTTP_PROXY) reads the value"
                + " from before, so it needs an ARG or ENV of that name in scope like any other use. A likely intended name is"
                + " suggested (did you mean $PATH?); a name base images commonly set (GOPATH, GEM_HOME ...) is not"
                + " taken for a misspelling of a defined one. ENV NAME=${NAME} with no ARG NAME is reported on any base"
                + " image unless the name is one base images commonly set: it was meant to pass a value in from"
                + " outside the build, which it does not. The variables of one instruction that are undefined for"
                + " the same reason (the proxy variables of one ENV, none declared again in the stage) make one finding"
                + " at the first of them; a likely misspelling makes its own. A reference with a default"
                + " (EXPOSE ${PORT:-3333}) is reported too, as BuildKit does: the default then always applies and"
                + " --build-arg PORT cannot change it without an ARG PORT; ${NAME:?message} stops the build.",
        problem = "An undefined variable expands to an empty string without any error: COPY $SRC_DIR/ . copies the"
                + " whole context, WORKDIR $HOME/app works in /app, ENV PATH=$PAHT:/app/bin loses the system PATH.",
        impact = "The image is built differently from what the line says: wrong files, directories or settings, often"
                + " noticed only when the container fails.",
        recommendation = "Declare the variable before use (ARG NAME=default in the stage, or ENV), re-declare a global"
                + " ARG inside the stage with a bare ARG NAME, or correct the name.",
        references = {
                "https://docs.docker.com/reference/build-checks/undefined-var/",
                "https://docs.docker.com/reference/dockerfile/#environment-replacement",
                "https://docs.docker.com/reference/dockerfile/#scope"},
        aliases = {"UndefinedVar"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        ENV APP_ROOT=/srv/app
                        WORKDIR $APP_RO0T
                        """,
                good = """
                        FROM python:3.12.7-slim
                        ENV APP_ROOT=/srv/app
                        WORKDIR $APP_ROOT
                        """))
public final class UndefinedVar implements Rule {

    /** Build arguments BuildKit reads itself and never puts in the environment. */
    private static final Set<String> BUILDKIT_ARGS = Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");

    /** Why an undefined variable is undefined, which decides what the finding says. */
    private enum Reason { PLATFORM_ARG, GLOBAL_ARG, PASS_THROUGH, UNDECLARED }

    /**
     * What an undefined variable turns into where the instruction uses it: nothing, the default word of
     * ${NAME:-word} (word as written), or the error of ${NAME:?message}, which stops the build.
     */
    private record Outcome(Kind kind, String word) {
        private enum Kind { EMPTY, DEFAULT, FAILS }

        static final Outcome EMPTY = new Outcome(Kind.EMPTY, "");
    }

    /** One undefined variable of an instruction that is reported, and the defined name it likely misspells. */
    private record Undefined(String name, Reason reason, Optional<String> meant, Outcome outcome) {}

    /** The undefined variables of an instruction that one finding reports. */
    private record Group(Reason reason, Outcome.Kind outcome) {}

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            DockerfileModel model = dockerfile.model();
            if (model == null || BuildCheckDirective.skips(dockerfile.syntax(), "UndefinedVar")) {
                continue;
            }
            WordExpander expander = WordExpander.forEscape(model.syntax().escapeChar());
            for (Stage stage : model.stages()) {
                BaseImage base = Stages.rootBase(model, stage);
                Knowledge knowledge = BaseImageEnvironment.of(base);
                for (Step step : stage.steps()) {
                    Map<Group, List<Undefined>> unexplained = new LinkedHashMap<>();
                    for (String name : step.undefinedVariables()) {
                        Variables.Definition global = model.globalArgs().definition(name);
                        Undefined found = undefined(step, name, base, knowledge, global != null,
                                global != null && global.instruction() == null,
                                outcome(dockerfile.file(), step, expander, name));
                        if (found == null) {
                            continue;
                        }
                        if (found.meant().isPresent()) {
                            reportMisspelling(context, dockerfile, step, found);
                        } else {
                            unexplained.computeIfAbsent(new Group(found.reason(), found.outcome().kind()),
                                    g -> new ArrayList<>()).add(found);
                        }
                    }
                    unexplained.forEach((group, found) -> report(context, dockerfile, step, group.reason(), found));
                }
            }
        }
    }

    /** The variable as a finding would report it, or null when it is defined or likely set by the base image. */
    private static Undefined undefined(Step step, String name, BaseImage base, Knowledge knowledge, boolean globalArg,
            boolean platformArg, Outcome outcome) {
        if (step.variables().definition(name) != null || BUILDKIT_ARGS.contains(name) || name.equals("PATH")
                || declaredBy(step.instruction(), name)) {
            return null;
        }
        boolean passThrough = passesThrough(step.instruction(), name);
        Set<String> known = new LinkedHashSet<>(step.variables().names());
        known.add("PATH");
        Optional<String> meant = BaseImageEnvironment.isWellKnown(name) ? Optional.empty()
                : SimilarNames.closest(name, known);
        boolean report = switch (knowledge) {
            case EMPTY -> true;
            case OFFICIAL -> meant.isPresent() || !(globalArg ? BaseImageEnvironment.commonlySetBy(base, name)
                    : BaseImageEnvironment.officialImageMaySet(base, name));
            case UNKNOWN -> meant.isPresent() || globalArg && !BaseImageEnvironment.commonlySetBy(base, name)
                    || passThrough && !BaseImageEnvironment.isWellKnown(name);
        };
        if (!report) {
            return null;
        }
        Reason reason = platformArg ? Reason.PLATFORM_ARG : globalArg ? Reason.GLOBAL_ARG
                : passThrough ? Reason.PASS_THROUGH : Reason.UNDECLARED;
        return new Undefined(name, reason, meant, outcome);
    }

    /**
     * What the variable turns into in the instruction, read from its references there (BuildKit reports a
     * variable it does not find whatever the form of the reference): the default word when every reference
     * gives one, a build error when one requires the variable, else an empty string.
     */
    private static Outcome outcome(SourceFile file, Step step, WordExpander expander, String name) {
        Instruction instruction = step.instruction();
        String text = file.text(instruction.span());
        String arguments = text.substring(Math.min(text.length(),
                instruction.keyword().span().end() - instruction.span().start()));
        Expansion expansion = expander.expand(arguments, step.variables());
        List<VariableReference> uses = expansion.references().stream().filter(r -> r.name().equals(name)).toList();
        if (uses.stream().anyMatch(r -> r.operator() == VariableReference.Operator.REQUIRED)) {
            return new Outcome(Outcome.Kind.FAILS, "");
        }
        if (!uses.isEmpty() && uses.stream().allMatch(r -> r.operator() == VariableReference.Operator.DEFAULT)) {
            VariableReference first = uses.get(0);
            int wordStart = first.nameEnd() + (first.colon() ? 1 : 0) + 1;
            return new Outcome(Outcome.Kind.DEFAULT, arguments.substring(wordStart, Math.max(wordStart, first.end() - 1)));
        }
        return Outcome.EMPTY;
    }

    private void reportMisspelling(ReviewContext context, DockerfileSource dockerfile, Step step, Undefined found) {
        String name = found.name();
        String meant = found.meant().orElseThrow();
        Instruction instruction = step.instruction();
        context.finding(this, dockerfile.file().path(), referenceSpan(dockerfile.file(), instruction, name),
                        "usage of undefined variable '$" + name + "' (did you mean $" + meant + "?): no ARG or ENV"
                                + " defines it before this " + instruction.kind().name() + ", so "
                                + consequence(List.of(found)) + why(found.reason(), List.of(name)))
                .recommendation("Write $" + meant + ", or define " + name + " with ARG or ENV before use.")
                .severity(Severity.MEDIUM)
                .add();
    }

    /**
     * One finding for the undefined variables of an instruction that are undefined for one reason (the proxy
     * variables of an ENV, none of them declared again in the stage), at the first of them.
     */
    private void report(ReviewContext context, DockerfileSource dockerfile, Step step, Reason reason,
            List<Undefined> found) {
        Instruction instruction = step.instruction();
        found = found.stream().sorted(Comparator.comparingInt(
                u -> referenceSpan(dockerfile.file(), instruction, u.name()).start())).toList(); // as written
        List<String> names = found.stream().map(Undefined::name).toList();
        boolean one = names.size() == 1;
        String listed = names.stream().map(n -> "'$" + n + "'").collect(Collectors.joining(", "));
        String bare = String.join(" ", names);
        String message = "usage of undefined variable" + (one ? " " : "s ") + listed + ": no ARG or ENV defines "
                + (one ? "it" : "them") + " before this " + instruction.kind().name() + ", so " + consequence(found)
                + why(reason, names);
        Outcome outcome = found.get(0).outcome();
        String recommendation = switch (reason) {
            case PASS_THROUGH -> one ? "Remove the line and set " + bare + " where the container runs (compose"
                    + " environment:, docker run -e " + bare + "); a value the build itself needs comes from ARG " + bare
                    + " (or, for a secret, RUN --mount=type=secret)."
                    : "Remove these pairs and set " + bare + " where the container runs (compose environment:, docker"
                    + " run -e); a value the build itself needs comes from an ARG of its name (or, for a secret, RUN"
                    + " --mount=type=secret).";
            case GLOBAL_ARG, PLATFORM_ARG -> one ? "Define " + bare + " before use (ARG " + bare + "=<default> or ENV "
                    + bare + "=<value>); a global ARG must be declared again inside the stage (ARG " + bare + ")."
                    : "Declare them again inside the stage, before this " + instruction.kind().name() + ": ARG " + bare
                    + ".";
            case UNDECLARED -> one && outcome.kind() == Outcome.Kind.DEFAULT ? "Declare ARG " + bare + "="
                    + outcome.word() + " before this " + instruction.kind().name() + " if the value is meant to be set"
                    + " with --build-arg " + bare + "=..., or write the value itself."
                    : one ? "Define " + bare + " before use (ARG " + bare + "=<default> or ENV " + bare
                    + "=<value>); a global ARG must be declared again inside the stage (ARG " + bare + ")."
                    : "Define them before use (ARG NAME=<default> or ENV NAME=<value>): ARG " + bare + ".";
        };
        context.finding(this, dockerfile.file().path(), referenceSpan(dockerfile.file(), instruction, names.get(0)),
                        message)
                .recommendation(recommendation)
                .severity(Severity.LOW)
                .add();
    }

    /** What the undefined variables of one finding turn into, all of one outcome. */
    private static String consequence(List<Undefined> found) {
        boolean one = found.size() == 1;
        Outcome outcome = found.get(0).outcome();
        return switch (outcome.kind()) {
            case EMPTY -> one ? "it expands to an empty string" : "they expand to empty strings";
            case DEFAULT -> one ? "its default '" + outcome.word() + "' always applies"
                    : "their defaults always apply";
            case FAILS -> one ? "the build fails here (${" + found.get(0).name() + ":?...} stops it when "
                    + found.get(0).name() + " is unset)" : "the build fails here (${NAME:?...} stops it when the"
                    + " variable is unset)";
        };
    }

    private static String why(Reason reason, List<String> names) {
        boolean one = names.size() == 1;
        String bare = String.join(" ", names);
        return switch (reason) {
            case PLATFORM_ARG -> " (automatic platform arguments are only in scope in a stage that declares them: ARG "
                    + bare + ")";
            case GLOBAL_ARG -> one ? " (the ARG " + bare + " before the first FROM is not in scope inside a stage until"
                    + " declared again)" : " (the ARGs before the first FROM are not in scope inside a stage until"
                    + " declared again)";
            case PASS_THROUGH -> " (or to what the base image set): the build does not read the environment of the"
                    + " machine that runs it, " + (one ? "--build-arg " + bare + " is ignored without an ARG " + bare
                    : "a --build-arg is ignored without an ARG of its name") + ", and ARG or ENV of another stage do"
                    + " not carry over";
            case UNDECLARED -> "";
        };
    }

    /**
     * Whether the instruction itself sets {@code name}: an ARG for its later entries (ARG A B=$A, which BuildKit
     * declares in turn), or an ENV for its other pairs (ENV A=1 B=$A, where B gets the old value of A: the
     * env-self-reference rule names that cause). A pair that only uses its own name (ENV A=$A) reads the value
     * A had before, which is undefined here.
     */
    private static boolean declaredBy(Instruction instruction, String name) {
        if (instruction.arguments() instanceof ArgList args) {
            return args.entries().stream().anyMatch(e -> e.name().value().equals(name));
        }
        if (instruction.kind() != InstructionKind.ENV || !(instruction.arguments() instanceof KeyValueList list)) {
            return false;
        }
        Pattern reference = Pattern.compile("\\$(\\{" + Pattern.quote(name) + "(?![A-Za-z0-9_])|" + Pattern.quote(name)
                + "(?![A-Za-z0-9_]))");
        return list.entries().stream().anyMatch(e -> e.name().value().equals(name))
                && list.entries().stream().anyMatch(e -> !e.name().value().equals(name) && e.hasValue()
                        && reference.matcher(e.value().value()).find());
    }

    /** Whether the instruction is an ENV that copies the variable of that name into itself: ENV NAME=${NAME}. */
    private static boolean passesThrough(Instruction instruction, String name) {
        return instruction.kind() == InstructionKind.ENV && instruction.arguments() instanceof KeyValueList list
                && list.entries().stream().anyMatch(e -> e.name().value().equals(name) && e.hasValue()
                        && e.value().value().strip().matches("\\$\\{?" + Pattern.quote(name) + "}?"));
    }

    /** The first $name or ${name...} of the instruction, else its keyword. */
    private static Span referenceSpan(SourceFile file, Instruction instruction, String name) {
        String text = file.text(instruction.span());
        Matcher m = Pattern.compile("\\$(\\{" + Pattern.quote(name) + "(?![A-Za-z0-9_])[^}]*}|" + Pattern.quote(name)
                + "(?![A-Za-z0-9_]))").matcher(text);
        int from = instruction.keyword().span().end() - instruction.span().start();
        if (m.find(from)) {
            int start = instruction.span().start() + m.start();
            return file.span(start, instruction.span().start() + m.end());
        }
        return instruction.keyword().span();
    }
}
