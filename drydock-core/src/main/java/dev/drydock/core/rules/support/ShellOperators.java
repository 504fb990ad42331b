package dev.drydock.core.rules.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Shell control and redirection operators ({@code &&}, {@code ||}, {@code |}, {@code ;}, {@code &}, {@code >},
 * {@code >>}, {@code <}, {@code 2>&1}) written as words of an exec-form command (a JSON CMD, ENTRYPOINT, RUN or
 * HEALTHCHECK, a compose command list or CMD test, a Kubernetes command): no shell reads them there, so the program
 * receives each operator, and the commands after it, as plain arguments.
 *
 * <p>Words stop being looked at where a shell or a program that hands its arguments to one takes over ({@code sh -c},
 * {@code watch}, {@code ssh}, {@code su -c}), where a script of unknown behaviour receives them, and for programs whose
 * arguments are data that may well be such a character (awk, sed, tr, cut, grep, jq, expr, test). An operator
 * that follows an option ({@code cut -d "|"}, {@code awk -F ";"}) is that option's value, and find's {@code -exec ... ;}
 * is find's own terminator.
 */
public final class ShellOperators {

    private static final Set<String> OPERATORS = Set.of("&&", "||", "|", ";", "&", ">", ">>", "<", "<<", "2>&1",
            "1>&2", ">&2", "2>", "2>>", "&>", "&>>", "|&", ";;");
    /** Programs that run their arguments through a shell, on this host or another. */
    private static final Set<String> SHELL_RUNNERS = Set.of("watch", "ssh", "su", "runuser", "eval",
            "parallel");
    /** Programs whose arguments are data in which a lone {@code |}, {@code ;} or {@code <} is ordinary. */
    private static final Set<String> DATA_PROGRAMS = Set.of("awk", "gawk", "mawk", "nawk", "sed", "tr", "cut", "grep",
            "egrep", "fgrep", "jq", "yq", "perl", "expr", "test", "[", "printf", "column", "paste", "sort", "join",
            "csvtool", "mlr");
    private static final Set<String> FIND_ACTIONS = Set.of("-exec", "-execdir", "-ok", "-okdir");

    private ShellOperators() {
    }

    /** Whether {@code word} is a shell operator and nothing else. */
    public static boolean isOperator(String word) {
        return OPERATORS.contains(word);
    }

    /** Whether the operator only sends output somewhere ({@code >}, {@code 2>&1}...) rather than chaining commands. */
    public static boolean redirection(String word) {
        return word.contains(">") || word.contains("<");
    }

    /**
     * The indexes of the words of {@code argv} that are shell operators reaching a program as arguments.
     * {@code passesArguments} tells whether a script (an argv word ending in .sh or naming an entry point) hands the
     * words after it on unchanged ({@code exec "$@"}); when it does not, or cannot be read, nothing after it counts.
     */
    public static List<Integer> in(List<String> argv, Predicate<String> passesArguments) {
        List<Integer> found = new ArrayList<>();
        String program = null;
        boolean findAction = false;
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            String name = word.substring(word.lastIndexOf('/') + 1);
            if (UnexpandedVariables.SHELLS.contains(name) || SHELL_RUNNERS.contains(name)) {
                return found;
            }
            if (program == null) {
                if (UnexpandedVariables.INIT_WRAPPERS.contains(name) || name.equals("env")) {
                    while (i + 1 < argv.size() && (argv.get(i + 1).startsWith("-")
                            || name.equals("env") && argv.get(i + 1).matches("[A-Za-z_][A-Za-z0-9_]*=.*"))) {
                        i++;
                    }
                    continue;
                }
                if (UnexpandedVariables.USER_WRAPPERS.contains(name)) {
                    i++;
                    continue;
                }
                if (UnexpandedVariables.script(name)) {
                    if (!passesArguments.test(word)) {
                        return found;
                    }
                    continue;
                }
                if (DATA_PROGRAMS.contains(name)) {
                    return found;
                }
                program = name;
                continue;
            }
            findAction |= program.equals("find") && FIND_ACTIONS.contains(word);
            if (!isOperator(word) || optionValue(argv, i) || findAction && word.equals(";")) {
                continue;
            }
            found.add(i);
        }
        return found;
    }

    /** Whether a one-character operator stands right after an option, as its value ({@code -d "|"}). */
    private static boolean optionValue(List<String> argv, int i) {
        String previous = argv.get(i - 1);
        return argv.get(i).length() == 1 && previous.startsWith("-") && !previous.equals("-")
                && !previous.equals("--") && !previous.contains("=");
    }
}
