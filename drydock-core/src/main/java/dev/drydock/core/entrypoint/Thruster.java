package dev.drydock.core.entrypoint;

import java.util.List;
import java.util.Map;

/**
 * Thruster ({@code thrust CMD...}, the Rails 8 template's {@code ./bin/thrust ./bin/rails server}): an HTTP proxy
 * that takes no options of its own, starts the rest of its arguments as a child with PORT set to its target port,
 * proxies its HTTP port to {@code localhost:TARGET_PORT}, and relays SIGTERM and SIGINT to the child. Each setting
 * is read from THRUSTER_NAME when that is set, else from NAME; a value that is not a number leaves the default.
 */
public final class Thruster {

    /** The program's name, and the name of the wrapper {@link EntryPoints} records for it. */
    public static final String NAME = "thrust";
    public static final int DEFAULT_HTTP_PORT = 80;
    public static final int DEFAULT_TARGET_PORT = 3000;

    private Thruster() {}

    /** Whether the command runs behind Thruster. */
    public static boolean fronts(EntryPoint ep) {
        return ep != null && ep.wrappedBy(NAME);
    }

    /** The port Thruster listens on for HTTP: HTTP_PORT, 80 by default. */
    public static int httpPort(Map<String, String> environment) {
        return setting(environment, "HTTP_PORT", DEFAULT_HTTP_PORT);
    }

    /** The port Thruster proxies to and gives its child as PORT: TARGET_PORT, 3000 by default. */
    public static int targetPort(Map<String, String> environment) {
        return setting(environment, "TARGET_PORT", DEFAULT_TARGET_PORT);
    }

    /** The variable that sets the HTTP port in this environment (THRUSTER_HTTP_PORT or HTTP_PORT), or null. */
    public static String httpPortVariable(Map<String, String> environment) {
        return variable(environment, "HTTP_PORT");
    }

    private static int setting(Map<String, String> environment, String name, int defaultValue) {
        String variable = variable(environment, name);
        String value = variable == null ? null : environment.get(variable).strip();
        return value != null && value.matches("\\d{1,5}") ? Integer.parseInt(value) : defaultValue;
    }

    private static String variable(Map<String, String> environment, String name) {
        for (String variable : List.of("THRUSTER_" + name, name)) {
            if (environment.get(variable) != null) {
                return variable;
            }
        }
        return null;
    }
}
