package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Quarkus application's health endpoints: the {@code quarkus-smallrye-health} extension serves them under the
 * non-application root ({@code /q/health}, {@code /q/health/live}, {@code /q/health/ready},
 * {@code /q/health/started}), moved by {@code quarkus.http.root-path}, {@code quarkus.http.non-application-root-path}
 * and {@code quarkus.smallrye-health.root-path} in {@code application.properties}. Only paths under the
 * non-application root are claimed here; {@link QuarkusRoutes} adds the application's own resources.
 */
final class QuarkusHealth {

    private static final String EXTENSION = "quarkus-smallrye-health";

    private QuarkusHealth() {}

    /** The health routes, or {@link Routes#unknown()} when the project is no Quarkus application. */
    static Routes routes(List<Manifest> manifests, SourceSet files) {
        Manifest quarkus = null;
        Dependency health = null;
        for (Manifest m : manifests) {
            if (m.kind() != ManifestKind.POM_XML && m.kind() != ManifestKind.GRADLE) {
                continue;
            }
            for (Dependency d : m.dependencies()) {
                String name = d.name().toLowerCase(Locale.ROOT);
                if (name.startsWith("io.quarkus:")) {
                    quarkus = quarkus == null ? m : quarkus;
                    if (name.equals("io.quarkus:" + EXTENSION) && health == null) {
                        health = d;
                        quarkus = m;
                    }
                }
            }
        }
        if (quarkus == null) {
            return Routes.unknown();
        }
        Map<String, String> props = PropertyFiles.merged(PathNames.parent(quarkus.file()), files);
        String root = props.getOrDefault("quarkus.http.root-path", "/");
        String nonApplication = props.getOrDefault("quarkus.http.non-application-root-path", "q");
        String base = nonApplication.startsWith("/") ? nonApplication : PythonApps.join(root, nonApplication);
        List<Route> routes = new ArrayList<>();
        String healthRoot = props.getOrDefault("quarkus.smallrye-health.root-path", "health");
        String path = healthRoot.startsWith("/") ? healthRoot : PythonApps.join(base, healthRoot);
        if (health != null) {
            String file = quarkus.file();
            int line = health.line();
            routes.add(new Route("GET", path, false, file, line, Handler.checking("health", file, line,
                    "SmallRye Health reports every liveness and readiness check (datasources, messaging ...)"),
                    Framework.QUARKUS));
            routes.add(new Route("GET", PythonApps.join(path, "live"), false, file, line, Handler.constant("liveness",
                    file, line, "the liveness group reports only the checks marked @Liveness"), Framework.QUARKUS));
            routes.add(new Route("GET", PythonApps.join(path, "ready"), false, file, line, Handler.checking("readiness",
                    file, line, "the readiness group reports whether the application can serve"), Framework.QUARKUS));
        }
        return new Routes(true, routes, List.of(), List.of(base)).withHealthModule(path);
    }

    /** The extension that serves the health endpoints, as Maven and Gradle name it. */
    static String extension() {
        return "io.quarkus:" + EXTENSION;
    }
}
