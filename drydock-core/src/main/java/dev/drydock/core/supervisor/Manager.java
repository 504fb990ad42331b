package dev.drydock.core.supervisor;

/**
 * The process manager a container runs as PID 1 (or execs into) to start several programs: a supervisor that
 * restarts them and can start each as its own user, or a task runner that starts them once, as its own user, and
 * stops when they end.
 */
public enum Manager {
    /** supervisord, with its INI configuration of {@code [program:x]} sections. */
    SUPERVISORD("supervisord"),
    /** s6-svscan on a scan folder of service folders, each with a {@code run} script (Gitea's image). */
    S6("s6-svscan"),
    /**
     * s6-overlay's {@code /init}: s6-rc services under {@code /etc/s6-overlay/s6-rc.d} (v3) and the services of
     * {@code /etc/services.d} (v2, still read by v3).
     */
    S6_OVERLAY("s6-overlay"),
    /** runit's runsvdir on a folder of service folders, each with a {@code run} script. */
    RUNIT("runsvdir"),
    /** concurrently: the commands given as its arguments ({@code npm:NAME} for a package.json script). */
    CONCURRENTLY("concurrently"),
    /** npm-run-all (run-p, run-s): the package.json scripts its patterns name, each through {@code npm run}. */
    NPM_RUN_ALL("npm-run-all"),
    /** honcho: the processes of a Procfile. */
    HONCHO("honcho"),
    /** foreman: the processes of a Procfile. */
    FOREMAN("foreman");

    private final String displayName;

    Manager(String displayName) {
        this.displayName = displayName;
    }

    /** The manager as a message names it. */
    public String displayName() {
        return displayName;
    }

    /**
     * Whether it is a supervisor, which restarts a program that exits and can start each program as a user of its
     * own; a task runner starts its programs once, as the user it runs as.
     */
    public boolean supervises() {
        return switch (this) {
            case SUPERVISORD, S6, S6_OVERLAY, RUNIT -> true;
            case CONCURRENTLY, NPM_RUN_ALL, HONCHO, FOREMAN -> false;
        };
    }

    /**
     * How a message names one of its programs: {@code [program:php] in x.conf}, {@code the s6 service gitea (path)},
     * {@code the script "serve:api" that concurrently starts (package.json)}, {@code the Procfile process web (Procfile)}.
     */
    public String label(Program program) {
        return switch (this) {
            case SUPERVISORD -> "[program:" + program.name() + "] in " + program.file();
            case S6, S6_OVERLAY -> "the s6 service " + program.name() + " (" + program.file() + ")";
            case RUNIT -> "the runit service " + program.name() + " (" + program.file() + ")";
            case CONCURRENTLY, NPM_RUN_ALL -> (program.name().equals(program.commandLine())
                    ? "the command `" + program.commandLine() + "`" : "the script \"" + program.name() + "\"")
                    + " that " + displayName + " starts (" + program.file() + ")";
            case HONCHO, FOREMAN -> "the Procfile process " + program.name() + " that " + displayName + " starts ("
                    + program.file() + ")";
        };
    }

    /**
     * How a recommendation writes a program's command: {@code command=...} for supervisord, {@code exec ...} for a
     * service's run script, the command itself for a task runner.
     */
    public String commandLine(String argv) {
        return this == SUPERVISORD ? "command=" + argv : supervises() ? "exec " + argv : "`" + argv + "`";
    }

    /** Where a program's command is changed, for a recommendation. */
    public String whereToChange() {
        return this == SUPERVISORD ? "Change the program's command= line; supervisord runs what it says."
                : supervises() ? "Change the exec line of the service's run script; " + displayName + " runs what it says."
                : "Change that command; " + displayName + " runs what it says.";
    }

    /** How a message names the user a program runs as: {@code user=} for supervisord, the run script's switch else. */
    public String userSetting() {
        return this == SUPERVISORD ? "user=" : "the user its run script switches to";
    }
}
