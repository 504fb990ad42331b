package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.batch.BatchResult;
import dev.drydock.core.config.Suppressor;
import dev.drydock.core.report.ReviewGithub;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.RuleMetadata;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A SARIF 2.1.0 log with one run, written as reviews arrive: the results of each review go out at once
 * (files prefixed with the project's folder in a batch), and the run's tool description, with every rule
 * a result refers to, follows them when the log is closed. A batch of thousands of projects thus streams
 * in constant memory. Projects that could not be read become tool execution notifications.
 */
public final class SarifLog implements Closeable, Consumer<BatchResult> {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator generator;
    private final JsonOut out;
    private final String version;
    private final URI sourceRoot;
    private final List<RuleMetadata> rules = new ArrayList<>();
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    private final List<String> unreadable = new ArrayList<>();

    /**
     * @param rules the rules to describe even when no result refers to them
     * @param sourceRoot the absolute URI that result paths are relative to, or null to leave it to the consumer
     */
    public SarifLog(Writer writer, String version, List<RuleMetadata> rules, URI sourceRoot) {
        this.version = version;
        this.sourceRoot = sourceRoot;
        rules.forEach(this::index);
        try {
            generator = FACTORY.createGenerator(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        generator.useDefaultPrettyPrinter();
        out = new JsonOut(generator);
        out.startObject().field("$schema", ReviewSarif.SCHEMA).field("version", "2.1.0");
        out.startArray("runs").startObject();
        out.field("columnKind", "utf16CodeUnits");
        out.startArray("results");
    }

    /**
     * The findings of one review, each file shown as {@code prefix} followed by its project-relative path,
     * then those an ignore comment or the configuration set apart, with their suppression: code scanning
     * shows them as suppressed rather than not at all.
     */
    public synchronized void add(Review review, String prefix) {
        ReviewSarif.Sources sources = new ReviewSarif.Sources(review);
        ReviewSarif.Fingerprints fingerprints = new ReviewSarif.Fingerprints();
        for (Finding f : review.findings()) {
            ReviewSarif.result(out, f, index(f.rule()), fingerprints.of(f, sources, prefix), sources, prefix);
        }
        for (Finding f : review.suppressed()) {
            ReviewSarif.result(out, f, index(f.rule()), fingerprints.of(f, sources, prefix), sources, prefix,
                    suppressionKind(review, f));
        }
        flush();
    }

    /** {@code inSource} when an ignore comment covers the finding, else {@code external} (the configuration). */
    private static String suppressionKind(Review review, Finding f) {
        String file = f.location().file();
        return file != null && Suppressor.of(review.project(), file).covers(f.location().line(), Set.of(f.ruleId()))
                ? "inSource" : "external";
    }

    @Override
    public void accept(BatchResult result) {
        switch (result) {
            case BatchResult.Reviewed reviewed -> add(reviewed.review(), ReviewGithub.pathPrefix(reviewed.project(), reviewed.read()));
            case BatchResult.Unreadable failed -> unreadable(failed.project() + ": " + failed.reason());
        }
    }

    private synchronized void unreadable(String message) {
        unreadable.add(message);
    }

    @Override
    public synchronized void close() {
        out.endArray();
        out.startArray("invocations").startObject().field("executionSuccessful", unreadable.isEmpty());
        if (!unreadable.isEmpty()) {
            out.startArray("toolExecutionNotifications");
            for (String message : unreadable) {
                out.startObject().field("level", "error").startObject("message").field("text", message).endObject()
                        .endObject();
            }
            out.endArray();
        }
        out.endObject().endArray();
        out.startObject("tool").startObject("driver").field("name", "drydock").field("version", version);
        out.startArray("rules");
        rules.forEach(rule -> ReviewSarif.rule(out, rule));
        out.endArray().endObject().endObject();
        out.startObject("originalUriBaseIds").startObject(ReviewSarif.SRCROOT);
        if (sourceRoot != null) {
            out.field("uri", ReviewSarif.directory(sourceRoot));
        }
        out.startObject("description").field("text", "The root of the reviewed project").endObject();
        out.endObject().endObject();
        out.endObject().endArray().endObject();
        try {
            generator.writeRaw('\n');
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int index(RuleMetadata rule) {
        return ruleIndex.computeIfAbsent(rule.id(), id -> {
            rules.add(rule);
            return rules.size() - 1;
        });
    }

    private void flush() {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
