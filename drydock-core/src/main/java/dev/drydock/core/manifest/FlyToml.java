package dev.drydock.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Fly.io app configuration ({@code fly.toml}), as far as the image it deploys is concerned: how flyctl builds it
 * ({@code [build]}), the ports Fly Proxy routes to ({@code [http_service]} and {@code [[services]]}, whose
 * {@code internal_port} is 8080 unless set), the checks Fly runs against the machines, the volumes it mounts, the
 * environment it adds and the process groups it runs.
 *
 * @param file the file's path relative to the project root
 * @param app the app's name, or null
 * @param build the {@code [build]} section
 * @param services the {@code [http_service]} (first) and each {@code [[services]]}, in order
 * @param checks the top-level {@code [checks.NAME]} machine checks
 * @param mounts the volumes ({@code [mounts]} or {@code [[mounts]]})
 * @param env the {@code [env]} variables, as strings
 * @param processes the process groups by name with their commands ({@code [processes]})
 */
public record FlyToml(String file, String app, Build build, List<Service> services, List<Check> checks,
        List<Mount> mounts, Map<String, String> env, Map<String, String> processes) {

    /** Fly Proxy's {@code internal_port} when a service sets none. */
    public static final int DEFAULT_INTERNAL_PORT = 8080;

    public FlyToml {
        services = List.copyOf(services);
        checks = List.copyOf(checks);
        mounts = List.copyOf(mounts);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        processes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(processes));
    }

    /**
     * @param dockerfile {@code dockerfile}, relative to fly.toml's folder, or null for {@code Dockerfile}
     * @param target {@code build-target}, or null for the last stage
     * @param args {@code [build.args]}
     * @param image {@code image}: a published image deployed as it is, nothing built
     * @param builder {@code builder} or {@code builtin}: a buildpack builds the app, not a Dockerfile
     * @param span the {@code [build]} header, or null when there is none
     */
    public record Build(String dockerfile, String target, Map<String, String> args, String image, String builder,
            Span span) {

        public Build {
            args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
        }

        /** Whether flyctl builds a Dockerfile (no image to deploy as it is, no buildpack). */
        public boolean buildsDockerfile() {
            return image == null && builder == null;
        }

        /** The Dockerfile's name as written, {@code Dockerfile} by default. */
        public String dockerfileOrDefault() {
            return dockerfile == null ? "Dockerfile" : dockerfile;
        }
    }

    /**
     * @param section {@code http_service} or {@code services}
     * @param internalPort the port Fly Proxy connects to in the machine
     * @param internalPortSet whether internal_port is written (else Fly's default, 8080)
     * @param processes the process groups it routes to (empty: every group, or the app's only one)
     * @param checks its health checks
     * @param span internal_port's line, else the section's header
     */
    public record Service(String section, int internalPort, boolean internalPortSet, List<String> processes,
            List<Check> checks, Span span) {

        public Service {
            processes = List.copyOf(processes);
            checks = List.copyOf(checks);
        }
    }

    /**
     * @param type {@code http} or {@code tcp}
     * @param path the path an HTTP check requests, or null
     * @param port the port it connects to, or null for its service's internal_port
     * @param interval the interval as written ({@code "15s"}, or milliseconds as a number), or null
     * @param timeout the timeout as written, or null
     * @param gracePeriod the grace period as written, or null
     * @param span the check's header or entry
     */
    public record Check(String type, String path, Integer port, String interval, String timeout, String gracePeriod,
            Span span) {

        public boolean http() {
            return "http".equals(type);
        }
    }

    /** A volume mounted at {@code destination}. */
    public record Mount(String source, String destination, Span span) {}

    /** {@link #read} once per file, however many readers ask; empty when it is not TOML. */
    public static java.util.Optional<FlyToml> of(SourceFile file) {
        return java.util.Optional.ofNullable(file.syntax(FlyToml.class, FlyToml::read));
    }

    /** The configuration in a fly.toml file, or null when it is not valid TOML. */
    public static FlyToml read(SourceFile file) {
        JsonNode root;
        try {
            root = Toml.read(file);
        } catch (SourceException e) {
            return null;
        }
        TomlPositions at = TomlPositions.scan(file);
        JsonNode b = root.path("build");
        Build build = new Build(Toml.text(b.get("dockerfile")), blankless(Toml.text(b.get("build-target"))),
                strings(b.path("args")), Toml.text(b.get("image")),
                Toml.text(b.get("builder")) != null ? Toml.text(b.get("builder")) : Toml.text(b.get("builtin")),
                at.entry("build").orElse(null));
        List<Service> services = new ArrayList<>();
        JsonNode http = root.path("http_service");
        if (http.isObject()) {
            List<Check> checks = new ArrayList<>();
            int n = 0;
            for (JsonNode check : items(http.path("checks"))) {
                checks.add(check(check, "http", at.entryOrEnclosing(List.of("http_service", "checks", "#" + n++))));
            }
            services.add(service("http_service", http, checks, at, List.of("http_service")));
        }
        int httpChecks = 0;
        int tcpChecks = 0;
        int index = 0;
        for (JsonNode service : items(root.path("services"))) {
            List<Check> checks = new ArrayList<>();
            for (JsonNode check : items(service.path("http_checks"))) {
                checks.add(check(check, "http",
                        at.entryOrEnclosing(List.of("services", "http_checks", "#" + httpChecks++))));
            }
            for (JsonNode check : items(service.path("tcp_checks"))) {
                checks.add(check(check, "tcp", at.entryOrEnclosing(List.of("services", "tcp_checks", "#" + tcpChecks++))));
            }
            services.add(service("services", service, checks, at, List.of("services", "#" + index++)));
        }
        List<Check> checks = new ArrayList<>();
        root.path("checks").properties().forEach(e -> {
            if (e.getValue().isObject()) {
                checks.add(check(e.getValue(), null, at.entryOrEnclosing(List.of("checks", e.getKey()))));
            }
        });
        List<Mount> mounts = new ArrayList<>();
        int m = 0;
        for (JsonNode mount : items(root.path("mounts"))) {
            String destination = Toml.text(mount.get("destination"));
            Span span = root.path("mounts").isArray()
                    ? at.entryOrEnclosing(List.of("mounts", "#" + m, "destination"))
                    : at.entryOrEnclosing(List.of("mounts", "destination"));
            m++;
            if (destination != null) {
                mounts.add(new Mount(Toml.text(mount.get("source")), destination, span));
            }
        }
        return new FlyToml(file.path(), Toml.text(root.get("app")), build, services, checks, mounts,
                strings(root.path("env")), strings(root.path("processes")));
    }

    private static Service service(String section, JsonNode node, List<Check> checks, TomlPositions at,
            List<String> path) {
        JsonNode port = node.get("internal_port");
        boolean set = port != null && port.canConvertToInt();
        List<String> processes = new ArrayList<>();
        items(node.path("processes")).forEach(p -> {
            if (p.isTextual()) {
                processes.add(p.asText());
            }
        });
        List<String> portPath = new ArrayList<>(path);
        portPath.add("internal_port");
        return new Service(section, set ? port.asInt() : DEFAULT_INTERNAL_PORT, set, processes, checks,
                set ? at.entryOrEnclosing(portPath) : at.entryOrEnclosing(path));
    }

    private static Check check(JsonNode node, String type, Span span) {
        String kind = Toml.text(node.get("type"));
        JsonNode port = node.get("port");
        return new Check(kind != null ? kind.toLowerCase(java.util.Locale.ROOT) : type == null ? "tcp" : type,
                Toml.text(node.get("path")), port != null && port.canConvertToInt() ? port.asInt() : null,
                duration(node.get("interval")), duration(node.get("timeout")), duration(node.get("grace_period")),
                span);
    }

    /** An array's items, or a lone table as one item. */
    private static List<JsonNode> items(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (node.isObject() || node.isValueNode() && !node.isNull() && !node.isMissingNode()) {
            items.add(node);
        }
        return items;
    }

    private static Map<String, String> strings(JsonNode table) {
        Map<String, String> values = new LinkedHashMap<>();
        table.properties().forEach(e -> {
            String value = Toml.text(e.getValue());
            if (value != null) {
                values.put(e.getKey(), value);
            }
        });
        return values;
    }

    /** A duration as written; a bare number counts milliseconds. */
    private static String duration(JsonNode node) {
        return node != null && node.isNumber() ? node.asText() + "ms" : Toml.text(node);
    }

    private static String blankless(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
