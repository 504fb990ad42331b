package dev.drydock.cli;

import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.AtomicTextFile;
import dev.drydock.core.source.SourceException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file {@code --output} names, written whole or not at all ({@link AtomicTextFile}). A folder that is
 * missing or a name that cannot be written is the user's input error ({@link SourceException}), reported
 * before any review work when possible.
 */
final class OutputFile implements AutoCloseable {

    private final AtomicTextFile file;

    private OutputFile(AtomicTextFile file) {
        this.file = file;
    }

    /** Opens a temporary file beside {@code output}; fails when it cannot be written there. */
    static OutputFile open(Path output) {
        Path target = check(output);
        try {
            return new OutputFile(AtomicTextFile.open(target));
        } catch (IOException e) {
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
        return file.writer();
    }

    /** Flushes and renames the temporary file over the target. */
    void commit() throws IOException {
        file.commit();
    }

    @Override
    public void close() {
        file.close();
    }

    static SourceException failure(Path output, IOException e) {
        return SourceException.ofFile(output.toString(), "cannot be written (" + ProjectFiles.reason(e) + ")");
    }
}
