package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.source.SourceFile;
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
 * sets {@code server.port} or {@code management.server.port}: read from the application properties or YAML packaged from {@code src/main/resources} (its
 * {@code config/} folder overriding the root, a properties file overriding a YAML one beside it, the files of the
 * active profiles overriding both), with the environment's {@code SERVER_PORT} or {@code MANAGEMENT_SERVER_PORT}
 * above them all.
 */
final class SpringServer {

    private static final String VARIABLE = "SERVER_PORT";
    private static final Pattern NUMBER = Pattern.compile("\\d{1,5}");
    /** A placeholder: {@code ${PORT:8080}}, {@code ${PORT}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)(?::(\\d{1,5}))?}");

    private SpringServer() {}

    /**
     * The servers the configuration describes: the application's ({@code server.port}), and the actuator's when it
     * has a port of its own ({@code management.server.port}); empty when the configuration sets no port, and a call
     * without a port when the port set cannot be told.
     */
    static List<ServerCall> of(List<Manifest> manifests, SourceSet files, Map<String, String> env) {
        Manifest boot = manifests.stream().filter(SpringServer::isBoot).findFirst().orElse(null);
        if (boot == null) {
            return List.of();
        }
        String resources = PathNames.join(PathNames.parent(boot.file()), "src/main/resources");
        List<String> profiles = profiles(resources, files, env);
        List<ServerCall> out = new ArrayList<>();
        server(boot, resources, files, env, profiles, "server.port", "SERVER_PORT",
                "Spring Boot's embedded server").ifPresent(out::add);
        server(boot, resources, files, env, profiles, "management.server.port", "MANAGEMENT_SERVER_PORT",
                "Spring Boot's actuator server").ifPresent(out::add);
        return out;
    }

    private static Optional<ServerCall> server(Manifest boot, String resources, SourceSet files,
            Map<String, String> env, List<String> profiles, String key, String variable, String name) {
        Setting port = null;
        for (String profile : profiles) {
            Setting found = lastSet(resources, files, profile, key);
            port = found != null ? found : port;
        }
        String server = name + " (" + key + ")";
        if (port == null) {
            return env.containsKey(variable)
                    ? Optional.of(new ServerCall(server, variable, false, false, boot.file(), 1, null, null, null,
                            variable, null))
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

    private record Setting(String file, int line, String value) {}

    private static boolean isBoot(Manifest m) {
        if (m.kind() != ManifestKind.POM_XML && m.kind() != ManifestKind.GRADLE) {
            return false;
        }
        for (Dependency d : m.dependencies()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith("org.springframework.boot:")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The default profile, then the active ones ({@code SPRING_PROFILES_ACTIVE}, else the configuration's
     * {@code spring.profiles.active}); a profile that is a placeholder cannot be told, so only the default is kept.
     */
    private static List<String> profiles(String resources, SourceSet files, Map<String, String> env) {
        List<String> out = new ArrayList<>(List.of(""));
        String active = env.get("SPRING_PROFILES_ACTIVE");
        if (active == null) {
            Map<String, String> props = new HashMap<>();
            for (String path : paths(resources, "")) {
                files.read(path).ifPresent(f -> SpringActuator.read(f, props, null));
            }
            active = props.get("spring.profiles.active");
        }
        if (active != null && !active.contains("$")) {
            for (String p : active.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }

    /** Where {@code key} is set last for one profile, in Spring Boot's order of precedence. */
    private static Setting lastSet(String resources, SourceSet files, String profile, String key) {
        Setting last = null;
        for (String path : paths(resources, profile)) {
            SourceFile f = files.read(path).orElse(null);
            if (f == null) {
                continue;
            }
            Map<String, String> props = new HashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            SpringActuator.read(f, props, lines);
            if (props.containsKey(key)) {
                last = new Setting(path, lines.get(key), props.get(key));
            }
        }
        return last;
    }

    /** The files of one profile from the lowest precedence to the highest. */
    private static List<String> paths(String resources, String profile) {
        String base = profile.isEmpty() ? "application" : "application-" + profile;
        List<String> out = new ArrayList<>();
        for (String folder : List.of(resources, PathNames.join(resources, "config"))) {
            for (String ext : List.of(".yaml", ".yml", ".properties")) {
                out.add(PathNames.join(folder, base + ext));
            }
        }
        return out;
    }
}
