package dev.drydock.core.app;

import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.ProjectLayout;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.manifest.DenoConfig;
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

/**
 * The project files the application reader may open: paths relative to the project root (the sources and the
 * frameworks' configuration files), and a way to read them.
 */
public final class SourceSet {

    private final List<String> paths;
    private final Set<String> listed;
    private final Function<String, Optional<SourceFile>> reader;

    private SourceSet(List<String> paths, Function<String, Optional<SourceFile>> reader) {
        this.paths = List.copyOf(paths);
        this.listed = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(paths));
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
     * that its ignore file lets in and that the Dockerfile copies (every one when it copies the whole
     * context, a wildcard or a variable): in a monorepo built from its root, a service's image holds its own
     * folder and the shared libraries, not the other services.
     */
    public static SourceSet of(Project project, Container container) {
        BuildLink build = container.build();
        if (build == null) {
            return new SourceSet(List.of(), p -> Optional.empty());
        }
        String dir = build.context();
        List<String> copied = copiedFromContext(build.model());
        List<String> paths = new ArrayList<>();
        for (ProjectEntry e : sourcesUnder(project, dir)) {
            if (PathNames.isUnder(e.path(), dir)) {
                String inContext = dir.isEmpty() ? e.path() : e.path().substring(dir.length() + 1);
                if ((build.ignore() == null || build.ignore().includes(inContext))
                        && (copied == null || copied.stream().anyMatch(c -> PathNames.isUnder(inContext, c)))) {
                    paths.add(e.path());
                }
            }
        }
        return new SourceSet(paths, project::source);
    }

    /**
     * The context paths the Dockerfile's COPY and ADD take from the build context, normalized; null when it
     * takes the whole context or a path drydock cannot tell (a wildcard, a variable), or cannot be read.
     */
    private static List<String> copiedFromContext(DockerfileModel model) {
        if (model == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Stage stage : model.stages()) {
            for (CopyCommand copy : stage.copies()) {
                if (!copy.fromContext()) {
                    continue;
                }
                for (String source : copy.sources()) {
                    String path = PathNames.normalizeRelative(source.startsWith("/") ? source.substring(1) : source);
                    if (path == null || path.isEmpty() || path.equals(".") || path.contains("$")
                            || path.contains("*") || path.contains("?") || path.contains("[")
                            || copy.heredocs().stream().anyMatch(h -> h.name().equals(source))) {
                        return null;
                    }
                    out.add(path);
                }
            }
        }
        return out;
    }

    /**
     * The project's sources and framework configuration files that may lie in {@code dir}: for a folder written in
     * normal form, those below it, found by binary search (so each container of a large project does not read the
     * whole list); otherwise all of them.
     */
    private static List<ProjectEntry> sourcesUnder(Project project, String dir) {
        ProjectLayout layout = project.layout();
        List<ProjectEntry> out = new ArrayList<>();
        for (FileKind kind : List.of(FileKind.SOURCE, FileKind.APP_CONFIG)) {
            out.addAll(dir == null || dir.isEmpty() || !dir.equals(PathNames.normalizeRelative(dir))
                    || layout.entry(dir).isPresent() ? layout.entries(kind) : layout.under(kind, dir));
        }
        return out;
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

    /** The Deno configuration of a folder (deno.json, else deno.jsonc), parsed once per file. */
    public Optional<DenoConfig> denoConfig(String dir) {
        return DenoConfig.in(dir, this::read);
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
