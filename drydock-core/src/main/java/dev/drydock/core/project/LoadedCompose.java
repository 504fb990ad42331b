package dev.drydock.core.project;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Include;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A compose project as loaded for review, with the files it was started from (the {@code -f} files): a file
 * that another project pulls in with {@code include} is part of that project, not one of its own.
 */
record LoadedCompose(ComposeProject project, List<Path> startFiles) {

    LoadedCompose {
        startFiles = List.copyOf(startFiles);
    }

    /** The files this project's {@code include} entries load, nested ones too. */
    Set<Path> includedFiles() {
        return project.includes().stream().map(Include::files).flatMap(List::stream).map(Path::normalize)
                .collect(Collectors.toSet());
    }

    /**
     * Whether another project includes every file this one starts from (and this one does not include that
     * project back, as in an include cycle, where both stay).
     */
    boolean includedByAnother(List<LoadedCompose> all) {
        for (LoadedCompose other : all) {
            if (other != this && other.includedFiles().containsAll(startFiles)
                    && !includedFiles().containsAll(other.startFiles)) {
                return true;
            }
        }
        return false;
    }
}
