package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.batch.BatchResult;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;

/**
 * Batch results as JSON Lines, one object per line, written and flushed project by project: a
 * {@code "type": "finding"} line per finding (the fields of a finding in {@link ReviewJson}, plus
 * {@code project}), then one {@code "type": "summary"} line per project: {@code project},
 * {@code status} ({@code reviewed} or {@code unreadable}, with {@code error}), {@code findings},
 * {@code strengths} and the count per severity in {@code summary}. A project's lines are never
 * interleaved with another's; projects come in the order they finish.
 */
public final class ReviewJsonl implements Consumer<BatchResult> {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final Writer out;

    public ReviewJsonl(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(BatchResult result) {
        StringWriter lines = new StringWriter();
        String project = result.project().toString();
        switch (result) {
            case BatchResult.Reviewed reviewed -> {
                Review review = reviewed.review();
                for (Finding f : review.findings()) {
                    line(lines, out -> {
                        out.field("type", "finding").field("project", project);
                        ReviewJson.findingFields(out, f);
                    });
                }
                line(lines, out -> {
                    out.field("type", "summary").field("project", project).field("status", "reviewed")
                            .field("findings", (long) review.findings().size())
                            .field("strengths", (long) review.strengths().size());
                    out.startObject("summary");
                    review.summary().forEach((severity, count) -> out.field(severity.id(), count.longValue()));
                    out.endObject();
                    out.field("suppressed", (long) review.suppressed().size());
                });
            }
            case BatchResult.Unreadable unreadable -> line(lines, out -> out.field("type", "summary")
                    .field("project", project).field("status", "unreadable").field("error", unreadable.reason()));
        }
        try {
            out.write(lines.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(StringWriter lines, Consumer<JsonOut> body) {
        try (JsonGenerator g = FACTORY.createGenerator(lines)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            JsonOut out = new JsonOut(g);
            out.startObject();
            body.accept(out);
            out.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.write('\n');
    }
}
