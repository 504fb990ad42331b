package dev.drydock.core.project;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Include;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A compose project as loaded for review, with the files it was started from (the {@code -f} files): a file
 * that another project pulls in with {@code include} is part of that project, not one of its own; so is a
 * base file whose services others extend.
 */
record LoadedCompose(ComposeProject project, List<Path> startFiles) {

    private static final Pattern BASE_NAME = Pattern.compile("(?i)(^|[-_.])(base|common|shared|defaults?|templates?)([-_.]|$)");

    LoadedCompose {
        startFiles = List.copyOf(startFiles);
    }

    /** The files this project's {@code include} entries load, nested ones too. */
    Set<Path> includedFiles() {
        return project.includes().stream().map(Include::files).flatMap(List::stream).map(Path::normalize)
                .collect(Collectors.toSet());
    }

    /**
     * Whether this project is only a base that another project's services extend: its one start file has a
     * name that says so ({@code docker-compose.base.yml}, {@code common-services.yaml}: base, common, shared,
     * defaults, template) and another project reads it for its {@code extends}. A production file that a
     * development file extends keeps its own review.
     */
    boolean extendedBaseOf(List<LoadedCompose> all) {
        if (startFiles.size() != 1 || !BASE_NAME.matcher(startFiles.get(0).getFileName().toString()).find()) {
            return false;
        }
        Path base = startFiles.get(0).normalize();
        for (LoadedCompose other : all) {
            if (other != this && !other.startFiles.contains(base) && !other.includedFiles().contains(base)
                    && other.project.files().stream().anyMatch(f -> f.path().normalize().equals(base))) {
                return true;
            }
        }
        return false;
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
