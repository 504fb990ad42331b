package dev.drydock.core.compose;

import java.util.Map;

/**
 * A top-level {@code networks}, {@code volumes}, {@code secrets} or {@code configs} entry. {@code node} is
 * its definition (a null scalar for {@code name:} with nothing after it). Other keys are reached through
 * {@code node}.
 */
public record Resource(
        String name,
        ScalarNode nameKey,
        Node node,
        Located<String> driver,
        Located<Boolean> external,
        Located<String> externalName,
        Located<String> file,
        Located<String> environment,
        Located<String> content,
        Map<String, Located<String>> labels) {

    public boolean isExternal() {
        return external != null && Boolean.TRUE.equals(external.value());
    }

    public MapNode map() {
        return node instanceof MapNode m ? m : null;
    }
}
