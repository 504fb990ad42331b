package dev.drydock.core.rules.support;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.Optional;

/**
 * The queue worker or scheduler a container runs: its own command, or the program its start script ends with
 * ({@code command: ["/usr/local/bin/queue.sh"]} whose script runs {@code exec php artisan queue:work} after its
 * setup steps).
 *
 * @param entryPoint the worker's command
 * @param script the start script that runs it (a project path), or null when the container's command is the worker
 * @param pid1 whether the worker is the container's main process: the command itself, or exec'd by the script
 */
public record WorkerCommand(EntryPoint entryPoint, String script, boolean pid1) {

    public static Optional<WorkerCommand> of(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null) {
            return Optional.empty();
        }
        if (worker(ep) && ep.startedBy() == null) {
            return Optional.of(new WorkerCommand(ep, null, true));
        }
        return AppFacts.startScript(context, c).flatMap(start -> {
            EntryPoint started = start.started().withoutOtherCommands();
            return worker(started) ? Optional.of(new WorkerCommand(started, start.file().path(),
                    start.started().wrappedBy("exec"))) : Optional.empty();
        });
    }

    private static boolean worker(EntryPoint ep) {
        return TaskWorkers.of(ep).isPresent() || TaskWorkers.scheduler(ep).isPresent();
    }

    /** Where the worker is started, for messages: nothing for the command, else " (from its start script PATH)". */
    public String from() {
        return script == null ? "" : " (from its start script " + script + ")";
    }
}
