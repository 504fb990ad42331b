package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The routes an application serves, as far as they can be told from its sources. Where the reader
 * met something it cannot follow (a blueprint from another package, a sub-application mounted at a
 * prefix, a path built at run time) the prefix is recorded as opaque: nothing is claimed about the
 * paths under it.
 */
public final class Routes {

    private static final Pattern HEALTH = Pattern.compile(
            "(?i)/(health|healthz|healthcheck|health-check|health_check|_health|ping|status|livez|live|liveness|alive|ready|readyz|readiness)(/.*)?");
    private static final Pattern READINESS = Pattern.compile("(?i).*/(ready|readyz|readiness|startup|startupz|health/ready|healthz/ready)/?");

    private static final Routes UNKNOWN = new Routes(false, List.of(), List.of(), List.of(), null);

    private final boolean known;
    private final List<Route> routes;
    private final List<String> opaque;
    private final List<String> covered;
    private final String root;
    private final boolean staticFiles;
    private final String healthModule;
    /** For web archives an application server deploys: the server, its context roots and the paths it serves. */
    private Deployed deployed;

    /**
     * @param server the application server, in words
     * @param contextRoots the context roots of the archives it deploys
     * @param ownPaths prefixes the server serves itself (MicroProfile Health, a management console)
     * @param welcomePage whether it answers {@code /} itself when no archive is deployed there
     */
    private record Deployed(String server, List<String> contextRoots, List<String> ownPaths, boolean welcomePage) {

        /** Whether a request is answered by neither an archive nor the server itself. */
        boolean unserved(String request) {
            if (welcomePage && request.equals("/")) {
                return false;
            }
            return java.util.stream.Stream.concat(contextRoots.stream(), ownPaths.stream())
                    .noneMatch(p -> p.equals("/") || PathNames.isUnder(request, Route.strip(p)));
        }
    }

    Routes(boolean known, List<Route> routes, List<String> opaque) {
        this(known, routes, opaque, List.of(), null);
    }

    /** @param covered when not empty, the only prefixes under which the routes are known (Quarkus' health) */
    Routes(boolean known, List<Route> routes, List<String> opaque, List<String> covered) {
        this(known, routes, opaque, covered, null);
    }

    /**
     * @param covered when not empty, the only prefixes under which the routes are known (Spring Boot's actuator)
     * @param root when not null, the path everything the application serves is under (a servlet context path):
     *     nothing outside it is served
     */
    Routes(boolean known, List<Route> routes, List<String> opaque, List<String> covered, String root) {
        this(known, routes, opaque, covered, root, false);
    }

    private Routes(boolean known, List<Route> routes, List<String> opaque, List<String> covered, String root,
            boolean staticFiles) {
        this(known, routes, opaque, covered, root, staticFiles, null);
    }

    private Routes(boolean known, List<Route> routes, List<String> opaque, List<String> covered, String root,
            boolean staticFiles, String healthModule) {
        this.healthModule = healthModule;
        this.staticFiles = staticFiles;
        this.known = known;
        this.routes = List.copyOf(routes);
        this.opaque = List.copyOf(opaque);
        this.covered = List.copyOf(covered);
        this.root = root;
    }

    /**
     * The web archives an application server deploys, of which only the context roots are known: a path outside all
     * of them (and outside what the server serves itself) is not served, one inside is not determined.
     */
    static Routes deployedUnder(String server, List<String> contextRoots, List<String> ownPaths, boolean welcomePage) {
        Routes routes = new Routes(false, List.of(), List.of());
        routes.deployed = new Deployed(server, List.copyOf(contextRoots), List.copyOf(ownPaths), welcomePage);
        return routes;
    }

    /** The context roots of the web archives an application server deploys; empty for other applications. */
    public List<String> contextRoots() {
        return deployed == null ? List.of() : deployed.contextRoots();
    }

    /** The application server that deploys the archives of {@link #contextRoots()}, in words, or null. */
    public String deployingServer() {
        return deployed == null ? null : deployed.server();
    }

    /** Nothing could be read: no application object was found. */
    public static Routes unknown() {
        return UNKNOWN;
    }

    /**
     * These routes beside a folder of static files the server answers from ({@code static/}, {@code public/}), whose
     * files drydock does not list: a path that names a file (a dot in its last segment) is then not determined.
     */
    Routes withStaticFiles() {
        return new Routes(known, routes, opaque, covered, root, true, healthModule);
    }

    /**
     * These routes, where the framework's health module serves (or, once added, would serve) {@code path}: Quarkus'
     * SmallRye Health under the non-application root, Spring Boot's actuator under its base path.
     */
    Routes withHealthModule(String path) {
        return new Routes(known, routes, opaque, covered, root, staticFiles, path);
    }

    /** The path the framework's health module serves or would serve once added, with this configuration. */
    public Optional<String> healthModulePath() {
        return Optional.ofNullable(healthModule);
    }

    /** Whether an application was found whose routes were read. */
    public boolean known() {
        return known;
    }

    public List<Route> all() {
        return routes;
    }

    /** When not empty, the only prefixes under which routes were read; other paths are not determined. */
    public List<String> coveredPrefixes() {
        return covered;
    }

    /** Prefixes under which routes exist that were not read ("" means anywhere). */
    public List<String> opaquePrefixes() {
        return opaque;
    }

    /**
     * Whether the reader can say for sure whether {@code path} is served: the application was read
     * and no opaque prefix covers the path.
     */
    public boolean determines(String path) {
        if (!known) {
            return deployed != null && deployed.unserved(Route.strip(path));
        }
        String request = Route.strip(path);
        if (staticFiles && request.substring(request.lastIndexOf('/') + 1).contains(".")) {
            return false;
        }
        if (root != null && !PathNames.isUnder(request, Route.strip(root))) {
            return true;
        }
        if (!covered.isEmpty() && covered.stream().noneMatch(c -> PathNames.isUnder(request, Route.strip(c)))) {
            return false;
        }
        for (String prefix : opaque) {
            String p = Route.strip(prefix);
            if (p.equals("/") || PathNames.isUnder(request, p)) {
                return false;
            }
        }
        return true;
    }

    /** The route that answers a request for {@code path}, if one is known. */
    public Optional<Route> match(String path) {
        return routes.stream().filter(r -> r.matches(path)).findFirst();
    }

    /** The first route whose path is a conventional health path ({@code /health}, {@code /healthz}, {@code /ping}...). */
    public Optional<Route> healthRoute() {
        for (String preferred : List.of("/health", "/healthz", "/healthcheck", "/api/health", "/ping", "/status", "/up")) {
            for (Route r : routes) {
                if (Route.strip(plainPath(r)).equalsIgnoreCase(preferred)) {
                    return Optional.of(r);
                }
            }
        }
        return routes.stream().filter(r -> HEALTH.matcher(Route.strip(plainPath(r))).find()
                && !r.path().contains("<") && !r.path().contains("{") && !r.path().contains(":")).findFirst();
    }

    /**
     * The path a route serves as written: a plain route's own, a pattern's ({@code ^healthz/\Z}, Django's
     * {@code path('healthz/')}) when it reads as one fixed path ({@code /healthz/}); "" for other patterns.
     */
    public static String plainPath(Route r) {
        if (!r.regex()) {
            return r.path();
        }
        String shown = r.display();
        return shown.matches("[/\\w.-]*") && r.matches(shown) ? shown : "";
    }

    /**
     * Routes that are readiness checks: by name ({@code /ready}, {@code /readyz}, {@code /health/ready}...), or health
     * routes whose handler checks a dependency ({@code /health/db} running {@code SELECT 1}).
     */
    public List<Route> readinessRoutes() {
        List<Route> out = new ArrayList<>();
        for (Route r : routes) {
            String p = r.regex() ? r.path().replaceAll("[\\^$]", "") : r.path();
            if (READINESS.matcher("/" + p).matches()
                    || HEALTH.matcher("/" + p.replaceFirst("^/+", "")).matches() && r.handler().checksDependencies()) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return known ? routes.stream().map(r -> r.method() + " " + r.path()).toList() + " opaque " + opaque : "unknown";
    }
}
