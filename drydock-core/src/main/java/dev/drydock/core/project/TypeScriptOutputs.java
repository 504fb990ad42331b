package dev.drydock.core.project;

import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.discovery.ProjectLayout;
import dev.drydock.core.manifest.JsonTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TypeScript source a compiled JavaScript file is built from, by the {@code tsconfig.json} that writes it:
 * {@code tsc} puts {@code <rootDir>/X.ts} at {@code <outDir>/X.js} ({@code .mts} at {@code .mjs}, {@code .cts} at
 * {@code .cjs}). The nearest tsconfig.json above the file whose outDir holds it decides; outDir, rootDir and include
 * come from it or from a config it {@code extends} by relative path, each relative to the file that sets it. Without
 * rootDir, tsc takes the longest common folder of its non-declaration sources.
 */
final class TypeScriptOutputs {

    private static final Map<String, List<String>> SOURCE_EXTENSIONS = Map.of(".js", List.of(".ts", ".tsx"),
            ".jsx", List.of(".tsx"), ".mjs", List.of(".mts"), ".cjs", List.of(".cts"));
    private static final int MAX_EXTENDS = 5;

    private final ProjectFiles files;
    private final ProjectLayout layout;

    TypeScriptOutputs(ProjectFiles files, ProjectLayout layout) {
        this.files = files;
        this.layout = layout;
    }

    /**
     * The project's TypeScript source that compiles to {@code compiled} (a project path), looking for a tsconfig.json
     * no higher than {@code top} (the build context); empty when no config writes it or the source is not there.
     */
    Optional<String> source(String compiled, String top) {
        String extension = extension(compiled);
        List<String> sourceExtensions = SOURCE_EXTENSIONS.get(extension);
        if (sourceExtensions == null) {
            return Optional.empty();
        }
        for (String dir = PathNames.parent(compiled); PathNames.isUnder(dir, top); dir = PathNames.parent(dir)) {
            String config = PathNames.join(dir, "tsconfig.json");
            if (files.exists(config)) {
                Options options = options(config);
                if (options.outDir != null && !options.outDir.equals(dir) && PathNames.isUnder(compiled, options.outDir)
                        && !compiled.equals(options.outDir)) {
                    String relative = compiled.substring(options.outDir.isEmpty() ? 0 : options.outDir.length() + 1);
                    String root = options.rootDir != null ? options.rootDir : commonRoot(dir, options);
                    if (root == null) {
                        return Optional.empty();
                    }
                    String stem = relative.substring(0, relative.length() - extension.length());
                    return sourceExtensions.stream().map(e -> PathNames.join(root, stem + e))
                            .filter(p -> files.exists(p) && !files.isDirectory(p)).findFirst();
                }
            }
            if (dir.isEmpty()) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String extension(String path) {
        String name = PathNames.fileName(path);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot);
    }

    /** The compiler options that place outputs, as project paths; null where no config in the chain sets them. */
    private static final class Options {
        String outDir;
        String rootDir;
        List<String> include;
    }

    private Options options(String config) {
        Options options = new Options();
        String path = config;
        for (int depth = 0; path != null && depth < MAX_EXTENDS; depth++) {
            JsonTree.Obj root = read(path);
            if (root == null) {
                break;
            }
            String dir = PathNames.parent(path);
            JsonTree.Obj compilerOptions = root.object("compilerOptions");
            if (compilerOptions != null) {
                if (options.outDir == null) {
                    options.outDir = resolve(dir, compilerOptions.string("outDir"));
                }
                if (options.rootDir == null) {
                    options.rootDir = resolve(dir, compilerOptions.string("rootDir"));
                }
            }
            JsonTree.Member listed = root.member("include") != null ? root.member("include") : root.member("files");
            if (options.include == null && listed != null && listed.value() instanceof JsonTree.Arr include) {
                List<String> paths = new ArrayList<>();
                for (JsonTree.Node item : include.items()) {
                    if (!(item instanceof JsonTree.Scalar s) || !s.isString()) {
                        return options; // a pattern drydock cannot read: the default root stays unknown
                    }
                    paths.add(PathNames.normalizeRelative(PathNames.join(dir, s.text())));
                }
                options.include = paths;
            }
            String extended = root.string("extends");
            path = extended != null && (extended.startsWith("./") || extended.startsWith("../"))
                    ? PathNames.normalizeRelative(PathNames.join(dir, extended.endsWith(".json") ? extended : extended + ".json"))
                    : null;
        }
        return options;
    }

    private JsonTree.Obj read(String path) {
        try {
            return files.exists(path) && JsonTree.parseWithComments(files.read(path).file()) instanceof JsonTree.Obj o
                    ? o : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String resolve(String dir, String value) {
        return value == null || value.isEmpty() || PathNames.isAbsolute(value) ? null
                : PathNames.normalizeRelative(PathNames.join(dir, value));
    }

    /**
     * tsc's default rootDir: the longest common folder of the TypeScript sources it compiles, those under the config's
     * folder (or its literal include folders and files) outside outDir and node_modules; null when there are none or
     * include uses patterns.
     */
    private String commonRoot(String dir, Options options) {
        List<String> included = options.include == null ? List.of(dir) : options.include;
        if (included.stream().anyMatch(p -> p == null || p.contains("*") || p.contains("?"))) {
            return null;
        }
        String common = null;
        for (ProjectEntry entry : layout.under(FileKind.SOURCE, dir)) {
            String path = entry.path();
            if (!SOURCE_EXTENSIONS.values().stream().flatMap(List::stream).anyMatch(path::endsWith)
                    || path.endsWith(".d.ts") || PathNames.isUnder(path, options.outDir)
                    || ("/" + path + "/").contains("/node_modules/")
                    || included.stream().noneMatch(i -> PathNames.isUnder(path, i))) {
                continue;
            }
            String parent = PathNames.parent(path);
            common = common == null ? parent : commonFolder(common, parent);
        }
        return common;
    }

    private static String commonFolder(String a, String b) {
        while (!PathNames.isUnder(b, a)) {
            a = PathNames.parent(a);
        }
        return a;
    }
}
