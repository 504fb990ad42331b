package dev.drydock.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code image inspect} says about a built image.
 *
 * @param sizeBytes the image size
 * @param layers how many filesystem layers it has
 * @param user the configured user, "" for the default (root)
 * @param workdir the working directory, "" when none is set
 * @param entrypoint the ENTRYPOINT argv
 * @param cmd the CMD argv
 * @param env the environment, by name
 * @param volumes the VOLUME paths
 * @param healthcheck the HEALTHCHECK, or null when the image has none
 */
public record ImageInfo(long sizeBytes, int layers, String user, String workdir, List<String> entrypoint,
        List<String> cmd, Map<String, String> env, List<String> volumes, Health healthcheck) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ImageInfo {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        volumes = List.copyOf(volumes);
    }

    /**
     * A healthcheck as the engine stores it; durations are null where the engine's default applies.
     *
     * @param test {@code [CMD, prog, args...]}, {@code [CMD-SHELL, script]} or {@code [NONE]}
     */
    public record Health(List<String> test, Duration interval, Duration timeout, Duration startPeriod, Integer retries) {

        public Health {
            test = List.copyOf(test);
        }

        public boolean disabled() {
            return test.isEmpty() || test.get(0).equals("NONE");
        }
    }

    /** Parses the output of {@code docker image inspect} or {@code podman image inspect} (an array of one). */
    public static ImageInfo parse(String json) {
        JsonNode image = first(json);
        JsonNode config = image.path("Config");
        JsonNode health = config.has("Healthcheck") ? config.get("Healthcheck") : image.path("Healthcheck");
        return new ImageInfo(image.path("Size").asLong(), image.path("RootFS").path("Layers").size(),
                config.path("User").asText(""), config.path("WorkingDir").asText(""), strings(config.path("Entrypoint")),
                strings(config.path("Cmd")), env(config.path("Env")), keys(config.path("Volumes")), health(health));
    }

    /** The command the container runs by default: ENTRYPOINT followed by CMD. */
    public List<String> command() {
        List<String> argv = new ArrayList<>(entrypoint);
        argv.addAll(cmd);
        return argv;
    }

    static JsonNode first(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null) {
                throw new IllegalArgumentException("empty inspect output");
            }
            return root.isArray() ? root.path(0) : root;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read inspect output: " + e.getMessage(), e);
        }
    }

    static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else if (node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }

    private static Map<String, String> env(JsonNode node) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : strings(node)) {
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return env;
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Health health(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || !node.has("Test")) {
            return null;
        }
        return new Health(strings(node.path("Test")), nanos(node.path("Interval")), nanos(node.path("Timeout")),
                nanos(node.path("StartPeriod")), node.path("Retries").asInt(0) == 0 ? null : node.path("Retries").asInt());
    }

    private static Duration nanos(JsonNode node) {
        long value = node.asLong(0);
        return value <= 0 ? null : Duration.ofNanos(value);
    }
}
