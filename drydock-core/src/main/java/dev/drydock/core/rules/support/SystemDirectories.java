package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.CopyCommand;
import java.util.List;

/**
 * The system's program and configuration directories (/usr, /bin, /sbin, /lib, /etc): an unprivileged user needs
 * to run or read what is copied there, not to own it. Owning it would let the application's process replace those
 * programs or rewrite the system's configuration, and some readers refuse files root does not own (Debian's cron
 * skips such files in /etc/cron.d).
 */
public final class SystemDirectories {

    private static final List<String> DIRECTORIES = List.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/etc");

    private SystemDirectories() {}

    /** Whether the COPY or ADD writes into one of the system's program or configuration directories. */
    public static boolean target(CopyCommand copy) {
        String dest = copy.destination();
        return dest != null && DIRECTORIES.stream().anyMatch(d -> dest.equals(d) || dest.startsWith(d + "/"));
    }
}
