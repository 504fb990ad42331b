package dev.drydock.core.compose;

import dev.drydock.core.source.SourceFile;
import java.nio.file.Path;

/**
 * A compose (or {@code .env}) file as read: its text (with its display path), where it is on disk,
 * and the working directory that relative paths written in it are resolved against. That directory is
 * the project directory for the main and override files, the extended file's own directory for
 * services taken from another file by {@code extends}, and the included project's directory for files
 * brought in by {@code include}.
 */
public record ComposeFile(SourceFile source, Path path, Path workingDir) {

    public String displayPath() {
        return source.path();
    }

    @Override
    public String toString() {
        return source.path();
    }
}
