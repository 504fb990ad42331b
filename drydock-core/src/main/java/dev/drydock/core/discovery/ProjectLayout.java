package dev.drydock.core.discovery;

import dev.drydock.core.source.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What discovery found in one project: every classified file once, sorted by path, grouped by kind,
 * with the lookups later readers need. Immutable. Paths are root-relative and '/'-separated; folder
 * arguments accept "" or "." for the root and tolerate "./" and a trailing '/'.
 */
public final class ProjectLayout {

    /** A folder that was not walked, and the rule that skipped it. */
    public record SkippedDirectory(String path, SkipRule rule) {}

    /**
     * A symlink to a folder, which discovery does not follow: {@code target} is its root-relative
     * target, or null when it points outside the root, nowhere, or into a loop.
     */
    public record DirectoryLink(String path, String target) {}

    /** Compose's default file names in its order of preference. */
    public static final List<String> DEFAULT_COMPOSE_NAMES =
            List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
    /** Compose's default override names in its order of preference (chosen independently of the base name). */
    public static final List<String> DEFAULT_OVERRIDE_NAMES = List.of(
            "compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
            "docker-compose.override.yaml");

    private static final Comparator<ProjectEntry> BY_PATH = Comparator.comparing(ProjectEntry::path);

    private final Path root;
    private final List<ProjectEntry> entries;
    private final Map<String, ProjectEntry> byPath;
    private final Map<FileKind, List<ProjectEntry>> byKind;
    private final Map<FileType, Integer> sourceCounts;
    private final List<Diagnostic> diagnostics;
    private final List<SkippedDirectory> skippedDirectories;
    private final List<DirectoryLink> directoryLinks;

    ProjectLayout(Path root, List<ProjectEntry> found, List<Diagnostic> diagnostics,
            List<SkippedDirectory> skippedDirectories, List<DirectoryLink> directoryLinks) {
        this.root = root;
        List<ProjectEntry> sorted = new ArrayList<>(found);
        sorted.sort(BY_PATH);
        Map<String, ProjectEntry> paths = new HashMap<>(sorted.size() * 2);
        Map<FileKind, List<ProjectEntry>> kinds = new EnumMap<>(FileKind.class);
        Map<FileType, Integer> counts = new EnumMap<>(FileType.class);
        List<ProjectEntry> unique = new ArrayList<>(sorted.size());
        for (ProjectEntry entry : sorted) {
            if (paths.putIfAbsent(entry.path(), entry) != null) {
                continue; // an explicit file named twice
            }
            unique.add(entry);
            kinds.computeIfAbsent(entry.kind(), k -> new ArrayList<>()).add(entry);
            if (entry.kind() == FileKind.SOURCE) {
                counts.merge(entry.type(), 1, Integer::sum);
            }
        }
        for (FileKind kind : FileKind.values()) {
            kinds.put(kind, Collections.unmodifiableList(kinds.getOrDefault(kind, new ArrayList<>())));
        }
        this.entries = Collections.unmodifiableList(unique);
        this.byPath = paths;
        this.byKind = kinds;
        this.sourceCounts = Collections.unmodifiableMap(counts);
        this.diagnostics = List.copyOf(diagnostics);
        List<SkippedDirectory> skipped = new ArrayList<>(skippedDirectories);
        skipped.sort(Comparator.comparing(SkippedDirectory::path));
        this.skippedDirectories = List.copyOf(skipped);
        List<DirectoryLink> links = new ArrayList<>(directoryLinks);
        links.sort(Comparator.comparing(DirectoryLink::path));
        this.directoryLinks = List.copyOf(links);
    }

    /** This layout with files added (files created in memory by a fix); a path already known is kept as it is. */
    public ProjectLayout plus(List<ProjectEntry> added) {
        if (added.isEmpty()) {
            return this;
        }
        // a file added as something else is no longer a possible Kubernetes manifest (deploy/production.yml chained
        // after a compose file)
        List<ProjectEntry> all = new ArrayList<>(entries.stream().filter(e -> e.kind() != FileKind.KUBERNETES
                || added.stream().noneMatch(a -> a.path().equals(e.path()))).toList());
        all.addAll(added);
        return new ProjectLayout(root, all, diagnostics, skippedDirectories, directoryLinks);
    }

    /** The project folder, symlinks resolved. */
    public Path root() {
        return root;
    }

    /** Every classified file, sorted by path. */
    public List<ProjectEntry> entries() {
        return entries;
    }

    public List<ProjectEntry> entries(FileKind kind) {
        return byKind.get(kind);
    }

    public List<ProjectEntry> entries(FileType type) {
        return entries(type.kind()).stream().filter(e -> e.type() == type).toList();
    }

    /** The file at a root-relative path, when discovery classified it. */
    public Optional<ProjectEntry> entry(String path) {
        String normal = PathNames.normalizeRelative(path);
        return normal == null ? Optional.empty() : Optional.ofNullable(byPath.get(normal));
    }

    /**
     * The other entry a symlinked entry points to, relative to the root (a root {@code Dockerfile} linking to
     * {@code docker/Dockerfile.debian}); empty for a file that is no link, or whose target is no entry of its own.
     */
    public Optional<String> linkTarget(String path) {
        Optional<ProjectEntry> link = entry(path).filter(ProjectEntry::symlink);
        if (link.isEmpty() || root == null) {
            return Optional.empty();
        }
        try {
            Path real = root.resolve(link.get().path()).toRealPath();
            String target = real.startsWith(root) ? PathNames.normalizeRelative(
                    root.relativize(real).toString().replace('\\', '/')) : null;
            return Optional.ofNullable(target).filter(t -> !t.equals(link.get().path()) && byPath.containsKey(t));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty(); // a link that no longer resolves
        }
    }

    /** Whether two paths of the project name one file: the same path, or a link and the entry it points to. */
    public boolean sameFile(String a, String b) {
        return a.equals(b) || linkTarget(a).filter(b::equals).isPresent() || linkTarget(b).filter(a::equals).isPresent();
    }

    public List<ProjectEntry> dockerfiles() {
        return entries(FileKind.DOCKERFILE);
    }

    /** All compose files: defaults, overrides and {@code -f} variants, in every folder. */
    public List<ProjectEntry> composeFiles() {
        return entries(FileKind.COMPOSE);
    }

    /** What {@code docker compose} loads without {@code -f} in the root folder: see {@link #defaultComposeFiles(String)}. */
    public List<ProjectEntry> defaultComposeFiles() {
        return defaultComposeFiles("");
    }

    /**
     * What {@code docker compose} run in {@code dir} loads without {@code -f}: the first present of
     * {@link #DEFAULT_COMPOSE_NAMES}, then the first present of {@link #DEFAULT_OVERRIDE_NAMES}
     * (only when a base file exists); empty when the folder has no base file. Compose would go on
     * looking in parent folders; this does not.
     */
    public List<ProjectEntry> defaultComposeFiles(String dir) {
        String folder = folder(dir);
        if (folder == null) {
            return List.of();
        }
        ProjectEntry base = first(folder, DEFAULT_COMPOSE_NAMES);
        if (base == null) {
            return List.of();
        }
        ProjectEntry override = first(folder, DEFAULT_OVERRIDE_NAMES);
        return override == null ? List.of(base) : List.of(base, override);
    }

    /** Every ignore file: {@code .dockerignore}, {@code <Dockerfile>.dockerignore}, {@code .containerignore}. */
    public List<ProjectEntry> dockerignoreFiles() {
        return entries(FileKind.DOCKERIGNORE);
    }

    /**
     * The ignore file Docker (BuildKit) applies when building {@code dockerfilePath} with the
     * context folder {@code contextDir}: {@code <dockerfilePath>.dockerignore} beside the
     * Dockerfile wins, even when empty; otherwise the context's {@code .dockerignore}; otherwise
     * none. Podman's {@code .containerignore} is not considered.
     */
    public Optional<ProjectEntry> dockerignoreFor(String dockerfilePath, String contextDir) {
        String dockerfile = PathNames.normalizeRelative(dockerfilePath);
        if (dockerfile != null && !dockerfile.isEmpty()) {
            ProjectEntry specific = byPath.get(dockerfile + ".dockerignore");
            if (specific != null) {
                return Optional.of(specific);
            }
        }
        String context = folder(contextDir);
        if (context == null) {
            return Optional.empty();
        }
        ProjectEntry general = byPath.get(PathNames.join(context, ".dockerignore"));
        return Optional.ofNullable(general != null && general.type() == FileType.DOCKERIGNORE ? general : null);
    }

    public List<ProjectEntry> envFiles() {
        return entries(FileKind.ENV);
    }

    public List<ProjectEntry> gitignoreFiles() {
        return entries(FileKind.GITIGNORE);
    }

    /** Manifests and lock files of every language. */
    public List<ProjectEntry> manifests() {
        return entries(FileKind.MANIFEST);
    }

    public List<ProjectEntry> manifests(Language language) {
        return manifests().stream().filter(e -> e.type().language() == language).toList();
    }

    /** Manifests in {@code dir} or any folder below it (a build context's manifests). */
    public List<ProjectEntry> manifestsUnder(String dir) {
        return under(manifests(), dir);
    }

    /** Manifests directly in {@code dir}. */
    public List<ProjectEntry> manifestsIn(String dir) {
        String folder = folder(dir);
        return folder == null ? List.of() : under(manifests(), dir).stream().filter(e -> e.directory().equals(folder)).toList();
    }

    /** The files of a kind in {@code dir} or below it, in path order. Logarithmic plus the size of the answer. */
    public List<ProjectEntry> under(FileKind kind, String dir) {
        return under(entries(kind), dir);
    }

    public List<ProjectEntry> ciFiles() {
        return entries(FileKind.CI);
    }

    /** The YAML files that may be Kubernetes manifests. */
    public List<ProjectEntry> kubernetesFiles() {
        return entries(FileKind.KUBERNETES);
    }

    /** The dev container configurations ({@code devcontainer.json}), in path order. */
    public List<ProjectEntry> devContainerFiles() {
        return entries(FileKind.DEVCONTAINER);
    }

    /** The Skaffold configurations, in path order. */
    public List<ProjectEntry> skaffoldFiles() {
        return entries(FileKind.SKAFFOLD);
    }

    /** The GoReleaser configurations, in path order. */
    public List<ProjectEntry> goreleaserFiles() {
        return entries(FileKind.GORELEASER);
    }

    /** The Bake files, in path order. */
    public List<ProjectEntry> bakeFiles() {
        return entries(FileKind.BAKE);
    }

    public List<ProjectEntry> sources() {
        return entries(FileKind.SOURCE);
    }

    /** How many source files of each language ({@link FileKind#SOURCE} types only). */
    public Map<FileType, Integer> sourceCounts() {
        return sourceCounts;
    }

    /** The languages that have a manifest or a source file in the project. */
    public Set<Language> languages() {
        Set<Language> found = EnumSet.noneOf(Language.class);
        for (ProjectEntry manifest : manifests()) {
            found.add(manifest.type().language());
        }
        for (FileType type : sourceCounts.keySet()) {
            found.add(type.language());
        }
        return Collections.unmodifiableSet(found);
    }

    /** Problems met while walking: unreadable folders, oversized or unreadable files, bad symlinks. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Folders not walked, with the rule that skipped each (see {@link SkipRule}). */
    public List<SkippedDirectory> skippedDirectories() {
        return skippedDirectories;
    }

    /** Symlinks to folders, never followed. */
    public List<DirectoryLink> directoryLinks() {
        return directoryLinks;
    }

    private ProjectEntry first(String folder, List<String> names) {
        for (String name : names) {
            ProjectEntry entry = byPath.get(PathNames.join(folder, name));
            if (entry != null && entry.kind() == FileKind.COMPOSE) {
                return entry;
            }
        }
        return null;
    }

    /** The entries of a path-sorted list that lie in {@code dir} or below, by binary search. */
    private static List<ProjectEntry> under(List<ProjectEntry> sorted, String dir) {
        String folder = folder(dir);
        if (folder == null) {
            return List.of();
        }
        if (folder.isEmpty()) {
            return sorted;
        }
        String prefix = folder + "/";
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted.get(mid).path().compareTo(prefix) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        int end = low;
        while (end < sorted.size() && sorted.get(end).path().startsWith(prefix)) {
            end++;
        }
        return sorted.subList(low, end);
    }

    private static String folder(String dir) {
        return dir == null ? "" : PathNames.normalizeRelative(dir);
    }

    @Override
    public String toString() {
        return "ProjectLayout[" + root + ": " + entries.size() + " files, " + diagnostics.size() + " diagnostics]";
    }
}
