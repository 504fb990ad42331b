package dev.drydock.core.compose;

import dev.drydock.core.source.Span;
import java.util.List;

/** A YAML sequence. */
public final class SeqNode extends Node {

    private final List<Node> items;

    SeqNode(ComposeFile origin, Span span, String tag, List<Node> items) {
        super(origin, span, tag);
        this.items = List.copyOf(items);
    }

    public List<Node> items() {
        return items;
    }

    public int size() {
        return items.size();
    }

    public Node get(int index) {
        return items.get(index);
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    SeqNode withTag(String newTag) {
        return new SeqNode(origin(), span(), newTag, items);
    }

    SeqNode withItems(List<Node> newItems) {
        return new SeqNode(origin(), span(), tag(), newItems);
    }

    @Override
    public String toString() {
        return items.toString();
    }
}
