package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A review as a GitLab Code Quality report ({@code artifacts:reports:codequality}): a JSON array with one
 * issue per finding: {@code description} (the message), {@code check_name} (the rule id),
 * {@code fingerprint} (the SARIF {@code drydock/v1} fingerprint: the rule, the file and the offending
 * text, not the line, so an issue keeps its identity across runs and edits above it), {@code severity}
 * (critical → blocker, high → critical, medium → major, low → minor, info → info) and {@code location}
 * ({@code path} relative to the project root and prefixed with the given folder, the folder itself for
 * the project as a whole; {@code lines.begin}
 * and {@code lines.end}, line 1 when the finding is about a whole file).
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
                Span span = f.location().span();
                out.startObject().field("description", f.message()).field("check_name", f.ruleId())
                        .field("fingerprint", fingerprints.of(f, sources)).field("severity", severity(f.severity()));
                out.startObject("location").field("path", f.location().file() == null ? (pathPrefix.isEmpty() ? "." : pathPrefix)
                                : pathPrefix + f.location().file())
                        .startObject("lines").field("begin", span == null ? 1 : span.startLine())
                        .field("end", span == null ? 1 : span.endLine()).endObject().endObject();
                out.endObject();
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
