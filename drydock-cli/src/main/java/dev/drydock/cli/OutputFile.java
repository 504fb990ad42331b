package dev.drydock.cli;

import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.TempFiles;
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
 * The file {@code --output} names, written whole or not at all: the text goes to a temporary file beside
 * it, renamed over it once complete, so that an error or an interrupt never leaves a truncated report (a
 * SARIF file cut in half fails its upload). The temporary file is removed on every failure, and on exit
 * when the process is interrupted. A folder that is missing or a name that cannot be written is the
 * user's input error ({@link SourceException}), reported before any review work when possible.
 */
final class OutputFile implements AutoCloseable {

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path target;
    private final Path temp;
    private final BufferedWriter writer;
    private boolean committed;

    private OutputFile(Path target, Path temp, BufferedWriter writer) {
        this.target = target;
        this.temp = temp;
        this.writer = writer;
    }

    /** Opens a temporary file beside {@code output}; fails when it cannot be written there. */
    static OutputFile open(Path output) {
        Path target = check(output);
        Path temp;
        try {
            temp = TempFiles.file(target.getParent(), ".drydock-", ".tmp");
        } catch (IOException e) {
            throw failure(output, e);
        }
        temp.toFile().deleteOnExit();
        try {
            return new OutputFile(target, temp, Files.newBufferedWriter(temp, StandardCharsets.UTF_8));
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure(output, e);
        }
    }

    /** Writes the whole text to {@code output}. */
    static void write(Path output, String text) {
        try (OutputFile file = open(output)) {
            file.writer().write(text);
            file.commit();
        } catch (IOException e) {
            throw failure(output, e);
        }
    }

    /** Refuses an output path that cannot be a file before anything is reviewed. */
    static Path check(Path output) {
        Path target = output.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || Files.isDirectory(target)) {
            throw SourceException.ofFile(output.toString(), "is a folder; --output needs a file name");
        }
        if (!Files.isDirectory(parent)) {
            throw SourceException.ofFile(output.toString(), "its folder " + parent + " does not exist");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw SourceException.ofFile(output.toString(), "not a regular file");
        }
        return target;
    }

    /**
     * Refuses an output that is one of the files the review reads ({@code -o compose.yaml} for
     * {@code -o compose.json}): the review would replace the file it is about.
     */
    static void refuseProjectFile(Path output, Project project) {
        if (!Files.isRegularFile(output)) {
            return;
        }
        try {
            Path target = output.toRealPath();
            for (ProjectEntry entry : project.layout().entries()) {
                Path input = project.root().resolve(entry.path());
                if (Files.isRegularFile(input) && Files.isSameFile(input, target)) {
                    throw SourceException.ofFile(output.toString(), "is the project's " + entry.path()
                            + "; --output would replace it with the review");
                }
            }
        } catch (IOException e) {
            throw failure(output, e);
        }
    }

    Writer writer() {
        return writer;
    }

    /** Flushes and renames the temporary file over the target. */
    void commit() throws IOException {
        writer.close();
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view != null) {
            // the temporary file is owner-only; the report gets the mode of the file it replaces, else rw-r--r--
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

    static SourceException failure(Path output, IOException e) {
        return SourceException.ofFile(output.toString(), "cannot be written (" + ProjectFiles.reason(e) + ")");
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // an owner-only temporary file drydock named; nothing more to do
        }
    }
}
