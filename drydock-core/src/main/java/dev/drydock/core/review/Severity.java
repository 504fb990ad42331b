package dev.drydock.core.review;

import java.util.Locale;

/** How much a finding matters, most severe first. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    private final String id = name().toLowerCase(Locale.ROOT);

    public String id() {
        return id;
    }

    /** Whether this is at least as severe as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    public static Severity of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
