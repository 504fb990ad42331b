package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import dev.drydock.core.shell.AndOrList;
import dev.drydock.core.shell.CommandNode;
import dev.drydock.core.shell.Operator;
import dev.drydock.core.shell.Pipeline;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.StatementList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * BusyBox's sh, the {@code /bin/sh} of Alpine and BusyBox images, and bash, the {@code /bin/sh} of the Red Hat family
 * (UBI, Fedora, Rocky, Alma, Amazon Linux), run the only command of an {@code sh -c} script in place of themselves:
 * under a shell-form {@code CMD node server.js} node is PID 1 there and receives docker stop's SIGTERM, while Debian's
 * and Ubuntu's dash (0.5.12 in bookworm) stays PID 1 with the program as its child.
 */
public final class LoneCommandExec {

    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "do", "done", "while",
            "until", "for", "case", "esac", "!", "exec", "[[", "function", "select", "time");

    /** Commands the shell runs itself: nothing replaces it. */
    private static final Set<String> BUILTINS = Set.of("wait", ":", "true", "false", "exit", "return", "set",
            "export", "cd", "echo", "printf", "read", "source", ".", "eval", "shift", "unset", "trap");

    private LoneCommandExec() {}

    /**
     * The image, as written, whose shell hands PID 1 to the container's shell-form command, and that shell: the
     * default shell (no SHELL instruction) running a script of one command, not sent to the background.
     */
    public static Optional<ImageTools> of(Container c) {
        EffectiveCommand command = c.command();
        if (command == null || !command.shellForm() || command.script() == null || c.build() == null
                || c.build().stage() == null || c.build().model() == null) {
            return Optional.empty();
        }
        return of(c.build().model(), c.build().stage(), command.script());
    }

    /**
     * The image, as written, whose shell would run this shell-form script of the stage in its own place: the
     * default shell (no SHELL instruction), one command, not sent to the background.
     */
    public static Optional<ImageTools> of(DockerfileModel model, Stage stage, String script) {
        if (stage.config().shell() != null || !single(script)) {
            return Optional.empty();
        }
        return InferredImageTools.of(model, stage).filter(ImageTools::shExecsLoneCommand);
    }

    /**
     * Whether the image's sh runs a lone command in its own place and {@code script}, which an {@code sh -c} of the command runs (a shell-form
     * CMD after an exec-form ENTRYPOINT such as {@code tini --}), is one command that the shell runs in its own place.
     */
    public static boolean handsOver(Container c, String script) {
        if (script == null || c.build() == null || c.build().stage() == null || c.build().model() == null) {
            return false;
        }
        return single(script) && InferredImageTools.of(c.build().model(), c.build().stage())
                .filter(ImageTools::shExecsLoneCommand).isPresent();
    }

    /**
     * The image's /bin/sh when it is BusyBox's, which also runs the last command of a longer {@code sh -c} script in
     * its own place (the command after the last {@code ;}, {@code &&}, {@code ||} or newline), as long as the script
     * sets no trap nor background job and the command is a program not in a pipeline, a loop or a function; empty for other shells and for a
     * Dockerfile drydock cannot read.
     */
    public static Optional<ImageTools> busyBox(Container c) {
        if (c.build() == null || c.build().stage() == null || c.build().model() == null) {
            return Optional.empty();
        }
        return InferredImageTools.of(c.build().model(), c.build().stage()).filter(ImageTools::busyBox);
    }

    private static boolean single(String script) {
        ShellScript parsed = ShellScript.parse(script);
        return !parsed.hasProblems() && parsed.commands().size() == 1 && !parsed.commands().get(0).background();
    }

    /**
     * Whether BusyBox's sh runs the script's last command in its own place: a program (not a builtin such as
     * {@code wait}) run by a simple command that does not follow {@code ||} (the command before it would have run as
     * the shell's child) and is not a function of the script, with no trap set and no job sent to the background
     * (BusyBox keeps the shell for them). When the script ends with an {@code if}, a {@code case} or a {@code { ...; }}
     * group, BusyBox does the same with the last command of the branch it takes: each branch must end so.
     */
    public static boolean busyBoxExecsLast(String script) {
        if (script == null) {
            return false;
        }
        ShellScript parsed = ShellScript.parse(script);
        if (parsed.hasProblems() || !parsed.commands("trap").isEmpty() || !BackgroundJobs.of(parsed).isEmpty()) {
            return false; // a job sent to the background runs beside the shell, which stays
        }
        Set<String> functions = new HashSet<>();
        parsed.body().items().stream().flatMap(item -> item.pipelines().stream()).flatMap(p -> p.commands().stream())
                .forEach(node -> {
                    if (node instanceof CommandNode.FunctionDefinition f) {
                        functions.add(f.name());
                    }
                });
        return endsInPlace(parsed.body(), functions);
    }

    /** Whether the list's last command is one BusyBox runs in the shell's place (see {@link #busyBoxExecsLast}). */
    private static boolean endsInPlace(StatementList list, Set<String> functions) {
        List<AndOrList> items = list.items();
        if (items.isEmpty()) {
            return false;
        }
        AndOrList last = items.get(items.size() - 1);
        if (last.background() || !last.operators().isEmpty()
                && last.operators().get(last.operators().size() - 1) == Operator.OR) {
            return false;
        }
        Pipeline pipeline = last.pipelines().get(last.pipelines().size() - 1);
        if (pipeline.negated() || pipeline.commands().size() != 1) {
            return false;
        }
        return switch (pipeline.commands().get(0)) {
            case CommandNode.SimpleCommand c -> !c.words().isEmpty() && !KEYWORDS.contains(c.words().get(0).value())
                    && !BUILTINS.contains(c.words().get(0).value()) && !functions.contains(c.words().get(0).value());
            case CommandNode.IfClause i -> i.redirects().isEmpty()
                    && i.branches().stream().allMatch(b -> endsInPlace(b.body(), functions))
                    && (i.elseBody() == null || i.elseBody().isEmpty() || endsInPlace(i.elseBody(), functions));
            case CommandNode.CaseClause c -> c.redirects().isEmpty() && c.items().stream()
                    .allMatch(item -> (item.terminator() == null || item.terminator() == Operator.CASE_BREAK)
                            && (item.body().isEmpty() || endsInPlace(item.body(), functions)));
            case CommandNode.BraceGroup g -> g.redirects().isEmpty() && endsInPlace(g.body(), functions);
            default -> false;
        };
    }

    /** A simple command exec can go in front of: a program, not an assignment alone nor a keyword. */
    public static boolean execable(CommandNode.SimpleCommand command) {
        return command.assignments().isEmpty() && !command.words().isEmpty()
                && !KEYWORDS.contains(command.words().get(0).value());
    }
}
