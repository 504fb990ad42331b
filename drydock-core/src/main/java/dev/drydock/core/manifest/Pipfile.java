package dev.drydock.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Pipenv {@code Pipfile}: {@code [[source]]} indexes, {@code [packages]},
 * {@code [dev-packages]} and {@code [requires]}, plus whether {@code Pipfile.lock} sits beside it.
 * A constraint of {@code "*"} allows any version; {@code "==1.2"} is pinned.
 */
public final class Pipfile {

    /** A {@code [[source]]} entry. */
    public record Source(String name, String url, boolean verifySsl, Span span) {}

    private final SourceFile file;
    private final List<Source> sources;
    private final List<PyDependency> packages;
    private final String pythonVersion;
    private final Span pythonVersionSpan;
    private final Set<LockFile> lockFiles;
    private final List<Diagnostic> diagnostics;

    private Pipfile(SourceFile file, List<Source> sources, List<PyDependency> packages, String pythonVersion,
            Span pythonVersionSpan, Set<LockFile> lockFiles, List<Diagnostic> diagnostics) {
        this.file = file;
        this.sources = List.copyOf(sources);
        this.packages = List.copyOf(packages);
        this.pythonVersion = pythonVersion;
        this.pythonVersionSpan = pythonVersionSpan;
        this.lockFiles = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(lockFiles));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public static Pipfile parse(SourceFile file) {
        return parse(file, List.of());
    }

    /** Reads a Pipfile; {@code siblings} are the names in its folder (for Pipfile.lock). */
    public static Pipfile parse(SourceFile file, Collection<String> siblings) {
        JsonNode root = Toml.read(file);
        TomlPositions positions = TomlPositions.scan(file);
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        JsonNode source = root.path("source");
        if (source.isArray()) {
            for (int i = 0; i < source.size(); i++) {
                JsonNode s = source.get(i);
                sources.add(new Source(Toml.text(s.get("name")), Toml.text(s.get("url")), s.path("verify_ssl").asBoolean(true),
                        positions.entryOrEnclosing(List.of("source", "#" + i))));
            }
        }
        List<PyDependency> packages = new ArrayList<>();
        read(root.path("packages"), "packages", Scope.MAIN, positions, packages, diagnostics, file);
        read(root.path("dev-packages"), "dev-packages", Scope.DEV, positions, packages, diagnostics, file);
        JsonNode requires = root.path("requires");
        String python = null;
        Span pythonSpan = null;
        for (String key : new String[] {"python_full_version", "python_version"}) {
            if (python == null && requires.hasNonNull(key)) {
                python = requires.get(key).asText();
                pythonSpan = positions.entryOrEnclosing(List.of("requires", key));
            }
        }
        return new Pipfile(file, sources, packages, python, pythonSpan, LockFile.among(siblings, Ecosystem.PYPI), diagnostics);
    }

    private static void read(JsonNode table, String key, Scope scope, TomlPositions positions, List<PyDependency> out,
            List<Diagnostic> diagnostics, SourceFile file) {
        if (table.isMissingNode()) {
            return;
        }
        if (!table.isObject()) {
            diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, positions.entryOrEnclosing(List.of(key)),
                    "[" + key + "] should be a table"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Span span = positions.entryOrEnclosing(List.of(key, e.getKey()));
            String constraint = PyProject.constraintOf(e.getValue());
            if (constraint == null) {
                diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, span, "cannot read the constraint of " + e.getKey()));
                constraint = "";
            }
            String c = constraint.trim();
            boolean pinned = c.startsWith("===") || (c.startsWith("==") && !c.contains(",") && !c.endsWith("*"));
            out.add(new PyDependency(e.getKey(), constraint, pinned, scope, scope == Scope.DEV ? "dev-packages" : null,
                    "pipfile", null, span, PyProject.extrasOf(e.getValue())));
        }
    }

    public SourceFile file() {
        return file;
    }

    public List<Source> sources() {
        return sources;
    }

    /** {@code [packages]} then {@code [dev-packages]} (scope DEV). */
    public List<PyDependency> packages() {
        return packages;
    }

    public Optional<PyDependency> dependency(String name) {
        String wanted = Ecosystem.normalizePypi(name);
        return packages.stream().filter(d -> d.normalizedName().equals(wanted)).findFirst();
    }

    /** {@code requires.python_full_version}, else {@code requires.python_version}. */
    public Optional<String> pythonVersion() {
        return Optional.ofNullable(pythonVersion);
    }

    public Optional<Span> pythonVersionSpan() {
        return Optional.ofNullable(pythonVersionSpan);
    }

    public Set<LockFile> lockFiles() {
        return lockFiles;
    }

    public boolean hasLock() {
        return lockFiles.contains(LockFile.PIPFILE_LOCK);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public Manifest toManifest() {
        return new Manifest(Ecosystem.PYPI, ManifestKind.PIPFILE, file.path(),
                packages.stream().map(PyDependency::toDependency).toList(), lockFiles, diagnostics);
    }
}
