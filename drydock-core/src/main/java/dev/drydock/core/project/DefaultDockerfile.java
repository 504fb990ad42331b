package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import java.util.function.Predicate;

/**
 * The file a build reads when it names the default {@code Dockerfile}: {@code docker build} and {@code docker
 * buildx build} fall back to a lower-case {@code dockerfile} in the same folder when there is no {@code Dockerfile}.
 * Compose on a case-sensitive file system does not (docker/compose#9188): its builds name the file exactly.
 */
final class DefaultDockerfile {

    private DefaultDockerfile() {}

    static String resolve(String dockerfile, Predicate<String> isFile) {
        if (!PathNames.fileName(dockerfile).equals("Dockerfile") || isFile.test(dockerfile)) {
            return dockerfile;
        }
        String lower = PathNames.join(PathNames.parent(dockerfile), "dockerfile");
        return isFile.test(lower) ? lower : dockerfile;
    }
}
