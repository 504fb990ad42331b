package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
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
 * The port a JVM framework's server listens on when its configuration files name it with one property (Quarkus'
 * {@code quarkus.http.port}, Micronaut's {@code micronaut.server.port}): the files from the lowest precedence to the
 * highest, the environment variable the property binds from above them, and the java command's own
 * {@code -D} and {@code --key=value} properties above the environment.
 */
final class ConfiguredPort {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,5}");
    /** A placeholder: {@code ${PORT:8080}}, {@code ${PORT}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)(?::(\\d{1,5}))?}");
    /** The variables java launch scripts pass on to the JVM, where a -D option may hide. */
    static final List<String> JAVA_OPTION_VARIABLES = List.of("JAVA_OPTS", "JAVA_OPTIONS", "JAVA_OPTS_APPEND",
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    /** One configuration file read: its flattened keys and the line of each. */
    record Config(String path, Map<String, String> values, Map<String, Integer> lines) {}

    private ConfiguredPort() {}

    /** The properties or YAML files of {@code names} that exist under {@code folder}, read, in the order given. */
    static List<Config> read(String folder, List<String> names, SourceSet files) {
        List<Config> out = new ArrayList<>();
        for (String name : names) {
            String path = PathNames.join(folder, name);
            SourceFile f = files.read(path).orElse(null);
            if (f != null) {
                PropertyFiles.Document doc = PropertyFiles.first(f);
                out.add(new Config(path, doc.values(), doc.lines()));
            }
        }
        return out;
    }

    /**
     * The environment with the command's properties written as the variables they bind from: the JVM's
     * {@code -Dkey=value} options and the arguments {@code --key=value} (and, for a native executable, its own
     * {@code -Dkey=value} arguments) over the container's variables.
     */
    static Map<String, String> environment(EntryPoint ep, Map<String, String> env) {
        Map<String, String> out = new HashMap<>(SpringServer.environment(ep, env));
        if (ep != null) {
            for (String arg : ep.args()) {
                int eq = arg.indexOf('=');
                if (arg.startsWith("-D") && eq > 2) {
                    out.put(variable(arg.substring(2, eq)), arg.substring(eq + 1));
                }
            }
        }
        return out;
    }

    /** The environment variable a property binds from: {@code quarkus.http.port} from {@code QUARKUS_HTTP_PORT}. */
    static String variable(String property) {
        return property.replace("-", "_").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The server as its configuration sets it up.
     *
     * @param name the server in words ({@code Quarkus' HTTP server})
     * @param keys the property, first the one that wins when several are set (a profile's {@code %prod.} key)
     * @param config the files, lowest precedence first
     * @param env the environment with the command's properties ({@link #environment})
     * @param containerEnv the container's own variables
     * @param fallback the framework's default port
     */
    static ServerCall of(String name, List<String> keys, List<Config> config, Map<String, String> env,
            Map<String, String> containerEnv, int fallback) {
        String key = keys.get(keys.size() - 1);
        String variable = variable(key);
        String given = env.get(variable);
        if (given != null && !given.equals(containerEnv.get(variable))) {
            String value = given.strip();
            return new ServerCall(name + " (" + key + "=" + value + ", given to java)", key + "=" + value, false, false,
                    null, 0, null, positive(value), value, null, null);
        }
        if (JAVA_OPTION_VARIABLES.stream().map(env::get).anyMatch(v -> v != null && v.contains(key))) {
            // a launch script passes it to java: drydock does not follow the script
            return new ServerCall(name, key, false, false, null, 0, null, null, null, null, null);
        }
        Config file = null;
        String setKey = null;
        for (String k : keys) { // the first key set anywhere wins, from the file of highest precedence
            for (Config c : config) {
                if (c.values().containsKey(k)) {
                    file = c;
                    setKey = k;
                }
            }
            if (file != null) {
                break;
            }
        }
        if (file == null) {
            if (env.containsKey(variable)) {
                return new ServerCall(name + " (" + key + ")", variable, false, false, null, 0, null, null, null,
                        variable, null);
            }
            return new ServerCall(name, key + ServerCall.UNSET, false, false, null, 0, null, fallback, null, variable,
                    null);
        }
        String value = file.values().get(setKey).strip();
        String server = name + " (" + key + ")";
        String call = setKey + "=" + value;
        int line = file.lines().getOrDefault(setKey, 1);
        if (env.containsKey(variable)) {
            return new ServerCall(server, call, false, false, file.path(), line, null, null, value, variable, null);
        }
        Integer number = positive(value);
        String read = null;
        Matcher placeholder = PLACEHOLDER.matcher(value);
        if (number == null && placeholder.matches()) {
            number = placeholder.group(2) == null ? null : Integer.valueOf(placeholder.group(2));
            read = placeholder.group(1);
        }
        return new ServerCall(server, call, false, false, file.path(), line, null, number, value, read, null);
    }

    private static Integer positive(String value) {
        return NUMBER.matcher(value).matches() && Integer.parseInt(value) > 0 ? Integer.valueOf(value) : null;
    }

    /** Whether any file sets {@code key}. */
    static boolean sets(List<Config> config, String key) {
        return config.stream().anyMatch(c -> c.values().containsKey(key));
    }

    static Optional<String> value(List<Config> config, String key) {
        String out = null;
        for (Config c : config) {
            if (c.values().containsKey(key)) {
                out = c.values().get(key);
            }
        }
        return Optional.ofNullable(out);
    }
}
