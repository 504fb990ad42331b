package dev.drydock.core.discovery;

import dev.drydock.core.ignore.ExcludedPaths;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Finds and classifies a project's files in one walk of its folder, or classifies files named
 * explicitly. The walk:
 *
 * <ul>
 *   <li>classifies by name only ({@link FileClassifier}) and reads no file;
 *   <li>prunes folders by {@link SkipRule} before entering them;
 *   <li>never follows a symlink to a folder (they are listed in
 *       {@link ProjectLayout#directoryLinks()}), so it cannot loop or leave the root; a symlink to a
 *       file is kept, marked as a symlink, when its target is inside the root, and otherwise left
 *       out with an error (only for names of a tracked kind);
 *   <li>leaves out, with an error naming the file and its size, files of the kinds drydock reads
 *       as text that are larger than the bound ({@link FileType#sizeBounded()}; lock files and
 *       sources are listed whatever their size), and such files that cannot be read;
 *   <li>leaves out, with an error, anything of a tracked name that is not a regular file (a FIFO
 *       named Dockerfile would block the read);
 *   <li>for application sources and lock files, makes each of these a warning instead: they only
 *       refine some rules, and a symlinked shared module is no reason to fail a review;
 *   <li>turns folders that cannot be read into errors and goes on.
 * </ul>
 *
 * A file left out is an error, not a warning: the review reports it (file-not-read) rather than
 * passing a project whose Dockerfile it never read.
 *
 * Cost: one directory listing and one stat per entry, plus one stat per folder for
 * {@code pyvenv.cfg}; memory linear in the number of classified files.
 */
public final class ProjectScanner {

    private final long maxTextBytes;
    private final ExcludedPaths excluded;

    public ProjectScanner() {
        this(ProjectFiles.DEFAULT_MAX_TEXT_BYTES);
    }

    /** A scanner with another size bound for text inputs. */
    public ProjectScanner(long maxTextBytes) {
        this(maxTextBytes, null);
    }

    private ProjectScanner(long maxTextBytes, ExcludedPaths excluded) {
        if (maxTextBytes <= 0) {
            throw new IllegalArgumentException("maxTextBytes must be positive: " + maxTextBytes);
        }
        this.maxTextBytes = maxTextBytes;
        this.excluded = excluded;
    }

    /**
     * This scanner, also leaving out of the walk the paths the project's configuration excludes.
     */
    public ProjectScanner excluding(ExcludedPaths patterns) {
        return new ProjectScanner(maxTextBytes, patterns);
    }

    private boolean excluded(String relative, boolean directory) {
        return excluded != null && excluded.excludes(relative, directory);
    }

    public long maxTextBytes() {
        return maxTextBytes;
    }

    /**
     * Walks a project folder. A missing root is a {@link SourceException} ("no such file or
     * directory"); a root that is a file is scanned as {@code scanFiles(parent, [file])}.
     */
    public ProjectLayout scan(Path root) {
        if (!Files.exists(root)) {
            throw SourceException.ofFile(root.toString(), Files.isSymbolicLink(root) ? "broken symlink" : "no such file or directory");
        }
        if (Files.isRegularFile(root)) {
            Path parent = root.toAbsolutePath().getParent();
            return scanFiles(parent, List.of(ExplicitFile.of(root)));
        }
        if (!Files.isDirectory(root)) {
            throw SourceException.ofFile(root.toString(), "not a folder or a regular file");
        }
        ProjectFiles files = ProjectFiles.open(root, maxTextBytes);
        Walk walk = new Walk(files.root(), root.toString());
        try {
            Files.walkFileTree(files.root(), EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, walk);
        } catch (IOException e) {
            throw SourceException.ofFile(root.toString(), ProjectFiles.reason(e));
        }
        return new ProjectLayout(files.root(), walk.entries, walk.diagnostics, walk.skipped, walk.links);
    }

    /**
     * Classifies files named explicitly, inside the project folder {@code root} (relative file paths
     * are taken from the working directory, as a command line gives them). Each is classified by
     * name unless it says what it is; one of no known kind is left out with a warning. A missing
     * file, or one outside the root, is a {@link SourceException}. The files Docker and Compose
     * would read with them come along when present: for a Dockerfile its
     * {@code <name>.dockerignore} and the {@code .dockerignore} of its own folder and of the root;
     * for a compose file the {@code .env} beside it.
     */
    public ProjectLayout scanFiles(Path root, List<ExplicitFile> explicit) {
        ProjectFiles files = ProjectFiles.open(root, maxTextBytes);
        Path absoluteRoot = root.toAbsolutePath().normalize();
        List<ProjectEntry> entries = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (ExplicitFile file : explicit) {
            String relative = relativeTo(files.root(), absoluteRoot, file.path());
            Path real = files.locate(relative);
            if (!Files.isRegularFile(real)) {
                throw SourceException.ofFile(file.path().toString(), "not a regular file");
            }
            FileType type = file.as() != null ? file.as() : FileClassifier.classifyPath(relative);
            if (type == null) {
                diagnostics.add(warning(relative, "not a kind of file drydock reads by its name; say what it is (e.g. a Dockerfile)"));
                continue;
            }
            ProjectEntry entry = admit(files.root().resolve(relative), relative, type, diagnostics);
            if (entry == null) {
                continue;
            }
            entries.add(entry);
            for (String companion : companions(entry)) {
                Optional<ProjectEntry> found = files.entry(companion);
                found.ifPresent(c -> {
                    ProjectEntry admitted = admit(files.root().resolve(c.path()), c.path(), c.type(), diagnostics);
                    if (admitted != null) {
                        entries.add(admitted);
                    }
                });
            }
        }
        return new ProjectLayout(files.root(), entries, diagnostics, List.of(), List.of());
    }

    private static List<String> companions(ProjectEntry entry) {
        return switch (entry.kind()) {
            case DOCKERFILE -> List.of(entry.path() + ".dockerignore", PathNames.join(entry.directory(), ".dockerignore"), ".dockerignore");
            case COMPOSE -> List.of(PathNames.join(entry.directory(), ".env"));
            default -> List.of();
        };
    }

    /** The root-relative path of a file given on the command line; it must lie inside the root. */
    private static String relativeTo(Path realRoot, Path absoluteRoot, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = absolute.startsWith(absoluteRoot) ? absoluteRoot : absolute.startsWith(realRoot) ? realRoot : null;
        if (base == null) {
            try {
                Path real = absolute.toRealPath();
                if (real.startsWith(realRoot)) {
                    absolute = real;
                    base = realRoot;
                }
            } catch (NoSuchFileException e) {
                throw SourceException.ofFile(file.toString(), "no such file or directory");
            } catch (IOException e) {
                throw SourceException.ofFile(file.toString(), ProjectFiles.reason(e));
            }
        }
        if (base == null) {
            throw SourceException.ofFile(file.toString(), "outside the project folder " + absoluteRoot);
        }
        return slashes(base.relativize(absolute).toString());
    }

    /**
     * The entry for a classified file, or null with a warning when it is too large or unreadable
     * (size-bounded kinds only). {@code path} may be a symlink inside the root.
     */
    private ProjectEntry admit(Path path, String relative, FileType type, List<Diagnostic> diagnostics) {
        boolean symlink = Files.isSymbolicLink(path);
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            diagnostics.add(skipped(relative, type, ProjectFiles.reason(e)));
            return null;
        }
        return checked(path, relative, type, size, symlink, diagnostics);
    }

    private ProjectEntry checked(Path path, String relative, FileType type, long size, boolean symlink, List<Diagnostic> diagnostics) {
        if (type.sizeBounded()) {
            if (size > maxTextBytes) {
                diagnostics.add(skipped(relative, type, ProjectFiles.tooLarge(size, maxTextBytes)));
                return null;
            }
            if (!Files.isReadable(path)) {
                diagnostics.add(skipped(relative, type, "permission denied"));
                return null;
            }
        }
        return new ProjectEntry(relative, type, size, symlink);
    }

    private static Diagnostic warning(String path, String message) {
        return new Diagnostic(Diagnostic.Level.WARNING, path, 0, 0, message);
    }

    /**
     * A file (or folder) of the project that is not read at all. For the kinds the review reads whole
     * (Dockerfiles, compose, ignore and env files, manifests) and for what the walk could not see, an
     * error, so that the review reports it instead of going quiet about a Dockerfile it never saw; for
     * application sources and lock files, which only refine some rules, a warning.
     */
    private static Diagnostic skipped(String path, FileType type, String reason) {
        Diagnostic.Level level = type == null || type.sizeBounded() ? Diagnostic.Level.ERROR : Diagnostic.Level.WARNING;
        return new Diagnostic(level, path, 0, 0, reason + "; skipped");
    }

    private static String slashes(String path) {
        return File.separatorChar == '/' ? path : path.replace(File.separatorChar, '/');
    }

    /** One walk's visitor and its findings. */
    private final class Walk extends SimpleFileVisitor<Path> {
        private final Path root;
        private final int prefix;
        private final String shownRoot;
        final List<ProjectEntry> entries = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();
        final List<ProjectLayout.SkippedDirectory> skipped = new ArrayList<>();
        final List<ProjectLayout.DirectoryLink> links = new ArrayList<>();

        Walk(Path root, String shownRoot) {
            this.root = root;
            this.prefix = root.toString().length() + (root.toString().endsWith(File.separator) ? 0 : 1);
            this.shownRoot = shownRoot;
        }

        private String relative(Path path) {
            String full = path.toString();
            return full.length() <= prefix ? "" : slashes(full.substring(prefix));
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            if (excluded(relative(dir), true)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            SkipRule rule = SkipRule.match(dir);
            if (rule != null) {
                skipped.add(new ProjectLayout.SkippedDirectory(relative(dir), rule));
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isSymbolicLink()) {
                visitLink(file);
                return FileVisitResult.CONTINUE;
            }
            String relative = relative(file);
            FileType type = FileClassifier.classifyPath(relative);
            if (type == null && attrs.isRegularFile() && StackFileNames.isCandidate(relative, attrs.size())
                    && StackFileNames.declaresServices(file)) {
                type = FileType.COMPOSE_VARIANT;
            }
            if (!attrs.isRegularFile()) {
                // sockets, fifos, devices: reading one could block, so only its name is reported
                if (type != null && !excluded(relative, false)) {
                    diagnostics.add(skipped(relative, type, "not a regular file"));
                }
                return FileVisitResult.CONTINUE;
            }
            if (type != null && !excluded(relative, false)) {
                ProjectEntry entry = checked(file, relative, type, attrs.size(), false, diagnostics);
                if (entry != null) {
                    entries.add(entry);
                }
            }
            return FileVisitResult.CONTINUE;
        }

        private void visitLink(Path link) {
            String relative = relative(link);
            Path target = null;
            BasicFileAttributes targetAttrs = null;
            String problem = null;
            try {
                target = link.toRealPath();
                targetAttrs = Files.readAttributes(target, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                problem = "broken symlink";
            } catch (IOException e) {
                // ELOOP and the like
                problem = ProjectFiles.reason(e);
            }
            boolean inside = target != null && target.startsWith(root);
            if (targetAttrs != null && targetAttrs.isDirectory()) {
                links.add(new ProjectLayout.DirectoryLink(relative, inside ? relative(target) : null));
                return;
            }
            FileType type = FileClassifier.classifyPath(relative);
            if (type == null || excluded(relative, false)) {
                return; // a link of no tracked kind, or excluded: nothing to say about it
            }
            if (problem == null && !inside) {
                problem = "symlink points outside the project folder";
            }
            if (problem != null) {
                diagnostics.add(skipped(relative, type, problem));
                return;
            }
            if (!targetAttrs.isRegularFile()) {
                diagnostics.add(skipped(relative, type, "symlink to something other than a regular file"));
                return;
            }
            ProjectEntry entry = checked(target, relative, type, targetAttrs.size(), true, diagnostics);
            if (entry != null) {
                entries.add(entry);
            }
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            if (file.equals(root)) {
                throw SourceException.ofFile(shownRoot, ProjectFiles.reason(exc));
            }
            diagnostics.add(skipped(relative(file), null, "cannot be read (" + ProjectFiles.reason(exc) + ")"));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            if (exc != null) {
                diagnostics.add(new Diagnostic(Diagnostic.Level.ERROR, relative(dir), 0, 0,
                        "folder listing failed (" + ProjectFiles.reason(exc) + ")"));
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
