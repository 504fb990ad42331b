package dev.drydock.core.rules.support;

import dev.drydock.core.source.Span;
import java.util.Collection;

/** Span arithmetic for pointing at several words at once. */
public final class Spans {

    private Spans() {}

    /** The smallest span covering both. */
    public static Span cover(Span a, Span b) {
        Span first = a.start() <= b.start() ? a : b;
        Span last = a.end() >= b.end() ? a : b;
        return new Span(first.start(), last.end(), first.startLine(), first.startColumn(), last.endLine(),
                last.endColumn());
    }

    /** The smallest span covering all of them; null for none. */
    public static Span cover(Collection<Span> spans) {
        Span out = null;
        for (Span s : spans) {
            out = out == null ? s : cover(out, s);
        }
        return out;
    }
}
