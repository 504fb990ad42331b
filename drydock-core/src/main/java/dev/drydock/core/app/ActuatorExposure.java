package dev.drydock.core.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The actuator endpoints of a Spring Boot application that reveal or change its state, as its configuration exposes
 * them over HTTP ({@code management.endpoints.web.exposure.include}, {@code *} or a list, less {@code exclude}).
 *
 * @param include the exposure as written ({@code *}, {@code health,env,heapdump})
 * @param file the file that sets it, or null when the environment does
 * @param line its line in that file (0 when the environment sets it)
 * @param variable the environment variable that sets it ({@code MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE}), or null
 * @param endpoints each sensitive endpoint exposed, with whether the configuration turns it on or off ({@link Access})
 * @param showValues what {@code management.endpoint.env.show-values} (or configprops') says, lower case, or null
 * @param showDetails what {@code management.endpoint.health.show-details} says, lower case, or null
 * @param address {@code management.server.address}, or null
 * @param security whether Spring Security is a dependency (it then protects the actuator's endpoints by default)
 */
public record ActuatorExposure(String include, String file, int line, String variable, Map<String, Access> endpoints,
        String showValues, String showDetails, String address, boolean security) {

    /** Whether the configuration turns an exposed endpoint on ({@code access: unrestricted}), off, or leaves it alone. */
    public enum Access { ON, OFF, DEFAULT }

    /**
     * The endpoints that reveal secrets or the application's internals, or change it: the heap, the environment and
     * configuration properties, thread dumps, log levels (loggers takes POSTs), the log file, Jolokia's JMX bridge and
     * shutdown.
     */
    public static final List<String> SENSITIVE = List.of("heapdump", "env", "configprops", "jolokia", "shutdown",
            "loggers", "threaddump", "logfile");

    public ActuatorExposure {
        endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    /** The exposure from the configuration, or null when it exposes none of the sensitive endpoints. */
    static ActuatorExposure of(SpringModule module, SpringConfig config) {
        if (module.actuator() == null) {
            return null;
        }
        String key = "management.endpoints.web.exposure.include";
        String include = config.value(key).map(String::strip).orElse("");
        Set<String> excluded = ids(config.value("management.endpoints.web.exposure.exclude").orElse(""));
        Set<String> included = ids(include);
        if (included.isEmpty() || excluded.contains("*")) {
            return null;
        }
        String defaultAccess = config.value("management.endpoints.access.default")
                .or(() -> config.value("management.endpoints.enabled-by-default")).map(ActuatorExposure::lower)
                .orElse(null);
        Map<String, Access> endpoints = new LinkedHashMap<>();
        for (String id : SENSITIVE) {
            if ((included.contains("*") || included.contains(id)) && !excluded.contains(id) && exists(id, module, config)) {
                Access access = access(config.value("management.endpoint." + id + ".access")
                        .or(() -> config.value("management.endpoint." + id + ".enabled")).map(ActuatorExposure::lower)
                        .orElse(null));
                if (id.equals("shutdown") && access == Access.ON && config.value("management.endpoint.shutdown.access")
                        .map(ActuatorExposure::lower).filter(a -> a.equals("read-only")).isPresent()) {
                    access = Access.OFF; // shutdown takes a POST, which read-only refuses
                }
                Access all = access(defaultAccess);
                endpoints.put(id, access != Access.DEFAULT ? access : all == Access.OFF ? Access.OFF : Access.DEFAULT);
            }
        }
        endpoints.values().removeIf(a -> a == Access.OFF);
        if (endpoints.isEmpty()) {
            return null;
        }
        SpringConfig.Setting setting = config.setting(key).orElse(null);
        String variable = config.variable(key).orElse(null);
        boolean fromFile = variable == null && setting != null;
        String showValues = config.value("management.endpoint.env.show-values")
                .or(() -> config.value("management.endpoint.configprops.show-values")).map(ActuatorExposure::lower)
                .orElse(null);
        String showDetails = config.value("management.endpoint.health.show-details").map(ActuatorExposure::lower)
                .orElse(null);
        boolean security = module.dependencies().stream().map(d -> d.name().toLowerCase(Locale.ROOT))
                .anyMatch(n -> n.endsWith(":spring-boot-starter-security") || n.startsWith("org.springframework.security:"));
        return new ActuatorExposure(include, fromFile ? setting.file() : null, fromFile ? setting.line() : 0, variable,
                endpoints, showValues, showDetails,
                config.value("management.server.address").map(String::strip).orElse(null), security);
    }

    /** Whether the endpoint exists: Jolokia's needs its library, logfile a log file. */
    private static boolean exists(String id, SpringModule module, SpringConfig config) {
        return switch (id) {
            case "jolokia" -> module.dependencies().stream().anyMatch(d -> d.name().toLowerCase(Locale.ROOT)
                    .startsWith("org.jolokia:"));
            case "logfile" -> config.has("logging.file.name") || config.has("logging.file.path")
                    || config.has("logging.file") || config.has("logging.path")
                    || config.has("management.endpoint.logfile.external-file");
            default -> true;
        };
    }

    /** {@code on} for true and unrestricted (read-only counts as on: it serves GETs), {@code off} for false and none. */
    private static Access access(String value) {
        if (value == null) {
            return Access.DEFAULT;
        }
        return switch (value) {
            case "true", "unrestricted", "read-only", "read_only" -> Access.ON;
            case "false", "none" -> Access.OFF;
            default -> Access.DEFAULT;
        };
    }

    private static Set<String> ids(String list) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String id : list.split(",")) {
            if (!id.isBlank()) {
                out.add(id.strip().toLowerCase(Locale.ROOT).replace("\"", "").replace("'", ""));
            }
        }
        return out;
    }

    private static String lower(String value) {
        return value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
