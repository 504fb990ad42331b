package dev.drydock.core.source;

import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A tool's own YAML configuration (Kamal's deploy.yml, RoadRunner's .rr.yaml) read into plain maps, lists and
 * scalars, where no position is needed; aliases are bounded so that a hostile file cannot expand without end. GitLab's
 * {@code !reference} tag reads as a {@link Reference}.
 */
public final class PlainYaml {

    private static final LoadSettings SETTINGS = LoadSettings.builder().setMaxAliasesForCollections(20)
            .setTagConstructors(Map.of(new Tag("!reference"), new ReferenceConstruct())).build();

    /**
     * GitLab's {@code !reference [.job, script]}: the path of keys to another part of the same configuration, which
     * GitLab puts in its place; the path as written here, for a reader that knows the configuration to resolve.
     */
    public record Reference(List<String> path) {}

    private static final class ReferenceConstruct implements ConstructNode {
        @Override
        public Object construct(Node node) {
            if (!(node instanceof SequenceNode sequence)) {
                return new Reference(List.of());
            }
            return new Reference(sequence.getValue().stream()
                    .map(item -> item instanceof ScalarNode scalar ? scalar.getValue() : "").toList());
        }
    }

    private PlainYaml() {}

    /** A file's document root, loaded once however many readers ask; null when it is not YAML. */
    public static Object load(SourceFile file) {
        return file.syntax(Root.class, f -> new Root(load(f.text()))).node();
    }

    private record Root(Object node) {}

    /** The document's root; null when the text is not YAML the tool could read either. */
    public static Object load(String text) {
        try {
            return new Load(SETTINGS).loadFromString(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The node when it is a mapping, with the keys its merge key ({@code <<: *base}, or a list of them, earlier ones
     * first) adds where it does not set them itself, as Ruby's YAML reads them; else an empty mapping.
     */
    public static Map<?, ?> merged(Object node) {
        Map<?, ?> map = mapping(node);
        Object merge = map.get("<<");
        if (merge == null) {
            return map;
        }
        Map<Object, Object> all = new java.util.LinkedHashMap<>();
        for (Object base : merge instanceof java.util.List<?> list ? list : java.util.List.of(merge)) {
            mapping(base).forEach(all::putIfAbsent);
        }
        map.forEach((k, v) -> {
            if (!"<<".equals(k)) {
                all.put(k, v);
            }
        });
        return all;
    }

    /** The node when it is a mapping, else an empty one. */
    public static Map<?, ?> mapping(Object node) {
        return node instanceof Map<?, ?> m ? m : Map.of();
    }
}
