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
 * The program an image's own ENTRYPOINT (or CMD, when it sets no ENTRYPOINT or one that is only an init process
 * such as {@code ["tini", "--"]}) starts and the folder it starts in:
 * an exec form's first word, or a shell form's first command after the {@code cd}s that lead to it
 * ({@code cd /srv && ./run.sh} runs ./run.sh in /srv).
 *
 * @param spec the instruction that names the program
 * @param program the program as written
 * @param directory the folder it starts in
 * @param init the init process of the ENTRYPOINT that starts the CMD's program ({@code tini}), or null
 */
public record ContainerStart(CommandSpec spec, String program, String directory, String init) {

    /**
     * What the image's own command starts, when some container of the image runs it (compose may set its own
     * entrypoint); empty when nothing sets one, or a cd or the program cannot be told.
     */
    public static java.util.Optional<ContainerStart> of(BuiltImage image) {
        Stage stage = image.stage();
        CommandSpec entrypoint = stage.config().entrypoint();
        boolean throughInit = entrypoint != null && initOnly(entrypoint) && stage.config().cmd() != null;
        CommandSpec spec = entrypoint != null && !throughInit ? entrypoint : stage.config().cmd();
        String init = throughInit ? PathNames.fileName(entrypoint.arguments().get(0)) : null;
        if (spec == null || !runByDockerfile(image)) {
            return java.util.Optional.empty();
        }
        String workdir = stage.config().workdir() == null ? "/" : stage.config().workdir().value();
        return java.util.Optional.ofNullable(start(image, spec, workdir, init));
    }

    /** Init processes that run their arguments as the program: tini, dumb-init, catatonit, docker-init. */
    private static final java.util.Set<String> INITS = java.util.Set.of("tini", "tini-static", "dumb-init", "catatonit",
            "docker-init");

    /** Their options that take the next word as a value (tini -p SIGTERM, dumb-init -r 15:3). */
    private static final java.util.Set<String> INIT_VALUES = java.util.Set.of("-p", "-e", "-r", "--rewrite");

    /**
     * Whether an exec-form ENTRYPOINT is an init process and its options alone ({@code ["/tini", "--"]}), so that
     * the program is the CMD's, which the init looks up in PATH as the runtime would.
     */
    private static boolean initOnly(CommandSpec entrypoint) {
        List<String> args = entrypoint.arguments();
        if (!entrypoint.execForm() || args.isEmpty() || !INITS.contains(PathNames.fileName(args.get(0)))) {
            return false;
        }
        for (int i = 1; i < args.size(); i++) {
            String word = args.get(i);
            if (word.equals("--")) {
                return i == args.size() - 1;
            }
            if (!word.startsWith("-")) {
                return false;
            }
            i += INIT_VALUES.contains(word) ? 1 : 0;
        }
        return true;
    }

    /**
     * {@code argv} without a leading init process and its options ({@code tini -- node server.js} gives {@code node
     * server.js}); argv itself when it starts with another program.
     */
    public static List<String> withoutInit(List<String> argv) {
        if (argv.isEmpty() || !INITS.contains(PathNames.fileName(argv.get(0)))) {
            return argv;
        }
        int i = 1;
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            if (argv.get(i).equals("--")) {
                i++;
                break;
            }
            i += INIT_VALUES.contains(argv.get(i)) ? 2 : 1;
        }
        return argv.subList(Math.min(i, argv.size()), argv.size());
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

    private static ContainerStart start(BuiltImage image, CommandSpec spec, String workdir, String init) {
        if (spec.execForm()) {
            return spec.arguments().isEmpty() ? null : new ContainerStart(spec, spec.arguments().get(0), workdir, init);
        }
        ShellScript script = image.model().script(spec).orElse(null);
        String directory = workdir;
        for (Command command : script == null ? List.<Command>of() : script.commands()) {
            String program = command.program().flatMap(Word::literal).orElse(null);
            if (program == null || !command.scopes().isEmpty() || command.invokedBy().isPresent()) {
                return null;
            }
            if (!command.is("cd")) {
                return new ContainerStart(spec, program, directory, init);
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
