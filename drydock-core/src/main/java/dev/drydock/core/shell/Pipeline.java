package dev.drydock.core.shell;

import dev.drydock.core.source.Span;
import java.util.List;

/**
 * Commands joined by {@code |} (or bash's {@code |&}), possibly negated with {@code !}.
 *
 * @param negated starts with {@code !}
 * @param commands at least one
 * @param operators {@link Operator#PIPE} or {@link Operator#PIPE_ALL}, one between each two commands
 */
public record Pipeline(boolean negated, List<CommandNode> commands, List<Operator> operators, Span span) {

    public Pipeline {
        commands = List.copyOf(commands);
        operators = List.copyOf(operators);
    }
}
