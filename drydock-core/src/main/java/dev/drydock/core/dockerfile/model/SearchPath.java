package dev.drydock.core.dockerfile.model;

import dev.drydock.core.discovery.PathNames;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a container looks a program name without a slash up: the folders of its PATH. Docker's runtime and the shells
 * search them in order; an image that sets no PATH gets the default one below (what Docker sets and the official
 * images keep).
 */
public final class SearchPath {

    /** Docker's default PATH for Linux containers. */
    public static final List<String> DEFAULT = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin");

    private SearchPath() {}

    /**
     * The folders of a PATH value, in order, then the default ones (a base image's PATH is rarely known, and keeps
     * them): folders holding a variable or relative ones are left out. {@code path} may be null.
     */
    public static List<String> folders(String path) {
        Set<String> folders = new LinkedHashSet<>();
        if (path != null) {
            for (String folder : path.split(":")) {
                if (folder.startsWith("/") && !folder.contains("$")) {
                    folders.add(ContainerPaths.clean(folder));
                }
            }
        }
        folders.addAll(DEFAULT);
        return List.copyOf(folders);
    }

    /**
     * The paths a program may be at: its own path made absolute against {@code workdir}, or for a bare name the name
     * in each folder of {@code path} (see {@link #folders}).
     */
    public static List<String> candidates(String workdir, String program, String path) {
        if (program.contains("/")) {
            return List.of(ContainerPaths.clean(PathNames.normalizeAbsolute(workdir == null ? "/" : workdir, program)));
        }
        return folders(path).stream().map(folder -> PathNames.join(folder, program)).toList();
    }
}
