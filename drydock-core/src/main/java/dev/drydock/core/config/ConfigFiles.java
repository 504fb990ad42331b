package dev.drydock.core.config;

import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds and reads a project's configuration. The search starts in the reviewed folder (the folder of a
 * reviewed file) and goes up through its parents, stopping after the first folder that holds {@code .git}
 * (the repository root) or at the filesystem root. The nearest {@code .drydock.yaml} (or
 * {@code .drydock.yml}) wins; only when there is none anywhere on that way is the nearest
 * {@code .hadolint.yaml} (or {@code .hadolint.yml}) read. hadolint's per-user files are not read, so a
 * review does not depend on who runs it.
 */
public final class ConfigFiles {

    public static final List<String> DRYDOCK = List.of(".drydock.yaml", ".drydock.yml");
    public static final List<String> HADOLINT = List.of(".hadolint.yaml", ".hadolint.yml");

    /** The largest configuration file read. */
    static final long MAX_BYTES = ProjectFiles.DEFAULT_MAX_TEXT_BYTES;

    private ConfigFiles() {}

    /** The configuration that applies to reviewing {@code path}, or {@link DrydockConfig#NONE}. */
    public static DrydockConfig forProject(Path path) {
        return forProject(path, Path.of(""));
    }

    /**
     * The configuration that applies to reviewing {@code path}, the file's name in messages shown relative to
     * {@code workingFolder} (a server answering for a client in another folder) when inside it.
     */
    public static DrydockConfig forProject(Path path, Path workingFolder) {
        return find(path).map(file -> read(file, path, workingFolder)).orElse(DrydockConfig.NONE);
    }

    /** The configuration file the search finds for {@code path}. */
    public static Optional<Path> find(Path path) {
        Path root = root(path);
        return search(root, DRYDOCK).or(() -> search(root, HADOLINT));
    }

    /**
     * Reads a configuration file for the project at {@code path}: a file named like {@code .hadolint.yaml}
     * as hadolint's, any other as drydock's. An unreadable or invalid file is a {@link SourceException}.
     */
    public static DrydockConfig read(Path file, Path path) {
        return read(file, path, Path.of(""));
    }

    /** {@link #read(Path, Path)}, the file's name in messages shown relative to {@code workingFolder}. */
    public static DrydockConfig read(Path file, Path path, Path workingFolder) {
        String shown = shown(file, workingFolder);
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw SourceException.ofFile(shown, "is a directory");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // a FIFO or a device (/dev/zero) would block the read or never end
                throw SourceException.ofFile(shown, "not a regular file");
            }
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                throw SourceException.ofFile(shown, "larger than " + MAX_BYTES / (1024 * 1024)
                        + " MiB: not a configuration file");
            }
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw SourceException.ofFile(shown, "not valid UTF-8");
        } catch (IOException e) {
            throw SourceException.ofFile(shown, Files.exists(file) ? "cannot be read (" + e.getMessage() + ")"
                    : "no such file");
        }
        SourceFile source = SourceFile.of(shown, text);
        Path root = root(path);
        Path absolute = file.toAbsolutePath().normalize();
        String findingPath = slashes(root.relativize(absolute));
        boolean hadolint = file.getFileName() != null && file.getFileName().toString().contains("hadolint");
        return hadolint ? HadolintConfigReader.read(source, findingPath)
                : DrydockConfigReader.read(source, findingPath, exclusionBase(absolute.getParent(), root));
    }

    /**
     * The project root's path from the configuration file's folder, which the {@code exclude} patterns are
     * relative to; empty (the project root) when that folder is not the root or one of its parents.
     */
    private static String exclusionBase(Path configFolder, Path root) {
        return configFolder != null && root.startsWith(configFolder) ? slashes(configFolder.relativize(root)) : "";
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }

    private static Optional<Path> search(Path root, List<String> names) {
        for (Path dir = root; dir != null; dir = dir.getParent()) {
            for (String name : names) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
            if (Files.exists(dir.resolve(".git"))) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The project folder of a reviewed path, absolute. */
    private static Path root(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return Files.isRegularFile(absolute) && absolute.getParent() != null ? absolute.getParent() : absolute;
    }

    /** A path as a user finds it: relative to the working folder when inside it. */
    private static String shown(Path file, Path workingFolder) {
        Path absolute = file.toAbsolutePath().normalize();
        Path here = workingFolder.toAbsolutePath();
        return (absolute.startsWith(here) ? here.relativize(absolute) : absolute).toString().replace('\\', '/');
    }
}
