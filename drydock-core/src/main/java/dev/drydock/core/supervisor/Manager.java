package dev.drydock.core.supervisor;

/**
 * The process manager a container runs as PID 1 (or execs into) to start and restart several programs.
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
    RUNIT("runsvdir");

    private final String displayName;

    Manager(String displayName) {
        this.displayName = displayName;
    }

    /** The manager as a message names it. */
    public String displayName() {
        return displayName;
    }

    /** How a message names one of its programs: {@code [program:php] in x.conf}, {@code the s6 service gitea (path)}. */
    public String label(Program program) {
        return switch (this) {
            case SUPERVISORD -> "[program:" + program.name() + "] in " + program.file();
            case S6, S6_OVERLAY -> "the s6 service " + program.name() + " (" + program.file() + ")";
            case RUNIT -> "the runit service " + program.name() + " (" + program.file() + ")";
        };
    }

    /** How a recommendation writes a program's command: {@code command=...} for supervisord, {@code exec ...} else. */
    public String commandLine(String argv) {
        return this == SUPERVISORD ? "command=" + argv : "exec " + argv;
    }

    /** Where a program's command is changed, for a recommendation. */
    public String whereToChange() {
        return this == SUPERVISORD ? "Change the program's command= line; supervisord runs what it says."
                : "Change the exec line of the service's run script; " + displayName + " runs what it says.";
    }

    /** How a message names the user a program runs as: {@code user=} for supervisord, the run script's switch else. */
    public String userSetting() {
        return this == SUPERVISORD ? "user=" : "the user its run script switches to";
    }
}
