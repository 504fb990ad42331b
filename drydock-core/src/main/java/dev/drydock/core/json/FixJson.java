package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.fix.AppliedFix;
import dev.drydock.core.fix.FileChange;
import dev.drydock.core.fix.FixResult;
import dev.drydock.core.fix.Remaining;
import dev.drydock.core.fix.UnifiedDiff;
import dev.drydock.core.review.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * What {@code drydock fix --format json} prints: {@code written}, {@code applied} (rule, file, line,
 * title, safety, round), {@code files} (path, created, diff), {@code remaining} (rule, severity, file,
 * line, reason, message), {@code introduced} and {@code problems}.
 */
public final class FixJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private FixJson() {}

    public static void write(FixResult result, boolean written, Writer writer) {
        try (JsonGenerator g = FACTORY.createGenerator(writer)) {
            g.useDefaultPrettyPrinter();
            JsonOut out = new JsonOut(g);
            out.startObject().field("written", written).field("rounds", (long) result.rounds())
                    .field("fixed", (long) result.fixedCount());
            out.startArray("applied");
            for (AppliedFix a : result.applied()) {
                out.startObject().field("rule", a.ruleId());
                finding(out, a.finding());
                out.field("title", a.fix().title()).field("safety", a.fix().safety().id()).field("round", (long) a.round())
                        .endObject();
            }
            out.endArray();
            out.startArray("files");
            for (FileChange c : result.changes()) {
                out.startObject().field("path", c.path()).field("created", c.created()).field("diff", UnifiedDiff.of(c))
                        .endObject();
            }
            out.endArray();
            out.startArray("remaining");
            for (Remaining r : result.remaining()) {
                out.startObject().field("rule", r.finding().ruleId()).field("severity", r.finding().severity().id());
                finding(out, r.finding());
                out.field("reason", r.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                        .field("message", r.finding().message()).endObject();
            }
            out.endArray();
            out.startArray("introduced");
            for (Finding f : result.introduced()) {
                out.startObject().field("rule", f.ruleId());
                finding(out, f);
                out.field("message", f.message()).endObject();
            }
            out.endArray();
            out.startArray("problems");
            result.problems().forEach(p -> out.value(p));
            out.endArray();
            out.endObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void finding(JsonOut out, Finding f) {
        out.field("file", f.location().file());
        if (f.location().span() != null) {
            out.field("line", (long) f.location().line());
        }
    }
}
