package dev.drydock.core.compose;

import dev.drydock.core.source.Position;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;

/**
 * A YAML node of a compose file after anchors, aliases and merge keys ({@code <<}) are resolved and
 * variables interpolated. Every node remembers the file that wrote it and its span there, so values in
 * a merged project point into the override file that set them. An alias is copied where it is used;
 * the copy's span is the anchored node's.
 */
public abstract sealed class Node permits MapNode, SeqNode, ScalarNode {

    private final ComposeFile origin;
    private final Span span;
    private final String tag;

    Node(ComposeFile origin, Span span, String tag) {
        this.origin = origin;
        this.span = span;
        this.tag = tag;
    }

    /** The file the node was written in. */
    public ComposeFile origin() {
        return origin;
    }

    public SourceFile file() {
        return origin.source();
    }

    public Span span() {
        return span;
    }

    public int line() {
        return span.startLine();
    }

    public int column() {
        return span.startColumn();
    }

    public Position start() {
        return new Position(span.start(), span.startLine(), span.startColumn());
    }

    /** A local tag written on the node ({@code !reset}, {@code !override}, ...), {@code null} otherwise. */
    public String tag() {
        return tag;
    }

    public boolean isNull() {
        return this instanceof ScalarNode s && s.kind() == ScalarNode.Kind.NULL;
    }

    /** The JSON-schema type name of the value: object, array, string, integer, number, boolean, null. */
    public abstract String typeName();

    /** {@code file:line:column}. */
    public String where() {
        return file().path() + ":" + span.startLine() + ":" + span.startColumn();
    }

    abstract Node withTag(String newTag);
}
