package dev.drydock.core.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML configuration file read as snakeyaml-engine nodes that keep their positions, for readers that need the line
 * of what they report: the documents, a mapping's values by key (through {@code <<} merge keys), scalars and lists
 * of scalars, and spans in the file.
 */
public final class YamlNodes {

    private static final LoadSettings SETTINGS = LoadSettings.builder().setMaxAliasesForCollections(50)
            .setAllowDuplicateKeys(true).setUseMarks(true).build();

    private YamlNodes() {}

    /** The file's documents; a SourceException at the error, with its line, when it is not YAML. */
    public static List<Node> documents(SourceFile file) {
        List<Node> out = new ArrayList<>();
        try {
            new Compose(SETTINGS).composeAllFromString(file.text()).forEach(out::add);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            throw new SourceException(file.path(), mark.map(m -> m.getLine() + 1).orElse(0),
                    mark.map(m -> m.getColumn() + 1).orElse(0), "YAML syntax error: " + problem);
        } catch (RuntimeException e) {
            throw SourceException.ofFile(file.path(), "YAML error: " + e.getMessage());
        }
        return out;
    }

    /** The value of {@code key} in a mapping, or in the mappings it merges with {@code <<}; null when absent. */
    public static Node get(Node node, String key) {
        return get(node, key, 0);
    }

    private static Node get(Node node, String key, int depth) {
        if (!(node instanceof MappingNode map) || depth > 8) {
            return null;
        }
        Node merged = null;
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k) {
                if (k.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
                if (k.getValue().equals("<<")) {
                    merged = tuple.getValueNode();
                }
            }
        }
        if (merged instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                Node found = get(item, key, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return get(merged, key, depth + 1);
    }

    /** A scalar's text, stripped; null for anything else or a blank one. */
    public static String text(Node node) {
        return node instanceof ScalarNode s && !s.getValue().isBlank() ? s.getValue().strip() : null;
    }

    /** The scalars of a sequence, blanks left out; empty for anything else. */
    public static List<String> strings(Node node) {
        List<String> out = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            list.getValue().forEach(item -> {
                String value = text(item);
                if (value != null) {
                    out.add(value);
                }
            });
        }
        return out;
    }

    /** The items of a sequence; empty for anything else. */
    public static List<Node> items(Node node) {
        return node instanceof SequenceNode list ? list.getValue() : List.of();
    }

    /** From the start of {@code first} to the end of {@code last}. */
    public static Span span(SourceFile file, Node first, Node last) {
        int start = offset(file, first.getStartMark());
        int end = Math.max(start, offset(file, last.getEndMark()));
        return file.span(start, end);
    }

    private static int offset(SourceFile file, Optional<Mark> mark) {
        if (mark.isEmpty()) {
            return 0;
        }
        int line = Math.min(mark.get().getLine() + 1, file.lineCount());
        return Math.min(file.lineStart(line) + mark.get().getColumn(), file.lineEnd(line));
    }
}
