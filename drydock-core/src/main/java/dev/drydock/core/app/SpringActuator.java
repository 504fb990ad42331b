package dev.drydock.core.app;

import dev.drydock.core.manifest.Dependency;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spring Boot application's actuator: whether {@code spring-boot-starter-actuator} is a dependency,
 * and where its health endpoint is, from the module's {@link SpringConfig}
 * ({@code management.endpoints.web.base-path}, {@code path-mapping.health}, probes, exposure). Only the actuator's paths are claimed here; {@link SpringRoutes} adds the controllers'.
 */
final class SpringActuator {

    private SpringActuator() {}

    /** The actuator's routes under the module's configuration. */
    static Routes routes(SpringModule module, SpringConfig props) {
        Dependency actuator = module.actuator();
        String base = props.first("/actuator", "management.endpoints.web.base-path");
        if (!base.startsWith("/")) {
            base = "/" + base;
        }
        String prefix = contextPath(props);
        String root = null;
        if (!prefix.isEmpty() && !prefix.equals("/")) {
            prefix = prefix.startsWith("/") ? prefix : "/" + prefix;
            base = PythonApps.join(prefix, base);
            root = props.has("management.server.port") ? null : prefix;
        }
        List<Route> routes = new ArrayList<>();
        List<String> opaque = new ArrayList<>();
        String health = PythonApps.join(base, props.first("health", "management.endpoints.web.path-mapping.health"));
        if (actuator != null && enabled(props)) {
            String include = props.first("health", "management.endpoints.web.exposure.include");
            if (include.contains("*")) {
                opaque.add(base);
            }
            for (String id : include.split(",")) {
                String e = id.strip();
                if (!e.isEmpty() && !e.equals("*") && !e.equals("health")) {
                    opaque.add(PythonApps.join(base, e));
                }
            }
            String file = module.fileOf(actuator);
            int line = actuator.line();
            if (truthy(props.value("management.endpoint.health.probes.enabled").orElse(null))
                    || truthy(props.value("management.health.probes.enabled").orElse(null))) {
                routes.add(new Route("GET", health + "/liveness", false, file, line, Handler.constant("liveness", file, line,
                        "Spring Boot's liveness group reports only the application's internal state"), Framework.SPRING_BOOT));
                routes.add(new Route("GET", health + "/readiness", false, file, line, Handler.checking("readiness", file,
                        line, "Spring Boot's readiness group reports whether the application accepts traffic"),
                        Framework.SPRING_BOOT));
            }
            routes.add(new Route("GET", health, false, file, line, Handler.checking("health", file, line,
                    "Spring Boot's health endpoint aggregates every health indicator (database, disk space, ...)"),
                    Framework.SPRING_BOOT));
            opaque.add(health + "/"); // components and groups: /actuator/health/db
        }
        return new Routes(true, routes, opaque, List.of(base), root).withHealthModule(health);
    }

    /**
     * The path the actuator's base path is under: the application's context path (server.servlet.context-path, or
     * WebFlux's spring.webflux.base-path) and the dispatcher servlet's path (spring.mvc.servlet.path), which the
     * actuator's MVC endpoints are mapped under too, on the application's port, the management server's own base path when
     * management.server.port gives the actuator a port of its own.
     */
    private static String contextPath(SpringConfig props) {
        if (props.has("management.server.port")) {
            return props.first("", "management.server.base-path", "management.server.servlet.context-path");
        }
        String context = props.first("", CONTEXT_PATH);
        if (context.isEmpty()) {
            context = props.first("", WEBFLUX_BASE_PATH);
        }
        String servlet = props.first("", SERVLET_PATH);
        return servlet.isEmpty() || servlet.equals("/") ? context
                : PythonApps.join(context.isEmpty() ? "/" : context, servlet.replaceAll("/\\*+$", ""));
    }

    private static boolean enabled(SpringConfig props) {
        String access = props.value("management.endpoint.health.access").orElse(null);
        if (access != null && access.strip().equalsIgnoreCase("none")) {
            return false;
        }
        String health = props.value("management.endpoint.health.enabled").orElse(null);
        if (health != null) {
            return truthy(health);
        }
        String all = props.value("management.endpoints.enabled-by-default").orElse(null);
        String exclude = props.value("management.endpoints.web.exposure.exclude").orElse("");
        return (all == null || truthy(all)) && !List.of(exclude.split("\\s*,\\s*")).contains("health")
                && !exclude.contains("*");
    }

    private static boolean truthy(String v) {
        return v != null && v.strip().equalsIgnoreCase("true");
    }

    /** The servlet context path's keys (Spring Boot 2 and later, then 1), the dispatcher servlet's, and WebFlux's base path. */
    static final String[] CONTEXT_PATH = {"server.servlet.context-path", "server.context-path"};
    static final String[] SERVLET_PATH = {"spring.mvc.servlet.path", "server.servlet.path", "server.servlet-path"};
    static final String[] WEBFLUX_BASE_PATH = {"spring.webflux.base-path"};
}
