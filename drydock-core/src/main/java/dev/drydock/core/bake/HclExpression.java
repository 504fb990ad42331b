package dev.drydock.core.bake;

import dev.drydock.core.source.Span;
import java.util.List;

/** An HCL expression as written: the forms Bake files use, anything else kept as opaque text. */
public sealed interface HclExpression {

    Span span();

    /** A number, a boolean, {@code null} or a string without interpolation. */
    record Literal(Object value, Span span) implements HclExpression {}

    /** A quoted string or heredoc with {@code ${...}} interpolations: its parts are Strings and expressions. */
    record Template(List<Object> parts, Span span) implements HclExpression {
        public Template {
            parts = List.copyOf(parts);
        }
    }

    record ListOf(List<HclExpression> items, Span span) implements HclExpression {
        public ListOf {
            items = List.copyOf(items);
        }
    }

    /** An object; a key written as an expression other than a name or string has a null {@code key}. */
    record ObjectOf(List<Entry> entries, Span span) implements HclExpression {
        public ObjectOf {
            entries = List.copyOf(entries);
        }
    }

    /** An entry of an object; {@code file} is the path of the file that writes it. */
    record Entry(String key, HclExpression value, Span span, String file) {}

    /** A variable or a traversal of one: {@code TAG}, {@code target.base.args}. */
    record Reference(List<String> path, Span span) implements HclExpression {
        public Reference {
            path = List.copyOf(path);
        }
    }

    record Call(String function, List<HclExpression> arguments, Span span) implements HclExpression {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** An expression with operators, a conditional, a for expression, a splat...: not evaluated. */
    record Opaque(String text, Span span) implements HclExpression {}
}
