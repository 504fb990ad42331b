package dev.drydock.core.source;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A text file written whole or not at all: the text goes to an owner-only temporary file beside the target,
 * renamed over it once complete, so that an error or an interrupt never leaves a truncated file (a SARIF
 * report cut in half fails its upload). The file gets the mode of the file it replaces, else
 * {@code rw-r--r--}: reports are read by other users and jobs. Closing without {@link #commit()} removes the
 * temporary file; so does the end of the process when it is interrupted.
 */
public final class AtomicTextFile implements AutoCloseable {

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path target;
    private final Path temp;
    private final BufferedWriter writer;
    private boolean committed;

    private AtomicTextFile(Path target, Path temp, BufferedWriter writer) {
        this.target = target;
        this.temp = temp;
        this.writer = writer;
    }

    /** Opens a temporary file beside {@code target}, whose folder must exist. */
    public static AtomicTextFile open(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path temp = TempFiles.file(absolute.getParent(), ".drydock-", ".tmp");
        temp.toFile().deleteOnExit();
        try {
            return new AtomicTextFile(absolute, temp, Files.newBufferedWriter(temp, StandardCharsets.UTF_8));
        } catch (IOException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** Writes the whole text to {@code target}, creating its folder when missing. */
    public static void write(Path target, String text) throws IOException {
        Path parent = target.toAbsolutePath().normalize().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (AtomicTextFile file = open(target)) {
            file.writer().write(text);
            file.commit();
        }
    }

    public Writer writer() {
        return writer;
    }

    /** Flushes and renames the temporary file over the target. */
    public void commit() throws IOException {
        writer.close();
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(Files.isRegularFile(target) ? Files.getPosixFilePermissions(target) : NEW_FILE);
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // the temporary file is removed below either way
            }
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // an owner-only temporary file drydock named; nothing more to do
        }
    }
}
