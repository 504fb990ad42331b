package dev.drydock.core.source;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Temporary files and folders, owner-only. Not {@link Files#createTempFile}: its random names come from a
 * SecureRandom whose seeding costs tens of milliseconds in a fresh process, on every run that writes an
 * output file or runs shellcheck. Each name here is unique to the process (its pid, the time, a counter)
 * and is created atomically only if nothing of that name exists, so a name guessed in advance cannot be
 * taken over: another one is tried.
 */
public final class TempFiles {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final int ATTEMPTS = 100;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private TempFiles() {}

    /** A new empty file in {@code folder} named {@code prefix}, a unique part, then {@code suffix}. */
    public static Path file(Path folder, String prefix, String suffix) throws IOException {
        return create(folder, prefix, suffix, false);
    }

    /** A new empty folder under the system's temporary folder, named {@code prefix} and a unique part. */
    public static Path folder(String prefix) throws IOException {
        return create(Path.of(System.getProperty("java.io.tmpdir")), prefix, "", true);
    }

    private static Path create(Path parent, String prefix, String suffix, boolean folder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path path = parent.resolve(prefix + unique() + suffix);
            try {
                if (folder) {
                    return POSIX ? Files.createDirectory(path, ownerOnly("rwx------")) : Files.createDirectory(path);
                }
                return POSIX ? Files.createFile(path, ownerOnly("rw-------")) : Files.createFile(path);
            } catch (FileAlreadyExistsException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static String unique() {
        return ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + COUNTER.incrementAndGet();
    }

    private static FileAttribute<?> ownerOnly(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
