package dev.drydock.core.report;

import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.Span;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A review as checkstyle XML, the format many CI tools and review bots read: a {@code file} element per
 * file with findings (names relative to the project root, prefixed with the reviewed folder; that folder,
 * or {@code .}, for findings about the project as a whole), an {@code error} per finding with line, column, severity ({@code error} for critical and high,
 * {@code warning} for medium, {@code info} for low and info), the message with the recommendation, and
 * {@code source} {@code drydock.RULE-ID}. A finding written at several places has an {@code error} at each
 * (checkstyle has no related locations, and its readers show each error at its line), each naming them all.
 */
public final class ReviewCheckstyle {

    private ReviewCheckstyle() {}

    /** @param pathPrefix prepended to every file name: the reviewed folder relative to the repository root, or "" */
    public static void write(Review review, String pathPrefix, Writer writer) {
        XmlOut xml = new XmlOut(writer);
        xml.start("checkstyle", "version", "4.3");
        for (Map.Entry<String, List<Placed>> file : byFile(review, pathPrefix, true).entrySet()) {
            xml.start("file", "name", file.getKey());
            for (Placed p : file.getValue()) {
                Finding f = p.finding();
                Span span = p.place().span();
                xml.empty("error", "line", span == null ? null : span.startLine(),
                        "column", span == null ? null : span.startColumn(), "severity", severity(f.severity()),
                        "message", FindingMessage.withRecommendation(f, " ", pathPrefix), "source", "drydock." + f.ruleId());
            }
            xml.end();
        }
        xml.end().finish();
    }

    static String severity(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "info";
        };
    }

    /** A finding at one of its places. */
    record Placed(Finding finding, Location place) {}

    /**
     * The findings per file name (prefixed; the project's own findings under the prefix alone, or "."), each
     * file's in line order: at their first place, or with {@code everyPlace} at each of their places.
     */
    static Map<String, List<Placed>> byFile(Review review, String pathPrefix, boolean everyPlace) {
        Map<String, List<Placed>> files = new TreeMap<>();
        String project = pathPrefix.isEmpty() ? "." : pathPrefix;
        for (Finding f : review.findings()) {
            for (Location place : everyPlace ? f.places() : List.of(f.location())) {
                String name = place.file() == null ? project : pathPrefix + place.file();
                files.computeIfAbsent(name, k -> new ArrayList<>()).add(new Placed(f, place));
            }
        }
        files.values().forEach(list -> list.sort(Comparator.comparingInt((Placed p) -> p.place().line())
                .thenComparingInt(p -> p.place().span() == null ? 0 : p.place().span().startColumn())
                .thenComparing(p -> p.finding().ruleId())));
        return files;
    }
}
