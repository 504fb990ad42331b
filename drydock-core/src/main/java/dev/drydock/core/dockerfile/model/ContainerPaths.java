package dev.drydock.core.dockerfile.model;

import dev.drydock.core.discovery.PathNames;

/** Paths inside the container (always '/'-separated, as on Linux), cleaned like Go's {@code path.Clean}. */
public final class ContainerPaths {

    private ContainerPaths() {}

    /** Lexically cleans an absolute path: no {@code .}, {@code ..} or repeated slashes; "/" for the root. */
    public static String clean(String path) {
        return PathNames.normalizeAbsolute("/", path);
    }

    /**
     * A COPY destination made absolute against the working directory; a trailing {@code /} (or a
     * destination of {@code .}) is kept as a trailing {@code /}, since it means "into this directory".
     */
    public static String resolve(String workdir, String destination) {
        boolean directory = destination.endsWith("/") || destination.equals(".") || destination.endsWith("/.");
        String absolute = PathNames.normalizeAbsolute(workdir, destination);
        return directory && !absolute.equals("/") ? absolute + "/" : absolute;
    }
}
