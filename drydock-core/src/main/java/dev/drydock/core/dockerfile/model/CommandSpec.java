package dev.drydock.core.dockerfile.model;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.source.MappedText;
import java.util.ArrayList;
import java.util.List;

/**
 * A command of the image configuration (CMD, ENTRYPOINT, HEALTHCHECK CMD, or a RUN): in exec form
 * its JSON elements; in shell form its text, which runs as the arguments of the SHELL in effect.
 *
 * @param instruction where it is written
 * @param execForm whether it is in exec (JSON) form
 * @param arguments the JSON elements in exec form; the one shell text in shell form
 * @param shell the SHELL in effect for the shell form ({@code /bin/sh -c} by default)
 * @param script the shell-form text mapped to the file, followed by the here-documents the
 *     instruction opens (so a shell parser sees {@code cmd <<EOF}, the body and the terminator); null
 *     in exec form
 */
public record CommandSpec(Instruction instruction, boolean execForm, List<String> arguments, List<String> shell,
        MappedText script) {

    public CommandSpec {
        arguments = List.copyOf(arguments);
        shell = List.copyOf(shell);
    }

    /** The shell text of a shell-form command, or null in exec form. */
    public String shellText() {
        return execForm ? null : arguments.get(0);
    }

    /** What the container runtime executes: the exec elements, or the shell followed by the text. */
    public List<String> argv() {
        if (execForm) {
            return arguments;
        }
        List<String> argv = new ArrayList<>(shell);
        argv.addAll(arguments);
        return argv;
    }
}
