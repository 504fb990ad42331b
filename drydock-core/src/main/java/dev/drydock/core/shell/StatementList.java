package dev.drydock.core.shell;

import dev.drydock.core.source.Span;
import java.util.List;

/**
 * A sequence of and-or lists separated by {@code ;}, {@code &} or newlines: a whole script, or the
 * body of a subshell, group, branch, loop or command substitution.
 */
public record StatementList(List<AndOrList> items, Span span) {

    public StatementList {
        items = List.copyOf(items);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
