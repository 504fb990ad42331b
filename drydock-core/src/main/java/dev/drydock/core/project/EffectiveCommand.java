package dev.drydock.core.project;

import java.util.ArrayList;
import java.util.List;

/**
 * The command a container finally runs, as the engine assembles it: the ENTRYPOINT (Dockerfile or
 * compose {@code entrypoint}) followed by the CMD (Dockerfile or compose {@code command}). Which program that
 * starts is the {@link dev.drydock.core.entrypoint.EntryPoint}'s to say: an entry-point script that never reads its
 * arguments runs its own program, and the CMD never runs ({@link dev.drydock.core.entrypoint.EntryPoint#commandIgnoredBy()}).
 *
 * @param entrypoint the entrypoint's argv, empty when none
 * @param cmd the command's argv, empty when none (or ignored after a shell-form entrypoint)
 * @param shellForm whether the part that decides the program runs through a shell: a Dockerfile
 *     shell-form ENTRYPOINT, or a shell-form CMD with no entrypoint ({@code /bin/sh -c "..."})
 * @param script the shell text of a shell-form command, else null
 * @param entrypointOrigin where the entrypoint was set, or null
 * @param cmdOrigin where the command was set, or null
 * @param entrypointImage the base image whose own ENTRYPOINT the container runs, when neither the Dockerfile nor
 *     compose sets one ({@code gcr.io/distroless/java21-debian12}, whose ENTRYPOINT is {@code java -jar}); else null
 */
public record EffectiveCommand(List<String> entrypoint, List<String> cmd, boolean shellForm, String script,
        Origin entrypointOrigin, Origin cmdOrigin, String entrypointImage) {

    public EffectiveCommand {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
    }

    /** ENTRYPOINT followed by CMD: what PID 1 is started with. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>(entrypoint);
        argv.addAll(cmd);
        return argv;
    }

    /**
     * The origin of the part that names the program: the entrypoint when the project writes one, else the command
     * (also when the entrypoint is the base image's own, which no file of the project holds).
     */
    public Origin origin() {
        return entrypoint.isEmpty() || entrypointImage != null ? cmdOrigin : entrypointOrigin;
    }

    /**
     * The origin of the part that holds {@code word}, the program a wrapper entrypoint (tini --, bundle exec, a
     * script that ends in exec "$@") starts: the command's when it holds the word and the entrypoint does not, else
     * {@link #origin()}.
     */
    public Origin originOf(String word) {
        if (cmdOrigin != null && word != null && !entrypoint.contains(word)
                && cmd.stream().anyMatch(a -> a.equals(word) || a.endsWith("/" + word))) {
            return cmdOrigin;
        }
        return origin();
    }

    /** Whether the entrypoint comes from the base image rather than from the Dockerfile or compose file. */
    public boolean inheritsEntrypoint() {
        return entrypointImage != null;
    }

    public boolean isEmpty() {
        return entrypoint.isEmpty() && cmd.isEmpty();
    }
}
