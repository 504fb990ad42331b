package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.entrypoint.ContextPaths;
import dev.drydock.core.entrypoint.ScriptFiles;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The project files an image's entry-point scripts are copies of: the context file the stage's copies put at the
 * script's path, else the one source file of the build context with the script's name (a script another stage
 * copied, or one found on the PATH); none when several have that name.
 */
final class ScriptCopies implements ScriptFiles {

    private final ProjectLoader.Reading reading;
    private final BuildLink build;
    private final ContextPaths paths;

    ScriptCopies(ProjectLoader.Reading reading, BuildLink build, ContextPaths paths) {
        this.reading = reading;
        this.build = build;
        this.paths = paths;
    }

    @Override
    public Optional<SourceFile> find(String containerPath) {
        String copied = paths.toContext(containerPath).filter(this::readable).orElse(null);
        return read(copied != null ? copied : byName(PathNames.fileName(containerPath)));
    }

    @Override
    public List<String> inFolder(String folder) {
        Set<String> found = new TreeSet<>();
        for (ProjectEntry e : reading.layout.sources()) {
            String inContext = inContext(e.path());
            if (inContext != null && build.ignore().includes(inContext)) {
                for (String landed : paths.toContainer(inContext)) {
                    if (PathNames.parent(landed).equals(folder)) {
                        found.add(landed);
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    private String byName(String name) {
        String found = null;
        for (ProjectEntry e : reading.layout.sources()) {
            String inContext = inContext(e.path());
            if (e.name().equals(name) && inContext != null && build.ignore().includes(inContext)) {
                if (found != null) {
                    return null;
                }
                found = inContext;
            }
        }
        return found;
    }

    /** A project path relative to the build context, or null when outside it. */
    private String inContext(String path) {
        if (build.context().isEmpty()) {
            return path;
        }
        return path.startsWith(build.context() + "/") ? path.substring(build.context().length() + 1) : null;
    }

    private boolean readable(String inContext) {
        String path = PathNames.join(build.context(), inContext);
        return reading.files.exists(path) && !reading.files.isDirectory(path) && build.ignore().includes(inContext);
    }

    private Optional<SourceFile> read(String inContext) {
        if (inContext == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(reading.files.read(PathNames.join(build.context(), inContext)).file());
        } catch (SourceException e) {
            return Optional.empty();
        }
    }
}
