package dev.drydock.core.entrypoint;

import dev.drydock.core.source.SourceFile;
import java.util.Optional;

/** The project file an entry-point script of the image is a copy of, by its container path. */
@FunctionalInterface
public interface ScriptFiles {

    /** No script is known: every entry-point script is read on the {@code exec "$@"} convention. */
    ScriptFiles NONE = containerPath -> Optional.empty();

    /** The project file copied to {@code containerPath} (absolute), or empty when none can be told. */
    Optional<SourceFile> find(String containerPath);
}
