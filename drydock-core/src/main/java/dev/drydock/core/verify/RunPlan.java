package dev.drydock.core.verify;

import java.time.Duration;
import java.util.List;

/**
 * How one image is run and what is checked in it.
 *
 * @param spec the container to start
 * @param command the command the container runs (entrypoint and command, overrides applied)
 * @param health the healthcheck in effect, or null when there is none (or it is disabled)
 * @param grace the stop grace period
 * @param workdir the working directory ("" when none)
 * @param writableDirs the directories the runtime user must be able to write, with why
 * @param notes what verification did differently from a real run (placeholders, skipped settings)
 */
public record RunPlan(RunSpec spec, List<String> command, HealthSettings health, Duration grace, String workdir,
        List<WritableDir> writableDirs, List<String> notes) {

    public RunPlan {
        command = List.copyOf(command);
        writableDirs = List.copyOf(writableDirs);
        notes = List.copyOf(notes);
    }

    /** A directory that must be writable, and what asks for it ({@code compose volume}, {@code VOLUME}, {@code mkdir}). */
    public record WritableDir(String path, String reason) {}
}
