package dev.drydock.core.shell;

import java.util.List;

/**
 * How a POSIX shell was invoked: the options its flags set, whether {@code -c} was given, and which
 * argument is the first operand (the {@code -c} script, or the script file).
 *
 * @param options options set by flags such as {@code -e}, {@code -o pipefail}, {@code -eux}
 * @param commandString {@code -c} was given: the first operand is the script text
 * @param readsStdin {@code -s} was given
 * @param operandIndex index in the arguments of the first operand, -1 if none
 */
record ShellInvocation(ShellOptions options, boolean commandString, boolean readsStdin, int operandIndex) {

    /** @param args the arguments after the shell's name; null entries are values not known statically */
    static ShellInvocation parse(List<String> args) {
        ShellOptions options = ShellOptions.DEFAULT;
        boolean command = false;
        boolean stdin = false;
        int i = 0;
        int n = args.size();
        while (i < n) {
            String arg = args.get(i);
            if (arg == null) {
                break;
            }
            if (arg.equals("--") || arg.equals("-")) {
                i++;
                break;
            }
            if (arg.startsWith("--")) {
                i++;
                if ((arg.equals("--rcfile") || arg.equals("--init-file")) && i < n) {
                    i++;
                }
                continue;
            }
            if ((arg.startsWith("-") || arg.startsWith("+")) && arg.length() > 1) {
                boolean on = arg.charAt(0) == '-';
                int extra = 0;
                for (int k = 1; k < arg.length(); k++) {
                    char c = arg.charAt(k);
                    switch (c) {
                        case 'c' -> command |= on;
                        case 's' -> stdin |= on;
                        case 'o' -> {
                            String name = i + 1 + extra < n ? args.get(i + 1 + extra) : null;
                            extra++;
                            if (name != null) {
                                options = options.withNamed(name, on);
                            }
                        }
                        case 'O' -> extra++;
                        default -> options = options.withLetter(c, on);
                    }
                }
                i += 1 + extra;
                continue;
            }
            break;
        }
        return new ShellInvocation(options, command, stdin, i < n ? i : -1);
    }
}
