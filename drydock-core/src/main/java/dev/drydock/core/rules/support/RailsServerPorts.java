package dev.drydock.core.rules.support;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.Map;
import java.util.Optional;

/**
 * The port `rails server` listens on: its -p, else PORT, else the port config/puma.rb of the build context sets, else
 * 3000. Empty for other commands and when puma.rb binds addresses itself or sets a port that cannot be read.
 */
public final class RailsServerPorts {

    public static final int DEFAULT_PORT = 3000;

    /** The port and why the server listens there. */
    public record Served(int port, String because) {}

    private RailsServerPorts() {}

    /** The port of the container's `rails server`, with {@code env} as the environment it starts in. */
    public static Optional<Served> of(ReviewContext context, Container c, Map<String, String> env) {
        EntryPoint ep = c.entryPoint();
        if (ep == null || ep.runtime() != Runtime.RAILS_SERVER) {
            return Optional.empty();
        }
        Integer option = number(ep.option("port"));
        if (option != null) {
            return Optional.of(new Served(option, "its -p"));
        }
        if (env.containsKey("PORT")) {
            Integer variable = number(env.get("PORT"));
            return variable == null ? Optional.empty() : Optional.of(new Served(variable, "PORT=" + variable));
        }
        if (c.build() == null) {
            return Optional.empty();
        }
        Optional<PumaBinds.ConfiguredPort> puma = PumaBinds.railsConfigPort(context, c);
        if (puma.isEmpty()) {
            return Optional.of(new Served(DEFAULT_PORT, "rails server's default"));
        }
        Integer port = puma.get().port();
        return port == null ? Optional.empty()
                : Optional.of(new Served(port, "the port of config/puma.rb, as PORT is not set"));
    }

    private static Integer number(String value) {
        return value != null && value.strip().matches("\\d{1,5}") ? Integer.valueOf(value.strip()) : null;
    }
}
