package dev.drydock.core.report;

import dev.drydock.core.review.Finding;
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
 * {@code source} {@code drydock.RULE-ID}.
 */
public final class ReviewCheckstyle {

    private ReviewCheckstyle() {}

    /** @param pathPrefix prepended to every file name: the reviewed folder relative to the repository root, or "" */
    public static void write(Review review, String pathPrefix, Writer writer) {
        XmlOut xml = new XmlOut(writer);
        xml.start("checkstyle", "version", "4.3");
        for (Map.Entry<String, List<Finding>> file : byFile(review, pathPrefix).entrySet()) {
            xml.start("file", "name", file.getKey());
            for (Finding f : file.getValue()) {
                Span span = f.location().span();
                xml.empty("error", "line", span == null ? null : span.startLine(),
                        "column", span == null ? null : span.startColumn(), "severity", severity(f.severity()),
                        "message", FindingMessage.withRecommendation(f, " "), "source", "drydock." + f.ruleId());
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

    /**
     * The findings per file name (prefixed; the project's own findings under the prefix alone, or "."), each
     * file's in line order.
     */
    static Map<String, List<Finding>> byFile(Review review, String pathPrefix) {
        Map<String, List<Finding>> files = new TreeMap<>();
        String project = pathPrefix.isEmpty() ? "." : pathPrefix;
        for (Finding f : review.findings()) {
            String name = f.location().file() == null ? project : pathPrefix + f.location().file();
            files.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
        }
        files.values().forEach(list -> list.sort(Comparator.comparingInt((Finding f) -> f.location().line())
                .thenComparingInt(f -> f.location().span() == null ? 0 : f.location().span().startColumn())
                .thenComparing(Finding::ruleId)));
        return files;
    }
}
