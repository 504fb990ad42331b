package dev.drydock.core.rules.support;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.source.Span;
import java.util.HashMap;
import java.util.Map;

/**
 * For every key of a compose tree, the entry of the mapping that writes it where it is defined rather than where
 * an alias or a merge key copies it: {@code x-defaults} for an entry of {@code x-defaults: &defaults}, a
 * service's name for its own entries. Built in one walk, so that asking for every service costs no more than
 * reading the tree once.
 */
final class DefiningMappings {

    private record Written(String path, Span span) {
        static Written of(Node node) {
            return new Written(node.file().path(), node.span());
        }
    }

    private final Map<Written, MapNode.Entry> owners = new HashMap<>();

    DefiningMappings(MapNode root) {
        visit(root);
    }

    /** The entry whose value is the mapping written around {@code key}; null when the tree does not hold it. */
    MapNode.Entry owner(ScalarNode key) {
        return owners.get(Written.of(key));
    }

    private void visit(MapNode map) {
        for (MapNode.Entry e : map.entries()) {
            if (!(e.value() instanceof MapNode value) || value.span().start() < e.key().span().end()) {
                continue; // not a mapping, or one an alias copies from where it is written
            }
            visit(value);
            for (MapNode.Entry own : value.entries()) {
                if (writtenInside(own.key(), value)) {
                    owners.putIfAbsent(Written.of(own.key()), e);
                }
            }
        }
    }

    private static boolean writtenInside(Node key, MapNode map) {
        return key.file().path().equals(map.file().path())
                && key.span().start() >= map.span().start() && key.span().end() <= map.span().end();
    }
}
