package dev.drydock.core.dockerfile.expand;

/**
 * Thrown by {@link Expansion#value()} and {@link Expansion#words()} when the word could not be
 * expanded; {@link #error()} says why and where in the input. This is the only exception word
 * expansion throws for any input.
 */
public final class ExpansionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ExpansionError error;
    private final String input;

    public ExpansionException(String input, ExpansionError error) {
        super(error.message() + " (in \"" + input + "\" at index " + error.start() + ")");
        this.input = input;
        this.error = error;
    }

    public ExpansionError error() {
        return error;
    }

    /** The word that could not be expanded. */
    public String input() {
        return input;
    }
}
