package dev.drydock.core.project;

import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.discovery.ProjectLayout;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.source.SourceException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Node packages of a build context by their package.json name, for commands that name a workspace package
 * ({@code pnpm --filter=@shop/api deploy out}): the package's folder, relative to the context. The package.json files
 * are read on the first question, once.
 */
public final class WorkspacePackages implements Function<String, Optional<String>> {

    private final ProjectLayout layout;
    private final ProjectFiles files;
    private final String context;
    private Map<String, String> byName;
    private final Map<String, List<String>> dependencyNames = new HashMap<>();

    private WorkspacePackages(ProjectLayout layout, ProjectFiles files, String context) {
        this.layout = layout;
        this.files = files;
        this.context = context;
    }

    /** The packages of the build context {@code context} (project-relative, "" or "." for the root). */
    public static WorkspacePackages of(ProjectLayout layout, ProjectFiles files, String context) {
        return new WorkspacePackages(layout, files, context.equals(".") ? "" : context);
    }

    /** The context-relative folder of the package named {@code name}; empty when none, or more than one, has it. */
    @Override
    public Optional<String> apply(String name) {
        if (byName == null) {
            byName = read();
        }
        return Optional.ofNullable(byName.get(name)).filter(folder -> !folder.equals(AMBIGUOUS));
    }

    /**
     * The context-relative folders of the packages named, and of every package of the context they depend on, in
     * any dependency section, and so on: what {@code turbo prune} keeps of a workspace. Empty when a name is no
     * package of the context (or more than one's).
     */
    public Optional<Set<String>> withWorkspaceDependencies(Collection<String> names) {
        Set<String> folders = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(names);
        Set<String> seen = new java.util.HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            Optional<String> folder = apply(name);
            if (folder.isEmpty()) {
                if (names.contains(name)) {
                    return Optional.empty();
                }
                continue; // a package of the registry
            }
            folders.add(folder.get());
            pending.addAll(dependencyNames.getOrDefault(folder.get(), List.of()));
        }
        return Optional.of(folders);
    }

    /** The context-relative folders of all the packages of the context. */
    public Set<String> folders() {
        if (byName == null) {
            byName = read();
        }
        return Set.copyOf(dependencyNames.keySet());
    }

    private static final String AMBIGUOUS = "\0";

    private Map<String, String> read() {
        Map<String, String> out = new HashMap<>();
        for (ProjectEntry entry : layout.entries(FileType.PACKAGE_JSON)) {
            if (!PathNames.isUnder(entry.path(), context) || entry.path().contains("node_modules/")) {
                continue;
            }
            PackageJson json;
            try {
                json = PackageJson.of(files.read(entry).file());
            } catch (SourceException | java.io.UncheckedIOException e) {
                continue;
            }
            String folder = PathNames.parent(entry.path());
            String relative = context.isEmpty() ? folder
                    : folder.equals(context) ? "" : folder.substring(context.length() + 1);
            json.name().ifPresent(n -> out.merge(n, relative, (a, b) -> AMBIGUOUS));
            dependencyNames.put(relative, json.dependencies().stream().map(PackageJson.NpmDependency::name).toList());
        }
        return out;
    }
}
