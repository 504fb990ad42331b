package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Micronaut application's HTTP server and health endpoint. The server listens on {@code micronaut.server.port} from
 * {@code application.yml} or {@code application.properties}, {@code MICRONAUT_SERVER_PORT} above it and the command's
 * {@code -Dmicronaut.server.port} above all, else on 8080; an environment's own file ({@code application-k8s.yml},
 * which Micronaut may load by detecting where it runs) that sets the port leaves it untold. With
 * {@code micronaut-management} the health endpoint answers {@code /health} (and {@code /health/liveness},
 * {@code /health/readiness}) on that port unless the endpoints are moved ({@code endpoints.all.path},
 * {@code endpoints.all.port}, a context path) or switched off. {@code endpoints.all.port} gives the management
 * endpoints a server of their own: {@code /health} is then served only on that port. Its controllers' routes are read
 * by {@link JvmControllers}.
 */
final class MicronautServer {

    private static final String KEY = "micronaut.server.port";
    /** The port Micronaut serves its management endpoints on instead of the server's. */
    private static final String MANAGEMENT_KEY = "endpoints.all.port";
    /** How the management endpoints' own server is named (ManagementPort tells it from the application's by it). */
    private static final String MANAGEMENT_SERVER = "Micronaut's management server";
    private static final int DEFAULT_PORT = 8080;
    private static final List<String> FILES = List.of("application.yml", "application.yaml", "application.properties");
    /** The build plugin's runtime (Gradle {@code runtime("netty")}, Maven {@code <micronaut.runtime>}). */
    private static final Pattern SERVER_RUNTIME = Pattern.compile(
            "\\bruntime\\s*\\(?\\s*[\"'](netty|jetty|tomcat|undertow)[\"']|<micronaut\\.runtime>\\s*(netty|jetty|tomcat|undertow)");

    /** Management's other built-in endpoints (enabled by default or not) and the Prometheus registry's. */
    private static final List<String> MANAGEMENT_ENDPOINTS = List.of("beans", "info", "loggers", "metrics", "refresh",
            "routes", "threaddump", "env", "caches", "stop", "prometheus");
    /** Libraries whose controllers serve paths of their own, by Maven group. */
    private static final Map<String, List<String>> LIBRARY_ROUTES = Map.of(
            "io.micronaut.security:", List.of("/login", "/logout", "/oauth", "/keys", "/token"),
            "io.micronaut.graphql:", List.of("/graphql", "/graphiql"),
            "io.micronaut.openapi:", List.of("/swagger", "/swagger-ui", "/rapidoc", "/redoc", "/openapi"));

    private MicronautServer() {}

    /**
     * The HTTP server, and the management endpoints' own server when {@code endpoints.all.port} gives them one; empty
     * when the project is no Micronaut application with an HTTP server.
     */
    static List<ServerCall> of(List<Manifest> manifests, SourceSet files, Map<String, String> env,
            Map<String, String> containerEnv) {
        Manifest app = server(manifests, files);
        if (app == null) {
            return List.of();
        }
        ServerCall http = httpServer(app, files, env, containerEnv);
        String resources = PathNames.join(PathNames.parent(app.file()), "src/main/resources");
        List<ConfiguredPort.Config> config = ConfiguredPort.read(resources, FILES, files);
        if (http.port() == null || !ConfiguredPort.sets(config, MANAGEMENT_KEY)
                && !env.containsKey(ConfiguredPort.variable(MANAGEMENT_KEY))) {
            return List.of(http);
        }
        return List.of(http, ConfiguredPort.of(MANAGEMENT_SERVER, List.of(MANAGEMENT_KEY), config, env, containerEnv,
                0));
    }

    private static ServerCall httpServer(Manifest app, SourceSet files, Map<String, String> env,
            Map<String, String> containerEnv) {
        String resources = PathNames.join(PathNames.parent(app.file()), "src/main/resources");
        List<ConfiguredPort.Config> config = ConfiguredPort.read(resources, FILES, files);
        boolean environmentFile = files.paths().stream().anyMatch(p -> PathNames.parent(p).equals(resources)
                && PathNames.fileName(p).matches("application-[\\w-]+\\.(yml|yaml|properties)")
                && files.read(p).map(f -> f.text().contains("port")).orElse(false));
        if (environmentFile) {
            return new ServerCall("Micronaut's HTTP server", KEY, false, false, null, 0, null, null, null, null, null);
        }
        return ConfiguredPort.of("Micronaut's HTTP server", List.of(KEY), config, env, containerEnv, DEFAULT_PORT);
    }

    /**
     * The application's routes: its controllers' (read from the sources of {@code dir}, the folder its image is built
     * from) and management's health endpoint; {@link Routes#unknown()} when neither can be read, or when the context
     * path or the management endpoints' paths are moved. Moved to a port of their own, the endpoints keep their paths:
     * which port serves them is the servers' fact ({@link #of}).
     */
    static Routes routes(List<Manifest> manifests, SourceSet files, SourceSet context, String dir,
            Map<String, String> env) {
        Manifest app = server(manifests, files);
        if (app == null) {
            return Routes.unknown();
        }
        Dependency management = app.dependencies().stream()
                .filter(d -> d.name().equalsIgnoreCase("io.micronaut:micronaut-management") && !d.isDev())
                .findFirst().orElse(null);
        String resources = PathNames.join(PathNames.parent(app.file()), "src/main/resources");
        List<ConfiguredPort.Config> config = ConfiguredPort.read(resources, FILES, files);
        for (String moved : List.of("endpoints.all.path", "endpoints.all.context-path",
                "endpoints.health.path", "micronaut.server.context-path", "endpoints.all.enabled",
                "endpoints.health.enabled")) {
            boolean enabling = moved.endsWith(".enabled") && !env.containsKey(ConfiguredPort.variable(moved))
                    && ConfiguredPort.value(config, moved).map(v -> v.strip().equals("true")).orElse(false);
            if (!enabling && (ConfiguredPort.sets(config, moved) || env.containsKey(ConfiguredPort.variable(moved)))) {
                return Routes.unknown(); // moved or switched off (enabled: true only confirms the default)
            }
        }
        List<Route> routes = new ArrayList<>();
        List<String> opaque = new ArrayList<>();
        if (management != null) {
            health(app.file(), management.line(), routes);
            MANAGEMENT_ENDPOINTS.forEach(e -> opaque.add("/" + e));
        }
        Map<String, String> sources = JvmControllers.applicationSources(app, dir, context);
        JvmControllers.Found found = sources == null ? null
                : JvmControllers.read(sources, JvmControllers.Style.MICRONAUT, Framework.MICRONAUT);
        if (found == null || !found.read() || found.routes().isEmpty() && found.opaque().isEmpty()) {
            // a controller of its own (or of a library) may serve any path: only management's health is known
            return management == null ? Routes.unknown()
                    : new Routes(true, routes, List.of(), List.of("/health")).withHealthModule("/health");
        }
        routes.addAll(found.routes());
        opaque.addAll(found.opaque());
        if (management != null) {
            opaque.addAll(JvmControllers.endpointIds(sources));
        }
        opaque.addAll(staticMappings(config));
        for (Dependency d : app.dependencies()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            LIBRARY_ROUTES.forEach((group, paths) -> {
                if (name.startsWith(group)) {
                    opaque.addAll(paths);
                }
            });
        }
        Routes read = new Routes(true, routes, opaque);
        return management == null ? read : read.withHealthModule("/health");
    }

    private static void health(String file, int line, List<Route> routes) {
        routes.add(new Route("GET", "/health", false, file, line, Handler.checking("health", file, line,
                "Micronaut's health endpoint aggregates every health indicator (datasources, disk space ...)"),
                Framework.MICRONAUT));
        routes.add(new Route("GET", "/health/liveness", false, file, line, Handler.constant("liveness", file, line,
                "Micronaut's liveness group reports only the indicators marked @Liveness"), Framework.MICRONAUT));
        routes.add(new Route("GET", "/health/readiness", false, file, line, Handler.checking("readiness", file, line,
                "Micronaut's readiness group reports whether the application can serve"), Framework.MICRONAUT));
    }

    /**
     * The paths the router serves files under ({@code micronaut.router.static-resources.*.mapping}, "/**" by default
     * for an entry that names none).
     */
    private static List<String> staticMappings(List<ConfiguredPort.Config> config) {
        List<String> out = new ArrayList<>();
        for (ConfiguredPort.Config c : config) {
            c.values().forEach((key, value) -> {
                if (key.startsWith("micronaut.router.static-resources.")) {
                    String mapping = key.endsWith(".mapping") ? value.strip() : "/**";
                    int wildcard = mapping.indexOf('*');
                    out.add(wildcard < 0 ? mapping : mapping.substring(0, wildcard));
                }
            });
        }
        return out;
    }

    /** The Maven or Gradle build of a Micronaut application with an HTTP server, or null. */
    private static Manifest server(List<Manifest> manifests, SourceSet files) {
        for (Manifest m : manifests) {
            if (m.kind() != ManifestKind.POM_XML && m.kind() != ManifestKind.GRADLE) {
                continue;
            }
            for (Dependency d : m.dependencies()) {
                String name = d.name().toLowerCase(Locale.ROOT);
                if (name.startsWith("io.micronaut:micronaut-http-server") && !d.isDev()) {
                    return m;
                }
            }
            boolean micronaut = m.dependencies().stream()
                    .anyMatch(d -> d.name().toLowerCase(Locale.ROOT).startsWith("io.micronaut"));
            if (micronaut && files.read(m.file()).map(f -> SERVER_RUNTIME.matcher(f.text()).find()).orElse(false)) {
                return m;
            }
        }
        return null;
    }
}
