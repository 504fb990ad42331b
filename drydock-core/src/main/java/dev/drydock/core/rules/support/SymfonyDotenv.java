package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Project;

/**
 * Symfony applications, whose Dotenv loads the committed .env of default values (and .env.dev, .env.prod ...) at every
 * start and fails without .env; their real values come from the environment or the uncommitted .env.local files.
 */
public final class SymfonyDotenv {

    private SymfonyDotenv() {}

    /** Whether the composer.json at this path in the project belongs to a Symfony application. */
    public static boolean at(Project project, String composerJson) {
        return project.manifests().stream().anyMatch(m -> m.file().equals(composerJson)
                && (m.hasDependency("symfony/framework-bundle") || m.hasDependency("symfony/dotenv")
                        || m.hasDependency("symfony/runtime")));
    }

    /** Whether a Symfony application's composer.json is in the build's context. */
    public static boolean inContext(Project project, BuildLink build) {
        return project.layout().under(FileKind.MANIFEST, build.context()).stream()
                .anyMatch(e -> e.name().equals("composer.json") && at(project, e.path()));
    }
}
