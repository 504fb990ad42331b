package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.batch.BatchResult;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import java.io.CharArrayWriter;
import java.io.IOException;
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

    /** No separator between root values: each line ends with its own newline. */
    private static final JsonFactory FACTORY = new JsonFactory().setRootValueSeparator(null);

    private final Writer out;

    public ReviewJsonl(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(BatchResult result) {
        write(lines(result));
    }

    /** A result's lines, ready to {@link #write}: made apart from writing, so that workers can make them side by side. */
    public static CharArrayWriter lines(BatchResult result) {
        CharArrayWriter lines = new CharArrayWriter(4096);
        String project = result.project().toString();
        try (JsonGenerator g = FACTORY.createGenerator(lines)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            JsonOut json = new JsonOut(g);
            switch (result) {
                case BatchResult.Reviewed reviewed -> {
                    Review review = reviewed.review();
                    for (Finding f : review.findings()) {
                        json.startObject().field("type", "finding").field("project", project);
                        ReviewJson.findingFields(json, f);
                        endLine(g, json);
                    }
                    json.startObject().field("type", "summary").field("project", project).field("status", "reviewed")
                            .field("findings", (long) review.findings().size())
                            .field("strengths", (long) review.strengths().size());
                    json.startObject("summary");
                    review.summary().forEach((severity, count) -> json.field(severity.id(), count.longValue()));
                    json.endObject();
                    json.field("suppressed", (long) review.suppressed().size());
                    endLine(g, json);
                }
                case BatchResult.Unreadable unreadable -> {
                    json.startObject().field("type", "summary").field("project", project).field("status", "unreadable")
                            .field("error", unreadable.reason());
                    endLine(g, json);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** Writes and flushes one result's lines. */
    public void write(CharArrayWriter lines) {
        try {
            lines.writeTo(out); // as characters: no detour through a String
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void endLine(JsonGenerator g, JsonOut json) throws IOException {
        json.endObject();
        g.writeRaw('\n');
    }
}
