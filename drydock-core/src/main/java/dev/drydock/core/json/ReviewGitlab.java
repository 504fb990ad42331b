package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.report.FindingPlaces;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * A review as a GitLab Code Quality report ({@code artifacts:reports:codequality}): a JSON array with one
 * issue per finding: {@code description} (the message), {@code check_name} (the rule id),
 * {@code fingerprint} (the SARIF {@code drydock/v1} fingerprint: the rule, the file and the offending
 * text, not the line, so an issue keeps its identity across runs and edits above it), {@code severity}
 * (critical → blocker, high → critical, medium → major, low → minor, info → info) and {@code location}
 * ({@code path} relative to the project root and prefixed with the given folder, the folder itself for
 * the project as a whole; {@code lines.begin}
 * and {@code lines.end}, line 1 when the finding is about a whole file). A finding written at several places
 * is an issue at each (GitLab reads one location per issue and merges issues that share a fingerprint), each
 * naming them all; the issues after the first have the fingerprint followed by {@code /2}, {@code /3} ...
 */
public final class ReviewGitlab {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ReviewGitlab() {}

    /** @param pathPrefix prepended to every path: the reviewed folder relative to the repository root, or "" */
    public static void write(Review review, String pathPrefix, Writer writer) {
        ReviewSarif.Sources sources = new ReviewSarif.Sources(review);
        ReviewSarif.Fingerprints fingerprints = new ReviewSarif.Fingerprints();
        try (JsonGenerator g = FACTORY.createGenerator(writer)) {
            g.useDefaultPrettyPrinter();
            JsonOut out = new JsonOut(g);
            g.writeStartArray();
            for (Finding f : review.findings()) {
                String fingerprint = fingerprints.of(f, sources);
                String description = FindingPlaces.message(f, pathPrefix);
                List<Location> places = f.places();
                for (int i = 0; i < places.size(); i++) {
                    Location place = places.get(i);
                    Span span = place.span();
                    out.startObject().field("description", description).field("check_name", f.ruleId())
                            .field("fingerprint", i == 0 ? fingerprint : fingerprint + "/" + (i + 1))
                            .field("severity", severity(f.severity()));
                    out.startObject("location").field("path", place.file() == null ? (pathPrefix.isEmpty() ? "." : pathPrefix)
                                    : pathPrefix + place.file())
                            .startObject("lines").field("begin", span == null ? 1 : span.startLine())
                            .field("end", span == null ? 1 : span.endLine()).endObject().endObject();
                    out.endObject();
                }
            }
            g.writeEndArray();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitLab's severity of a finding's. */
    public static String severity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "blocker";
            case HIGH -> "critical";
            case MEDIUM -> "major";
            case LOW -> "minor";
            case INFO -> "info";
        };
    }
}
