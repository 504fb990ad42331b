package dev.drydock.core.image;

import dev.drydock.core.dockerfile.model.BaseImage;
import java.util.List;

/**
 * TorchServe's images ({@code pytorch/torchserve}). Their ENTRYPOINT is {@code /usr/local/bin/dockerd-entrypoint.sh}
 * (a bash script) and their CMD {@code serve}: given {@code serve} first, the script runs
 * {@code torchserve --start --ts-config /home/model-server/config.properties} (which forks into the background) and
 * ignores the other arguments; given anything else it runs its arguments with {@code eval "$@"}, without exec. Either
 * way it then runs {@code tail -f /dev/null} "to prevent docker exit": the container stays up, and its main process is
 * that bash script, which neither ends when the server dies nor passes docker stop's SIGTERM on.
 */
public final class TorchServeImages {

    private TorchServeImages() {}

    private static final String NAME = "docker.io/pytorch/torchserve";

    /** The image's ENTRYPOINT. */
    public static final String ENTRYPOINT = "/usr/local/bin/dockerd-entrypoint.sh";

    /** The first argument with which the entry-point script starts TorchServe itself, ignoring the others. */
    public static final String SERVE = "serve";

    /** What the entry-point script runs for {@link #SERVE}. */
    public static final List<String> SERVE_COMMAND = List.of("torchserve", "--start", "--ts-config",
            "/home/model-server/config.properties");

    /** What the entry-point script runs last, after the server has started. */
    public static final String KEEP_ALIVE = "tail -f /dev/null";

    /** Whether the base image is one of TorchServe's. */
    public static boolean is(BaseImage base) {
        return base instanceof BaseImage.External external && external.reference() != null
                && external.reference().isImage() && NAME.equals(external.reference().fullName());
    }

    /** The program the entry-point script runs given {@code cmd}: TorchServe's own start for {@link #SERVE}, else cmd. */
    public static List<String> started(List<String> cmd) {
        return !cmd.isEmpty() && cmd.get(0).equals(SERVE) ? SERVE_COMMAND : cmd;
    }

    /**
     * The entry-point script followed by {@code --} and the program it runs, as a wrapper that runs the command after
     * {@code --} is read: the script runs it, not exec'ing it.
     */
    public static List<String> throughEntrypoint(List<String> cmd) {
        List<String> argv = new java.util.ArrayList<>(List.of(ENTRYPOINT, "--"));
        argv.addAll(started(cmd));
        return List.copyOf(argv);
    }

    /** Whether a command's entrypoint is TorchServe's entry-point script. */
    public static boolean runsEntrypoint(List<String> entrypoint) {
        return entrypoint.equals(List.of(ENTRYPOINT));
    }
}
