package dev.drydock.core.verify;

/** An engine command failed in a way verification cannot go on from. */
public final class EngineException extends RuntimeException {

    public EngineException(String message) {
        super(message);
    }
}
