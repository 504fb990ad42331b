package dev.drydock.core.dockerfile.syntax;

import java.util.List;

/**
 * ENV and LABEL: {@code name=value} pairs, or in the legacy form ({@code ENV name value}, when the
 * first word has no {@code =}) exactly one pair whose value is the rest of the line.
 */
public record KeyValueList(List<KeyValue> entries, boolean legacyForm) implements Arguments {

    public KeyValueList {
        entries = List.copyOf(entries);
    }
}
