package dev.drydock.core.entrypoint;

import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Shebang;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** How an entry-point script uses the arguments it is started with: the container's CMD or compose command. */
public final class ScriptArguments {

    private ScriptArguments() {}

    /** $@, ${@...}, $*, $#, ${#}, $1..$9, ${1...}: any read of the positional parameters. */
    private static final Pattern POSITIONAL = Pattern.compile("\\$[@*#1-9]|\\$\\{[@*1-9]|\\$\\{#}");
    /**
     * shift, getopts or sourcing another file (which shares them), in a command's place; a for loop without `in` (over
     * "$@").
     */
    private static final Pattern ARGUMENT_COMMANDS = Pattern.compile(
            "(?m)(^|[;&|(]|\\b(?:then|do|else)\\b)[ \\t]*(shift|getopts|source|\\.)(\\s|;|$)"
                    + "|(^|[\\s;&|(])for\\s+\\w+\\s*(;|\\n|do\\b)");
    private static final Pattern COMMENT = Pattern.compile("(?m)(^|\\s)#.*$");

    private static final Set<String> NOT_A_PROGRAM = Set.of("exit", "wait", "true", "false", ":", "echo", "printf",
            "return", "sleep", "trap", "set", "export", "cd", "source", ".");

    /**
     * What a shell script does with its arguments: runs them ({@code "$@"} or {@code "$*"} as a program), reads them
     * otherwise, or never reads them; {@link ArgumentUse#UNKNOWN} when the file is not a shell script.
     */
    public static ArgumentUse use(ShellScript script) {
        if (!isShellScript(script.text().file())) {
            return ArgumentUse.UNKNOWN;
        }
        return runsCommandArguments(script) ? ArgumentUse.HANDS_ON
                : readsArguments(script) ? ArgumentUse.READS : ArgumentUse.IGNORES;
    }

    /** Whether a POSIX-like shell runs the file: its shebang names one, or it has none and its name ends in .sh. */
    public static boolean isShellScript(SourceFile file) {
        return Shebang.of(file.text()).map(Shebang::isShell).orElse(file.path().endsWith(".sh"));
    }

    /** The commands of the script that run its arguments as a command ({@code "$@"}, also after gosu or exec). */
    public static List<Command> handOvers(ShellScript script) {
        return script.commands().stream().filter(cmd -> cmd.program().map(w -> w.value().equals("$@")
                || w.value().equals("$*")).orElse(false)).toList();
    }

    /** Whether the script runs the container's command ({@code "$@"}) anywhere. */
    public static boolean runsCommandArguments(ShellScript script) {
        return !handOvers(script).isEmpty();
    }

    /**
     * Whether the script reads its arguments in any way: a positional parameter outside comments, shift,
     * getopts, a bare {@code for arg}, or sourcing a file that may read them.
     */
    public static boolean readsArguments(ShellScript script) {
        String code = COMMENT.matcher(script.text().file().text()).replaceAll("$1");
        return runsCommandArguments(script) || POSITIONAL.matcher(code).find() || ARGUMENT_COMMANDS.matcher(code).find();
    }

    /**
     * The script's last command when it runs in the foreground as the script's final step (not in a pipeline,
     * not a shell builtin that ends or waits): the long-running program the script starts, such as a worker.
     */
    public static Optional<Command> lastForegroundCommand(ShellScript script) {
        List<Command> commands = script.commands();
        if (commands.isEmpty()) {
            return Optional.empty();
        }
        Command last = commands.get(commands.size() - 1);
        return last.background() || last.inPipeline() || last.name() == null
                || NOT_A_PROGRAM.contains(last.name()) ? Optional.empty() : Optional.of(last);
    }

    /** The command as the script writes it. */
    public static String text(SourceFile file, Command command) {
        return file.text().substring(command.span().start(), command.span().end());
    }
}
