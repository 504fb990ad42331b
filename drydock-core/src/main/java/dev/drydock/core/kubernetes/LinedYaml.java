package dev.drydock.core.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * YAML documents read into maps, lists and scalars (String, Long, Double, Boolean, null) as a plain load reads them,
 * each map keeping the line of each of its keys.
 */
final class LinedYaml {

    /** A mapping that knows the line of each of its keys. */
    static final class LinedMap extends LinkedHashMap<Object, Object> {

        private final Map<Object, Integer> lines = new HashMap<>();

        /** The line of the key, 0 when it has none. */
        int line(Object key) {
            return lines.getOrDefault(key, 0);
        }
    }

    private static final int MAX_DEPTH = 64;

    private static final LoadSettings SETTINGS = LoadSettings.builder().setMaxAliasesForCollections(50).build();

    private LinedYaml() {}

    /** The documents of the text; throws a RuntimeException where it is not YAML drydock reads. */
    static List<Object> loadAll(String text) {
        List<Object> documents = new ArrayList<>();
        for (Node node : new Compose(SETTINGS).composeAllFromString(text)) {
            documents.add(convert(node, 0));
        }
        return documents;
    }

    /** The line of a map's key when the map was read with lines, else 0. */
    static int line(Object map, Object key) {
        return map instanceof LinedMap lined ? lined.line(key) : 0;
    }

    private static Object convert(Node node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested too deep");
        }
        if (node instanceof MappingNode mapping) {
            LinedMap map = new LinedMap();
            for (NodeTuple tuple : mapping.getValue()) {
                Object key = convert(tuple.getKeyNode(), depth + 1);
                map.put(key, convert(tuple.getValueNode(), depth + 1));
                map.lines.put(key, tuple.getKeyNode().getStartMark().map(m -> m.getLine() + 1).orElse(0));
            }
            return map;
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            sequence.getValue().forEach(item -> list.add(convert(item, depth + 1)));
            return list;
        }
        return node instanceof ScalarNode scalar ? scalar(scalar) : null;
    }

    private static Object scalar(ScalarNode scalar) {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                return Boolean.valueOf(value.toLowerCase(java.util.Locale.ROOT));
            }
            if (Tag.INT.equals(tag)) {
                return Long.decode(value);
            }
            if (Tag.FLOAT.equals(tag)) {
                return Double.valueOf(value);
            }
        } catch (NumberFormatException e) {
            return value;
        }
        return value;
    }
}
