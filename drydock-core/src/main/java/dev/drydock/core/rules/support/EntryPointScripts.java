package dev.drydock.core.rules.support;

import dev.drydock.core.project.Container;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;

/** The project file behind an entry-point script the container runs ({@code /usr/local/bin/docker-entrypoint.sh}). */
public final class EntryPointScripts {

    private EntryPointScripts() {}

    /** The one project file in the build context with the script's name, or null when none or several. */
    public static SourceFile find(ReviewContext context, Container c, String containerPath) {
        String name = containerPath.substring(containerPath.lastIndexOf('/') + 1);
        String found = null;
        for (ProjectEntry e : context.project().layout().sources()) {
            if (e.name().equals(name) && (c.build().context().isEmpty() || e.path().startsWith(c.build().context() + "/"))) {
                if (found != null) {
                    return null;
                }
                found = e.path();
            }
        }
        return found == null ? null : context.project().source(found).orElse(null);
    }
}
