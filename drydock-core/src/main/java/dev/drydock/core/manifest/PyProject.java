package dev.drydock.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code pyproject.toml}: PEP 621 {@code [project]}, {@code [build-system]}, Poetry's
 * {@code [tool.poetry]} (dependencies, groups, scripts, packages), PEP 735
 * {@code [dependency-groups]}, uv's {@code tool.uv.dev-dependencies} and PDM's
 * {@code tool.pdm.dev-dependencies}. Values come from Jackson's TOML reader; each entry's position
 * comes from {@link TomlPositions}.
 */
public final class PyProject {

    /** A console script: {@code name = "package.module:function"}. */
    public record EntryPoint(String name, String target, String source, Span span) {}

    /** {@link #parse(SourceFile)} once per file, however many readers ask. */
    public static PyProject of(SourceFile file) {
        return file.syntax(PyProject.class, PyProject::parse);
    }

    /** A Poetry {@code packages} item: {@code { include = "pkg", from = "src" }}. */
    public record PoetryPackage(String include, String from, Span span) {}

    private static final Pattern BARE_VERSION = Pattern.compile("\\s*v?[0-9]+(\\.[0-9]+)*([.-]?[A-Za-z0-9]+)*\\s*");

    private final SourceFile file;
    private final String name;
    private final String version;
    private final String requiresPython;
    private final Span requiresPythonSpan;
    private final List<PyDependency> dependencies;
    private final List<EntryPoint> scripts;
    private final List<PoetryPackage> poetryPackages;
    private final List<String> buildRequires;
    private final String buildBackend;
    private final boolean poetry;
    private final List<String> uvWorkspaceMembers;
    private final List<UvIndex> uvIndexes;
    private final java.util.Map<String, List<String>> uvSourceIndexes;
    private final List<PoetrySource> poetrySources;
    private final java.util.Map<String, List<String>> poetryDependencySources;
    private final Set<LockFile> lockFiles;
    private final List<Diagnostic> diagnostics;

    private PyProject(Builder b) {
        this.file = b.file;
        this.name = b.name;
        this.version = b.version;
        this.requiresPython = b.requiresPython;
        this.requiresPythonSpan = b.requiresPythonSpan;
        this.dependencies = List.copyOf(b.dependencies);
        this.scripts = List.copyOf(b.scripts);
        this.poetryPackages = List.copyOf(b.poetryPackages);
        this.buildRequires = List.copyOf(b.buildRequires);
        this.buildBackend = b.buildBackend;
        this.poetry = b.poetry;
        this.uvWorkspaceMembers = List.copyOf(b.uvWorkspaceMembers);
        this.uvIndexes = List.copyOf(b.uvIndexes);
        this.uvSourceIndexes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(b.uvSourceIndexes));
        this.poetrySources = List.copyOf(b.poetrySources);
        this.poetryDependencySources = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(b.poetryDependencySources));
        this.lockFiles = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(b.lockFiles));
        this.diagnostics = List.copyOf(b.diagnostics);
    }

    public static PyProject parse(SourceFile file) {
        return parse(file, List.of());
    }

    /**
     * Reads pyproject.toml; throws a positioned {@link SourceException} for invalid TOML.
     * {@code siblings} are the names in its folder (for poetry.lock, uv.lock, pdm.lock).
     */
    public static PyProject parse(SourceFile file, Collection<String> siblings) {
        JsonNode root = Toml.read(file);
        Builder b = new Builder(file, TomlPositions.scan(file));
        b.lockFiles = LockFile.among(siblings, Ecosystem.PYPI);
        b.read(root);
        return new PyProject(b);
    }

    public SourceFile file() {
        return file;
    }

    /** {@code project.name}, else {@code tool.poetry.name}. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** {@code project.requires-python}, else Poetry's {@code python} dependency. */
    public Optional<String> requiresPython() {
        return Optional.ofNullable(requiresPython);
    }

    public Optional<Span> requiresPythonSpan() {
        return Optional.ofNullable(requiresPythonSpan);
    }

    /** Every declared dependency: main, optional, groups and build requirements. */
    public List<PyDependency> dependencies() {
        return dependencies;
    }

    public List<PyDependency> dependencies(Scope scope) {
        return dependencies.stream().filter(d -> d.scope() == scope).toList();
    }

    public Optional<PyDependency> dependency(String name) {
        String wanted = Ecosystem.normalizePypi(name);
        return dependencies.stream().filter(d -> d.normalizedName().equals(wanted)).findFirst();
    }

    /** {@code [project.scripts]}, {@code [project.gui-scripts]} and {@code [tool.poetry.scripts]}. */
    public List<EntryPoint> scripts() {
        return scripts;
    }

    public List<PoetryPackage> poetryPackages() {
        return poetryPackages;
    }

    /** {@code build-system.requires} as written. */
    public List<String> buildRequires() {
        return buildRequires;
    }

    public Optional<String> buildBackend() {
        return Optional.ofNullable(buildBackend);
    }

    /** Whether the project is managed by Poetry (a {@code [tool.poetry]} table or Poetry's build backend). */
    public boolean usesPoetry() {
        return poetry;
    }

    /** {@code tool.uv.workspace.members}: the globs, relative to this file's folder, of the workspace's members. */
    public List<String> uvWorkspaceMembers() {
        return uvWorkspaceMembers;
    }

    /**
     * A {@code [[tool.uv.index]]} entry.
     *
     * @param name its name, or null
     * @param url its URL as written
     * @param explicit whether uv takes packages from it only when {@code [tool.uv.sources]} points them at it
     */
    public record UvIndex(String name, String url, boolean explicit) {}

    /** The {@code [[tool.uv.index]]} entries, in order. */
    public List<UvIndex> uvIndexes() {
        return uvIndexes;
    }

    /**
     * The index names {@code [tool.uv.sources]} points a package at (by normalized name; a list of sources, each with
     * its marker or extra, gives several); empty when it names none.
     */
    public List<String> uvSourceIndexes(String packageName) {
        return uvSourceIndexes.getOrDefault(Ecosystem.normalizePypi(packageName), List.of());
    }

    /**
     * A {@code [[tool.poetry.source]]} entry.
     *
     * @param name its name ({@code PyPI} for the public index)
     * @param url its URL as written; null for PyPI
     * @param priority {@code primary} (also when none is written), {@code supplemental}, {@code explicit}, or the
     *        legacy {@code default} and {@code secondary} flags
     */
    public record PoetrySource(String name, String url, String priority) {}

    /** The {@code [[tool.poetry.source]]} entries, in order. */
    public List<PoetrySource> poetrySources() {
        return poetrySources;
    }

    /** The source names a Poetry dependency table points a package at ({@code {source = "pytorch-cpu"}}). */
    public List<String> poetrySourcesOf(String packageName) {
        return poetryDependencySources.getOrDefault(Ecosystem.normalizePypi(packageName), List.of());
    }

    public Set<LockFile> lockFiles() {
        return lockFiles;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public Manifest toManifest() {
        return new Manifest(Ecosystem.PYPI, ManifestKind.PYPROJECT_TOML, file.path(),
                dependencies.stream().map(PyDependency::toDependency).toList(), lockFiles, diagnostics);
    }

    /** Whether a Poetry constraint string allows exactly one version ({@code 1.2.3} or {@code ==1.2.3}). */
    static boolean poetryPinned(String constraint) {
        if (constraint == null) {
            return false;
        }
        String c = constraint.trim();
        if (c.startsWith("===")) {
            return true;
        }
        if (c.startsWith("==")) {
            c = c.substring(2);
            return !c.contains(",") && !c.trim().endsWith("*") && !c.contains("|");
        }
        return BARE_VERSION.matcher(c).matches() && !c.contains("*");
    }

    /** The extras a Poetry or Pipenv dependency table requests (see {@link PyDependency#tableExtras()}). */
    static List<String> extrasOf(JsonNode value) {
        return Builder.extrasOf(value);
    }

    /** A Poetry or Pipenv constraint value as text (see {@link PyDependency#constraint()}). */
    static String constraintOf(JsonNode value) {
        return Builder.constraintOf(value);
    }

    private static final class Builder {
        final SourceFile file;
        final TomlPositions positions;
        String name;
        String version;
        String requiresPython;
        Span requiresPythonSpan;
        final List<PyDependency> dependencies = new ArrayList<>();
        final List<EntryPoint> scripts = new ArrayList<>();
        final List<PoetryPackage> poetryPackages = new ArrayList<>();
        final List<String> buildRequires = new ArrayList<>();
        String buildBackend;
        boolean poetry;
        final List<String> uvWorkspaceMembers = new ArrayList<>();
        final List<UvIndex> uvIndexes = new ArrayList<>();
        final java.util.Map<String, List<String>> uvSourceIndexes = new java.util.LinkedHashMap<>();
        final List<PoetrySource> poetrySources = new ArrayList<>();
        final java.util.Map<String, List<String>> poetryDependencySources = new java.util.LinkedHashMap<>();
        Set<LockFile> lockFiles = Set.of();
        final List<Diagnostic> diagnostics = new ArrayList<>();

        Builder(SourceFile file, TomlPositions positions) {
            this.file = file;
            this.positions = positions;
        }

        Span span(List<String> path) {
            return positions.entryOrEnclosing(path);
        }

        void warn(List<String> path, String message) {
            diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, span(path), message));
        }

        void read(JsonNode root) {
            JsonNode project = root.path("project");
            if (project.isObject()) {
                name = Toml.text(project.get("name"));
                version = Toml.text(project.get("version"));
                if (project.hasNonNull("requires-python")) {
                    requiresPython = Toml.text(project.get("requires-python"));
                    requiresPythonSpan = span(List.of("project", "requires-python"));
                }
                pep508List(project.get("dependencies"), Toml.path("project", "dependencies"), Scope.MAIN, null, "project");
                JsonNode optional = project.get("optional-dependencies");
                if (optional != null && optional.isObject()) {
                    for (Iterator<String> it = optional.fieldNames(); it.hasNext();) {
                        String extra = it.next();
                        pep508List(optional.get(extra), Toml.path("project", "optional-dependencies", extra), Scope.OPTIONAL,
                                extra, "project");
                    }
                }
                entryPoints(project.get("scripts"), Toml.path("project", "scripts"), "project");
                entryPoints(project.get("gui-scripts"), Toml.path("project", "gui-scripts"), "project");
            }
            JsonNode build = root.path("build-system");
            if (build.isObject()) {
                buildBackend = Toml.text(build.get("build-backend"));
                JsonNode requires = build.get("requires");
                if (requires != null && requires.isArray()) {
                    requires.forEach(r -> {
                        if (r.isTextual()) {
                            buildRequires.add(r.asText());
                        }
                    });
                }
                pep508List(requires, Toml.path("build-system", "requires"), Scope.BUILD, null, "build-system");
                if (buildBackend != null && buildBackend.startsWith("poetry")) {
                    poetry = true;
                }
            }
            JsonNode groups = root.path("dependency-groups");
            if (groups.isObject()) {
                for (Iterator<String> it = groups.fieldNames(); it.hasNext();) {
                    String group = it.next();
                    pep508List(groups.get(group), Toml.path("dependency-groups", group), Scope.DEV, group, "dependency-groups");
                }
            }
            Toml.at(root, "tool", "uv", "workspace", "members").forEach(member -> {
                if (member.isTextual()) {
                    uvWorkspaceMembers.add(member.asText());
                }
            });
            Toml.at(root, "tool", "uv", "index").forEach(index -> {
                if (index.isObject() && index.path("url").isTextual()) {
                    uvIndexes.add(new UvIndex(Toml.text(index.get("name")), index.get("url").asText(),
                            index.path("explicit").asBoolean(false)));
                }
            });
            JsonNode sources = Toml.at(root, "tool", "uv", "sources");
            if (sources.isObject()) {
                for (Iterator<String> it = sources.fieldNames(); it.hasNext();) {
                    String dependency = it.next();
                    List<String> names = new ArrayList<>();
                    JsonNode source = sources.get(dependency);
                    Iterable<JsonNode> entries = source.isArray() ? source : List.of(source);
                    entries.forEach(entry -> {
                        if (entry.path("index").isTextual()) {
                            names.add(entry.get("index").asText());
                        }
                    });
                    if (!names.isEmpty()) {
                        uvSourceIndexes.put(Ecosystem.normalizePypi(dependency), List.copyOf(names));
                    }
                }
            }
            JsonNode uvDev = Toml.at(root, "tool", "uv", "dev-dependencies");
            pep508List(uvDev.isMissingNode() ? null : uvDev, Toml.path("tool", "uv", "dev-dependencies"), Scope.DEV, "dev", "uv");
            JsonNode pdmDev = Toml.at(root, "tool", "pdm", "dev-dependencies");
            if (pdmDev.isObject()) {
                for (Iterator<String> it = pdmDev.fieldNames(); it.hasNext();) {
                    String group = it.next();
                    pep508List(pdmDev.get(group), Toml.path("tool", "pdm", "dev-dependencies", group), Scope.DEV, group, "pdm");
                }
            }
            JsonNode tool = Toml.at(root, "tool", "poetry");
            if (tool.isObject()) {
                poetry = true;
                readPoetry(tool);
            }
        }

        void readPoetry(JsonNode poetryTable) {
            if (name == null) {
                name = Toml.text(poetryTable.get("name"));
            }
            if (version == null) {
                version = Toml.text(poetryTable.get("version"));
            }
            poetryDependencies(poetryTable.get("dependencies"), Toml.path("tool", "poetry", "dependencies"), null);
            poetryDependencies(poetryTable.get("dev-dependencies"), Toml.path("tool", "poetry", "dev-dependencies"), "dev");
            JsonNode groups = poetryTable.get("group");
            if (groups != null && groups.isObject()) {
                for (Iterator<String> it = groups.fieldNames(); it.hasNext();) {
                    String group = it.next();
                    poetryDependencies(groups.get(group).get("dependencies"),
                            Toml.path("tool", "poetry", "group", group, "dependencies"), group);
                }
            }
            entryPoints(poetryTable.get("scripts"), Toml.path("tool", "poetry", "scripts"), "poetry");
            JsonNode sources = poetryTable.get("source");
            if (sources != null && sources.isArray()) {
                sources.forEach(source -> {
                    if (source.isObject() && source.path("name").isTextual()) {
                        String priority = source.path("priority").isTextual() ? source.get("priority").asText()
                                : source.path("default").asBoolean(false) ? "default"
                                        : source.path("secondary").asBoolean(false) ? "secondary" : "primary";
                        poetrySources.add(new PoetrySource(source.get("name").asText(), Toml.text(source.get("url")),
                                priority));
                    }
                });
            }
            JsonNode packages = poetryTable.get("packages");
            if (packages != null && packages.isArray()) {
                for (int i = 0; i < packages.size(); i++) {
                    JsonNode p = packages.get(i);
                    if (p.isObject() && p.hasNonNull("include")) {
                        poetryPackages.add(new PoetryPackage(Toml.text(p.get("include")), Toml.text(p.get("from")),
                                span(Toml.path("tool", "poetry", "packages", "#" + i))));
                    }
                }
            }
        }

        void pep508List(JsonNode list, List<String> path, Scope scope, String group, String source) {
            if (list == null) {
                return;
            }
            if (!list.isArray()) {
                warn(path, String.join(".", path) + " should be an array of requirement strings");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                List<String> itemPath = new ArrayList<>(path);
                itemPath.add("#" + i);
                if (item.isObject() && item.has("include-group")) {
                    continue; // PEP 735 includes another group, whose entries are read on their own
                }
                if (!item.isTextual()) {
                    warn(itemPath, "a requirement should be a string");
                    continue;
                }
                Pep508.Result result = Pep508.parse(item.asText());
                Span span = span(itemPath);
                if (!result.ok()) {
                    diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, span,
                            "invalid requirement '" + item.asText() + "': " + result.error()));
                    continue;
                }
                PythonRequirement r = result.requirement();
                dependencies.add(new PyDependency(r.name(), r.constraint(), r.isPinned(), scope, group, source, r, span));
            }
        }

        void poetryDependencies(JsonNode table, List<String> path, String group) {
            if (table == null) {
                return;
            }
            if (!table.isObject()) {
                warn(path, String.join(".", path) + " should be a table");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> entryPath = new ArrayList<>(path);
                entryPath.add(e.getKey());
                Span span = span(entryPath);
                JsonNode value = e.getValue();
                if (e.getKey().equals("python") && group == null) {
                    if (requiresPython == null) {
                        requiresPython = constraintOf(value);
                        requiresPythonSpan = span;
                    }
                    continue;
                }
                String constraint = constraintOf(value);
                boolean optional = false;
                if (value.isObject() && value.path("optional").asBoolean(false)) {
                    optional = true;
                }
                if (constraint == null) {
                    warn(entryPath, "cannot read the constraint of " + e.getKey());
                    constraint = "";
                }
                Scope scope = group != null ? Scope.DEV : optional ? Scope.OPTIONAL : Scope.MAIN;
                List<String> named = new ArrayList<>();
                Iterable<JsonNode> tables = value.isArray() ? value : List.of(value);
                tables.forEach(v -> {
                    if (v.path("source").isTextual()) {
                        named.add(v.get("source").asText());
                    }
                });
                if (!named.isEmpty()) {
                    poetryDependencySources.merge(Ecosystem.normalizePypi(e.getKey()), List.copyOf(named),
                            (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
                }
                dependencies.add(new PyDependency(e.getKey(), constraint, poetryPinned(constraint), scope, group, "poetry",
                        null, span, extrasOf(value)));
            }
        }

        /**
         * The extras a Poetry (or Pipenv) entry requests: the {@code extras} list of its table, or of each of its tables
         * (a list of tables with markers), in order and without repeats.
         */
        static List<String> extrasOf(JsonNode value) {
            if (value == null) {
                return List.of();
            }
            java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
            Iterable<JsonNode> tables = value.isArray() ? value : List.of(value);
            for (JsonNode table : tables) {
                JsonNode extras = table.path("extras");
                if (extras.isArray()) {
                    extras.forEach(x -> {
                        if (x.isTextual() && !x.asText().isBlank()) {
                            out.add(x.asText().strip());
                        }
                    });
                }
            }
            return List.copyOf(out);
        }

        /** A Poetry (or Pipenv) constraint: a string, a table with version/git/path/url, or a list of tables. */
        static String constraintOf(JsonNode value) {
            if (value == null) {
                return null;
            }
            if (value.isTextual()) {
                return value.asText();
            }
            if (value.isObject()) {
                if (value.hasNonNull("version")) {
                    return value.get("version").asText();
                }
                for (String kind : new String[] {"git", "path", "url", "file"}) {
                    if (value.hasNonNull(kind)) {
                        String ref = "";
                        for (String r : new String[] {"rev", "tag", "branch", "ref"}) {
                            if (value.hasNonNull(r)) {
                                ref = " " + r + "=" + value.get(r).asText();
                                break;
                            }
                        }
                        return kind.equals("url") ? "@ " + value.get(kind).asText() : kind + " " + value.get(kind).asText() + ref;
                    }
                }
                return "";
            }
            if (value.isArray()) {
                List<String> parts = new ArrayList<>();
                value.forEach(v -> {
                    String c = constraintOf(v);
                    if (c != null && !c.isEmpty()) {
                        parts.add(c);
                    }
                });
                return String.join(" | ", parts);
            }
            return null;
        }

        void entryPoints(JsonNode table, List<String> path, String source) {
            if (table == null || !table.isObject()) {
                return;
            }
            Map<String, String> seen = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                String target = v.isTextual() ? v.asText() : v.isObject() ? Toml.text(v.get("reference")) : null;
                if (target == null) {
                    continue;
                }
                seen.put(e.getKey(), target);
                List<String> entryPath = new ArrayList<>(path);
                entryPath.add(e.getKey());
                scripts.add(new EntryPoint(e.getKey(), target, source, span(entryPath)));
            }
        }
    }
}
