package dev.drydock.core.dockerfile.syntax;

import java.util.List;

/** ARG: words that are a name or {@code name=value}; a bare name has no value. */
public record ArgList(List<KeyValue> entries) implements Arguments {

    public ArgList {
        entries = List.copyOf(entries);
    }
}
