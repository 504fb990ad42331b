package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.CopyCommand;
import java.util.List;

/**
 * The system's program directories (/usr, /bin, /sbin, /lib): an unprivileged user needs to run what is
 * copied there, not to own it, and owning it would let the application's process replace those programs.
 */
public final class SystemDirectories {

    private static final List<String> DIRECTORIES = List.of("/usr", "/bin", "/sbin", "/lib", "/lib64");

    private SystemDirectories() {}

    /** Whether the COPY or ADD writes into one of the system's program directories. */
    public static boolean target(CopyCommand copy) {
        String dest = copy.destination();
        return dest != null && DIRECTORIES.stream().anyMatch(d -> dest.equals(d) || dest.startsWith(d + "/"));
    }
}
