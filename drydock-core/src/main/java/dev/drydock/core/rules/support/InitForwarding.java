package dev.drydock.core.rules.support;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Wrapper;
import java.util.Optional;

/**
 * The init that runs in front of a container's shell (tini, dumb-init, catatonit) and whether it passes
 * docker stop's signal to the shell's whole process group, so to the program the shell started, or to the
 * shell alone.
 *
 * @param init the init's name
 * @param wholeGroup whether the signal reaches every process of the group: dumb-init unless
 *     {@code --single-child} (or DUMB_INIT_SETSID=0), tini and catatonit with {@code -g}
 */
public record InitForwarding(String init, boolean wholeGroup) {

    /** The init in front of the first shell the entry point goes through, if any. */
    public static Optional<InitForwarding> beforeShell(EntryPoint ep) {
        for (Wrapper w : ep.wrappers()) {
            switch (w.name()) {
                case "dumb-init" -> {
                    boolean single = w.args().contains("-c") || w.args().contains("--single-child")
                            || "0".equals(ep.environment().get("DUMB_INIT_SETSID"));
                    return Optional.of(new InitForwarding(w.name(), !single));
                }
                case "tini", "catatonit" -> {
                    String groupVariable = ep.environment().get("TINI_KILL_PROCESS_GROUP");
                    boolean group = w.args().contains("-g")
                            || w.name().equals("tini") && groupVariable != null && !groupVariable.isEmpty();
                    return Optional.of(new InitForwarding(w.name(), group));
                }
                default -> {
                    if (w.name().endsWith(" -c")) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }
}
