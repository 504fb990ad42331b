package dev.drydock.core.project;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.ignore.DockerIgnore;
import java.util.List;

/**
 * How a container's image is built: which Dockerfile, from which context folder, up to which stage,
 * with which ignore file.
 *
 * @param dockerfile the Dockerfile's path relative to the project root
 * @param context the build context folder relative to the project root ("" for the root itself)
 * @param target the target stage asked for, or null for the last stage
 * @param model the Dockerfile read with this build's arguments and target; null when it could not be read
 * @param stage the stage the image is (the target or the last one); null when the model has none
 * @param dockerignore the path of the ignore file in effect, or null when there is none
 * @param ignore the ignore rules in effect (empty when there is no file)
 * @param origin where the build is declared (compose {@code build}, a CI command, a devcontainer.json), or null for a lone Dockerfile
 * @param tags the names a CI or task file tags the image with, as written; empty for other builds
 * @param supplied the files, relative to the context, that the tool running the build puts into the context besides
 *     the folder's own: GoReleaser's binaries and extra files ({@code *} stands for any one name)
 */
public record BuildLink(String dockerfile, String context, String target, DockerfileModel model, Stage stage,
        String dockerignore, DockerIgnore ignore, Origin origin, List<String> tags, List<String> supplied) {

    public BuildLink {
        tags = List.copyOf(tags);
        supplied = List.copyOf(supplied);
    }

    /** Whether the tool puts {@code contextPath} (normalized, relative to the context) into the context, or a folder holding it. */
    public boolean supplies(String contextPath) {
        String[] wanted = contextPath.split("/");
        for (String path : supplied) {
            String[] given = path.split("/");
            if (given.length <= wanted.length && matches(given, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String[] given, String[] wanted) {
        for (int i = 0; i < given.length; i++) {
            if (!given[i].equals("*") && !given[i].equals(wanted[i])) {
                return false;
            }
        }
        return true;
    }
}
