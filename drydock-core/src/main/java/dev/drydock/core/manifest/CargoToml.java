package dev.drydock.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
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
 * A Rust {@code Cargo.toml}: the package name, the workspace members, and the crates of
 * {@code [dependencies]}, {@code [dev-dependencies]} and {@code [build-dependencies]} (also under
 * {@code [target.<cfg>]} and {@code [workspace.dependencies]}), each with its position, the edition and
 * rust-version the package asks for, plus the lock file beside it.
 */
public final class CargoToml {

    /**
     * One dependency.
     *
     * @param name the crate's name ({@code package = "..."} when the key renames it)
     * @param version the version requirement as written, "" when there is none (path, git, workspace)
     * @param source {@code "registry"}, {@code "path"}, {@code "git"} or {@code "workspace"}
     * @param section the table it is declared in ({@code dependencies}, {@code dev-dependencies} ...)
     * @param pinned whether one version is allowed: {@code =1.2.3}, a local path, a git dependency with
     *     a {@code rev}; a bare {@code 1.2.3} is a caret requirement in Cargo and allows later compatible versions
     */
    public record Crate(String name, String version, String source, String section, boolean pinned, Span span) {

        public Scope scope() {
            return switch (section) {
                case "dev-dependencies" -> Scope.DEV;
                case "build-dependencies" -> Scope.BUILD;
                default -> Scope.MAIN;
            };
        }
    }

    private static final List<String> SECTIONS = List.of("dependencies", "dev-dependencies", "build-dependencies");

    private final SourceFile file;
    private final String packageName;
    private final String edition;
    private final String rustVersion;
    private final List<String> members;
    private final boolean workspace;
    private final List<String> binNames;
    private final List<Crate> crates;
    private final Set<LockFile> lockFiles;
    private final List<Diagnostic> diagnostics;

    private CargoToml(SourceFile file, String packageName, String edition, String rustVersion, List<String> members,
            boolean workspace, List<String> binNames, List<Crate> crates, Set<LockFile> lockFiles,
            List<Diagnostic> diagnostics) {
        this.file = file;
        this.packageName = packageName;
        this.edition = edition;
        this.rustVersion = rustVersion;
        this.members = List.copyOf(members);
        this.workspace = workspace;
        this.binNames = List.copyOf(binNames);
        this.crates = List.copyOf(crates);
        this.lockFiles = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(lockFiles));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Reads Cargo.toml; {@code siblings} are the names in its folder (for Cargo.lock).
     *
     * @throws SourceException when the file is not valid TOML (positioned)
     */
    public static CargoToml parse(SourceFile file, Collection<String> siblings) {
        JsonNode root = Toml.read(file);
        TomlPositions positions = TomlPositions.scan(file);
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Crate> crates = new ArrayList<>();
        for (String section : SECTIONS) {
            read(file, positions, root.get(section), List.of(section), section, crates, diagnostics);
        }
        JsonNode targets = root.get("target");
        if (targets != null && targets.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = targets.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> target = it.next();
                for (String section : SECTIONS) {
                    read(file, positions, target.getValue().get(section), List.of("target", target.getKey(), section),
                            section, crates, diagnostics);
                }
            }
        }
        read(file, positions, Toml.at(root, "workspace", "dependencies"), List.of("workspace", "dependencies"),
                "dependencies", crates, diagnostics);
        List<String> members = new ArrayList<>();
        JsonNode workspaceMembers = Toml.at(root, "workspace", "members");
        if (workspaceMembers.isArray()) {
            workspaceMembers.forEach(m -> {
                if (m.isTextual()) {
                    members.add(m.asText());
                }
            });
        }
        List<String> bins = new ArrayList<>();
        JsonNode binTables = root.get("bin");
        if (binTables != null && binTables.isArray()) {
            binTables.forEach(b -> {
                String name = Toml.text(b.get("name"));
                if (name != null) {
                    bins.add(name);
                }
            });
        }
        return new CargoToml(file, Toml.text(Toml.at(root, "package", "name")), packageField(root, "edition"),
                packageField(root, "rust-version"), members, root.has("workspace"), bins, crates,
                LockFile.among(siblings, Ecosystem.CRATES), diagnostics);
    }

    /**
     * A field of {@code [package]}, or of {@code [workspace.package]} when the package inherits it
     * ({@code edition.workspace = true}) or the file is a virtual workspace whose members may; null when neither
     * gives a value in this file.
     */
    private static String packageField(JsonNode root, String key) {
        JsonNode own = Toml.at(root, "package", key);
        String value = Toml.text(own);
        if (value != null) {
            return value;
        }
        boolean inherits = own.isObject() && own.path("workspace").asBoolean(false);
        return inherits || !root.has("package") ? Toml.text(Toml.at(root, "workspace", "package", key)) : null;
    }

    private static void read(SourceFile file, TomlPositions positions, JsonNode table, List<String> path,
            String section, List<Crate> crates, List<Diagnostic> diagnostics) {
        if (table == null || table.isMissingNode()) {
            return;
        }
        if (!table.isObject()) {
            diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, positions.entryOrEnclosing(path),
                    String.join(".", path) + " should be a table"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> entryPath = new ArrayList<>(path);
            entryPath.add(e.getKey());
            Span span = positions.entryOrEnclosing(entryPath);
            JsonNode value = e.getValue();
            String name = e.getKey();
            String version = "";
            String source = "registry";
            boolean rev = false;
            if (value.isTextual()) {
                version = value.asText();
            } else if (value.isObject()) {
                version = Optional.ofNullable(Toml.text(value.get("version"))).orElse("");
                name = Optional.ofNullable(Toml.text(value.get("package"))).orElse(name);
                if (value.has("path")) {
                    source = "path";
                } else if (value.has("git")) {
                    source = "git";
                    rev = value.has("rev");
                } else if (value.path("workspace").asBoolean(false)) {
                    source = "workspace";
                }
            } else {
                diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, span,
                        "dependency \"" + e.getKey() + "\" should be a version string or a table"));
                continue;
            }
            boolean pinned = version.trim().startsWith("=") || source.equals("path") || source.equals("git") && rev;
            crates.add(new Crate(name, version, source, section, pinned, span));
        }
    }

    public SourceFile file() {
        return file;
    }

    /** {@code [package] name}, absent for a virtual workspace manifest. */
    public Optional<String> packageName() {
        return Optional.ofNullable(packageName);
    }

    /** The edition the package (or the workspace's members) is written in: {@code 2021}, {@code 2024}. */
    public Optional<String> edition() {
        return Optional.ofNullable(edition);
    }

    /** The oldest Rust the package (or the workspace's members) says it builds with, {@code rust-version}. */
    public Optional<String> rustVersion() {
        return Optional.ofNullable(rustVersion);
    }

    /** {@code [workspace] members} as written (globs included). */
    public List<String> workspaceMembers() {
        return members;
    }

    /** Whether the file has a {@code [workspace]} table: its members (and target folder) are shared. */
    public boolean isWorkspace() {
        return workspace;
    }

    /** The names of the {@code [[bin]]} targets as written; a {@code [[bin]]} without a name is left out. */
    public List<String> binNames() {
        return binNames;
    }

    public List<Crate> crates() {
        return crates;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public Manifest toManifest() {
        List<Dependency> deps = new ArrayList<>();
        for (Crate c : crates) {
            deps.add(new Dependency(c.name(), Ecosystem.CRATES.normalize(c.name()), c.version(), c.pinned(), c.scope(),
                    c.section(), c.span()));
        }
        return new Manifest(Ecosystem.CRATES, ManifestKind.CARGO_TOML, file.path(), deps, lockFiles, diagnostics);
    }
}
