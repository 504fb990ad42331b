package dev.drydock.core.shell;

import java.util.List;

/** Where an argv hands a shell its script: the text of {@code sh -c '...'}, or a script file to read. */
public final class ShellCommands {

    private ShellCommands() {}

    /**
     * The index in {@code argv} of the script text a POSIX shell of it is given with {@code -c} ({@code sh -c},
     * {@code bash -ec}, {@code bash -o pipefail -c}), for the first word that is such a shell; -1 when none is.
     * Null entries are words not known statically.
     */
    public static int commandStringIndex(List<String> argv) {
        for (int i = 0; i < argv.size(); i++) {
            if (isShell(argv.get(i))) {
                ShellInvocation invocation = ShellInvocation.parse(argv.subList(i + 1, argv.size()));
                return invocation.commandString() && invocation.operandIndex() >= 0
                        ? i + 1 + invocation.operandIndex() : -1;
            }
        }
        return -1;
    }

    /**
     * The index of the script file a shell ({@code argv.get(0)}) reads: its first operand when neither {@code -c} nor
     * {@code -s} is given ({@code sh ./install.sh}, {@code bash -e setup.sh}); -1 otherwise, and when that word is not
     * known statically (null).
     */
    public static int scriptFileIndex(List<String> argv) {
        if (argv.isEmpty() || !isShell(argv.get(0))) {
            return -1;
        }
        ShellInvocation invocation = ShellInvocation.parse(argv.subList(1, argv.size()));
        return invocation.commandString() || invocation.readsStdin() || invocation.operandIndex() < 0
                || argv.get(1 + invocation.operandIndex()) == null ? -1 : 1 + invocation.operandIndex();
    }

    /** Whether the word names a POSIX-like shell ({@code sh}, {@code /bin/bash}, {@code dash} ...). */
    public static boolean isShell(String word) {
        return word != null && Flattener.SHELLS.contains(Command.basename(word));
    }
}
