package dev.drydock.core.app;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes a Go program registers with literal paths: net/http's {@code http.HandleFunc("/healthz", ...)} and
 * {@code mux.Handle(...)} (with Go 1.22's {@code "GET /path"} patterns), Gin's and Echo's {@code r.GET("/health", ...)},
 * chi's and Fiber's {@code r.Get("/health", ...)}, gorilla/mux's {@code r.HandleFunc(...)}, with the prefixes of
 * {@code Group("/api")} and {@code PathPrefix("/api").Subrouter()}. What cannot be read makes its paths undetermined:
 * a path held in a variable (everything), a subtree pattern ({@code "/static/"}, {@code "/"}), a mounted router
 * ({@code Mount}, chi's {@code Route}), Gin's {@code NoRoute}, a health-check library imported from outside the
 * module, and a module that replaces a dependency with a local folder (routes may be registered there).
 */
final class GoRoutes {

    private static final String METHODS = "HandleFunc|Handle|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Any|Get|Post|Put"
            + "|Patch|Delete|Head|Options|All";
    private static final Pattern REGISTER = Pattern.compile("\\b(\\w+)\\.(" + METHODS + ")\\s*\\(");
    private static final Pattern ROUTER = Pattern.compile("\\b(\\w+)\\s*:?=\\s*&?(?:http\\.NewServeMux|gin\\.(?:Default|New)"
            + "|echo\\.New|chi\\.NewRouter|chi\\.NewMux|fiber\\.New|mux\\.NewRouter|http\\.ServeMux)\\s*[({]");
    private static final Pattern GROUP = Pattern.compile("\\b(\\w+)\\s*:?=\\s*(\\w+)\\.(?:Group|PathPrefix)\\s*\\(\\s*\"([^\"]*)\"\\s*\\)"
            + "(\\s*\\.\\s*Subrouter\\s*\\(\\s*\\))?");
    private static final Pattern PREFIXED = Pattern.compile("\\b(\\w+)\\.(Mount|Route|Static|StaticFS|StaticFile|Use"
            + "|PathPrefix|Group)\\s*\\(\\s*\"([^\"]*)\"");
    private static final Pattern CATCH_ALL = Pattern.compile("\\.\\s*(?:NoRoute|NotFound|NotFoundHandler|MethodNotAllowed)\\b");
    private static final Pattern PATTERN = Pattern.compile("(?:([A-Z]+)\\s+)?([^/\\s]*)(/\\S*)");
    private static final Pattern HEALTH_IMPORT = Pattern.compile("\"([\\w.-]+\\.\\w+/[^\"]*health[^\"]*)\"");
    private static final Pattern PPROF = Pattern.compile("\"net/http/pprof\"");
    private static final Pattern LOCAL_REPLACE = Pattern.compile("(?m)=>\\s*\\.{1,2}/");
    private static final Pattern MODULE = Pattern.compile("(?m)^module\\s+(\\S+)");
    private static final Pattern WILDCARD = Pattern.compile("\\*\\w*|\\{\\w+\\.\\.\\.}");
    private static final Pattern NET_HTTP_RECEIVER = Pattern.compile("\\b(\\w+)\\s*:?=\\s*&?http\\.(?:NewServeMux|ServeMux)");

    private static final Map<String, Framework> IMPORTS = Map.of("github.com/gin-gonic/gin", Framework.GIN,
            "github.com/labstack/echo", Framework.ECHO, "github.com/gofiber/fiber", Framework.FIBER,
            "github.com/go-chi/chi", Framework.CHI, "github.com/gorilla/mux", Framework.GORILLA_MUX);

    private GoRoutes() {}

    /** The routes of the Go program, or {@link Routes#unknown()} when it registers none with a literal path. */
    static Routes routes(List<GoSources> sources, SourceSet files) {
        List<Route> routes = new ArrayList<>();
        Set<String> opaque = new LinkedHashSet<>();
        for (String module : sources.stream().map(GoSources::module).distinct().toList()) {
            String mod = files.read(module).map(SourceFile::text).orElse("");
            if (LOCAL_REPLACE.matcher(mod).find()) {
                opaque.add("");
            }
            Matcher name = MODULE.matcher(mod);
            String own = name.find() ? name.group(1) : null;
            for (GoSources s : sources) {
                if (s.module().equals(module)) {
                    read(s, own, routes, opaque);
                }
            }
        }
        return routes.isEmpty() ? Routes.unknown() : new Routes(true, routes, List.copyOf(opaque));
    }

    private static void read(GoSources s, String module, List<Route> routes, Set<String> opaque) {
        String code = s.code();
        Framework framework = framework(code);
        Matcher imports = HEALTH_IMPORT.matcher(code);
        while (imports.find()) {
            if (module == null || !imports.group(1).startsWith(module)) {
                opaque.add("");
            }
        }
        if (PPROF.matcher(code).find()) {
            opaque.add("/debug/pprof");
        }
        if (CATCH_ALL.matcher(code).find()) {
            opaque.add("");
        }
        Set<String> routers = new LinkedHashSet<>(Set.of("http"));
        Set<String> serveMuxes = new LinkedHashSet<>(Set.of("http"));
        Matcher r = ROUTER.matcher(code);
        while (r.find()) {
            routers.add(r.group(1));
        }
        r = NET_HTTP_RECEIVER.matcher(code);
        while (r.find()) {
            serveMuxes.add(r.group(1));
        }
        Map<String, String> prefixes = new HashMap<>();
        Matcher g = GROUP.matcher(code);
        while (g.find()) {
            if (!g.group(0).contains("PathPrefix") || g.group(4) != null) {
                prefixes.put(g.group(1), join(prefixes.getOrDefault(g.group(2), ""), g.group(3)));
                routers.add(g.group(1));
            }
        }
        Matcher p = PREFIXED.matcher(code);
        while (p.find()) {
            boolean group = p.group(2).equals("Group") || p.group(2).equals("PathPrefix");
            if (!group || !prefixes.containsKey(assigned(code, p.start()))) {
                opaque.add(join(prefixes.getOrDefault(p.group(1), ""), p.group(3)));
            }
        }
        Matcher m = REGISTER.matcher(code);
        while (m.find()) {
            String receiver = m.group(1);
            String method = m.group(2);
            List<String> args = GoArgs.split(code, m.end() - 1);
            String first = args.isEmpty() ? "" : args.get(0);
            boolean known = routers.contains(receiver) || prefixes.containsKey(receiver);
            if (args.size() < 2) {
                continue; // a client's or a map's Get, not a route
            }
            if (!first.matches("\"[^\"\\\\]*\"")) {
                if (known || framework != Framework.GO_NET_HTTP || method.startsWith("Handle")
                        || method.equals(method.toUpperCase(java.util.Locale.ROOT))) {
                    opaque.add(""); // a path held in a variable
                }
                continue;
            }
            Matcher pattern = PATTERN.matcher(first.substring(1, first.length() - 1));
            if (!pattern.matches() || !pattern.group(2).isEmpty()) {
                continue; // no path, or a host-specific pattern
            }
            String path = join(prefixes.getOrDefault(receiver, ""), pattern.group(3));
            boolean netHttp = serveMuxes.contains(receiver) || method.startsWith("Handle") && !known;
            if (netHttp && path.endsWith("{$}")) {
                path = path.substring(0, path.length() - 3);
            } else if (netHttp && path.endsWith("/")) {
                opaque.add(path); // a subtree: its handler decides what it serves
                continue;
            }
            path = WILDCARD.matcher(path).replaceAll("*");
            String verb = pattern.group(1) != null ? pattern.group(1)
                    : method.startsWith("Handle") || method.equals("Any") || method.equals("All") ? "ANY"
                            : method.toUpperCase(java.util.Locale.ROOT);
            int line = s.line(m.start());
            routes.add(new Route(verb, path, false, s.file().path(), line, Handler.unknown(path, s.file().path(), line),
                    netHttp ? Framework.GO_NET_HTTP : framework));
        }
    }

    /** The name {@code x.Group(...)} at {@code at} is assigned to, or null. */
    private static String assigned(String code, int at) {
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        Matcher m = Pattern.compile("(\\w+)\\s*:?=\\s*$").matcher(code.substring(lineStart, at));
        return m.find() ? m.group(1) : null;
    }

    private static Framework framework(String code) {
        for (Map.Entry<String, Framework> e : IMPORTS.entrySet()) {
            if (code.contains("\"" + e.getKey())) {
                return e.getValue();
            }
        }
        return Framework.GO_NET_HTTP;
    }

    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path.isEmpty() ? "/" : path;
        }
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.isEmpty() ? p : p + (path.startsWith("/") ? path : "/" + path);
    }
}
