package dev.drydock.core.project;

import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathGlobs;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.discovery.ProjectLayout;
import dev.drydock.core.discovery.SkipRule;
import dev.drydock.core.kubernetes.Kustomization;
import dev.drydock.core.skaffold.SkaffoldConfig;
import dev.drydock.core.skaffold.SkaffoldFile;
import dev.drydock.core.source.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Kubernetes manifests the skaffold.yaml files deploy, taken as manifests whatever their folder or name: the files
 * and globs of {@code manifests.rawYaml} and {@code deploy.kubectl.manifests} ({@code **} crossing folders), and the
 * kustomization files of the kustomize folders with the files and folders they list as resources.
 */
final class SkaffoldManifests {

    private static final int MAX_FILES = 2000;
    private static final int MAX_DEPTH = 12;
    private static final int MAX_KUSTOMIZE_DEPTH = 4;

    private SkaffoldManifests() {}

    /** The layout with the manifests that discovery did not take for anything. */
    static ProjectLayout added(ProjectLayout layout, ProjectFiles files, List<SkaffoldFile> skaffold) {
        Set<String> paths = new LinkedHashSet<>();
        for (SkaffoldFile file : skaffold) {
            String folder = PathNames.parent(file.path());
            for (SkaffoldConfig config : file.configs()) {
                List<String> manifests = new ArrayList<>(config.manifests());
                List<String> kustomizations = new ArrayList<>(config.kustomizations());
                config.profiles().forEach(p -> {
                    manifests.addAll(p.manifests());
                    kustomizations.addAll(p.kustomizations());
                });
                manifests.forEach(m -> matching(files, folder, m, paths));
                kustomizations.forEach(k -> kustomization(files, DeclaredBuilds.resolve(folder, k), paths, 0));
            }
        }
        List<ProjectEntry> added = new ArrayList<>();
        for (String path : paths) {
            if (layout.entry(path).isEmpty()) {
                files.entry(path, FileType.KUBERNETES_MANIFEST).ifPresent(added::add);
            }
        }
        return layout.plus(added);
    }

    /** The YAML files a path or glob, written in a file of {@code folder}, names. */
    private static void matching(ProjectFiles files, String folder, String written, Set<String> into) {
        String pattern = DeclaredBuilds.resolve(folder, written);
        if (pattern == null) {
            return;
        }
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0) {
            if (yaml(pattern) && files.exists(pattern)) {
                into.add(pattern);
            }
            return;
        }
        int wildcard = pattern.length();
        for (char c : new char[] {'*', '?', '['}) {
            int at = pattern.indexOf(c);
            wildcard = at >= 0 ? Math.min(wildcard, at) : wildcard;
        }
        String base = PathNames.parent(pattern.substring(0, wildcard + 1));
        Pattern regex = Pattern.compile(PathGlobs.crossingRegex(pattern));
        for (String path : walk(files, base)) {
            if (yaml(path) && regex.matcher(path).matches()) {
                into.add(path);
            }
        }
    }

    /** A glob as a regular expression: {@code **} crosses folders ({@code a/**}{@code /b} takes {@code a/b}), the rest as COPY's. */
    static String regex(String glob) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = glob.indexOf("**"); at >= 0; at = glob.indexOf("**", from)) {
            out.append(PathGlobs.regex(glob.substring(from, at)));
            boolean folders = glob.startsWith("/", at + 2);
            out.append(folders ? "(?:.*/)?" : ".*");
            from = at + (folders ? 3 : 2);
        }
        return out.append(PathGlobs.regex(glob.substring(from))).toString();
    }

    /**
     * The YAML files under a folder of the project, root-relative, in path order: a bounded walk that leaves out hidden
     * folders and those discovery skips (dependencies, virtualenvs, build output).
     */
    private static List<String> walk(ProjectFiles files, String base) {
        List<String> out = new ArrayList<>();
        try {
            String start = base.isEmpty() ? "." : base;
            if (files.isDirectory(start)) {
                walk(files.root(), files.locate(start), 0, out);
            }
        } catch (SourceException e) {
            // a folder that leads out of the project lists nothing
        }
        return out;
    }

    private static void walk(Path root, Path dir, int depth, List<String> out) {
        List<Path> children;
        try (Stream<Path> listed = Files.list(dir)) {
            children = listed.sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return;
        }
        for (Path child : children) {
            if (out.size() >= MAX_FILES) {
                return;
            }
            String name = child.getFileName().toString();
            if (Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (depth < MAX_DEPTH && !name.startsWith(".") && SkipRule.match(child) == null) {
                    walk(root, child, depth + 1, out);
                }
            } else if (yaml(name) && Files.isRegularFile(child)) {
                out.add(root.relativize(child).toString().replace('\\', '/'));
            }
        }
    }

    /** The kustomization file of a folder and the manifests it lists, down to nested kustomizations. */
    private static void kustomization(ProjectFiles files, String dir, Set<String> into, int depth) {
        if (dir == null || depth > MAX_KUSTOMIZE_DEPTH) {
            return;
        }
        for (String name : Kustomization.FILE_NAMES.stream().sorted().toList()) {
            String path = PathNames.join(dir, name);
            if (!files.exists(path) || !into.add(path)) {
                continue;
            }
            try {
                Kustomization k = Kustomization.read(path, files.read(path).file().text()).orElse(null);
                for (String resource : k == null ? List.<String>of() : k.resources()) {
                    String resolved = resource.isEmpty() ? null : PathNames.normalizeRelative(resource);
                    if (resolved != null && files.isDirectory(resolved)) {
                        kustomization(files, resolved, into, depth + 1);
                    } else if (resolved != null && yaml(resolved) && files.exists(resolved)) {
                        into.add(resolved);
                    }
                }
            } catch (SourceException e) {
                // unreadable: the kustomization adds nothing
            }
        }
    }

    private static boolean yaml(String path) {
        return path.endsWith(".yaml") || path.endsWith(".yml");
    }
}
