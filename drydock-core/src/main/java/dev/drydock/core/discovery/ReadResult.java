package dev.drydock.core.discovery;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceFile;
import java.util.List;

/**
 * A file read by {@link ProjectFiles}: its text, its size in bytes, and how many malformed UTF-8
 * sequences were replaced by U+FFFD (with one warning saying where the first one is).
 */
public record ReadResult(SourceFile file, long bytes, int malformedSequences, List<Diagnostic> diagnostics) {

    public ReadResult {
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Whether the text is exactly the file's bytes decoded. When false, edits must not be written
     * back by re-encoding the whole text: the replaced bytes would be lost.
     */
    public boolean lossless() {
        return malformedSequences == 0;
    }
}
