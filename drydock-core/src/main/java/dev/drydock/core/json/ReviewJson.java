package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Strength;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A review as JSON, the contract other tools rely on: {@code tool}, {@code project}, {@code findings}
 * (rule, severity, title, message, file, line, endLine, column, endColumn, {@code otherPlaces} [{file, line,
 * endLine, column, endColumn}] when the finding is written at several places, category, aliases, and the
 * recommendation, and the {@code fix} drydock offers: safety, title, files), {@code strengths} (rule, title,
 * message, file, line, endLine), {@code summary} (count per severity) and {@code suppressed} (how many
 * findings the configuration or ignore comments suppressed). Files are relative to the project root; lines and columns 1-based; a finding
 * about the project as a whole has no file.
 */
public final class ReviewJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ReviewJson() {}

    public static void write(Review review, String projectArgument, String version, Writer writer) {
        write(review, projectArgument, version, null, writer);
    }

    /** The review with a {@code verification} object (see {@link VerifyJson}), when not null. */
    public static void write(Review review, String projectArgument, String version,
            dev.drydock.core.verify.VerifyReport verification, Writer writer) {
        try (JsonGenerator g = FACTORY.createGenerator(writer)) {
            g.useDefaultPrettyPrinter();
            JsonOut out = new JsonOut(g);
            out.startObject();
            out.startObject("tool").field("name", "drydock").field("version", version).endObject();
            out.field("project", projectArgument);
            out.startArray("findings");
            for (Finding f : review.findings()) {
                out.startObject();
                findingFields(out, f);
                out.endObject();
            }
            out.endArray();
            out.startArray("strengths");
            for (Strength s : review.strengths()) {
                out.startObject().field("rule", s.ruleId()).field("title", s.title()).field("message", s.message())
                        .field("file", s.location().file());
                if (s.location().span() != null) {
                    out.field("line", s.location().line()).field("endLine", s.location().endLine());
                }
                out.endObject();
            }
            out.endArray();
            out.startObject("summary");
            review.summary().forEach((severity, count) -> out.field(severity.id(), count.longValue()));
            out.endObject();
            out.field("suppressed", (long) review.suppressed().size());
            if (verification != null) {
                out.startObject("verification");
                VerifyJson.body(out, verification);
                out.endObject();
            }
            out.endObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A finding's fields, inside the current object (shared with {@link ReviewJsonl}). */
    static void findingFields(JsonOut out, Finding f) {
        out.field("rule", f.ruleId()).field("severity", f.severity().id())
                .field("title", f.rule().title()).field("message", f.message());
        location(out, f.location());
        if (!f.otherPlaces().isEmpty()) {
            out.startArray("otherPlaces");
            for (Location place : f.otherPlaces()) {
                out.startObject();
                location(out, place);
                out.endObject();
            }
            out.endArray();
        }
        out.field("category", f.rule().category().id()).strings("aliases", f.rule().aliases())
                .field("implicit", f.implicit()).field("recommendation", f.effectiveRecommendation());
        if (f.fix() != null) {
            out.startObject("fix").field("safety", f.fix().safety().id()).field("title", f.fix().title())
                    .strings("files", f.fix().files()).endObject();
        }
    }

    private static void location(JsonOut out, Location location) {
        out.field("file", location.file());
        if (location.span() != null) {
            out.field("line", location.span().startLine()).field("endLine", location.span().endLine())
                    .field("column", location.span().startColumn()).field("endColumn", location.span().endColumn());
        }
    }

}
