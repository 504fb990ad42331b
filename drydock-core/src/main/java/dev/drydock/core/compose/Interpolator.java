package dev.drydock.core.compose;

import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.compose.template.Template;
import dev.drydock.core.compose.template.TemplateException;
import dev.drydock.core.source.Diagnostic;
import java.util.List;
import java.util.function.Consumer;

/**
 * Interpolates every string scalar of a node tree in place (keys are not interpolated, as in Compose),
 * recording each expression as a {@link VariableReference}. An invalid expression is an error diagnostic at
 * the expression; the scalar then keeps its raw text. A required variable without value
 * ({@code ${X:?msg}}) is a warning and reads as blank: the file is sound, and Compose stops with the
 * message where the deployment does not provide the variable, which is what the file asks for.
 */
final class Interpolator {

    private final Variables variables;
    private final Consumer<VariableReference> references;
    private final Consumer<Diagnostic> diagnostics;

    Interpolator(Variables variables, Consumer<VariableReference> references, Consumer<Diagnostic> diagnostics) {
        this.variables = variables;
        this.references = references;
        this.diagnostics = diagnostics;
    }

    void interpolate(Node node) {
        switch (node) {
            case ScalarNode s -> scalar(s);
            case SeqNode s -> s.items().forEach(this::interpolate);
            case MapNode m -> m.entries().forEach(e -> interpolate(e.value()));
        }
    }

    private void scalar(ScalarNode s) {
        if (s.kind() != ScalarNode.Kind.STRING || !Template.hasExpressions(s.raw())) {
            return;
        }
        try {
            Template.Result r = Template.substituteAllowingMissingRequired(s.raw(), variables::get);
            s.interpolated(r.value(), r.substitutions());
            for (Substitution sub : r.substitutions()) {
                references.accept(new VariableReference(sub, s, s.spanOf(sub), s.argumentSpanOf(sub)));
                if (sub.missingRequired()) {
                    diagnostics.accept(Diagnostic.at(Diagnostic.Level.WARNING, s.file(), s.spanOf(sub),
                            "required variable " + sub.name() + " is missing a value: " + sub.argument()));
                }
            }
        } catch (TemplateException e) {
            diagnostics.accept(Diagnostic.at(Diagnostic.Level.ERROR, s.file(), s.spanOf(e.index(), e.end()),
                    e.getMessage()));
        }
    }

    static List<VariableReference> none() {
        return List.of();
    }
}
