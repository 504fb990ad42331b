package dev.drydock.core.manifest;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An npm {@code package.json}: identity, entry points, scripts, the four dependency maps and
 * engines, each entry with its position, plus the lock files beside it.
 */
public final class PackageJson {

    /** An npm script ({@code "start": "node server.js"}); {@code span} covers the whole member. */
    public record Script(String name, String command, Span span) {}

    /** The four dependency maps of package.json. */
    public enum DependencyKind {
        DEPENDENCIES("dependencies", Scope.MAIN),
        DEV_DEPENDENCIES("devDependencies", Scope.DEV),
        OPTIONAL_DEPENDENCIES("optionalDependencies", Scope.OPTIONAL),
        PEER_DEPENDENCIES("peerDependencies", Scope.PEER);

        private final String key;
        private final Scope scope;

        DependencyKind(String key, Scope scope) {
            this.key = key;
            this.scope = scope;
        }

        public String key() {
            return key;
        }

        public Scope scope() {
            return scope;
        }
    }

    /** One dependency entry: {@code "express": "^4.18.2"}. */
    public record NpmDependency(String name, String range, DependencyKind kind, Span span) {

        /** An exact version: {@code 1.2.3}, {@code =1.2.3} or {@code v1.2.3} (also behind {@code npm:alias@}). */
        public boolean isPinned() {
            return isExactVersion(range);
        }
    }

    private static final Pattern EXACT = Pattern.compile(
            "=?v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

    static boolean isExactVersion(String range) {
        if (range == null) {
            return false;
        }
        String r = range.trim();
        if (r.startsWith("npm:")) {
            int at = r.lastIndexOf('@');
            if (at <= 4) {
                return false;
            }
            r = r.substring(at + 1);
        }
        return EXACT.matcher(r).matches();
    }

    private final SourceFile file;
    private final String name;
    private final String version;
    private final String main;
    private final String type;
    private final String packageManager;
    private final Map<String, Script> scripts;
    private final List<NpmDependency> dependencies;
    private final Map<String, String> engines;
    private final Map<String, Span> engineSpans;
    private final Set<LockFile> lockFiles;
    private final List<Diagnostic> diagnostics;
    private final List<String> workspaces;

    private PackageJson(SourceFile file, String name, String version, String main, String type, String packageManager,
            Map<String, Script> scripts, List<NpmDependency> dependencies, Map<String, String> engines,
            Map<String, Span> engineSpans, Set<LockFile> lockFiles, List<Diagnostic> diagnostics, List<String> workspaces) {
        this.file = file;
        this.name = name;
        this.version = version;
        this.main = main;
        this.type = type;
        this.packageManager = packageManager;
        this.scripts = scripts;
        this.dependencies = List.copyOf(dependencies);
        this.engines = engines;
        this.engineSpans = engineSpans;
        this.lockFiles = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(lockFiles));
        this.diagnostics = List.copyOf(diagnostics);
        this.workspaces = List.copyOf(workspaces);
    }

    /** {@link #parse(SourceFile)} once per file, however many readers ask. */
    public static PackageJson of(SourceFile file) {
        return file.syntax(PackageJson.class, PackageJson::parse);
    }

    /** Reads package.json; throws a positioned {@link SourceException} when it is not JSON or not an object. */
    public static PackageJson parse(SourceFile file) {
        return parse(file, List.of());
    }

    /**
     * Reads package.json; {@code siblings} are the names in its folder (for lock files), as
     * listed by the caller.
     */
    public static PackageJson parse(SourceFile file, Collection<String> siblings) {
        JsonTree.Node root = JsonTree.parse(file);
        if (!(root instanceof JsonTree.Obj obj)) {
            throw new SourceException(file.path(), root.span().startLine(), root.span().startColumn(),
                    "package.json must hold a JSON object");
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, Script> scripts = new LinkedHashMap<>();
        JsonTree.Obj scriptsObj = objectOrWarn(file, obj, "scripts", diagnostics);
        if (scriptsObj != null) {
            for (JsonTree.Member m : scriptsObj.members().values()) {
                if (m.value() instanceof JsonTree.Scalar s && s.isString()) {
                    scripts.put(m.key(), new Script(m.key(), s.text(), member(file, m)));
                } else {
                    diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, m.keySpan(),
                            "script \"" + m.key() + "\" is not a string"));
                }
            }
        }
        List<NpmDependency> deps = new ArrayList<>();
        for (DependencyKind kind : DependencyKind.values()) {
            JsonTree.Obj map = objectOrWarn(file, obj, kind.key(), diagnostics);
            if (map == null) {
                continue;
            }
            for (JsonTree.Member m : map.members().values()) {
                String range;
                if (m.value() instanceof JsonTree.Scalar s && s.isString()) {
                    range = s.text();
                } else {
                    diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, m.keySpan(),
                            kind.key() + " entry \"" + m.key() + "\" is not a version string"));
                    range = "";
                }
                deps.add(new NpmDependency(m.key(), range, kind, member(file, m)));
            }
        }
        Map<String, String> engines = new LinkedHashMap<>();
        Map<String, Span> engineSpans = new LinkedHashMap<>();
        JsonTree.Obj enginesObj = objectOrWarn(file, obj, "engines", diagnostics);
        if (enginesObj != null) {
            for (JsonTree.Member m : enginesObj.members().values()) {
                if (m.value() instanceof JsonTree.Scalar s && s.text() != null) {
                    engines.put(m.key(), s.text());
                    engineSpans.put(m.key(), member(file, m));
                }
            }
        }
        return new PackageJson(file, obj.string("name"), obj.string("version"), obj.string("main"), obj.string("type"),
                obj.string("packageManager"), scripts, deps, engines, engineSpans,
                LockFile.among(siblings, Ecosystem.NPM), diagnostics, workspaces(obj));
    }

    /** The {@code workspaces} globs: the array, or Yarn's {@code {"packages": [...]}} form. */
    private static List<String> workspaces(JsonTree.Obj obj) {
        JsonTree.Member m = obj.member("workspaces");
        JsonTree.Node node = m == null ? null : m.value();
        if (node instanceof JsonTree.Obj o && o.member("packages") != null) {
            node = o.member("packages").value();
        }
        if (!(node instanceof JsonTree.Arr arr)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonTree.Node item : arr.items()) {
            if (item instanceof JsonTree.Scalar s && s.isString()) {
                out.add(s.text());
            }
        }
        return out;
    }

    private static JsonTree.Obj objectOrWarn(SourceFile file, JsonTree.Obj obj, String key, List<Diagnostic> diagnostics) {
        JsonTree.Member m = obj.member(key);
        if (m == null) {
            return null;
        }
        if (m.value() instanceof JsonTree.Obj o) {
            return o;
        }
        diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, m.keySpan(), "\"" + key + "\" should be an object"));
        return null;
    }

    private static Span member(SourceFile file, JsonTree.Member m) {
        return file.span(m.keySpan().start(), Math.max(m.keySpan().end(), m.value().span().end()));
    }

    public SourceFile file() {
        return file;
    }

    /** The globs of the workspace folders package.json declares (npm, Yarn and Bun read them), empty without any. */
    public List<String> workspaces() {
        return workspaces;
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** The {@code main} entry point as written; npm's default when absent is {@code index.js}. */
    public Optional<String> main() {
        return Optional.ofNullable(main);
    }

    /** {@code "module"} or {@code "commonjs"} as written; absent means CommonJS. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    public boolean isEsModule() {
        return "module".equals(type);
    }

    /** The {@code packageManager} field (Corepack), e.g. {@code pnpm@8.15.0}. */
    public Optional<String> packageManager() {
        return Optional.ofNullable(packageManager);
    }

    /** Scripts in file order. */
    public Map<String, Script> scripts() {
        return java.util.Collections.unmodifiableMap(scripts);
    }

    public Optional<Script> script(String name) {
        return Optional.ofNullable(scripts.get(name));
    }

    public List<NpmDependency> dependencies() {
        return dependencies;
    }

    public List<NpmDependency> dependencies(DependencyKind kind) {
        return dependencies.stream().filter(d -> d.kind() == kind).toList();
    }

    public Optional<NpmDependency> dependency(String name) {
        return dependencies.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public Map<String, String> engines() {
        return java.util.Collections.unmodifiableMap(engines);
    }

    public Optional<String> engine(String name) {
        return Optional.ofNullable(engines.get(name));
    }

    public Optional<Span> engineSpan(String name) {
        return Optional.ofNullable(engineSpans.get(name));
    }

    public Set<LockFile> lockFiles() {
        return lockFiles;
    }

    /** The npm client the lock files point to ("npm", "yarn", "pnpm", "bun"); empty without one (or with several). */
    public Optional<String> lockedPackageManager() {
        var managers = lockFiles.stream().map(LockFile::packageManager).distinct().toList();
        return managers.size() == 1 ? Optional.of(managers.get(0)) : Optional.empty();
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public Manifest toManifest() {
        List<Dependency> deps = dependencies.stream()
                .map(d -> new Dependency(d.name(), d.name(), d.range(), d.isPinned(), d.kind().scope(), d.kind().key(), d.span()))
                .toList();
        return new Manifest(Ecosystem.NPM, ManifestKind.PACKAGE_JSON, file.path(), deps, lockFiles, diagnostics);
    }
}
