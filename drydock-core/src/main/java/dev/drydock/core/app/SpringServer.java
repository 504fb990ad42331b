package dev.drydock.core.app;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.manifest.Dependency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ports Spring Boot's embedded web server and its actuator listen on when the application's configuration
 * sets {@code server.port} or {@code management.server.port}, as the module's {@link SpringConfig} applies its files
 * and profiles, with the environment's {@code SERVER_PORT} or {@code MANAGEMENT_SERVER_PORT} above them all, and the
 * command's own properties above the environment ({@link #environment}).
 */
final class SpringServer {

    private static final String VARIABLE = "SERVER_PORT";
    private static final Pattern NUMBER = Pattern.compile("\\d{1,5}");
    /** A placeholder: {@code ${PORT:8080}}, {@code ${PORT}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)(?::(\\d{1,5}))?}");

    private SpringServer() {}

    /**
     * The environment as Spring Boot's configuration sees it: the container's variables, with the properties the java
     * command sets written in their place, Java system properties ({@code -Dspring.profiles.active=prod}, also from
     * JAVA_TOOL_OPTIONS) over the variables and application arguments ({@code --server.port=9000}) over both, as
     * Spring Boot orders them. Each property is written as the variable it binds from: {@code SPRING_PROFILES_ACTIVE}.
     */
    static Map<String, String> environment(EntryPoint ep, Map<String, String> env) {
        if (ep == null) {
            return env;
        }
        Map<String, String> out = new HashMap<>(env);
        ep.interpreterOptions().forEach((option, value) -> {
            if (option.startsWith("-D") && option.length() > 2) {
                out.put(variable(option.substring(2)), value);
            }
        });
        ep.options().forEach((name, value) -> {
            if (name.contains(".")) {
                out.put(variable(name), value);
            }
        });
        return out;
    }

    /** The environment variable a property binds from: {@code server.port} from {@code SERVER_PORT}. */
    private static String variable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The servers the configuration describes: the application's ({@code server.port}), and the actuator's when it
     * has a port of its own ({@code management.server.port}); empty when the configuration sets no port, and a call
     * without a port when the port set cannot be told.
     */
    static List<ServerCall> of(SpringModule boot, SpringConfig config, Map<String, String> env,
            Map<String, String> containerEnv) {
        List<ServerCall> out = new ArrayList<>();
        ServerCall.Tls tls = tls(config, env, containerEnv);
        server(boot, config, env, containerEnv, "server.port", "SERVER_PORT", "Spring Boot's embedded server")
                .map(call -> call.withTls(tls)).ifPresent(out::add);
        server(boot, config, env, containerEnv, "management.server.port", "MANAGEMENT_SERVER_PORT",
                "Spring Boot's actuator server").ifPresent(out::add);
        return out;
    }

    private static Optional<ServerCall> server(SpringModule boot, SpringConfig config, Map<String, String> env,
            Map<String, String> containerEnv, String key, String variable, String name) {
        String given = env.get(variable);
        if (given != null && !given.equals(containerEnv.get(variable))) {
            // set by the java command (-Dserver.port=, JAVA_TOOL_OPTIONS, --server.port=), above every file
            Integer number = NUMBER.matcher(given.strip()).matches() && Integer.parseInt(given.strip()) > 0
                    ? Integer.valueOf(given.strip()) : null;
            return Optional.of(new ServerCall(name + " (" + key + "=" + given.strip() + ", given to java)",
                    key + "=" + given.strip(), false, false, null, 0, null, number, given.strip(), null, null));
        }
        SpringConfig.Setting port = config.setting(key).orElse(null);
        String server = name + " (" + key + ")";
        if (!env.containsKey(variable) && !config.profilesKnown() && config.setByInactiveDocument(key)) {
            // a profile's file sets the port, and which profiles are active cannot be told
            return Optional.of(new ServerCall(server, key, false, false, null, 0, null, null, null, null, null));
        }
        if (port == null) {
            if (env.containsKey(variable)) {
                return Optional.of(new ServerCall(server, variable, false, false, boot.build().file(), 1, null, null, null,
                        variable, null));
            }
            return key.equals("server.port") && servesWeb(boot) && !relocated(env)
                    ? Optional.of(new ServerCall(name, key + ServerCall.UNSET, false, false, null, 0, null,
                            DEFAULT_PORT, null, variable, null))
                    : Optional.empty();
        }
        String value = port.value().strip();
        String call = key + "=" + value;
        Matcher placeholder = PLACEHOLDER.matcher(value);
        if (env.containsKey(variable)) {
            return Optional.of(new ServerCall(server, call, false, false, port.file(), port.line(), null, null, value,
                    variable, null));
        }
        Integer number = NUMBER.matcher(value).matches() && Integer.parseInt(value) > 0 ? Integer.valueOf(value) : null;
        String read = null;
        if (number == null && placeholder.matches()) {
            number = placeholder.group(2) == null ? null : Integer.valueOf(placeholder.group(2));
            read = placeholder.group(1);
        }
        return Optional.of(new ServerCall(server, call, false, false, port.file(), port.line(), null, number, value,
                read, null));
    }

    /**
     * Whether the embedded server takes only TLS on server.port: it does once any {@code server.ssl} property is set
     * (a key store, a certificate, an SSL bundle), as server.ssl.enabled defaults to true, unless server.ssl.enabled
     * is false; it serves plain HTTP when nothing sets them. Null when configuration drydock does not apply may set
     * them (an inactive profile's document, SPRING_APPLICATION_JSON, spring.config.location ...) or a value is a
     * placeholder.
     */
    private static ServerCall.Tls tls(SpringConfig config, Map<String, String> env, Map<String, String> containerEnv) {
        if (relocated(env) || config.mayBeSetElsewhere(SSL_KEY)) {
            return null;
        }
        String enabled = config.value(SSL_ENABLED).map(String::strip).orElse(null);
        if (enabled != null && enabled.contains("${")) {
            return null;
        }
        boolean off = enabled != null && enabled.equalsIgnoreCase("false");
        String where = null;
        for (String variable : env.keySet().stream().sorted().toList()) {
            if (variable.startsWith("SERVER_SSL_") && (off ? variable.equals("SERVER_SSL_ENABLED") : where == null)) {
                where = variable + "=" + env.get(variable).strip() + (env.get(variable).equals(containerEnv.get(variable))
                        ? " in its environment" : ", given to java");
            }
        }
        for (String key : config.keys()) {
            SpringConfig.Setting set = where != null ? null : config.setting(key).orElse(null);
            String relaxed = SpringConfig.relaxed(key);
            if (set != null && relaxed.startsWith("server.ssl.")
                    && (!off || relaxed.equals(SpringConfig.relaxed(SSL_ENABLED)))) {
                where = key + "=" + set.value().strip() + " in " + set.file() + ":" + set.line();
            }
        }
        if (where == null) {
            return new ServerCall.Tls(false, "no server.ssl settings");
        }
        return new ServerCall.Tls(!off, where);
    }

    private static final String SSL_ENABLED = "server.ssl.enabled";
    private static final Pattern SSL_KEY = Pattern.compile("(?i)^server\\.ssl\\.");

    /** Spring Boot's embedded web server listens on 8080 when nothing sets server.port. */
    private static final int DEFAULT_PORT = 8080;

    /** The starters that bring an embedded web server (Tomcat, Jetty, Undertow or Reactor Netty). */
    private static final java.util.Set<String> WEB_STARTERS = java.util.Set.of("spring-boot-starter-web",
            "spring-boot-starter-webflux", "spring-boot-starter-jersey", "spring-boot-starter-websocket",
            "spring-boot-starter-web-services", "spring-boot-starter-tomcat", "spring-boot-starter-jetty",
            "spring-boot-starter-undertow", "spring-boot-starter-reactor-netty");

    private static boolean servesWeb(SpringModule boot) {
        for (Dependency d : boot.dependencies()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (name.startsWith("org.springframework.boot:")
                    && WEB_STARTERS.contains(name.substring(name.indexOf(':') + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether configuration drydock does not read may set the port: SPRING_APPLICATION_JSON, or files named by
     * spring.config.location, spring.config.additional-location or spring.config.import.
     */
    private static boolean relocated(Map<String, String> env) {
        return env.keySet().stream().anyMatch(k -> k.equals("SPRING_APPLICATION_JSON") || k.startsWith("SPRING_CONFIG_"));
    }
}
