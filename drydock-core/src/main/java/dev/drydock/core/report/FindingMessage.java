package dev.drydock.core.report;

import dev.drydock.core.review.Finding;

/** A finding's message and recommendation as one text, for formats with a single message field. */
final class FindingMessage {

    private FindingMessage() {}

    /** With the places of a finding written at several named after the message (files prefixed with {@code prefix}). */
    static String withRecommendation(Finding f, String separator, String prefix) {
        String message = FindingPlaces.message(f, prefix);
        return (message.endsWith(".") ? message : message + ".") + separator + f.effectiveRecommendation();
    }
}
