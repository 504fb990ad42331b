package dev.drydock.core.report;

import dev.drydock.core.review.Finding;

/** A finding's message and recommendation as one text, for formats with a single message field. */
final class FindingMessage {

    private FindingMessage() {}

    static String withRecommendation(Finding f, String separator) {
        String message = f.message();
        return (message.endsWith(".") ? message : message + ".") + separator + f.effectiveRecommendation();
    }
}
