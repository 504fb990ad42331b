package dev.drydock.core.compose;

import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;

/**
 * A variable interpolated in a compose file: which expression, in which scalar, and how it resolved.
 * {@link #isMissing()} is Compose's "variable is not set, defaulting to a blank string";
 * {@link #usedDefault()} says a {@code ${X:-default}} / {@code ${X-default}} fallback was taken, whose
 * text is {@link #defaultText()} at {@link #argumentSpan()}.
 *
 * @param substitution the expression and its result
 * @param node the scalar it was written in
 * @param span the expression's span in the file ({@code ${X:-d}}), the scalar's when not exactly known
 * @param argumentSpan the span of the text after the operator (the default), else {@code span}
 */
public record VariableReference(Substitution substitution, ScalarNode node, Span span, Span argumentSpan) {

    public String name() {
        return substitution.name();
    }

    public SourceFile file() {
        return node.file();
    }

    public boolean isSet() {
        return substitution.isSet();
    }

    public boolean isMissing() {
        return substitution.isMissing();
    }

    public boolean usedDefault() {
        return substitution.usedDefault();
    }

    /** Whether the expression has a {@code :-} / {@code -} default, used or not. */
    public boolean hasDefault() {
        return substitution.operator().isDefault();
    }

    /** The default's text as written, {@code null} without one. */
    public String defaultText() {
        return hasDefault() ? substitution.argument() : null;
    }

    @Override
    public String toString() {
        return "${" + name() + substitution.operator().symbol() + (substitution.argument() == null ? "" : substitution.argument())
                + "} @" + file().path() + ":" + span.startLine() + ":" + span.startColumn();
    }
}
