package dev.drydock.core.fix;

import dev.drydock.core.source.TempFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
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
 * symlink, unchanged since it was read) and nothing is written when one fails; then each is written
 * to a temporary file beside it, given the original's permissions, and renamed over it atomically.
 */
public final class FixWriter {

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    /** Why the fixes could not be written; nothing was written. */
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

    private final Path root;

    /** @param root the project folder the changes' paths are relative to */
    public FixWriter(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    /** Writes the changes; returns the files written (root-relative), in order. */
    public List<String> write(List<FileChange> changes) throws RefusedException, IOException {
        List<Path> targets = new ArrayList<>();
        for (FileChange change : changes) {
            targets.add(check(change));
        }
        List<String> written = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            writeAtomically(targets.get(i), changes.get(i).fixed().getBytes(StandardCharsets.UTF_8));
            written.add(changes.get(i).path());
        }
        return written;
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

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = TempFiles.file(target.getParent(), "." + target.getFileName() + ".", ".drydock-tmp");
        try {
            Files.write(temp, bytes);
            PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
            if (view != null) {
                view.setPermissions(Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
