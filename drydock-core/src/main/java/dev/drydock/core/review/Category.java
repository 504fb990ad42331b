package dev.drydock.core.review;

import java.util.Locale;

/** What a rule protects. */
public enum Category {
    SECURITY, RELIABILITY, PERFORMANCE, BUILD, MAINTAINABILITY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
