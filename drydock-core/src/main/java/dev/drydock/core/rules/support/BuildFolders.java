package dev.drydock.core.rules.support;

import java.util.Locale;
import java.util.Set;

/** What the folders of a build context or a Dockerfile's path say about the image they build. */
public final class BuildFolders {

    /** Folders that hold a project's source and say nothing of what the image is. */
    private static final Set<String> SOURCE_FOLDERS = Set.of("src", "source", "sources", "code", "app");

    /** Folders that hold a project's Dockerfiles and say nothing of what the image is (src/main/docker, build). */
    private static final Set<String> DOCKERFILE_FOLDERS = Set.of("docker", ".docker", "dockerfiles", "build", "ci",
            "deploy", "deployment", "deployments", "container", "containers", "infra", "ops", "scripts", "images");

    private BuildFolders() {}

    /**
     * The last folder of a build context that names what it builds: src/cartservice/src is cartservice's, as a
     * source or Dockerfile folder says nothing of the image; the last folder itself when all are such.
     */
    public static String naming(String dir) {
        String[] parts = dir.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            String part = parts[i].toLowerCase(Locale.ROOT);
            if (!part.isEmpty() && !part.equals(".") && !SOURCE_FOLDERS.contains(part) && !DOCKERFILE_FOLDERS.contains(part)) {
                return parts[i];
            }
        }
        return parts[parts.length - 1];
    }

    /** Whether a folder's name says it holds Dockerfiles (docker, build, deploy...), not what they build. */
    public static boolean holdsDockerfiles(String folder) {
        return DOCKERFILE_FOLDERS.contains(folder.toLowerCase(Locale.ROOT));
    }
}
