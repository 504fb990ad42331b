package dev.drydock.core.compose;

import dev.drydock.core.source.Span;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A YAML mapping with string keys, in file order; each entry keeps its key node for the key's position. */
public final class MapNode extends Node {

    /** A key and its value. */
    public record Entry(ScalarNode key, Node value) {

        public String name() {
            return key.value();
        }
    }

    private final Map<String, Entry> entries;

    MapNode(ComposeFile origin, Span span, String tag, Map<String, Entry> entries) {
        super(origin, span, tag);
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Collection<Entry> entries() {
        return entries.values();
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public int size() {
        return entries.size();
    }

    /** The value under {@code key}, {@code null} when absent. */
    public Node get(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    public Entry entry(String key) {
        return entries.get(key);
    }

    public Optional<Node> find(String key) {
        return Optional.ofNullable(get(key));
    }

    /** The scalar under {@code key}, {@code null} when absent or not a scalar. */
    public ScalarNode scalar(String key) {
        return get(key) instanceof ScalarNode s ? s : null;
    }

    /** The mapping under {@code key}, {@code null} when absent or not a mapping. */
    public MapNode map(String key) {
        return get(key) instanceof MapNode m ? m : null;
    }

    /** The sequence under {@code key}, {@code null} when absent or not a sequence. */
    public SeqNode seq(String key) {
        return get(key) instanceof SeqNode s ? s : null;
    }

    /** The string value under {@code key} (interpolated), {@code null} when absent, null or not a scalar. */
    public String string(String key) {
        ScalarNode s = scalar(key);
        return s == null || s.kind() == ScalarNode.Kind.NULL ? null : s.value();
    }

    /** The node at a dotted path of keys ({@code "deploy.resources.limits"}), {@code null} when absent. */
    public Node at(String dottedPath) {
        Node node = this;
        for (String part : dottedPath.split("\\.")) {
            if (!(node instanceof MapNode m)) {
                return null;
            }
            node = m.get(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** Entries whose key starts with {@code x-}. */
    public Map<String, Entry> extensions() {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            if (e.name().startsWith("x-")) {
                out.put(e.name(), e);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    Map<String, Entry> entryMap() {
        return entries;
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    MapNode withTag(String newTag) {
        return new MapNode(origin(), span(), newTag, entries);
    }

    MapNode withEntries(Map<String, Entry> newEntries) {
        return new MapNode(origin(), span(), tag(), newEntries);
    }

    @Override
    public String toString() {
        return entries.values().stream().map(e -> e.name() + "=" + e.value()).toList().toString();
    }
}
