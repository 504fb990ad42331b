package dev.drydock.core.compose.template;

/**
 * An interpolation error: an invalid {@code $} expression or a required variable ({@code ${X:?msg}})
 * without value. {@link #index()} is where in the interpolated text the expression starts.
 */
public final class TemplateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int index;
    private final int end;

    public TemplateException(String message, int index, int end) {
        super(message);
        this.index = index;
        this.end = end;
    }

    public int index() {
        return index;
    }

    public int end() {
        return end;
    }
}
