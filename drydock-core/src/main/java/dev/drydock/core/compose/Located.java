package dev.drydock.core.compose;

import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.function.Function;

/**
 * A value of the compose model with the YAML node it was read from (and the key it sits under, when it
 * is a mapping value): {@code file()}, {@code span()}, {@code line()}, {@code column()} and
 * {@code keySpan()} say where it was written, in the file that set it (an override file, an extended
 * file, an included file).
 */
public record Located<T>(T value, Node node, ScalarNode key) {

    public static <T> Located<T> of(T value, Node node) {
        return new Located<>(value, node, null);
    }

    public SourceFile file() {
        return node.file();
    }

    public ComposeFile origin() {
        return node.origin();
    }

    public Span span() {
        return node.span();
    }

    /** The key's span, or the value's when the value is not under a key (a list item). */
    public Span keySpan() {
        return key == null ? node.span() : key.span();
    }

    public int line() {
        return node.line();
    }

    public int column() {
        return node.column();
    }

    public <R> Located<R> map(Function<? super T, ? extends R> f) {
        return new Located<>(f.apply(value), node, key);
    }

    /** {@code file:line:column}. */
    public String where() {
        return node.where();
    }

    @Override
    public String toString() {
        return String.valueOf(value) + " @" + where();
    }
}
