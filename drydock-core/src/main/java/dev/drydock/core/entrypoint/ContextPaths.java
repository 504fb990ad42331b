package dev.drydock.core.entrypoint;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Maps paths between an image and its build context through the stage's context copies, by path
 * logic alone: which context file is {@code /app/app.py}, where does {@code src/main.py} land.
 *
 * <p>A source that is a folder copies its contents (not itself) into the destination; a file
 * lands at the destination, or inside it when {@link Copy#intoDirectory()}; a wildcard source
 * copies each matching file into the destination. Whether a plain source is a folder comes from
 * the predicate given (for example a {@code ProjectFiles::isDirectory} adapted to the context);
 * without one, only "." and sources ending in '/' count as folders. Later copies win, as in the
 * image. The {@code .dockerignore} is not applied here: a mapped context path may still be ignored.
 *
 * <p>Built with {@link #of(List, Predicate)} from {@link Layer}s, it also follows files through other
 * stages: a {@code COPY --from=stage} maps a path to the stage's own path, which that stage's paths map
 * on to the context; and through what a known RUN moves within the stage ({@link Layer#moved}). A path
 * that the last layer covering it cannot trace (an image's file, one a build wrote) maps nowhere, even
 * when an earlier copy covers it too: the later layer wins in the image.
 */
public final class ContextPaths {

    private final List<Layer> layers;
    private final Predicate<String> isDirectory;

    /**
     * What puts files at container paths, one instruction or one source of it, in build order.
     */
    public sealed interface Layer permits FromContext, FromStage, Moved {

        /** A copy from the build context. */
        static Layer context(Copy copy) {
            return new FromContext(copy);
        }

        /**
         * A copy from another stage (or an image): {@code copy}'s source is a path in that stage, as
         * {@code COPY --from} reads it (relative to its root); {@code stage} maps that stage's paths, null
         * for an image or a stage that cannot be read.
         */
        static Layer stage(Copy copy, ContextPaths stage) {
            return new FromStage(copy, stage);
        }

        /**
         * A folder a RUN writes ({@code turbo prune}'s {@code out/}): {@code origin} gives, for a path in it,
         * the path in the same stage it is a copy of (traced further through {@code before}, the stage as
         * it was before the RUN); empty for a file the RUN makes.
         */
        static Layer moved(String folder, Function<String, Optional<String>> origin, ContextPaths before) {
            return new Moved(PathNames.normalizeAbsolute("/", folder), origin, before, true, null);
        }

        /**
         * A file or folder a RUN moves or copies from another path of the same stage ({@code mv /tmp/app.conf
         * /etc/supervisor/conf.d/}, {@code cp -r}): {@code target} is a copy of {@code source}, traced further
         * through {@code before}, the stage as it was before the command.
         */
        static Layer renamed(String target, String source, boolean folder, ContextPaths before) {
            String to = PathNames.normalizeAbsolute("/", target);
            String from = PathNames.normalizeAbsolute("/", source);
            return new Moved(to, path -> Optional.of(path.equals(to) ? from
                    : PathNames.join(from, path.substring(to.equals("/") ? 1 : to.length() + 1))), before, folder, from);
        }
    }

    private record FromContext(Copy copy) implements Layer {}

    private record FromStage(Copy copy, ContextPaths stage) implements Layer {}

    /** {@code from}: the one path of the stage a rename copies, else null. */
    private record Moved(String folder, Function<String, Optional<String>> origin, ContextPaths before,
            boolean isFolder, String from) implements Layer {}

    /**
     * @param copies the stage's copies from the context, in instruction order
     * @param isDirectory tells whether a normalized context-relative path ("" for the context
     *     itself) is a folder
     */
    public ContextPaths(List<Copy> copies, Predicate<String> isDirectory) {
        this(isDirectory, copies.stream().map(Layer::context).toList());
    }

    private ContextPaths(Predicate<String> isDirectory, List<Layer> layers) {
        this.layers = List.copyOf(layers);
        this.isDirectory = isDirectory;
    }

    /** The paths of an image built by {@code layers} (in build order), context folders told by {@code isDirectory}. */
    public static ContextPaths of(List<Layer> layers, Predicate<String> isDirectory) {
        return new ContextPaths(isDirectory, layers);
    }

    /** Uses the sources' spelling only: "." and a trailing '/' mark folders. */
    public ContextPaths(List<Copy> copies) {
        this(copies, path -> false);
    }

    /**
     * The context path (normalized, relative, "" for the context root) whose copy is the file or
     * folder at {@code containerPath} (absolute, or relative to "/"), from the last layer that
     * covers it; empty when none does, or when that layer cannot trace it to the context.
     */
    public Optional<String> toContext(String containerPath) {
        String path = PathNames.normalizeAbsolute("/", containerPath);
        for (int i = layers.size() - 1; i >= 0; i--) {
            Optional<String> found = switch (layers.get(i)) {
                case FromContext c -> toContext(c.copy(), path);
                case FromStage c -> fromStage(c, path);
                case Moved m -> moved(m, path);
            };
            if (found != null && (found.isPresent() || !(layers.get(i) instanceof FromContext))) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a container path is a folder as far as the layers tell: something is copied below it, a folder
     * lands on it, or it is a copy of a context folder.
     */
    public boolean isFolder(String containerPath) {
        String path = PathNames.normalizeAbsolute("/", containerPath);
        for (Layer layer : layers) {
            String destination = switch (layer) {
                case FromContext c -> c.copy().destination();
                case FromStage c -> c.copy().destination();
                case Moved m -> m.folder();
            };
            boolean folderCopy = layer instanceof Moved m && m.isFolder() || layer instanceof FromContext c && c.copy().intoDirectory()
                    || layer instanceof FromStage s && s.copy().intoDirectory();
            if (PathNames.isUnder(destination, path) && (!destination.equals(path) || folderCopy)) {
                return true;
            }
        }
        return toContext(path).filter(p -> p.isEmpty() || isDirectory.test(p)).isPresent();
    }

    /**
     * Every container path a context file or folder is copied to by the context copies, in instruction order, and
     * where a RUN then moves or copies it ({@link Layer#renamed}).
     */
    public List<String> toContainer(String contextPath) {
        String path = PathNames.normalizeRelative(contextPath);
        List<String> found = new ArrayList<>();
        if (path == null) {
            return found;
        }
        for (Layer layer : layers) {
            if (layer instanceof Moved moved && moved.from() != null) {
                for (String at : List.copyOf(found)) {
                    if (PathNames.isUnder(at, moved.from())) {
                        String rest = at.equals(moved.from()) ? "" : at.substring(moved.from().length() + 1);
                        found.add(rest.isEmpty() ? moved.folder() : child(moved.folder(), rest));
                    }
                }
            }
            if (!(layer instanceof FromContext context)) {
                continue;
            }
            Copy copy = context.copy();
            String source = source(copy);
            if (source == null) {
                continue;
            }
            String destination = copy.destination();
            if (Glob.hasWildcards(copy.source())) {
                if (Glob.matches(source, path)) {
                    found.add(child(destination, PathNames.fileName(path)));
                }
            } else if (isFolder(copy, source)) {
                if (PathNames.isUnder(path, source)) {
                    String rest = source.isEmpty() ? path : path.substring(source.length()).replaceFirst("^/", "");
                    found.add(rest.isEmpty() ? destination : child(destination, rest));
                }
            } else if (path.equals(source)) {
                found.add(copy.intoDirectory() ? child(destination, PathNames.fileName(source)) : destination);
            }
        }
        return found;
    }

    /** Where one context copy takes a path from; empty when it does not cover it. */
    private Optional<String> toContext(Copy copy, String path) {
        String source = source(copy);
        if (source == null) {
            return Optional.empty();
        }
        String destination = copy.destination();
        if (Glob.hasWildcards(copy.source())) {
            if (PathNames.parent(path).equals(destination) || destination.equals("/") && PathNames.parent(path).equals("/")) {
                String candidate = PathNames.join(PathNames.parent(source), PathNames.fileName(path));
                if (Glob.matches(source, candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }
        if (isFolder(copy, source)) {
            if (PathNames.isUnder(path, destination)) {
                String rest = destination.equals("/") ? path.substring(1) : path.substring(destination.length()).replaceFirst("^/", "");
                return Optional.of(PathNames.join(source, rest));
            }
            return Optional.empty();
        }
        String landing = copy.intoDirectory() ? child(destination, PathNames.fileName(source)) : destination;
        return landing.equals(path) ? Optional.of(source) : Optional.empty();
    }

    /**
     * Where a copy from another stage takes a path from: null when it does not cover the path, empty when it
     * does but the stage does not say where the file comes from.
     */
    private static Optional<String> fromStage(FromStage layer, String path) {
        Copy copy = layer.copy();
        String written = copy.source();
        String source = PathNames.normalizeAbsolute("/", written);
        String destination = copy.destination();
        ContextPaths stage = layer.stage();
        if (Glob.hasWildcards(written)) {
            if (!PathNames.parent(path).equals(destination)) {
                return null;
            }
            String candidate = child(PathNames.parent(source), PathNames.fileName(path));
            if (!Glob.matches(source, candidate)) {
                return null;
            }
            return stage == null ? Optional.empty() : stage.toContext(candidate);
        }
        boolean folder = written.endsWith("/") || written.endsWith("/.") || written.equals(".")
                || source.equals("/") || stage != null && stage.isFolder(source);
        if (!PathNames.isUnder(path, destination)) {
            return null;
        }
        if (!folder && copy.intoDirectory()) {
            // a file lands inside the destination, a folder puts its contents there: a copy of a context path that is
            // no folder is a file; a source the stage cannot trace may be either, and covers all of the destination
            Optional<String> origin = stage == null ? Optional.empty() : stage.toContext(source);
            if (origin.isEmpty()) {
                return Optional.empty();
            }
            return path.equals(child(destination, PathNames.fileName(source))) ? origin : null;
        }
        // a folder's contents, or a file that becomes the destination (then nothing lies below it)
        String rest = path.equals(destination) ? "" : path.substring(destination.equals("/") ? 1 : destination.length() + 1);
        return stage == null ? Optional.empty() : stage.toContext(rest.isEmpty() ? source : child(source, rest));
    }

    /** Where a folder a RUN wrote takes a path from: null when the path is outside it. */
    private static Optional<String> moved(Moved layer, String path) {
        if (!PathNames.isUnder(path, layer.folder())) {
            return null;
        }
        return layer.origin().apply(path).flatMap(origin -> layer.before().toContext(origin));
    }

    /** The normalized context-relative source, or null when it leaves the context. */
    private static String source(Copy copy) {
        return PathNames.normalizeRelative(copy.source());
    }

    private boolean isFolder(Copy copy, String normalized) {
        String written = copy.source();
        return normalized.isEmpty() || written.endsWith("/") || written.endsWith("/.") || isDirectory.test(normalized);
    }

    private static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }
}
