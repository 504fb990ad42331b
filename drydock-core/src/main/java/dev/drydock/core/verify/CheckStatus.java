package dev.drydock.core.verify;

/** The outcome of one check. */
public enum CheckStatus {
    PASS, FAIL, SKIP;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
