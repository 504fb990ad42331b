package dev.drydock.core.app;

import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.manifest.DenoConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task {@code deno task NAME} runs: the {@code tasks} entry of the build context root's Deno configuration
 * ({@link DenoConfig}: deno.json, else deno.jsonc), as a string or as an object's {@code command}; without one, Deno
 * runs the package.json script of that name. Deno runs a task's command through its own shell, which reads it as sh would for the commands
 * drydock follows.
 */
public final class DenoTasks {

    private DenoTasks() {}

    /** The task {@code name} of the Deno configuration (or package.json) in {@code dir}, read as a command. */
    public static Optional<NodePackage> task(SourceSet files, String dir, String name, Map<String, String> env,
            String workdir) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<NodePackage> task = files.denoConfig(dir).flatMap(config -> fromConfig(config, name, env, workdir));
        return task.isPresent() ? task : NodePackage.script(files, dir, name, env, workdir);
    }

    /** The task {@code name} of a deno.json(c), read as a command; empty when it has none. */
    static Optional<NodePackage> fromConfig(DenoConfig config, String name, Map<String, String> env, String workdir) {
        DenoConfig.Task task = config.tasks().get(name);
        if (task == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NodePackage(config.path(), name, task.command(), task.span(),
                    EntryPoints.interpret(List.of(task.command()), true, env, workdir)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
