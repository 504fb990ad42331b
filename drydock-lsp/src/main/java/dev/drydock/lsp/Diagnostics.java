package dev.drydock.lsp;

import dev.drydock.core.project.Project;
import dev.drydock.core.report.FindingPlaces;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Severity;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * A finding as an editor diagnostic at one of its places: its range, its severity, the rule as code, message
 * and recommendation. A finding written at several places is a diagnostic at each (an editor marks only the
 * diagnostic's own range), each naming all the places and pointing at the others as related information.
 */
final class Diagnostics {

    static final String SOURCE = "drydock";

    private Diagnostics() {}

    /** The diagnostic at {@code place}, one of the finding's places that is in a file. */
    static Diagnostic of(Finding f, Location place, Project project) {
        Diagnostic d = new Diagnostic(range(place, project),
                f.rule().title() + ": " + FindingPlaces.message(f, "") + "\n" + f.effectiveRecommendation(),
                severity(f.severity()), SOURCE, f.ruleId());
        f.rule().references().stream().filter(r -> r.startsWith("https://")).findFirst()
                .ifPresent(r -> d.setCodeDescription(new DiagnosticCodeDescription(r)));
        List<DiagnosticRelatedInformation> related = new ArrayList<>();
        for (Location other : f.places()) {
            if (other != place && other.file() != null) {
                related.add(new DiagnosticRelatedInformation(
                        new org.eclipse.lsp4j.Location(QuickFixes.uri(project.root(), other.file()), range(other, project)),
                        "the same " + f.ruleId() + " finding"));
            }
        }
        if (!related.isEmpty()) {
            d.setRelatedInformation(related);
        }
        return d;
    }

    private static Range range(Location place, Project project) {
        return place.span() == null ? new Range(new Position(0, 0), new Position(0, 0))
                : project.source(place.file()).map(s -> Positions.range(s, place.span()))
                        .orElseGet(() -> Positions.range(place.span()));
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
