package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.ServerCall;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ports the application's own code listens on when the command sets none: Express's {@code app.listen(3000)},
 * Flask's {@code app.run(port=5000)} run as a script, each resolved against the container's environment when the
 * code reads its port from a variable.
 */
public final class CodePorts {

    private static final Pattern PORT_NUMBER = Pattern.compile("\\d{1,5}");

    /**
     * One server start of the code and the port it listens on in this container.
     *
     * @param unsetVariable the variable the code reads its port from when the environment does not set it (the
     *     port is then the code's default), else null
     */
    public record CodePort(ServerCall call, int port, String unsetVariable) {

        /** The server and where the code starts it: {@code Node's HTTP server (app.listen) at server.js:12}. */
        public String describe() {
            return call.server() + " at " + call.file() + ":" + call.line();
        }
    }

    private CodePorts() {}

    /**
     * Every server start of the code with the port it listens on, or an empty list when the command sets a port,
     * when the code starts no server, or when the port of any start cannot be told (an expression, a variable
     * set to something else than a number, a variable an env_file may set).
     */
    public static List<CodePort> of(Container c, AppSource app) {
        EntryPoint ep = c.entryPoint();
        if (ep == null || app == null || app.serverCalls().isEmpty() || !AppFacts.commandPorts(ep).isEmpty()
                || AppFacts.portVariable(ep) != null) {
            return List.of();
        }
        boolean envFiles = c.service() != null && !c.service().envFiles().isEmpty();
        List<CodePort> out = new ArrayList<>();
        for (ServerCall call : app.serverCalls()) {
            String variable = call.portVariable();
            String value = variable == null ? null : ep.environment().get(variable);
            if (value != null) {
                if (!PORT_NUMBER.matcher(value.strip()).matches()) {
                    return List.of();
                }
                out.add(new CodePort(call, Integer.parseInt(value.strip()), null));
            } else if (call.port() == null || variable != null && envFiles) {
                return List.of();
            } else {
                out.add(new CodePort(call, call.port(), variable));
            }
        }
        return out;
    }
}
