package dev.drydock.lsp;

import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.SourceFile;
import java.util.Optional;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** A finding as an editor diagnostic: its range, its severity, the rule as code, message and recommendation. */
final class Diagnostics {

    static final String SOURCE = "drydock";

    private Diagnostics() {}

    static Diagnostic of(Finding f, Optional<SourceFile> file) {
        Range range = f.location().span() == null ? new Range(new Position(0, 0), new Position(0, 0))
                : file.map(s -> Positions.range(s, f.location().span())).orElseGet(() -> Positions.range(f.location().span()));
        Diagnostic d = new Diagnostic(range, f.rule().title() + ": " + f.message() + "\n" + f.effectiveRecommendation(),
                severity(f.severity()), SOURCE, f.ruleId());
        f.rule().references().stream().filter(r -> r.startsWith("https://")).findFirst()
                .ifPresent(r -> d.setCodeDescription(new DiagnosticCodeDescription(r)));
        return d;
    }

    /** Critical and high are errors, medium warnings, low information, info hints: as in the SARIF levels. */
    static DiagnosticSeverity severity(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> DiagnosticSeverity.Error;
            case MEDIUM -> DiagnosticSeverity.Warning;
            case LOW -> DiagnosticSeverity.Information;
            case INFO -> DiagnosticSeverity.Hint;
        };
    }
}
