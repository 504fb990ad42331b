package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.supervisor.Program;

/** The application a container runs, read once per review and shared by the rules. */
public final class Apps {

    private Apps() {}

    public static AppSource of(ReviewContext context, Container container) {
        return context.memo("app-source", container, () -> AppSource.read(context.project(), container));
    }

    /** The application a program of the container's supervisord runs. */
    public static AppSource of(ReviewContext context, Container container, Program program) {
        return context.memo("app-source", program, () -> AppSource.read(context.project(), container, program));
    }
}
