package dev.drydock.core.entrypoint;

import java.util.List;

/**
 * A program drydock saw through on the way to the application: {@code tini}, {@code gosu},
 * {@code sh -c}, {@code env}, {@code opentelemetry-instrument}, an entry-point script, ... with the
 * arguments that belonged to it ({@code gosu app} has ["app"]; {@code sh -c} has the script).
 */
public record Wrapper(String name, List<String> args) {

    public Wrapper {
        args = List.copyOf(args);
    }
}
