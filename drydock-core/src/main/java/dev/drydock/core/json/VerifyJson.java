package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.verify.CheckResult;
import dev.drydock.core.verify.ContainerVerification;
import dev.drydock.core.verify.ImageVerification;
import dev.drydock.core.verify.VerifyReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A verification as JSON: {@code project}, {@code engine}, {@code passed} (every image after the fixes
 * passes every check), {@code fixesApplied}, {@code changedFiles}, {@code problems}, and per container
 * {@code name}, {@code dockerfile}, {@code before} and {@code after}, each with {@code tag}, {@code passed},
 * {@code notes} and {@code checks} (check, status pass/fail/skip, detail, lines, and measured facts:
 * durations in milliseconds, sizes in bytes).
 */
public final class VerifyJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private VerifyJson() {}

    public static void write(VerifyReport report, String version, Writer writer) {
        try (JsonGenerator g = FACTORY.createGenerator(writer)) {
            g.useDefaultPrettyPrinter();
            JsonOut out = new JsonOut(g);
            out.startObject();
            out.startObject("tool").field("name", "drydock").field("version", version).endObject();
            body(out, report);
            out.endObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report's fields into the object being written (for the review's {@code verification}). */
    static void body(JsonOut out, VerifyReport report) {
        out.field("project", report.project()).field("engine", report.engine()).field("passed", report.passed())
                .field("fixesApplied", (long) report.fixesApplied()).strings("changedFiles", report.changedFiles())
                .strings("problems", report.problems());
        out.startArray("containers");
        for (ContainerVerification container : report.containers()) {
            out.startObject().field("name", container.name()).field("dockerfile", container.dockerfile());
            image(out, "before", container.before());
            image(out, "after", container.after());
            out.endObject();
        }
        out.endArray();
    }

    private static void image(JsonOut out, String phase, ImageVerification image) {
        if (image == null) {
            return;
        }
        out.startObject(phase).field("tag", image.tag()).field("passed", image.passed()).strings("notes", image.notes());
        out.startArray("checks");
        for (CheckResult check : image.checks()) {
            out.startObject().field("check", check.check()).field("status", check.status().id())
                    .field("detail", check.detail());
            if (!check.lines().isEmpty()) {
                out.strings("lines", check.lines());
            }
            check.facts().forEach((name, value) -> {
                if (value instanceof Number n) {
                    out.field(name, n.longValue());
                } else {
                    out.field(name, String.valueOf(value));
                }
            });
            out.endObject();
        }
        out.endArray();
        out.endObject();
    }
}
