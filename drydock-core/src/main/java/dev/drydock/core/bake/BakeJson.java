package dev.drydock.core.bake;

import dev.drydock.core.bake.HclExpression.Entry;
import dev.drydock.core.bake.HclExpression.ListOf;
import dev.drydock.core.bake.HclExpression.Literal;
import dev.drydock.core.bake.HclExpression.ObjectOf;
import dev.drydock.core.bake.HclExpression.Opaque;
import dev.drydock.core.bake.HclExpression.Reference;
import dev.drydock.core.bake.HclExpression.Template;
import dev.drydock.core.manifest.JsonTree;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bake file in JSON read into the same {@link HclBody} as its HCL form: each member of the top-level
 * {@code variable}, {@code target}, {@code group} and {@code function} objects is a block labelled with its key, and a
 * top-level member that is not an object is an attribute (a value for a variable); strings keep their {@code ${...}} interpolations, as Bake evaluates them in JSON too.
 */
public final class BakeJson {

    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{\\s*([^}]*?)\\s*}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][\\w-]*");

    private BakeJson() {}

    public static HclBody parse(SourceFile file) {
        if (!(JsonTree.parse(file) instanceof JsonTree.Obj root)) {
            throw new SourceException(file, file.contentStart(), "a Bake file in JSON is an object");
        }
        List<HclBody.Block> blocks = new ArrayList<>();
        List<HclBody.Attribute> attributes = new ArrayList<>();
        for (JsonTree.Member kind : root.members().values()) {
            if (!(kind.value() instanceof JsonTree.Obj)) {
                attributes.add(new HclBody.Attribute(kind.key(), expression(kind.value(), file.path()),
                        join(kind.keySpan(), kind.value().span()), file.path()));
            } else if (kind.value() instanceof JsonTree.Obj named) {
                for (JsonTree.Member block : named.members().values()) {
                    HclBody body = block.value() instanceof JsonTree.Obj o ? body(o, file.path()) : new HclBody(List.of(), List.of());
                    Span span = join(block.keySpan(), block.value().span());
                    blocks.add(new HclBody.Block(kind.key(), List.of(block.key()), body, span));
                }
            }
        }
        return new HclBody(attributes, blocks);
    }

    private static HclBody body(JsonTree.Obj object, String path) {
        List<HclBody.Attribute> attributes = new ArrayList<>();
        for (JsonTree.Member member : object.members().values()) {
            attributes.add(new HclBody.Attribute(member.key(), expression(member.value(), path),
                    join(member.keySpan(), member.value().span()), path));
        }
        return new HclBody(attributes, List.of());
    }

    private static HclExpression expression(JsonTree.Node node, String path) {
        return switch (node) {
            case JsonTree.Obj o -> new ObjectOf(o.members().values().stream()
                    .map(m -> new Entry(m.key(), expression(m.value(), path), join(m.keySpan(), m.value().span()), path))
                    .toList(), o.span());
            case JsonTree.Arr a -> new ListOf(a.items().stream().map(i -> expression(i, path)).toList(), a.span());
            case JsonTree.Scalar s when s.isString() -> template(s.text(), s.span());
            case JsonTree.Scalar s -> new Literal(scalar(s), s.span());
        };
    }

    private static Object scalar(JsonTree.Scalar scalar) {
        if (scalar.text() == null) {
            return null;
        }
        return switch (scalar.token()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> new BigDecimal(scalar.text());
        };
    }

    private static HclExpression template(String text, Span span) {
        Matcher m = INTERPOLATION.matcher(text);
        List<Object> parts = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(text.substring(last, m.start()).replace("$${", "${"));
            }
            String inner = m.group(1);
            parts.add(NAME.matcher(inner).matches() ? new Reference(List.of(inner), span) : new Opaque(inner, span));
            last = m.end();
        }
        if (parts.isEmpty()) {
            return new Literal(text.replace("$${", "${"), span);
        }
        if (last < text.length()) {
            parts.add(text.substring(last).replace("$${", "${"));
        }
        return new Template(parts, span);
    }

    private static Span join(Span first, Span last) {
        return new Span(first.start(), last.end(), first.startLine(), first.startColumn(), last.endLine(),
                last.endColumn());
    }
}
