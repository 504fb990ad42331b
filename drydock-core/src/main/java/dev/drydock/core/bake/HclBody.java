package dev.drydock.core.bake;

import dev.drydock.core.source.Span;
import java.util.List;
import java.util.Optional;

/** The attributes and blocks of an HCL file or block, in the order written. */
public record HclBody(List<Attribute> attributes, List<Block> blocks) {

    public HclBody {
        attributes = List.copyOf(attributes);
        blocks = List.copyOf(blocks);
    }

    /** {@code name = expression}; the span covers the whole attribute in {@code file}, the path of the file that writes it. */
    public record Attribute(String name, HclExpression value, Span span, String file) {}

    /** {@code type "label" ... { body }}; the span covers the header and body. */
    public record Block(String type, List<String> labels, HclBody body, Span span) {
        public Block {
            labels = List.copyOf(labels);
        }
    }

    public Optional<Attribute> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
