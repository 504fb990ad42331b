package dev.drydock.core.fix;

import dev.drydock.core.source.TempFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes fixed files into the project folder: every file is checked first (inside the folder, not a
 * symlink, unchanged since it was read) and nothing is written when one fails. Then every new text is
 * written to a temporary file beside its target, given the original's permissions, and only when all
 * of them are ready is each renamed over its target atomically. A rename that fails undoes the ones
 * before it, so the project is left as it was: all the fixes or none.
 */
public final class FixWriter {

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    /** Why the fixes could not be written; nothing was written (unless the message says otherwise). */
    public static final class RefusedException extends Exception {
        private final String path;

        RefusedException(String path, String message) {
            super(path + ": " + message);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** Renames a finished temporary file over its target. */
    interface Mover {
        void move(Path temp, Path target) throws IOException;
    }

    private final Path root;
    private final Mover mover;

    /** @param root the project folder the changes' paths are relative to */
    public FixWriter(Path root) throws IOException {
        this(root, FixWriter::rename);
    }

    FixWriter(Path root, Mover mover) throws IOException {
        this.root = root.toRealPath();
        this.mover = mover;
    }

    /** Writes the changes; returns the files written (root-relative), in order. */
    public List<String> write(List<FileChange> changes) throws RefusedException, IOException {
        List<Path> targets = new ArrayList<>();
        for (FileChange change : changes) {
            try {
                targets.add(check(change));
            } catch (IOException e) {
                throw new RefusedException(change.path(), "cannot be read (" + reason(e) + "); nothing was written");
            }
        }
        List<Path> temps = new ArrayList<>();
        try {
            for (int i = 0; i < changes.size(); i++) {
                temps.add(stage(targets.get(i), changes.get(i)));
            }
            commit(changes, targets, temps);
        } finally {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
        return changes.stream().map(FileChange::path).toList();
    }

    /** The new text in a temporary file beside the target, with the target's permissions. */
    private static Path stage(Path target, FileChange change) throws RefusedException {
        Path temp = null;
        try {
            temp = TempFiles.file(target.getParent(), "." + target.getFileName() + ".", ".drydock-tmp");
            Files.write(temp, change.fixed().getBytes(StandardCharsets.UTF_8));
            PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
            if (view != null) {
                view.setPermissions(Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE);
            }
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new RefusedException(change.path(), "cannot be written (" + reason(e) + "); nothing was written");
        }
    }

    private void commit(List<FileChange> changes, List<Path> targets, List<Path> temps) throws RefusedException {
        for (int i = 0; i < changes.size(); i++) {
            try {
                mover.move(temps.get(i), targets.get(i));
            } catch (IOException e) {
                List<String> left = undo(changes.subList(0, i), targets.subList(0, i));
                throw new RefusedException(changes.get(i).path(), "cannot be written (" + reason(e) + "); "
                        + (left.isEmpty() ? "nothing was written"
                                : "these files could not be restored and hold the fixes: " + String.join(", ", left)));
            }
        }
    }

    /** Puts back the files already renamed over; returns those it could not. */
    private List<String> undo(List<FileChange> done, List<Path> targets) {
        List<String> left = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            FileChange change = done.get(i);
            Path target = targets.get(i);
            try {
                if (change.created()) {
                    Files.deleteIfExists(target);
                } else {
                    Path temp = stage(target, new FileChange(change.path(), null, change.original(), null));
                    try {
                        rename(temp, target);
                    } finally {
                        Files.deleteIfExists(temp);
                    }
                }
            } catch (IOException | RefusedException e) {
                left.add(change.path());
            }
        }
        return left;
    }

    private static void rename(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the temporary file is owner-only and named as drydock's; nothing more to do
        }
    }

    /** A short reason for an I/O failure, without the exception's class. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return Character.toLowerCase(f.getReason().charAt(0)) + f.getReason().substring(1);
        }
        return e.getMessage() != null ? e.getMessage() : "I/O error";
    }

    private Path check(FileChange change) throws RefusedException, IOException {
        Path target = root.resolve(change.path()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new RefusedException(change.path(), "outside the project folder; not written");
        }
        Path parent = target.getParent();
        if (!Files.isDirectory(parent) || !parent.toRealPath().startsWith(root)) {
            throw new RefusedException(change.path(), "its folder is missing or outside the project; not written");
        }
        if (Files.isSymbolicLink(target)) {
            throw new RefusedException(change.path(), "is a symlink; not written");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException(change.path(), "is not a regular file; not written");
        }
        if (!FileFingerprint.read(target).equals(change.fingerprint())) {
            throw new RefusedException(change.path(), change.created()
                    ? "was created since drydock read the project; not written"
                    : "changed since drydock read it; run drydock fix again");
        }
        return target;
    }
}
