package dev.drydock.core.rules.support;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.CodePorts.CodePort;
import java.util.List;
import java.util.Optional;

/**
 * Where a container's server listens, when it can be told: the ports its command sets, else those the
 * application's own server starts bind (code or configuration).
 *
 * @param code the first server start of the application when the ports come from it, else null
 */
public record ListeningPorts(List<Integer> ports, String server, CodePort code) {

    public static Optional<ListeningPorts> of(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null) {
            return Optional.empty();
        }
        List<Integer> command = AppFacts.commandPorts(ep);
        if (!command.isEmpty()) {
            return Optional.of(new ListeningPorts(command, AppFacts.serverName(ep), null));
        }
        List<CodePort> code = CodePorts.of(c, Apps.of(context, c));
        return code.isEmpty() ? Optional.empty()
                : Optional.of(new ListeningPorts(code.stream().map(CodePort::port).distinct().toList(),
                        code.get(0).describe(), code.get(0)));
    }

    /** Why the code listens there, when it takes the port from a variable the environment leaves unset. */
    public String why() {
        return code == null || code.unsetVariable() == null ? "" : " (the code reads " + code.unsetVariable()
                + ", which the container's environment does not set, and defaults to " + code.port() + ")";
    }

    /** The environment variable the code reads its port from, or null. */
    public String variable() {
        return code == null ? null : code.call().portVariable();
    }

    /** The other way out than moving the published port: set the variable the code reads, or change the server. */
    public String orElse(String serviceName, int published) {
        if (variable() != null) {
            return ", or set " + variable() + "=" + published + " in the environment of " + serviceName;
        }
        if (code != null) {
            return ", or make `" + code.call().call() + "` (" + code.call().file() + ":" + code.call().line()
                    + ") listen on " + published;
        }
        return ", or make " + server + " listen on " + published;
    }
}
