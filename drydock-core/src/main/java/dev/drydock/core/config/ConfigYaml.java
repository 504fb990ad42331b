package dev.drydock.core.config;

import dev.drydock.core.review.Location;
import dev.drydock.core.review.UnknownRuleName;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * One configuration file's YAML with positions: every problem is a {@link SourceException} at
 * {@code file:line:column}, and every rule name that names no rule is collected as an
 * {@link UnknownRuleName} at its exact place.
 */
final class ConfigYaml {

    private static final LoadSettings SETTINGS = LoadSettings.builder().setUseMarks(true)
            .setMaxAliasesForCollections(50).build();

    private final SourceFile file;
    private final String findingPath;
    final List<UnknownRuleName> unknown = new ArrayList<>();

    /**
     * @param file the text, with the path to show in error messages
     * @param findingPath the path findings about it carry (relative to the project root)
     */
    ConfigYaml(SourceFile file, String findingPath) {
        this.file = file;
        this.findingPath = findingPath;
    }

    /** The top-level mapping; empty for an empty file. */
    Map<String, NodeTuple> root() {
        Node document;
        try {
            Composer composer = new Composer(SETTINGS, new ParserImpl(SETTINGS, new StreamReader(SETTINGS, file.text())));
            document = composer.hasNext() ? composer.next() : null;
            if (composer.hasNext()) {
                throw error(composer.next(), "a configuration file holds one YAML document");
            }
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            throw new SourceException(file.path(), mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "YAML syntax error: " + problem);
        } catch (YamlEngineException e) {
            throw SourceException.ofFile(file.path(), "YAML error: " + e.getMessage());
        }
        if (document == null || isNull(document)) {
            return Map.of();
        }
        return mapping(document, "the configuration");
    }

    /** A mapping's entries by key, in order. */
    Map<String, NodeTuple> mapping(Node node, String what) {
        if (!(node instanceof MappingNode map)) {
            throw error(node, what + " must be a mapping");
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode(), "a key");
            NodeTuple earlier = out.put(key, t);
            if (earlier != null) {
                throw error(t.getKeyNode(), key + " is already set on line "
                        + (earlier.getKeyNode().getStartMark().map(m -> m.getLine() + 1).orElse(0)));
            }
        }
        return out;
    }

    String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, what + " must be a single value");
        }
        return s.getValue();
    }

    /** A list of single values; a single value alone counts as a list of one. */
    List<ScalarNode> scalars(Node node, String what) {
        if (node instanceof ScalarNode s) {
            return isNull(s) ? List.of() : List.of(s);
        }
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, what + " must be a list");
        }
        List<ScalarNode> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s)) {
                throw error(item, "each item of " + what + " must be a single value");
            }
            out.add(s);
        }
        return out;
    }

    List<String> strings(Node node, String what) {
        return scalars(node, what).stream().map(ScalarNode::getValue).toList();
    }

    boolean bool(Node node, String what) {
        String value = scalar(node, what);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(node, what + " must be true or false, not " + value);
        };
    }

    /** The rule ids a list of names stands for; a name that stands for none is kept as unknown. */
    Set<String> ruleIds(List<ScalarNode> names, String where) {
        Set<String> ids = new LinkedHashSet<>();
        for (ScalarNode name : names) {
            ids.addAll(ruleIds(name, where));
        }
        return ids;
    }

    Set<String> ruleIds(ScalarNode name, String where) {
        Set<String> ids = RuleNames.resolve(name.getValue().strip());
        if (ids.isEmpty()) {
            Span span = span(name);
            unknown.add(new UnknownRuleName(new Location(findingPath, span), name.getValue(), where,
                    span == null ? null : file.line(span.startLine())));
        }
        return ids;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    SourceException error(Node node, String message) {
        Mark mark = node.getStartMark().orElse(null);
        return new SourceException(file.path(), mark == null ? 0 : mark.getLine() + 1,
                mark == null ? 0 : mark.getColumn() + 1, message);
    }

    private Span span(Node node) {
        Mark start = node.getStartMark().orElse(null);
        Mark end = node.getEndMark().orElse(null);
        if (start == null || end == null || start.getLine() + 1 > file.lineCount()) {
            return null;
        }
        int from = Math.min(file.lineStart(start.getLine() + 1) + start.getColumn(), file.lineEnd(start.getLine() + 1));
        int to = end.getLine() == start.getLine()
                ? Math.min(file.lineStart(start.getLine() + 1) + end.getColumn(), file.lineEnd(start.getLine() + 1))
                : file.lineEnd(start.getLine() + 1);
        return file.span(from, Math.max(from, to));
    }
}
