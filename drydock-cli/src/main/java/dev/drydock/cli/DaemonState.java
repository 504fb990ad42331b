package dev.drydock.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The file where a running daemon says how to reach it: {@code key=value} lines (port, token, pid, the jar it
 * runs and when it started), readable by the owner only, in a folder only the owner can enter. The launcher's
 * bash client reads it too (scripts/daemon-client).
 */
record DaemonState(int port, String token, long pid, JarStamp jar, Instant started) {

    /** {@code $XDG_RUNTIME_DIR/drydock/daemon}, else {@code ${XDG_CACHE_HOME:-$HOME/.cache}/drydock/daemon}. */
    static Path location(Function<String, String> env) {
        String runtime = env.apply("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty()) {
            return Path.of(runtime, "drydock", "daemon");
        }
        String cache = env.apply("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isEmpty() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("drydock").resolve("daemon");
    }

    /** The state in {@code file}; empty when there is none or it is not one. */
    static Optional<DaemonState> read(Path file) {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return Optional.of(new DaemonState(Integer.parseInt(values.get("port")), values.get("token"),
                    Long.parseLong(values.get("pid")), new JarStamp(Path.of(values.get("jar")),
                    Long.parseLong(values.get("jar-size")), Long.parseLong(values.get("jar-mtime"))),
                    Instant.parse(values.get("started"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes this state to {@code file} at once (a reader never sees half of it), mode 0600 in a 0700 folder. */
    void write(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            try {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                throw new IOException(folder + " is not a folder", e);
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(folder);
        }
        String text = "port=" + port + "\ntoken=" + token + "\npid=" + pid + "\njar=" + jar.path()
                + "\njar-size=" + jar.size() + "\njar-mtime=" + jar.mtime() + "\nstarted=" + started + "\n";
        FileAttribute<?>[] ownerOnly = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))} : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(folder, "daemon", ".tmp", ownerOnly);
        try {
            Files.writeString(temporary, text);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Removes {@code file} when it still describes the daemon with this token (a newer one may have replaced it). */
    void remove(Path file) {
        try {
            if (read(file).filter(s -> s.token().equals(token)).isPresent()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // the daemon is ending: a state file left behind is found stale by the next client
        }
    }

    /**
     * Which jar a daemon runs, by path, size and modification time: a rebuilt jar is another program.
     *
     * @param mtime milliseconds since the epoch
     */
    record JarStamp(Path path, long size, long mtime) {

        static JarStamp of(Path jar) {
            Path absolute = jar.toAbsolutePath().normalize();
            try {
                return new JarStamp(absolute, Files.size(absolute), Files.getLastModifiedTime(absolute).toMillis());
            } catch (IOException e) {
                return new JarStamp(absolute, -1, -1);
            }
        }

        /** The jar or class folder this code was loaded from. */
        static JarStamp running() {
            try {
                return of(Path.of(DaemonState.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (java.net.URISyntaxException | RuntimeException e) {
                return new JarStamp(Path.of(System.getProperty("java.class.path", "")), -1, -1);
            }
        }
    }
}
