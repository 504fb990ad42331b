package dev.drydock.core.rules.support;

import dev.drydock.core.project.Container;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.review.ReviewContext;

/** Where gunicorn may read settings the command does not show. */
public final class GunicornConfigs {

    private GunicornConfigs() {}

    /** Whether the container's build context holds a gunicorn.conf.py, which gunicorn reads from its working directory. */
    public static boolean inBuildContext(ReviewContext context, Container c) {
        String dir = c.build() == null ? "" : c.build().context();
        for (ProjectEntry e : context.project().layout().entries()) {
            if (e.name().equals("gunicorn.conf.py") && (dir.isEmpty() || e.path().startsWith(dir + "/"))) {
                return true;
            }
        }
        return false;
    }
}
