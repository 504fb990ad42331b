package dev.drydock.core.bake;

import dev.drydock.core.source.Span;
import java.util.Map;
import java.util.Optional;

/**
 * A Bake target with what it inherits applied: its attributes by name.
 *
 * @param file the Bake file that declares it (the last one, when several do)
 * @param span the target block in that file
 */
public record BakeTarget(String name, String file, Span span, Map<String, HclBody.Attribute> attributes) {

    public BakeTarget {
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    public Optional<HclBody.Attribute> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }
}
