package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** The rule catalogue as JSON: one object per rule (id, title, severity, category, aliases, fix, fixable, summary). */
public final class RulesJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private RulesJson() {}

    public static void write(List<Rule> rules, Writer writer) {
        try (JsonGenerator g = FACTORY.createGenerator(writer)) {
            g.useDefaultPrettyPrinter();
            JsonOut out = new JsonOut(g);
            g.writeStartArray();
            for (Rule rule : rules) {
                RuleMetadata m = rule.metadata();
                out.startObject().field("id", m.id()).field("title", m.title()).field("severity", m.severity().id())
                        .field("category", m.category().id()).strings("aliases", m.aliases())
                        .field("fix", m.fix().id())
                        .field("fixable", m.fix() == FixSafety.SAFE || m.fix() == FixSafety.UNSAFE)
                        .field("summary", m.checks()).endObject();
            }
            g.writeEndArray();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
