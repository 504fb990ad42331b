package dev.drydock.core.batch;

import dev.drydock.core.review.Review;
import java.nio.file.Path;

/** The outcome of one project of a batch: its review, or why it could not be read. */
public sealed interface BatchResult {

    /** The project folder (or file) as shown: as found under the batch's start paths, written as they were given. */
    Path project();

    /** Where the project was read: {@link #project()}, unless the batch resolves paths against another folder. */
    Path read();

    /** A project reviewed. */
    record Reviewed(Path project, Path read, Review review) implements BatchResult {
        public Reviewed(Path project, Review review) {
            this(project, project, review);
        }
    }

    /** A project that could not be read or reviewed; the batch went on without it. */
    record Unreadable(Path project, Path read, String reason) implements BatchResult {
        public Unreadable(Path project, String reason) {
            this(project, project, reason);
        }
    }
}
