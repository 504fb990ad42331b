package dev.drydock.core.verify;

import java.util.List;
import java.util.Set;

/**
 * PID 1 must be the main process (or an init that forwards signals to it), not a shell wrapping it:
 * {@code sh -c} does not pass SIGTERM on, so the server never hears it and is killed.
 */
final class MainProcessCheck {

    static final String ID = "pid1";

    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "busybox");
    private static final Set<String> INITS = Set.of("tini", "tini-static", "catatonit", "docker-init", "dumb-init",
            "s6-svscan", "runsvdir", "supervisord");

    private MainProcessCheck() {}

    /** Splits {@code /proc/1/cmdline}: arguments end with NUL. */
    static List<String> parseCmdline(String cmdline) {
        if (cmdline.isEmpty()) {
            return List.of();
        }
        String text = cmdline.endsWith("\0") ? cmdline.substring(0, cmdline.length() - 1) : cmdline;
        return List.of(text.split("\0", -1));
    }

    static CheckResult evaluate(List<String> pid1) {
        if (pid1.isEmpty()) {
            return CheckResult.skip(ID, "could not read /proc/1/cmdline");
        }
        String shown = String.join(" ", pid1);
        String program = basename(pid1.get(0));
        CheckResult result;
        if (INITS.contains(program)) {
            result = CheckResult.pass(ID, "PID 1 is the init " + program + ", which forwards signals: " + shown);
        } else if (SHELLS.contains(program) && pid1.size() > 1 && pid1.get(1).startsWith("-") && pid1.get(1).contains("c")) {
            result = CheckResult.fail(ID, "PID 1 is a shell (" + shown + "): it does not pass SIGTERM to the server;"
                    + " use the exec form, or exec in the script");
        } else if (SHELLS.contains(program) && pid1.size() > 1) {
            result = CheckResult.pass(ID, "PID 1 is the shell script " + pid1.get(1) + ": " + shown);
        } else {
            result = CheckResult.pass(ID, "PID 1 is " + shown);
        }
        return result.with("cmdline", shown);
    }

    static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
