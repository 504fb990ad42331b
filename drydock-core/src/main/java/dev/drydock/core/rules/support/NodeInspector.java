package dev.drydock.core.rules.support;

import dev.drydock.core.app.NodePackage;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Node.js inspector a container opens to every network: {@code --inspect}, {@code --inspect-brk} or
 * {@code --inspect-wait} with the host 0.0.0.0 (or ::), on node's command line or one nodemon or ts-node passes on,
 * in the container's command or the package.json script a package manager runs for it ({@code npm run start-watch}
 * running {@code nodemon src/index.js --inspect=0.0.0.0:9229}). Whoever reaches the inspector's port runs any
 * JavaScript in the process: it is a remote shell. Without a host the inspector listens on 127.0.0.1 only, where a
 * published port does not reach it.
 */
public final class NodeInspector {

    private static final int DEFAULT_PORT = 9229;
    private static final Pattern OPTION = Pattern.compile("--inspect(?:-brk|-wait)?=(\\S+)");

    private NodeInspector() {}

    /**
     * An inspector open to every network.
     *
     * @param port the port it listens on
     * @param option the option as written ({@code --inspect=0.0.0.0:9229})
     * @param command the command line that has it
     */
    public record Open(int port, String option, String command) {}

    /** The inspector the container opens to every network, if any. */
    public static Optional<Open> of(ReviewContext context, Container c) {
        if (c == null || c.command() == null) {
            return Optional.empty();
        }
        List<String> commands = new ArrayList<>();
        commands.add(String.join(" ", c.command().argv()));
        if (c.entryPoint() != null) {
            PackageScripts.of(context, c, c.entryPoint()).map(NodePackage::command).ifPresent(commands::add);
        }
        for (String command : commands) {
            Matcher m = OPTION.matcher(command);
            while (m.find()) {
                String value = m.group(1).replaceAll("[\"']", "");
                int colon = value.lastIndexOf(':');
                String host = colon < 0 ? value : value.substring(0, colon);
                String port = colon < 0 ? "" : value.substring(colon + 1);
                if (!value.contains(":") && value.matches("\\d{1,5}")) {
                    continue; // --inspect=9229: a port alone, on 127.0.0.1
                }
                if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
                    return Optional.of(new Open(port.matches("\\d{1,5}") ? Integer.parseInt(port) : DEFAULT_PORT,
                            m.group(), command));
                }
            }
        }
        return Optional.empty();
    }
}
