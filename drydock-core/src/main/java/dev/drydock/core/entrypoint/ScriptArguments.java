package dev.drydock.core.entrypoint;

import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Shebang;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How an entry-point script uses the arguments it is started with: the container's CMD or compose command. */
public final class ScriptArguments {

    private ScriptArguments() {}

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
     * Whether the script reads its arguments in any way: runs them, expands a positional parameter, shifts them,
     * runs getopts, loops over them with a bare {@code for arg}, or sources a file that may read them
     * ({@link PositionalReads}).
     */
    public static boolean readsArguments(ShellScript script) {
        return runsCommandArguments(script) || PositionalReads.in(script.body());
    }

    /**
     * The program the script ends with when it runs in the foreground as the script's final step: of the commands
     * each way through the script ends with ({@link ScriptEnds}, so a function a {@code case} arm calls counts), the
     * last in the script that is not a shell builtin that ends or waits: the long-running program the script starts,
     * such as a worker.
     */
    public static Optional<Command> lastForegroundCommand(ShellScript script, EntryPoint ep, ScriptFiles files) {
        return ScriptEnds.of(script, ep, files).reversed().stream()
                .filter(last -> last.name() != null && !last.name().isEmpty() && !NOT_A_PROGRAM.contains(last.name()))
                .findFirst();
    }

    /** The command as the script writes it. */
    public static String text(SourceFile file, Command command) {
        return file.text().substring(command.span().start(), command.span().end());
    }
}
