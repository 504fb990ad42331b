package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.Framework;
import dev.drydock.core.app.ServerCall;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.List;

/**
 * A framework's management endpoints on a server of their own, asked for on the application's port: Spring Boot's
 * actuator moved by management.server.port, Micronaut's management endpoints moved by endpoints.all.port. The
 * framework then serves its health endpoint only on the management port, so the application's port answers 404.
 *
 * @param framework the framework whose management server it is
 * @param health    the health endpoint's path the probe asks for (or one below it)
 * @param call      the setting that moved the endpoints
 * @param port      the management server's port
 */
public record ManagementPort(Framework framework, String health, ServerCall call, int port) {

    /** How SpringServer and MicronautServer name the management endpoints' own server. */
    private static final List<String> SERVERS = List.of("Spring Boot's actuator server", "Micronaut's management server");

    /**
     * The management server a request of {@code path} on port {@code probed} misses: the path is the health endpoint's
     * (or below it), the application's own server listens on {@code probed} and the management server on another
     * port; null otherwise.
     */
    public static ManagementPort probed(ReviewContext context, Container c, String path, int probed) {
        AppSource app = Apps.of(context, c);
        String health = app.routes().healthModulePath().orElse(null);
        Framework framework = app.frameworks().contains(Framework.SPRING_BOOT) ? Framework.SPRING_BOOT
                : app.frameworks().contains(Framework.MICRONAUT) ? Framework.MICRONAUT : null;
        if (framework == null || health == null || !under(path, health)) {
            return null;
        }
        List<CodePorts.CodePort> ports = CodePorts.of(context.project(), c, app);
        CodePorts.CodePort management = ports.stream().filter(p -> managementServer(p.call())).findFirst().orElse(null);
        boolean onServer = ports.stream().anyMatch(p -> p.port() == probed && !managementServer(p.call()));
        if (management == null || management.port() == probed || !onServer) {
            return null;
        }
        return new ManagementPort(framework, health, management.call(), management.port());
    }

    /** Why a request on port {@code probed} fails, after "requests PATH on port N, ". */
    public String explained(int probed) {
        String setting = call.call() + (call.file() == null ? "" : " in " + call.file()
                + (call.line() > 0 ? ":" + call.line() : ""));
        return framework == Framework.SPRING_BOOT
                ? "Spring Boot's embedded server, but " + setting + " gives the actuator a server of its own on port "
                        + port + ": Spring Boot serves the actuator's endpoints (" + health + " among them) only there,"
                        + " so port " + probed + " answers 404 and every probe fails"
                : "Micronaut's HTTP server, but " + setting + " gives the management endpoints a server of their own"
                        + " on port " + port + ": Micronaut serves " + health + " (and the other management endpoints)"
                        + " only there, so port " + probed + " answers 404 and every probe fails";
    }

    /** "actuator's port" or "management port", for "Probe the ...". */
    public String portName() {
        return framework == Framework.SPRING_BOOT ? "actuator's port" : "management port";
    }

    private static boolean managementServer(ServerCall call) {
        return SERVERS.stream().anyMatch(call.server()::startsWith);
    }

    /** Whether {@code path} is {@code endpoint} or below it, trailing slashes aside. */
    private static boolean under(String path, String endpoint) {
        String p = path.replaceAll("/+$", "");
        String e = endpoint.replaceAll("/+$", "");
        return p.equals(e) || p.startsWith(e + "/");
    }
}
