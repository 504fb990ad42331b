package dev.drydock.core.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shell options that change how failures propagate, as in effect at some point of a script.
 *
 * @param errexit {@code set -e}: the shell exits when a command fails (outside conditions)
 * @param pipefail {@code set -o pipefail}: a pipeline fails when any of its commands fails
 * @param nounset {@code set -u}
 * @param xtrace {@code set -x}
 */
public record ShellOptions(boolean errexit, boolean pipefail, boolean nounset, boolean xtrace) {

    /** A plain {@code /bin/sh -c}: nothing set. */
    public static final ShellOptions DEFAULT = new ShellOptions(false, false, false, false);

    public ShellOptions withErrexit(boolean on) {
        return new ShellOptions(on, pipefail, nounset, xtrace);
    }

    public ShellOptions withPipefail(boolean on) {
        return new ShellOptions(errexit, on, nounset, xtrace);
    }

    /**
     * The options a shell starts with when invoked as {@code shell} (a Dockerfile {@code SHELL}
     * instruction's JSON array, e.g. {@code ["/bin/bash", "-o", "pipefail", "-c"]} or
     * {@code ["/bin/sh", "-eux", "-c"]}). Flags after the first operand are not options.
     */
    public static ShellOptions ofShellCommand(List<String> shell) {
        if (shell == null || shell.isEmpty()) {
            return DEFAULT;
        }
        List<String> args = new ArrayList<>(shell.subList(1, shell.size()));
        String exe = basename(shell.get(0));
        if ((exe.equals("env")) && !args.isEmpty()) {
            args.remove(0); // /usr/bin/env bash -o pipefail -c
        }
        return ShellInvocation.parse(args).options();
    }

    /**
     * Whether {@code executable} (the first element of a {@code SHELL} instruction) is PowerShell or
     * cmd, whose scripts this package does not read: callers must not parse those with
     * {@link ShellScript#parse}. Anything else is taken as a POSIX-like shell.
     */
    public static boolean isNonPosixShell(String executable) {
        if (executable == null) {
            return false;
        }
        String name = basename(executable.replace('\\', '/')).toLowerCase(Locale.ROOT);
        if (name.endsWith(".exe")) {
            name = name.substring(0, name.length() - 4);
        }
        return name.equals("cmd") || name.startsWith("pwsh") || name.startsWith("powershell");
    }

    /** Applies one {@code -o name} / {@code +o name}; unknown names change nothing. */
    ShellOptions withNamed(String name, boolean on) {
        return switch (name) {
            case "errexit" -> withErrexit(on);
            case "pipefail" -> withPipefail(on);
            case "nounset" -> new ShellOptions(errexit, pipefail, on, xtrace);
            case "xtrace" -> new ShellOptions(errexit, pipefail, nounset, on);
            default -> this;
        };
    }

    /** Applies one single-letter option ({@code e}, {@code u}, {@code x}); others change nothing. */
    ShellOptions withLetter(char letter, boolean on) {
        return switch (letter) {
            case 'e' -> withErrexit(on);
            case 'u' -> new ShellOptions(errexit, pipefail, on, xtrace);
            case 'x' -> new ShellOptions(errexit, pipefail, nounset, on);
            default -> this;
        };
    }

    static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 && slash < path.length() - 1 ? path.substring(slash + 1) : path;
    }
}
