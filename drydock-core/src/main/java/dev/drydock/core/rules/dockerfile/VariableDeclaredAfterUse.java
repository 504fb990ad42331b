package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.ArgList;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageEnvironment;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.shell.Assignment;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Redirect;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import dev.drydock.core.shell.WordPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "variable-declared-after-use",
        title = "A RUN reads a variable that an ARG or ENV declares only later in the stage",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "The $NAME and ${NAME...} expansions of each RUN's shell script (sh -c strings and command"
                + " substitutions included) whose name no ARG or ENV in scope defines at that RUN, while an ARG or"
                + " ENV later in the same stage declares it. Left alone: a name the script itself may set (any"
                + " mention of it other than an expansion: NAME=..., export, read, for NAME in, a prefix assignment),"
                + " a script that sources a file or runs eval before, a RUN --mount=type=secret that puts it in the"
                + " environment, the shell's own variables (HOME, PWD, UID, HOSTNAME ...), the proxy variables"
                + " BuildKit passes without an ARG, ${NAME:?...} (which fails loudly), and names the base image"
                + " commonly sets (PATH, LANG, PYTHON_... on python).",
        problem = "A RUN sees only the ARG and ENV declared above it: Docker reads the Dockerfile top to bottom, so an"
                + " ARG declared below is not in scope yet, and --build-arg does not reach the RUN. The shell finds"
                + " the variable unset and expands it to an empty string, without any error.",
        impact = "The RUN silently does something else than intended: a condition on the variable takes the wrong"
                + " branch (a package is never installed, a user never created), a path or version is empty, and"
                + " --build-arg changes nothing in that step. The image builds and the mistake shows later.",
        recommendation = "Move the ARG (or ENV) above the first RUN that reads it, or declare it again (ARG NAME) right"
                + " before that RUN.",
        references = {"https://docs.docker.com/reference/dockerfile/#scope",
                "https://docs.docker.com/reference/dockerfile/#using-arg-variables"},
        fix = FixSafety.NONE,
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.8-slim
                        RUN if [ "$INSTALL_CURL" = yes ]; then apt-get update && apt-get install -y --no-install-recommends curl; fi
                        ARG INSTALL_CURL=yes
                        """,
                good = """
                        FROM debian:12.8-slim
                        ARG INSTALL_CURL=yes
                        RUN if [ "$INSTALL_CURL" = yes ]; then apt-get update && apt-get install -y --no-install-recommends curl; fi
                        """))
public final class VariableDeclaredAfterUse implements Rule {

    /** Variables a POSIX shell or bash sets itself. */
    private static final Set<String> SHELL_VARIABLES = Set.of("HOME", "PWD", "OLDPWD", "IFS", "PPID", "UID", "EUID",
            "HOSTNAME", "SHELL", "USER", "LOGNAME", "RANDOM", "LINENO", "SECONDS", "OPTARG", "OPTIND", "PS1", "PS2",
            "PS4", "TERM", "PATH", "HOSTTYPE", "OSTYPE", "MACHTYPE", "GROUPS", "REPLY", "PIPESTATUS", "FUNCNAME",
            "SHLVL", "BASHPID", "BASH_VERSION", "BASH_SOURCE", "BASH_REMATCH");
    /** Build arguments BuildKit passes to every RUN without an ARG. */
    private static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The first expansion of a name in a RUN, with where it is. */
    private record Use(String name, WordPart.ParamExpansion expansion) {}

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            DockerfileModel model = dockerfile.model();
            if (model == null) {
                continue;
            }
            for (Stage stage : model.stages()) {
                BaseImage base = Stages.rootBase(model, stage);
                for (RunStep run : RunStep.of(model, List.of(stage))) {
                    if (run.script() == null || run.step() == null) {
                        continue;
                    }
                    for (Use use : unset(run, base)) {
                        Instruction later = declaredLater(stage, run, use.name());
                        if (later != null && (later.kind() == InstructionKind.ARG
                                || !BaseImageEnvironment.officialImageMaySet(base, use.name()))) {
                            report(context, dockerfile, run, use, later);
                        }
                    }
                }
            }
        }
    }

    private void report(ReviewContext context, DockerfileSource dockerfile, RunStep run, Use use,
            Instruction later) {
        String name = use.name();
        int declared = later.span().startLine();
        int line = run.instruction().span().startLine();
        String kind = later.kind().name();
        context.finding(this, dockerfile.file().path(), use.expansion().span(), "RUN on line " + line + " reads $"
                        + name + ", but " + kind + " " + name + " is declared only on line " + declared + ", after it:"
                        + " the variable is not set in this RUN, so " + effect(use.expansion())
                        + (kind.equals("ARG") ? " and --build-arg " + name + " does not reach it" : ""))
                .recommendation("Move " + kind + " " + name + " (line " + declared + ") above line " + line
                        + (kind.equals("ARG") ? ", or declare it again right before this RUN (ARG " + name + ")" : "")
                        + ".")
                .add();
    }

    /** What the expansion gives with the variable unset. */
    private static String effect(WordPart.ParamExpansion expansion) {
        String written = expansion.raw();
        return switch (expansion.operator()) {
            case "-", ":-", "=", ":=" -> written + " always takes its default";
            default -> written + " expands to an empty string";
        };
    }

    /** The names the script expands, first use each, that nothing sets at this RUN or in the script itself. */
    private static List<Use> unset(RunStep run, BaseImage base) {
        ShellScript script = run.script();
        String text = script.text().text();
        Map<String, Use> firsts = new LinkedHashMap<>();
        for (Command command : script.commands()) {
            if (command.is("source", ".", "eval")) {
                break;
            }
            List<Word> words = new ArrayList<>(command.words());
            for (Assignment assignment : command.assignments()) {
                if (assignment.value() != null) {
                    words.add(assignment.value());
                }
                if (assignment.elements() != null) {
                    words.addAll(assignment.elements());
                }
            }
            for (Redirect redirect : command.redirects()) {
                if (redirect.target() != null) {
                    words.add(redirect.target());
                }
            }
            for (Word word : words) {
                collect(word.parts(), firsts);
            }
        }
        List<Use> out = new ArrayList<>();
        for (Use use : firsts.values()) {
            String name = use.name();
            if (run.step().variables().definition(name) == null && !SHELL_VARIABLES.contains(name)
                    && !PROXY_ARGS.contains(name) && !BaseImageEnvironment.commonlySetBy(base, name)
                    && !mentioned(text, name) && !secretEnv(run, name)) {
                out.add(use);
            }
        }
        return out;
    }

    private static void collect(List<WordPart> parts, Map<String, Use> firsts) {
        for (WordPart part : parts) {
            switch (part) {
                case WordPart.DoubleQuoted quoted -> collect(quoted.parts(), firsts);
                case WordPart.ParamExpansion param -> {
                    if (NAME.matcher(param.name()).matches() && !param.operator().endsWith("?")
                            && param.prefix().isEmpty()) {
                        firsts.putIfAbsent(param.name(), new Use(param.name(), param));
                    }
                    if (param.argument() != null) {
                        collect(param.argument().parts(), firsts);
                    }
                }
                default -> { }
            }
        }
    }

    /** Whether the script names the variable other than by expanding it: it may set it. */
    private static boolean mentioned(String text, String name) {
        return Pattern.compile("(?<![$A-Za-z0-9_])(?<!\\$\\{)(?<!\\$\\{[#!])" + Pattern.quote(name) + "(?![A-Za-z0-9_])")
                .matcher(text).find();
    }

    private static boolean secretEnv(RunStep run, String name) {
        return run.mounts().stream().anyMatch(m -> m.env().filter(name::equals).isPresent());
    }

    /** The first ARG or ENV after the RUN in the same stage that declares the name, or null. */
    private static Instruction declaredLater(Stage stage, RunStep run, String name) {
        int after = run.instruction().span().end();
        for (Step step : stage.steps()) {
            Instruction instruction = step.instruction();
            if (instruction.span().start() >= after && declares(instruction, name)) {
                return instruction;
            }
        }
        return null;
    }

    private static boolean declares(Instruction instruction, String name) {
        if (instruction.arguments() instanceof ArgList args) {
            return args.entries().stream().anyMatch(e -> e.name().value().equals(name));
        }
        return instruction.kind() == InstructionKind.ENV && instruction.arguments() instanceof KeyValueList list
                && list.entries().stream().anyMatch(e -> e.name().value().equals(name));
    }
}
