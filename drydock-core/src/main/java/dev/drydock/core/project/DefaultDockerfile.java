package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import java.util.function.Predicate;

/**
 * The file a build reads when it names the default {@code Dockerfile}: docker build, buildx (so Compose) and
 * BuildKit fall back to a lower-case {@code dockerfile} in the same folder when there is no {@code Dockerfile}.
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
