package dev.drydock.core.manifest;

import dev.drydock.core.source.Diagnostic;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The common view of any dependency manifest: which ecosystem, which file, which dependencies
 * (each with its position), which lock files sit beside it, and what was odd while reading it.
 *
 * @param file the manifest's path as given by its {@code SourceFile}
 * @param lockFiles lock files found beside the manifest (empty when no folder listing was given)
 */
public record Manifest(Ecosystem ecosystem, ManifestKind kind, String file, List<Dependency> dependencies,
        Set<LockFile> lockFiles, List<Diagnostic> diagnostics) {

    public Manifest {
        dependencies = List.copyOf(dependencies);
        lockFiles = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(lockFiles));
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether a dependency of this name is declared, comparing names as the registry does. */
    public boolean hasDependency(String name) {
        return dependency(name).isPresent();
    }

    /** The first declaration of a dependency of this name. */
    public Optional<Dependency> dependency(String name) {
        String wanted = ecosystem.normalize(name);
        return dependencies.stream().filter(d -> d.normalizedName().equals(wanted)).findFirst();
    }

    /** Dependencies needed at run time (scope MAIN). */
    public List<Dependency> runtimeDependencies() {
        return dependencies.stream().filter(d -> d.scope() == Scope.MAIN).toList();
    }

    public boolean hasLockFile() {
        return !lockFiles.isEmpty();
    }
}
