package dev.drydock.core.edit;

import java.util.Locale;

/**
 * Whether and how a rule's findings can be repaired: {@code SAFE} fixes keep behaviour and are applied
 * by {@code drydock fix}; {@code UNSAFE} ones change behaviour (a new server, another user) and need
 * {@code --unsafe}; {@code SUGGESTION} is shown in the review only; {@code NONE} has no fix.
 */
public enum FixSafety {
    NONE, SAFE, UNSAFE, SUGGESTION;

    private final String id = name().toLowerCase(Locale.ROOT);

    public String id() {
        return id;
    }
}
