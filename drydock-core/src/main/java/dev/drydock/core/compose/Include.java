package dev.drydock.core.compose;

import java.nio.file.Path;
import java.util.List;

/**
 * An {@code include} entry as resolved: the compose files it loaded (the first defines the included
 * project's directory), that directory, and the {@code .env} files used to interpolate them.
 */
public record Include(Node node, List<Located<String>> paths, List<Path> files, Path projectDirectory,
        List<Path> envFiles) {}
