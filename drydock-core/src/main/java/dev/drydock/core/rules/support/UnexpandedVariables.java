package dev.drydock.core.rules.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of an exec-form command (a JSON CMD, ENTRYPOINT, RUN or HEALTHCHECK, a compose command
 * or CMD test) that hold a shell variable reference, {@code $NAME} or {@code ${NAME}}, which nothing
 * will expand: no shell runs an exec-form command, so the program receives the dollar sign and the
 * name as they are written. Only upper-case names, the convention of environment variables, count:
 * a dollar sign in {@code Pa$word} or a crypt hash such as {@code $6$salt$...} is meant as written.
 *
 * <p>Words stop being looked at where something else reads them: a shell's {@code -c} script (and
 * what follows it), a script of unknown behaviour, text-processing programs that give {@code $} their
 * own meaning (awk, sed, jq, envsubst, perl), the code argument of an interpreter ({@code python -c},
 * {@code node -e}); and for java, {@code -Dname=${X}} and {@code --name=${X}}, whose placeholders
 * Spring, Logback and Log4j resolve from the environment.
 */
public final class UnexpandedVariables {

    private static final Pattern REFERENCE = Pattern.compile(
            "(?<![$\\\\{])\\$(?:\\{([A-Z_][A-Z0-9_]*)(?:[:?+=#%/-][^}]*)?}|([A-Z_][A-Z0-9_]*)(?![a-z0-9$]))");
    static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox");
    private static final Set<String> OWN_DOLLAR = Set.of("awk", "gawk", "mawk", "nawk", "sed", "perl", "jq", "yq",
            "envsubst", "expect", "tclsh", "powershell", "pwsh", "cmd", "cmd.exe", "eval");
    static final Set<String> INIT_WRAPPERS = Set.of("tini", "tini-static", "dumb-init", "catatonit", "nice",
            "ionice", "chpst", "setsid", "exec", "nohup", "time", "stdbuf", "taskset", "timeout");
    static final Set<String> USER_WRAPPERS = Set.of("gosu", "su-exec", "s6-setuidgid", "setuidgid");
    private static final Set<String> CODE_OPTIONS = Set.of("-c", "-e", "--eval", "-p", "--print", "-r", "-E");

    private UnexpandedVariables() {
    }

    /** The first variable name {@code word} refers to the shell way, or null. */
    public static String reference(String word) {
        Matcher m = REFERENCE.matcher(word);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** Whether the word is a reference and nothing else ({@code $JAVA_OPTS}, {@code ${ARGS}}). */
    public static boolean wholeReference(String word) {
        Matcher m = REFERENCE.matcher(word);
        return m.matches();
    }

    /**
     * The indexes of the words of {@code argv} that reach a program with an unexpanded reference.
     * {@code passesArguments} tells whether a script (an argv word ending in .sh or naming an entry
     * point) hands the words after it to the program they name unchanged ({@code exec "$@"}); when it
     * does not, or cannot be read, the words after it are not looked at.
     */
    public static List<Integer> in(List<String> argv, Predicate<String> passesArguments) {
        List<Integer> found = new ArrayList<>();
        String program = null;
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            String name = word.substring(word.lastIndexOf('/') + 1);
            if (program == null) {
                if (SHELLS.contains(name) || OWN_DOLLAR.contains(name)) {
                    return found;
                }
                if (INIT_WRAPPERS.contains(name) || name.equals("env")) {
                    while (i + 1 < argv.size() && (argv.get(i + 1).startsWith("-")
                            || name.equals("env") && argv.get(i + 1).matches("[A-Za-z_][A-Za-z0-9_]*=.*"))) {
                        i++;
                        if (reference(argv.get(i)) != null && argv.get(i).contains("=")) {
                            found.add(i);
                        }
                    }
                    continue;
                }
                if (USER_WRAPPERS.contains(name)) {
                    i++;
                    continue;
                }
                if (script(name)) {
                    if (!passesArguments.test(word)) {
                        return found;
                    }
                    continue;
                }
                program = name;
                if (reference(word) != null) {
                    found.add(i);
                }
                continue;
            }
            if (CODE_OPTIONS.contains(word) && interpreter(program)) {
                i++;
                continue;
            }
            if (program.equals("java") && (word.startsWith("-D") || word.startsWith("--")) && word.contains("${")
                    && !word.replaceAll("\\$\\{[^}]*}", "").contains("$")) {
                continue;
            }
            if (reference(word) != null) {
                found.add(i);
            }
        }
        return found;
    }

    static boolean script(String name) {
        return name.endsWith(".sh") || name.contains("entrypoint") || name.contains("entry-point");
    }

    private static boolean interpreter(String program) {
        return program.startsWith("python") || program.equals("node") || program.equals("nodejs")
                || program.equals("ruby") || program.equals("php") || program.equals("bun") || program.equals("deno")
                || program.equals("Rscript");
    }
}
