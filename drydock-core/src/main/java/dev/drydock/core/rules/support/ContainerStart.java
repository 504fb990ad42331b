package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.List;

/**
 * The program an image's own ENTRYPOINT (or CMD, when it sets no ENTRYPOINT) starts and the folder it starts in:
 * an exec form's first word, or a shell form's first command after the {@code cd}s that lead to it
 * ({@code cd /srv && ./run.sh} runs ./run.sh in /srv).
 *
 * @param spec the instruction that names the program
 * @param program the program as written
 * @param directory the folder it starts in
 */
public record ContainerStart(CommandSpec spec, String program, String directory) {

    /**
     * What the image's own command starts, when some container of the image runs it (compose may set its own
     * entrypoint); empty when nothing sets one, or a cd or the program cannot be told.
     */
    public static java.util.Optional<ContainerStart> of(BuiltImage image) {
        Stage stage = image.stage();
        CommandSpec spec = stage.config().entrypoint() != null ? stage.config().entrypoint() : stage.config().cmd();
        if (spec == null || !runByDockerfile(image)) {
            return java.util.Optional.empty();
        }
        String workdir = stage.config().workdir() == null ? "/" : stage.config().workdir().value();
        return java.util.Optional.ofNullable(start(image, spec, workdir));
    }

    /** Whether the spec is in exec form, so the program is looked up by the runtime rather than by a shell. */
    public boolean execForm() {
        return spec.execForm();
    }

    /** Whether some container runs the command the Dockerfile sets (compose may set its own). */
    private static boolean runByDockerfile(BuiltImage image) {
        for (Container container : image.containers()) {
            var command = container.command();
            if (command != null && command.origin() != null && image.dockerfile().equals(command.origin().file())) {
                return true;
            }
        }
        return false;
    }

    private static ContainerStart start(BuiltImage image, CommandSpec spec, String workdir) {
        if (spec.execForm()) {
            return spec.arguments().isEmpty() ? null : new ContainerStart(spec, spec.arguments().get(0), workdir);
        }
        ShellScript script = image.model().script(spec).orElse(null);
        String directory = workdir;
        for (Command command : script == null ? List.<Command>of() : script.commands()) {
            String program = command.program().flatMap(Word::literal).orElse(null);
            if (program == null || !command.scopes().isEmpty() || command.invokedBy().isPresent()) {
                return null;
            }
            if (!command.is("cd")) {
                return new ContainerStart(spec, program, directory);
            }
            String folder = command.arguments().size() == 1 ? command.arguments().get(0).literal().orElse("") : "";
            if (folder.isEmpty() || folder.startsWith("~") || folder.startsWith("-")) {
                return null;
            }
            directory = PathNames.normalizeAbsolute(directory, folder);
        }
        return null;
    }
}
