package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;

/** The application a container runs, read once per review and shared by the rules. */
public final class Apps {

    private Apps() {}

    public static AppSource of(ReviewContext context, Container container) {
        return context.memo("app-source", container, () -> AppSource.read(context.project(), container));
    }
}
