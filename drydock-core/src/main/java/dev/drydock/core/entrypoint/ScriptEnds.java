package dev.drydock.core.entrypoint;

import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import java.util.List;

/**
 * Where a start script may end: the last command of each way through it, walked as the command reader walks the
 * script (function calls, the branches of an {@code if} or {@code case}, case fall-through, sourced dotenv files), in
 * script order. There the script's shell waits for the command unless it is exec'd.
 */
public final class ScriptEnds {

    private ScriptEnds() {}

    /**
     * The final commands of a script the entry point runs, read with the entry point's environment and working
     * directory (any variable it leaves unset may be set where the container runs); see
     * {@link SimpleScript#finalCommands}.
     */
    public static List<Command> of(ShellScript script, EntryPoint ep, ScriptFiles files) {
        return SimpleScript.finalCommands(script, ep.environment(), ep.workdir(), files);
    }
}
