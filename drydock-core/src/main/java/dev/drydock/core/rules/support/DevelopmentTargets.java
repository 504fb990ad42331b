package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Project;
import java.util.HashSet;
import java.util.Set;

/**
 * The compose files that build a service for development: a {@code build.target} written in the file names
 * a development or test stage ({@code target: development}, {@code target: dev}). Such a file starts the
 * stack on developers' machines, with the database and cache beside it, as a compose.override.yml does.
 */
public final class DevelopmentTargets {

    private DevelopmentTargets() {}

    /** The paths of the compose files that set a development build target for one of their services. */
    public static Set<String> files(Project project) {
        Set<String> out = new HashSet<>();
        for (ComposeProject compose : project.composeProjects()) {
            for (Service service : compose.services().values()) {
                Located<String> target = service.build() == null ? null : service.build().target();
                if (target != null && BuiltImage.isDevelopmentStageName(target.value())) {
                    out.add(target.file().path());
                }
            }
        }
        return out;
    }
}
