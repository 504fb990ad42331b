package dev.drydock.core.app;

import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.ProjectLayout;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The project files the application reader may open: paths relative to the project root, and a way to read them. */
public final class SourceSet {

    private final List<String> paths;
    private final Set<String> listed;
    private final Function<String, Optional<SourceFile>> reader;

    private SourceSet(List<String> paths, Function<String, Optional<SourceFile>> reader) {
        this.paths = List.copyOf(paths);
        this.listed = Set.copyOf(paths);
        this.reader = reader;
    }

    /** The source files of a project under {@code dir} ("" for all), read through the project. */
    public static SourceSet of(Project project, String dir) {
        List<String> paths = new ArrayList<>();
        for (ProjectEntry e : sourcesUnder(project, dir)) {
            if (dir == null || PathNames.isUnder(e.path(), dir)) {
                paths.add(e.path());
            }
        }
        return new SourceSet(paths, project::source);
    }

    /**
     * The source files a container's image gets from its build context: those under the context
     * that its ignore file lets in.
     */
    public static SourceSet of(Project project, Container container) {
        BuildLink build = container.build();
        if (build == null) {
            return new SourceSet(List.of(), p -> Optional.empty());
        }
        String dir = build.context();
        List<String> paths = new ArrayList<>();
        for (ProjectEntry e : sourcesUnder(project, dir)) {
            if (PathNames.isUnder(e.path(), dir)) {
                String inContext = dir.isEmpty() ? e.path() : e.path().substring(dir.length() + 1);
                if (build.ignore() == null || build.ignore().includes(inContext)) {
                    paths.add(e.path());
                }
            }
        }
        return new SourceSet(paths, project::source);
    }

    /**
     * The project's sources that may lie in {@code dir}: for a folder written in normal form, those below
     * it, found by binary search (so each container of a large project does not read the whole list);
     * otherwise all of them.
     */
    private static List<ProjectEntry> sourcesUnder(Project project, String dir) {
        ProjectLayout layout = project.layout();
        if (dir == null || dir.isEmpty() || !dir.equals(PathNames.normalizeRelative(dir))
                || layout.entry(dir).isPresent()) {
            return layout.sources();
        }
        return layout.under(FileKind.SOURCE, dir);
    }

    /** Files given in memory (tests, single files). */
    public static SourceSet of(SourceFile... files) {
        Map<String, SourceFile> byPath = new LinkedHashMap<>();
        for (SourceFile f : files) {
            byPath.put(f.path(), f);
        }
        return new SourceSet(List.copyOf(byPath.keySet()), p -> Optional.ofNullable(byPath.get(p)));
    }

    public List<String> paths() {
        return paths;
    }

    /** Whether {@code path} is one of the listed sources. */
    public boolean contains(String path) {
        return listed.contains(path);
    }

    /** Reads any project file (not only listed sources: settings files, package.json); empty when it cannot be read. */
    public Optional<SourceFile> read(String path) {
        try {
            return reader.apply(path);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
