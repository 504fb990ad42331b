package dev.drydock.core.batch;

import dev.drydock.core.discovery.FileClassifier;
import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.SkipRule;
import dev.drydock.core.source.SourceException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Finds the projects under a folder for a batch review. A project is a folder that directly holds a
 * Dockerfile-like file or a compose file (by name, as discovery classifies them), or a folder that marks
 * a project's root (a dependency manifest such as package.json, go.mod or pom.xml, or {@code .git})
 * and keeps its container files in a conventional subfolder ({@code docker/}, {@code .docker/},
 * {@code build/}, {@code deploy/}, at any depth below them: {@code docker/images/app/Dockerfile}; or the Maven and
 * Gradle layout's {@code src/main/docker/}, where Quarkus writes its Dockerfile.jvm),
 * whose Dockerfile is built with the root as its context and reads the root's manifests. The top-most such folder owns its whole subtree, exactly what {@code drydock review FOLDER} reads, so every file is
 * reviewed once and a compose file keeps the Dockerfiles of the subfolders it builds. Folders that
 * discovery skips ({@link SkipRule}: {@code .git}, {@code node_modules}, virtualenvs ...) are not
 * entered and folder symlinks are not followed. Subfolders are visited in name order, so the list
 * is the same on every run. A start path that is a file is one project (that file's review). A
 * folder that cannot be listed counts as a project, so that its review reports why it cannot be read.
 *
 * <p>Paths are found as shown: a finder {@link #ProjectFinder(UnaryOperator) reading} elsewhere (a daemon's client's
 * folder) walks the resolved start but hands over each project as the start was given, followed by its subpath.
 *
 * <p>Cost: one directory listing per folder down to the first project folder on each branch (a marked
 * folder's container subfolders are walked before its other subfolders, and not again); no file is read.
 */
public final class ProjectFinder {

    private final UnaryOperator<Path> reading;

    /** A finder reading paths as they are, against this process's folder. */
    public ProjectFinder() {
        this(UnaryOperator.identity());
    }

    /** A finder reading each start path at {@code reading.apply(start)} and showing it as given. */
    public ProjectFinder(UnaryOperator<Path> reading) {
        this.reading = reading;
    }

    /** The project folders under {@code start}, in walk order; a missing start is a {@link SourceException}. */
    public List<Path> find(Path start) {
        List<Path> projects = new ArrayList<>();
        find(start, projects::add);
        return projects;
    }

    /** As {@link #find(Path)}, handing each project folder to {@code found} as it is found. */
    public void find(Path start, Consumer<Path> found) {
        Path read = reading.apply(start);
        if (!Files.exists(read)) {
            throw SourceException.ofFile(start.toString(), Files.isSymbolicLink(read) ? "broken symlink" : "no such file or directory");
        }
        if (!Files.isDirectory(read)) {
            found.accept(start);
            return;
        }
        visit(read, true, read.equals(start) ? found : project -> found.accept(start.resolve(read.relativize(project))));
    }

    /** Subfolders that hold a project's container files rather than a project of their own. */
    private static final Set<String> CONTAINER_FOLDERS = Set.of("docker", ".docker", "build", "deploy");

    /** The Maven and Gradle layout's folder for Dockerfiles (Quarkus generates its Dockerfile.jvm there). */
    private static final Path MAVEN_DOCKER_FOLDER = Path.of("src", "main", "docker");

    private void visit(Path folder, boolean start, Consumer<Path> found) {
        if (!start && SkipRule.match(folder) != null) {
            return;
        }
        Listing listing = listing(folder);
        if (listing.project) {
            found.accept(folder);
            return;
        }
        List<Path> rest = new ArrayList<>(listing.folders);
        if (listing.marked && Files.isDirectory(folder.resolve(MAVEN_DOCKER_FOLDER), LinkOption.NOFOLLOW_LINKS)) {
            List<Path> inside = new ArrayList<>();
            visit(folder.resolve(MAVEN_DOCKER_FOLDER), false, inside::add);
            if (!inside.isEmpty()) {
                found.accept(folder); // Quarkus's src/main/docker/Dockerfile.jvm, built from the root (target/quarkus-app)
                return;
            }
        }
        if (listing.marked) {
            for (Path sub : listing.folders) {
                if (!CONTAINER_FOLDERS.contains(name(sub))) {
                    continue;
                }
                List<Path> inside = new ArrayList<>();
                visit(sub, false, inside::add);
                if (!inside.isEmpty()) {
                    found.accept(folder); // docker/Dockerfile, built from the root that holds the manifests
                    return;
                }
                rest.remove(sub); // walked, and nothing in it
            }
        }
        for (Path sub : rest) {
            visit(sub, false, found);
        }
    }

    /**
     * One folder's listing.
     *
     * @param project whether it directly holds a Dockerfile or a compose file (or cannot be listed)
     * @param marked whether it holds a dependency manifest or {@code .git}, the marks of a project's root
     */
    private record Listing(boolean project, boolean marked, List<Path> folders) {}

    private static Listing listing(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        String parent = name(absolute);
        String grandparent = absolute.getParent() == null ? "" : name(absolute.getParent());
        List<Path> folders = new ArrayList<>();
        boolean marked = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = name(entry);
                if (name.equals(".git")) {
                    marked = true; // a folder, or a file in a worktree or submodule
                }
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    folders.add(entry);
                    continue;
                }
                FileType type = FileClassifier.classify(name, parent, grandparent);
                if (type != null && (type.kind() == FileKind.DOCKERFILE || type.kind() == FileKind.COMPOSE)) {
                    return new Listing(true, true, List.of());
                }
                marked |= type != null && type.kind() == FileKind.MANIFEST;
            }
        } catch (IOException e) {
            return new Listing(true, false, List.of()); // reviewed, so that why it cannot be read is reported
        }
        folders.sort(null);
        return new Listing(false, marked, folders);
    }

    private static String name(Path path) {
        Path name = path.getFileName();
        return name == null ? "" : name.toString();
    }
}
