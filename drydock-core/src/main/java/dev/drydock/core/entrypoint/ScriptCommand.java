package dev.drydock.core.entrypoint;

import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Connector;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A top-level command of a {@link SimpleScript}.
 *
 * @param words its words after expansion and quote removal
 * @param environment the variables it runs with: the script's, after earlier assignments and
 *     {@code export}s, and its own ({@code A=1 run})
 * @param pipelineStart it is the first command of its pipeline ({@code tee} in {@code app | tee log} is not)
 * @param followedBy how its pipeline is joined to the next one
 * @param command the command of the script it is read from (its place in the file, its {@code exec})
 */
record ScriptCommand(List<String> words, Map<String, String> environment, boolean pipelineStart, Connector followedBy,
        Command command) {

    ScriptCommand {
        words = List.copyOf(words);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
