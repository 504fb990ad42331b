package dev.drydock.core.entrypoint;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 */
public final class ContextPaths {

    private final List<Copy> copies;
    private final Predicate<String> isDirectory;

    /**
     * @param copies the stage's copies from the context, in instruction order
     * @param isDirectory tells whether a normalized context-relative path ("" for the context
     *     itself) is a folder
     */
    public ContextPaths(List<Copy> copies, Predicate<String> isDirectory) {
        this.copies = List.copyOf(copies);
        this.isDirectory = isDirectory;
    }

    /** Uses the sources' spelling only: "." and a trailing '/' mark folders. */
    public ContextPaths(List<Copy> copies) {
        this(copies, path -> false);
    }

    /**
     * The context path (normalized, relative, "" for the context root) whose copy is the file or
     * folder at {@code containerPath} (absolute, or relative to "/"), from the last copy that
     * covers it; empty when no copy does.
     */
    public Optional<String> toContext(String containerPath) {
        String path = PathNames.normalizeAbsolute("/", containerPath);
        for (int i = copies.size() - 1; i >= 0; i--) {
            Optional<String> found = toContext(copies.get(i), path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Every container path a context file or folder is copied to, in instruction order. */
    public List<String> toContainer(String contextPath) {
        String path = PathNames.normalizeRelative(contextPath);
        List<String> found = new ArrayList<>();
        if (path == null) {
            return found;
        }
        for (Copy copy : copies) {
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
