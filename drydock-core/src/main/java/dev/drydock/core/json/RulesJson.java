package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * The rule catalogue as JSON: the list, one object per rule (id, title, severity, category, aliases, fix,
 * fixable, summary), or one rule with everything its metadata holds.
 */
public final class RulesJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private RulesJson() {}

    public static void write(List<Rule> rules, Writer writer) {
        try (JsonGenerator g = FACTORY.createGenerator(writer)) {
            g.useDefaultPrettyPrinter();
            JsonOut out = new JsonOut(g);
            g.writeStartArray();
            for (Rule rule : rules) {
                summary(out, rule.metadata()).endObject();
            }
            g.writeEndArray();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One rule: the fields of the list, then problem, impact, recommendation, references, effort, the
     * good practice's title for a rule that reports strengths ({@code strength}), and examples [{file, bad,
     * good, alongside {path: content}}].
     */
    public static void write(RuleMetadata m, Writer writer) {
        try (JsonGenerator g = FACTORY.createGenerator(writer)) {
            g.useDefaultPrettyPrinter();
            JsonOut out = new JsonOut(g);
            summary(out, m).field("problem", m.problem()).field("impact", m.impact())
                    .field("recommendation", m.recommendation()).strings("references", m.references())
                    .field("effort", m.effort());
            if (m.reportsStrengths()) {
                out.field("strength", m.strength());
            }
            out.startArray("examples");
            for (RuleMetadata.Example e : m.examples()) {
                out.startObject().field("file", e.file()).field("bad", e.bad()).field("good", e.good())
                        .map("alongside", e.alongside()).endObject();
            }
            out.endArray().endObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonOut summary(JsonOut out, RuleMetadata m) {
        return out.startObject().field("id", m.id()).field("title", m.title()).field("severity", m.severity().id())
                .field("category", m.category().id()).strings("aliases", m.aliases()).field("fix", m.fix().id())
                .field("fixable", m.fixable()).field("summary", m.checks());
    }
}
