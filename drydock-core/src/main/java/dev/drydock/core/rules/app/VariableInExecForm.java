package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.HealthcheckArguments;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.ScriptRuns;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.OfficialImages;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.UnexpandedVariables;
import dev.drydock.core.rules.support.WrittenInstructions;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "variable-in-exec-form",
        title = "Variable in an exec-form command is never expanded",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The words of exec-form (JSON) commands: the command the container runs (ENTRYPOINT followed by CMD,"
                + " from the Dockerfile or compose command/entrypoint, a string command included, since Compose splits"
                + " it without a shell), RUN, HEALTHCHECK CMD and compose CMD tests, for a `$NAME` or `${NAME}`"
                + " reference (in compose, written `$$NAME`: a single `$` is Compose's own interpolation). Words a"
                + " shell's -c script reads are fine, as are those of programs that give `$` their own meaning (awk,"
                + " sed, jq, envsubst, perl), the code of `python -c` or `node -e`, java's `-Dname=${X}` and"
                + " `--name=${X}` (Spring, Logback and Log4j resolve such placeholders), and words passed to an"
                + " entry-point script that does not plainly `exec \"$@\"`.",
        problem = "An exec-form command runs without a shell, so nothing expands variables: the program receives"
                + " `$JAVA_OPTS` or `${PORT}` as those characters. Docker substitutes build variables only in"
                + " FROM, COPY, ADD, ENV, LABEL, USER, WORKDIR, EXPOSE, VOLUME, STOPSIGNAL and ONBUILD, never in"
                + " RUN, CMD, ENTRYPOINT or HEALTHCHECK.",
        impact = "The container fails to start (java: \"Could not find or load main class $JAVA_OPTS\"; uvicorn:"
                + " \"'$PORT' is not a valid integer\"), listens on the wrong address, or its health probe always"
                + " fails and the orchestrator restarts a healthy container.",
        recommendation = "Let a shell expand the variable and keep the program as PID 1: [\"/bin/sh\", \"-c\","
                + " \"exec java $JAVA_OPTS -jar app.jar\"], or for a HEALTHCHECK the shell form (HEALTHCHECK CMD curl"
                + " -f http://localhost:$PORT/health; CMD-SHELL in compose). For the JVM, JAVA_TOOL_OPTIONS is read"
                + " by java itself with no shell at all.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
                "https://docs.docker.com/reference/dockerfile/#environment-replacement",
                "https://docs.docker.com/reference/compose-file/interpolation/",
                "https://docs.docker.com/reference/compose-file/services/#command"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM eclipse-temurin:21.0.5_11-jre
                        WORKDIR /app
                        COPY app.jar .
                        ENV JAVA_OPTS="-XX:MaxRAMPercentage=75"
                        ENTRYPOINT ["java", "$JAVA_OPTS", "-jar", "app.jar"]
                        """,
                good = """
                        FROM eclipse-temurin:21.0.5_11-jre
                        WORKDIR /app
                        COPY app.jar .
                        ENV JAVA_OPTS="-XX:MaxRAMPercentage=75"
                        ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar app.jar \\"$@\\"", "sh"]
                        """))
public final class VariableInExecForm implements Rule {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (Container c : context.project().containers()) {
            containerCommand(context, c, reported);
            composeHealthcheck(context, c, reported);
        }
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (dockerfile.model() == null) {
                continue;
            }
            for (Stage stage : dockerfile.model().stages()) {
                for (Step step : stage.steps()) {
                    dockerfileCommand(context, dockerfile, stage, step.instruction(), reported);
                }
            }
        }
    }

    // the command the container starts with

    private void containerCommand(ReviewContext context, Container c, Set<String> reported) {
        EffectiveCommand command = c.command();
        if (command == null || command.isEmpty() || command.shellForm()) {
            return;
        }
        List<Word> words = new ArrayList<>();
        if (!wordsOf(context, c, command.entrypointOrigin(), command.entrypoint(), words)
                || !wordsOf(context, c, command.cmdOrigin(), command.cmd(), words)) {
            return;
        }
        if (c.build() == null && (c.service() == null || c.service().entrypoint() == null) && !officialImage(c)) {
            return; // the image's own entrypoint may read its arguments in any way
        }
        List<String> argv = words.stream().map(Word::value).toList();
        for (int i : UnexpandedVariables.in(argv, script -> passesArguments(context, c, script))) {
            Word w = words.get(i);
            if (w.span() == null || !reported.add(w.file() + ":" + w.span().start())) {
                continue;
            }
            boolean compose = w.instruction() == null;
            String name = UnexpandedVariables.reference(w.value());
            context.finding(this, w.file(), w.span(), describe(w, compose) + " passes `" + w.value() + "` to "
                            + program(argv) + " as written: no shell runs an exec-form command, so $" + name
                            + " is never expanded")
                    .recommendation(compose
                            ? "Let a shell expand it and keep the program as PID 1: " + (c.service().command() != null
                                    && c.service().command().shellForm() ? "command: sh -c '" : "command: [\"sh\", \"-c\", \"")
                                    + "exec " + shellJoin(argv).replace("$", "$$") + (c.service().command() != null
                                            && c.service().command().shellForm() ? "'" : "\"]") + "."
                            : "Let a shell expand it and keep the program as PID 1: " + w.instruction().kind() + " "
                                    + Probes.json(shellArgv(w.instruction(), commandWords(words, w.instruction())))
                                    + ".")
                    .fix(compose ? null : instructionFix(c, w.instruction(), commandWords(words, w.instruction())))
                    .add();
        }
    }

    /** A word of the container's command with where it is written: a Dockerfile element, or a compose word. */
    record Word(String value, String file, Span span, Instruction instruction) {}

    /** Appends the words set at {@code origin}; false when they cannot be placed in a file. */
    static boolean wordsOf(ReviewContext context, Container c, Origin origin, List<String> values,
            List<Word> words) {
        if (values.isEmpty()) {
            return true;
        }
        if (origin == null || origin.span() == null) {
            return false;
        }
        Service s = c.service();
        for (Service.Command command : s == null ? List.<Service.Command>of()
                : java.util.Arrays.asList(s.entrypoint(), s.command())) {
            if (command != null && command.node().file().path().equals(origin.file())
                    && command.node().span().equals(origin.span())) {
                if (command.words().size() != values.size()) {
                    return false;
                }
                for (Located<String> word : command.words()) {
                    Span span = command.shellForm() ? command.node().span() : word.node().span();
                    words.add(new Word(word.value(), origin.file(), span, null));
                }
                return true;
            }
        }
        Instruction instruction = WrittenInstructions.at(context, origin);
        if (instruction == null || !(instruction.arguments() instanceof ExecForm exec)
                || exec.elements().size() != values.size()) {
            return false;
        }
        for (dev.drydock.core.dockerfile.syntax.Word element : exec.elements()) {
            words.add(new Word(element.value(), origin.file(), element.span(), instruction));
        }
        return true;
    }

    private static List<String> commandWords(List<Word> words, Instruction instruction) {
        return words.stream().filter(w -> w.instruction() == instruction).map(Word::value).toList();
    }

    /** Programs that evaluate text as code or fill in variables, which a script may give its arguments to. */
    private static final Set<String> EVALUATORS = Set.of("eval", "envsubst");

    /**
     * Whether an entry-point script hands its arguments on unchanged: it execs {@code "$@"} where it hands over, and
     * evaluates nothing ({@code eval}, {@code envsubst}, {@code sh -c "$@"}).
     */
    static boolean passesArguments(ReviewContext context, Container c, String script) {
        ShellScript parsed = c.build() == null ? null : c.scripts().parsed(script).orElse(null);
        if (parsed == null) {
            return officialImage(c) && script.endsWith("docker-entrypoint.sh");
        }
        return ScriptRuns.handOvers(parsed, c.entryPoint(), c.scripts()).stream().anyMatch(ScriptRuns::execsArguments)
                && ScriptRuns.commands(parsed).stream().noneMatch(VariableInExecForm::evaluates);
    }

    private static boolean evaluates(Command command) {
        if (command.is(EVALUATORS.toArray(String[]::new))) {
            return true;
        }
        List<dev.drydock.core.shell.Word> arguments = command.arguments();
        for (int i = 0; i + 1 < arguments.size(); i++) {
            if (arguments.get(i).value().equals("-c") && (ScriptRuns.allArguments(arguments.get(i + 1))
                    || arguments.get(i + 1).raw().equals("\"$*\""))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the container runs a Docker Official Image (whose entry-point scripts exec their arguments). */
    static boolean officialImage(Container c) {
        ImageContents contents = ImageContents.of(c);
        String image = contents == null ? null : contents.baseImage();
        return image != null && ImageReference.tryParse(image).map(OfficialImages::published).orElse(false);
    }

    // RUN and HEALTHCHECK in exec form

    private void dockerfileCommand(ReviewContext context, DockerfileSource dockerfile, Stage stage,
            Instruction instruction, Set<String> reported) {
        ExecForm exec = null;
        if (instruction.kind() == InstructionKind.RUN && instruction.arguments() instanceof ExecForm e) {
            exec = e;
        } else if (instruction.kind() == InstructionKind.HEALTHCHECK
                && instruction.arguments() instanceof HealthcheckArguments h && h.isCmd()
                && h.command() instanceof ExecForm e) {
            exec = e;
        }
        if (exec == null) {
            return;
        }
        List<String> argv = exec.values();
        boolean health = instruction.kind() == InstructionKind.HEALTHCHECK;
        for (int i : UnexpandedVariables.in(argv, script -> false)) {
            dev.drydock.core.dockerfile.syntax.Word element = exec.elements().get(i);
            if (!reported.add(dockerfile.file().path() + ":" + element.span().start())) {
                continue;
            }
            String name = UnexpandedVariables.reference(element.value());
            String shellText = shellJoin(argv);
            var finding = context.finding(this, dockerfile.file().path(), element.span(), instruction.kind() + " in exec form passes `"
                            + element.value() + "` to " + program(argv) + " as written: no shell runs it, so $" + name
                            + " is never expanded" + (health ? " and the probe fails however healthy the application is" : ""))
                    .recommendation("Write it in shell form, where /bin/sh expands the variable: " + instruction.kind()
                            + " " + (health ? "CMD " : "") + shellText + ".")
                    .fix(health ? healthcheckFix(context, dockerfile, stage, exec, shellText) : null);
            if (health) {
                finding.breaks(); // a probe that always fails is no healthcheck to praise
            }
            finding.add();
        }
    }

    private void composeHealthcheck(ReviewContext context, Container c, Set<String> reported) {
        Service s = c.service();
        if (s == null || s.healthcheck() == null || !"CMD".equals(s.healthcheck().testForm())) {
            return;
        }
        List<Located<String>> test = s.healthcheck().test();
        List<String> argv = test.subList(1, test.size()).stream().map(Located::value).toList();
        for (int i : UnexpandedVariables.in(argv, script -> false)) {
            Located<String> word = test.get(i + 1);
            if (!reported.add(word.file().path() + ":" + word.node().span().start())) {
                continue;
            }
            String name = UnexpandedVariables.reference(word.value());
            context.finding(this, word.file().path(), word.node().span(), "the CMD healthcheck of " + s.name()
                            + " passes `" + word.value() + "` to " + program(argv) + " as written: CMD runs without a"
                            + " shell, so $" + name + " is never expanded and the probe fails however healthy the application is")
                    .recommendation("Use CMD-SHELL, whose text a shell runs: test: [\"CMD-SHELL\", \""
                            + shellJoin(argv).replace("\"", "\\\"").replace("$", "$$") + "\"].")
                    .breaks()
                    .add();
        }
    }

    // fixes

    /** The instruction rewritten to run its words through {@code /bin/sh -c "exec ..."}, when the image has a shell. */
    private static Fix instructionFix(Container c, Instruction instruction, List<String> words) {
        if (instruction == null || words.isEmpty() || !hasShell(c)) {
            return null;
        }
        if (instruction.kind() != InstructionKind.CMD && instruction.kind() != InstructionKind.ENTRYPOINT) {
            return null;
        }
        String text = instruction.kind() + " " + Probes.json(shellArgv(instruction, words));
        return Fix.of("run the " + instruction.kind() + " through /bin/sh so that it expands the variables",
                FixSafety.UNSAFE, TextEdit.replace(instruction.file().path(), instruction.span(), text));
    }

    private static List<String> shellArgv(Instruction instruction, List<String> words) {
        if (instruction.kind() == InstructionKind.ENTRYPOINT) {
            return List.of("/bin/sh", "-c", "exec " + shellJoin(words) + " \"$@\"", "sh");
        }
        return List.of("/bin/sh", "-c", "exec " + shellJoin(words));
    }

    private static Fix healthcheckFix(ReviewContext context, DockerfileSource dockerfile, Stage stage, ExecForm exec,
            String shellText) {
        for (Container c : context.builtContainers()) {
            if (c.build().stage() == stage && c.build().dockerfile().equals(dockerfile.file().path()) && hasShell(c)) {
                return Fix.of("write the HEALTHCHECK in shell form, so that /bin/sh expands the variables",
                        FixSafety.UNSAFE, TextEdit.replace(dockerfile.file().path(), exec.span(), shellText));
            }
        }
        return null;
    }

    static boolean hasShell(Container c) {
        ImageContents contents = ImageContents.of(c);
        return contents != null && contents.has("sh").orElse(false);
    }

    // words

    /**
     * The words as one shell command line: a word that is only a variable stays bare (the shell splits
     * it, as {@code $JAVA_OPTS} is meant to be), a word with a variable inside goes in double quotes,
     * others in single quotes when they hold anything but plain characters.
     */
    static String shellJoin(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (UnexpandedVariables.wholeReference(w) || PLAIN.matcher(w).matches()) {
                out.add(w);
            } else if (UnexpandedVariables.reference(w) != null) {
                out.add("\"" + w.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`") + "\"");
            } else {
                out.add("'" + w.replace("'", "'\\''") + "'");
            }
        }
        return String.join(" ", out);
    }

    static String program(List<String> argv) {
        return argv.isEmpty() ? "the program" : argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    }

    private static String describe(Word w, boolean compose) {
        return compose ? "the compose command" : "the " + w.instruction().kind();
    }

}
