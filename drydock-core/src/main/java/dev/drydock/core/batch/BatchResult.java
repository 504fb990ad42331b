package dev.drydock.core.batch;

import dev.drydock.core.review.Review;
import java.nio.file.Path;

/** The outcome of one project of a batch: its review, or why it could not be read. */
public sealed interface BatchResult {

    /** The project folder (or file) as found under the batch's start paths. */
    Path project();

    /** A project reviewed. */
    record Reviewed(Path project, Review review) implements BatchResult {}

    /** A project that could not be read or reviewed; the batch went on without it. */
    record Unreadable(Path project, String reason) implements BatchResult {}
}
