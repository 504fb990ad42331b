package dev.drydock.cli;

import dev.drydock.core.shellcheck.ShellCheck;
import java.io.PrintWriter;
import java.util.Optional;

/** The line {@code --verbose} prints about shellcheck: whether it ran, which one, on how many scripts. */
final class ShellCheckStatus {

    private ShellCheckStatus() {}

    /** The scripts checked so far in this process, to count only those of the command that prints the status. */
    static long baseline() {
        return ShellCheck.onPath().map(ShellCheck::checkedScripts).orElse(0L);
    }

    static void print(PrintWriter err, boolean enabled, long baseline) {
        Optional<ShellCheck> found = ShellCheck.onPath();
        if (!enabled) {
            err.println("drydock: shellcheck turned off (--no-shellcheck, the default with --batch): RUN scripts not checked");
        } else if (found.isEmpty()) {
            err.println("drydock: shellcheck is not on PATH: RUN scripts not checked (install the shellcheck package)");
        } else {
            ShellCheck shellcheck = found.get();
            long scripts = shellcheck.checkedScripts() - baseline;
            err.println("drydock: shellcheck " + shellcheck.version() + " (" + shellcheck.executable() + ") checked "
                    + scripts + " RUN script" + (scripts == 1 ? "" : "s"));
        }
        err.flush();
    }
}
