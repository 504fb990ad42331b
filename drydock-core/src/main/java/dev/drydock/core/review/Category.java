package dev.drydock.core.review;

import java.util.Locale;

/** What a rule protects. */
public enum Category {
    SECURITY, RELIABILITY, PERFORMANCE, BUILD, MAINTAINABILITY;

    private final String id = name().toLowerCase(Locale.ROOT);

    public String id() {
        return id;
    }
}
