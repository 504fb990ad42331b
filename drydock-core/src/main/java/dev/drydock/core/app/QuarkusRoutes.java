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
 * A Quarkus application's routes: SmallRye Health's ({@link QuarkusHealth}) under the non-application root, and its
 * Jakarta REST resources ({@link JvmControllers}) under {@code quarkus.http.root-path}, then {@code @ApplicationPath}
 * or, without one, {@code quarkus.rest.path} ({@code quarkus.resteasy.path} for RESTEasy Classic); the files of
 * {@code META-INF/resources} are served from the root path too. What else serves paths (reactive routes, a Vert.x
 * router, servlets, Spring Web, Funqy, a single-page application bundler) leaves every application path
 * undetermined; another non-application endpoint's extension (metrics, OpenAPI, info) leaves its own path so.
 */
final class QuarkusRoutes {

    /** Extensions and libraries that serve application paths drydock does not read, by Maven coordinates prefix. */
    private static final List<String> OTHER_ROUTES = List.of("io.quarkus:quarkus-reactive-routes",
            "io.quarkus:quarkus-undertow", "io.quarkus:quarkus-spring-web", "io.quarkus:quarkus-funqy-http",
            "io.quarkus:quarkus-amazon-lambda-http", "io.quarkus:quarkus-vertx-graphql", "io.quarkus:quarkus-grpc",
            "io.quarkiverse.quinoa:", "io.quarkiverse.qute.web:", "io.quarkiverse.web-bundler:",
            "io.quarkiverse.cxf:", "io.quarkiverse.renarde:");
    /** Non-application endpoints of other extensions: the path under the non-application root, by artifact prefix. */
    private static final Map<String, List<String>> NON_APPLICATION = Map.of(
            "quarkus-micrometer", List.of("metrics"), "quarkus-smallrye-metrics", List.of("metrics"),
            "quarkus-smallrye-openapi", List.of("openapi", "swagger-ui"), "quarkus-info", List.of("info"),
            "quarkus-smallrye-graphql", List.of("graphql-ui"));
    private static final Pattern ROUTER_CODE = Pattern.compile(
            "@(?:[\\w.]+\\.)?(Route|RouteBase|WebServlet|WebFilter)\\b|@Observes\\s+(?:[\\w.]+\\.)?Router\\b"
                    + "|@(?:[\\w.]+\\.)?(RestController|RequestMapping)\\b");

    private QuarkusRoutes() {}

    /**
     * The routes, or {@link Routes#unknown()} when the project is no Quarkus application; only the health routes
     * (under the non-application root) when the resources cannot be read.
     */
    static Routes routes(List<Manifest> manifests, SourceSet files, SourceSet context, String dir) {
        Routes health = QuarkusHealth.routes(manifests, files);
        Manifest build = manifests.stream().filter(m -> (m.kind() == ManifestKind.POM_XML
                || m.kind() == ManifestKind.GRADLE) && m.dependencies().stream()
                .anyMatch(d -> d.name().toLowerCase(Locale.ROOT).startsWith("io.quarkus:"))).findFirst().orElse(null);
        if (!health.known() || build == null) {
            return health;
        }
        Map<String, String> sources = JvmControllers.applicationSources(build, dir, context);
        JvmControllers.Found found = sources == null ? null
                : JvmControllers.read(sources, JvmControllers.Style.JAX_RS, Framework.QUARKUS);
        if (found == null || !found.read() || found.routes().isEmpty() && found.opaque().isEmpty()) {
            return health;
        }
        Map<String, String> props = PropertyFiles.merged(PathNames.parent(build.file()), files);
        if (props.entrySet().stream().anyMatch(e -> e.getValue().contains("${") && (e.getKey().contains("root-path")
                || e.getKey().endsWith("rest.path") || e.getKey().endsWith("resteasy.path")
                || e.getKey().endsWith("resteasy-reactive.path")))) {
            return health;
        }
        String root = PythonApps.join("/", property(props, "quarkus.http.root-path", "/"));
        String applicationPath = JvmControllers.annotationPath(sources, "ApplicationPath");
        if (applicationPath == null) {
            return health;
        }
        String restPath = applicationPath.isEmpty() ? property(props, "quarkus.rest.path",
                property(props, "quarkus.resteasy.path", property(props, "quarkus.resteasy-reactive.path", "/")))
                : applicationPath;
        String rest = PythonApps.join(root, restPath);
        List<Route> routes = new ArrayList<>(health.all());
        List<String> opaque = new ArrayList<>();
        for (Route r : found.routes()) {
            routes.add(new Route(r.method(), PythonApps.join(rest, r.path()), false, r.file(), r.line(), r.handler(),
                    r.framework()));
        }
        found.opaque().forEach(p -> opaque.add(PythonApps.join(rest, p)));
        String base = health.coveredPrefixes().isEmpty() ? PythonApps.join(root, "q") : health.coveredPrefixes().get(0);
        if (!health.all().isEmpty()) {
            String healthPath = health.all().get(0).path();
            for (String group : List.of("started", "well", "group")) {
                opaque.add(PythonApps.join(healthPath, group));
            }
        }
        staticFiles(PathNames.parent(build.file()), files, root, routes, opaque);
        for (Dependency d : build.dependencies()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (OTHER_ROUTES.stream().anyMatch(name::startsWith)) {
                opaque.add(root);
            }
            String artifact = name.substring(name.indexOf(':') + 1);
            NON_APPLICATION.forEach((extension, paths) -> {
                if (name.startsWith("io.quarkus:") && artifact.startsWith(extension)) {
                    paths.forEach(p -> opaque.add(PythonApps.join(base, p)));
                }
            });
            if (name.equals("io.quarkus:quarkus-smallrye-graphql")) {
                opaque.add(PythonApps.join(root, "graphql"));
            }
        }
        if (sources.values().stream().anyMatch(t -> ROUTER_CODE.matcher(t).find())) {
            opaque.add(root);
        }
        Routes read = new Routes(true, routes, opaque);
        return health.healthModulePath().map(read::withHealthModule).orElse(read);
    }

    /**
     * The files under {@code src/main/resources/META-INF/resources}, which Quarkus serves from the root path: each
     * top-level file as a route ({@code index.html} also for the root), each folder as a prefix not read further.
     */
    private static void staticFiles(String module, SourceSet files, String root, List<Route> routes,
            List<String> opaque) {
        String folder = PathNames.join(module, "src/main/resources/META-INF/resources");
        String index = PathNames.join(folder, "index.html");
        if (files.read(index).isPresent()) {
            routes.add(new Route("GET", root, false, index, 1, Handler.unknown(null, index, 1), Framework.QUARKUS));
        }
        for (String p : files.paths()) {
            if (PathNames.isUnder(p, folder)) {
                String relative = p.substring(folder.length() + 1);
                int slash = relative.indexOf('/');
                if (slash < 0) {
                    routes.add(new Route("GET", PythonApps.join(root, relative), false, p, 1,
                            Handler.unknown(null, p, 1), Framework.QUARKUS));
                } else {
                    opaque.add(PythonApps.join(root, relative.substring(0, slash)));
                }
            }
        }
    }

    /** A key of the prod profile ({@code %prod.key} over {@code key}), or the fallback. */
    private static String property(Map<String, String> props, String key, String fallback) {
        String v = props.getOrDefault("%prod." + key, props.get(key));
        return v == null || v.isBlank() ? fallback : v.strip();
    }
}
