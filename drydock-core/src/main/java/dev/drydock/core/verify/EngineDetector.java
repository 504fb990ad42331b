package dev.drydock.core.verify;

import java.util.List;
import java.util.Optional;

/**
 * Finds the container engine to use: {@code docker}, then {@code podman}, the first whose CLI is
 * installed and answers {@code version} (a Docker CLI whose daemon is not running does not count).
 */
public final class EngineDetector {

    /** The message when no engine is found, shown as {@code drydock: <message>}. */
    public static final String NO_ENGINE = "no container engine: install Docker or Podman";

    private final List<CliEngine.Kind> order;

    public EngineDetector() {
        this(List.of(CliEngine.Kind.DOCKER, CliEngine.Kind.PODMAN));
    }

    EngineDetector(List<CliEngine.Kind> order) {
        this.order = List.copyOf(order);
    }

    /** @param forced {@code docker} or {@code podman} to use only that one, or null to detect */
    public Optional<ContainerEngine> find(String forced) {
        for (CliEngine.Kind kind : order) {
            if (forced != null && !kind.name().equalsIgnoreCase(forced)) {
                continue;
            }
            CliEngine engine = new CliEngine(kind);
            if (engine.answers()) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }
}
