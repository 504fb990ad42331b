package dev.drydock.core.json;

import dev.drydock.core.source.Diagnostic;
import java.util.List;
import java.util.Locale;

/** Writes diagnostics (problems met while reading files) as a JSON array. */
final class DiagnosticsJson {

    private DiagnosticsJson() {}

    static void write(JsonOut out, List<Diagnostic> diagnostics) {
        out.startArray("diagnostics");
        for (Diagnostic d : diagnostics) {
            out.startObject().field("level", d.level().name().toLowerCase(Locale.ROOT)).field("file", d.path());
            if (d.line() > 0) {
                out.field("line", d.line()).field("column", d.column());
            }
            out.field("message", d.message()).endObject();
        }
        out.endArray();
    }
}
