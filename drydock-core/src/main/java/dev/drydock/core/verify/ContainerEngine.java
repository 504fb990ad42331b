package dev.drydock.core.verify;

import java.time.Duration;
import java.util.List;

/** A container engine drydock verify builds and runs images with. */
public interface ContainerEngine {

    /** {@code docker} or {@code podman}. */
    String name();

    CommandResult build(BuildRequest request, Duration timeout);

    /** The image's configuration; throws {@link EngineException} when it cannot be read. */
    ImageInfo inspectImage(String tag);

    /** Starts a container in the background; returns its id. Throws {@link EngineException} when it does not start. */
    String run(RunSpec spec);

    /** Runs a program in a running container, as {@code user} (null: the container's user). */
    CommandResult exec(String container, String user, List<String> argv);

    ContainerState state(String container);

    /**
     * Brings the health status up to date and returns the state: Podman without systemd runs no probes
     * by itself, so this runs one; Docker probes on its own schedule and this only reads the state.
     */
    ContainerState probeHealth(String container);

    /** Sends SIGTERM, then SIGKILL after {@code grace}; returns when the container has stopped. */
    CommandResult stop(String container, Duration grace);

    /** The container's last log lines. */
    List<String> logs(String container, int lines);

    void removeContainer(String container);

    void removeImage(String tag);
}
