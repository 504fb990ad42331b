package dev.drydock.core.compose;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a compose file's YAML into {@link Node}s with positions. YAML 1.2 core schema (as Compose's Go
 * YAML library: {@code 8080:80} is a string, {@code yes} is a string). Anchors and aliases are expanded
 * (an alias becomes a copy of the anchored node); merge keys {@code <<} (one mapping or a list of them)
 * add the keys the mapping does not set itself, earlier mappings of a list winning. A key written twice in
 * one mapping is an error in Compose ("mapping key "x" already defined at line N"); it is reported as an
 * error diagnostic and the later value is kept so that reading can go on. Syntax errors are a
 * {@link SourceException} at the position snakeyaml reports.
 */
final class YamlReader {

    /**
     * Upper bound on nodes built from one file, against alias bombs: {@link #BASE_NODES} plus one per
     * character of the file (a node takes at least two characters unless it is an alias's copy), at
     * most {@link #MAX_NODES}. A file of a few lines that expands to millions of nodes stops after a
     * hundred thousand, in milliseconds, instead of after seconds and hundreds of megabytes.
     */
    static final int BASE_NODES = 100_000;

    static final int MAX_NODES = 2_000_000;

    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setSchema(new ComposeSchema())
            .setAllowDuplicateKeys(true)
            .setMaxAliasesForCollections(100_000)
            .setAllowRecursiveKeys(false)
            .setUseMarks(true)
            .setCodePointLimit(Integer.MAX_VALUE)
            .build();

    /**
     * YAML 1.2 core schema, except that {@code <<} stays a plain key: snakeyaml's composer would otherwise
     * flatten merge keys itself and hide a repeated {@code <<}, which Compose rejects.
     */
    private static final class ComposeSchema extends CoreSchema {
        private final ScalarResolver core = new CoreSchema().getScalarResolver();

        @Override
        public ScalarResolver getScalarResolver() {
            return (value, implicit) -> {
                Tag tag = core.resolve(value, implicit);
                return Tag.MERGE.equals(tag) ? Tag.STR : tag;
            };
        }
    }

    private static final ScalarResolver RESOLVER = new ComposeSchema().getScalarResolver();

    private final ComposeFile origin;
    private final SourceFile file;
    private final String text;
    private final int[] codePointOffsets; // null when code point index == UTF-16 offset
    private final Consumer<Diagnostic> diagnostics;
    private final IdentityHashMap<org.snakeyaml.engine.v2.nodes.Node, Boolean> inProgress = new IdentityHashMap<>();
    private final int maxNodes;
    private int nodes;

    private YamlReader(ComposeFile origin, Consumer<Diagnostic> diagnostics) {
        this.origin = origin;
        this.file = origin.source();
        this.text = file.text();
        this.codePointOffsets = codePointOffsets(text);
        this.diagnostics = diagnostics;
        this.maxNodes = (int) Math.min(MAX_NODES, (long) BASE_NODES + text.length());
    }

    /** The documents of the file (an empty file has none). */
    static List<Node> read(ComposeFile origin, Consumer<Diagnostic> diagnostics) {
        return new YamlReader(origin, diagnostics).documents();
    }

    private List<Node> documents() {
        List<Node> out = new ArrayList<>();
        try {
            StreamReader reader = new StreamReader(SETTINGS, text);
            Composer composer = new Composer(SETTINGS, new ParserImpl(SETTINGS, reader));
            while (composer.hasNext()) {
                org.snakeyaml.engine.v2.nodes.Node doc = composer.next();
                out.add(convert(doc));
            }
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            int offset = mark.map(m -> offset(m.getIndex())).orElse(0);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext();
            String message = context == null || context.isBlank() ? problem : problem + " (" + context.trim() + ")";
            throw new SourceException(file, offset, "YAML syntax error: " + message);
        } catch (SourceException e) {
            throw e;
        } catch (YamlEngineException e) {
            throw SourceException.ofFile(file.path(), "YAML error: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw SourceException.ofFile(file.path(), "YAML nesting too deep");
        }
        return out;
    }

    private Node convert(org.snakeyaml.engine.v2.nodes.Node n) {
        if (++nodes > maxNodes) {
            throw new SourceException(file, offset(n), "the document expands to more than " + maxNodes
                    + " nodes (aliases of aliases?)");
        }
        if (inProgress.containsKey(n)) {
            throw new SourceException(file, offset(n), "recursive alias: a node contains itself");
        }
        String tag = localTag(n.getTag());
        if (n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s) {
            return scalar(s, tag);
        }
        inProgress.put(n, Boolean.TRUE);
        try {
            if (n instanceof org.snakeyaml.engine.v2.nodes.SequenceNode s) {
                List<Node> items = new ArrayList<>(s.getValue().size());
                for (org.snakeyaml.engine.v2.nodes.Node item : s.getValue()) {
                    items.add(convert(item));
                }
                return new SeqNode(origin, span(n), tag, items);
            }
            return mapping((org.snakeyaml.engine.v2.nodes.MappingNode) n, tag);
        } finally {
            inProgress.remove(n);
        }
    }

    private MapNode mapping(org.snakeyaml.engine.v2.nodes.MappingNode m, String tag) {
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        List<MapNode> merged = new ArrayList<>();
        ScalarNode mergeKey = null;
        for (NodeTuple t : m.getValue()) {
            org.snakeyaml.engine.v2.nodes.Node k = t.getKeyNode();
            if (!(k instanceof org.snakeyaml.engine.v2.nodes.ScalarNode ks)) {
                throw new SourceException(file, offset(k), "mapping keys must be strings, not a "
                        + (k instanceof org.snakeyaml.engine.v2.nodes.SequenceNode ? "sequence" : "mapping"));
            }
            ScalarNode key = scalar(ks, localTag(ks.getTag()));
            if (ks.getTag().equals(Tag.MERGE) || (ks.isPlain() && "<<".equals(ks.getValue()))) {
                if (mergeKey != null) {
                    duplicate(key, mergeKey);
                }
                mergeKey = key;
                collectMerge(t.getValueNode(), merged, key);
                continue;
            }
            Node value = convert(t.getValueNode());
            MapNode.Entry previous = entries.remove(key.value());
            if (previous != null) {
                duplicate(key, previous.key());
            }
            entries.put(key.value(), new MapNode.Entry(key, value));
        }
        for (MapNode source : merged) {
            for (MapNode.Entry e : source.entries()) {
                entries.putIfAbsent(e.name(), e);
            }
        }
        return new MapNode(origin, span(m), tag, entries);
    }

    private void collectMerge(org.snakeyaml.engine.v2.nodes.Node value, List<MapNode> merged, ScalarNode key) {
        if (value instanceof org.snakeyaml.engine.v2.nodes.SequenceNode seq) {
            for (org.snakeyaml.engine.v2.nodes.Node item : seq.getValue()) {
                if (!(item instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
                    throw new SourceException(file, offset(item), "map merge requires map or sequence of maps as the value");
                }
                merged.add((MapNode) convert(item));
            }
        } else if (value instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
            merged.add((MapNode) convert(value));
        } else {
            throw new SourceException(file, offset(value), "map merge requires map or sequence of maps as the value");
        }
    }

    private void duplicate(ScalarNode key, ScalarNode first) {
        diagnostics.accept(Diagnostic.at(Diagnostic.Level.ERROR, file, key.span(),
                "mapping key \"" + key.value() + "\" already defined at line " + first.line()));
    }

    private ScalarNode scalar(org.snakeyaml.engine.v2.nodes.ScalarNode s, String tag) {
        Span span = span(s);
        ScalarNode.Style style = switch (s.getScalarStyle()) {
            case SINGLE_QUOTED -> ScalarNode.Style.SINGLE_QUOTED;
            case DOUBLE_QUOTED -> ScalarNode.Style.DOUBLE_QUOTED;
            case LITERAL -> ScalarNode.Style.LITERAL;
            case FOLDED -> ScalarNode.Style.FOLDED;
            default -> ScalarNode.Style.PLAIN;
        };
        String value = s.getValue();
        ScalarNode.Kind kind = kind(s, tag);
        int contentStart = span.start();
        boolean exact = false;
        if (style == ScalarNode.Style.PLAIN || style == ScalarNode.Style.SINGLE_QUOTED
                || style == ScalarNode.Style.DOUBLE_QUOTED) {
            int quote = s.getScalarStyle() == ScalarStyle.PLAIN ? 0 : 1;
            contentStart = span.start() + quote;
            int contentEnd = span.end() - quote;
            exact = contentEnd - contentStart == value.length() && contentEnd <= text.length()
                    && text.regionMatches(contentStart, value, 0, value.length());
        }
        return new ScalarNode(origin, span, tag, value, kind, style, contentStart, exact);
    }

    private static ScalarNode.Kind kind(org.snakeyaml.engine.v2.nodes.ScalarNode s, String localTag) {
        Tag tag = s.getTag();
        if (localTag != null) {
            tag = s.isPlain() ? RESOLVER.resolve(s.getValue(), true) : Tag.STR;
        }
        if (tag.equals(Tag.NULL)) {
            return ScalarNode.Kind.NULL;
        }
        if (tag.equals(Tag.BOOL)) {
            return ScalarNode.Kind.BOOLEAN;
        }
        if (tag.equals(Tag.INT)) {
            return ScalarNode.Kind.INTEGER;
        }
        if (tag.equals(Tag.FLOAT)) {
            return ScalarNode.Kind.FLOAT;
        }
        return ScalarNode.Kind.STRING;
    }

    /** A tag that is not one of YAML's standard ones ({@code !reset}), or {@code null}. */
    private static String localTag(Tag tag) {
        String v = tag.getValue();
        if (v.startsWith(Tag.PREFIX)) {
            return null;
        }
        return v;
    }

    private Span span(org.snakeyaml.engine.v2.nodes.Node n) {
        int start = offset(n);
        int end = n.getEndMark().map(m -> offset(m.getIndex())).orElse(start);
        if (!(n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode)) {
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
        }
        return file.span(start, Math.max(start, end));
    }

    private int offset(org.snakeyaml.engine.v2.nodes.Node n) {
        return n.getStartMark().map(m -> offset(m.getIndex())).orElse(0);
    }

    /** The UTF-16 offset of a code point index. */
    private int offset(int codePointIndex) {
        int offset = codePointOffsets == null ? codePointIndex
                : codePointIndex < codePointOffsets.length ? codePointOffsets[codePointIndex] : text.length();
        return Math.max(0, Math.min(offset, text.length()));
    }

    private static int[] codePointOffsets(String text) {
        boolean surrogates = false;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                surrogates = true;
                break;
            }
        }
        if (!surrogates) {
            return null;
        }
        int[] out = new int[text.codePointCount(0, text.length()) + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); ) {
            out[cp++] = i;
            i += Character.charCount(text.codePointAt(i));
        }
        out[cp] = text.length();
        return out;
    }
}
