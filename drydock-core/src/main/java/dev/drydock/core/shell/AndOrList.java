package dev.drydock.core.shell;

import dev.drydock.core.source.Span;
import java.util.List;

/**
 * Pipelines joined by {@code &&} and {@code ||}, e.g. {@code apt-get update && apt-get install -y x}.
 *
 * @param pipelines at least one
 * @param operators {@link Operator#AND} or {@link Operator#OR}, one between each two pipelines
 * @param separator what ends it: {@link Operator#SEMICOLON}, {@link Operator#BACKGROUND},
 *     {@link Operator#NEWLINE}, or null at the end of a list
 * @param span the pipelines, separator excluded
 */
public record AndOrList(List<Pipeline> pipelines, List<Operator> operators, Operator separator, Span span) {

    public AndOrList {
        pipelines = List.copyOf(pipelines);
        operators = List.copyOf(operators);
    }

    /** Ends with {@code &}. */
    public boolean background() {
        return separator == Operator.BACKGROUND;
    }
}
