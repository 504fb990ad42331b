package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.FlyToml;
import java.util.List;

/**
 * The build flyctl runs for the Fly.io app whose fly.toml sits in a Dockerfile's folder or above: {@code fly deploy} builds
 * the {@code [build] dockerfile} ({@code Dockerfile} by default) with fly.toml's folder as the context, the
 * {@code build-target} stage (the last one unless set) and the {@code [build.args]}.
 */
final class FlyBuilder {

    private FlyBuilder() {}

    /** Fly's build of the Dockerfile, or null when no fly.toml in its folder or a folder above builds it. */
    static DeclaredBuild of(ProjectLoader.Reading reading, String dockerfile) {
        for (String folder = PathNames.parent(dockerfile); ; folder = PathNames.parent(folder)) {
            DeclaredBuild build = of(reading, dockerfile, folder);
            if (build != null || folder.isEmpty()) {
                return build;
            }
        }
    }

    private static DeclaredBuild of(ProjectLoader.Reading reading, String dockerfile, String folder) {
        String path = PathNames.join(folder, "fly.toml");
        if (!reading.files.exists(path)) {
            return null;
        }
        FlyToml fly = reading.fly(path).orElse(null);
        if (fly == null || !fly.build().buildsDockerfile()
                || !dockerfile.equals(DeclaredBuilds.resolve(folder, fly.build().dockerfileOrDefault()))) {
            return null;
        }
        Origin origin = new Origin(path, fly.build().span());
        return new DeclaredBuild(dockerfile, folder, fly.build().target(), fly.build().args(), List.of(), List.of(),
                origin, BuildTool.FLY, BuildLabels.NONE, BuildOutput.SHIPPED);
    }
}
