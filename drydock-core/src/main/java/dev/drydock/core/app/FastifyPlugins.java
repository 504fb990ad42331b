package dev.drydock.core.app;

import java.util.List;
import java.util.Set;

/**
 * Fastify's {@code register(plugin, {prefix})}: a plugin function of the project (inline, local or imported) is
 * followed, its routes under the prefix (or the parent's prefix when fastify-plugin wraps it, which makes Fastify
 * ignore the option); a package plugin known to add no route is skipped, {@code @fastify/under-pressure} adds its status
 * route, and any other plugin leaves the paths under the prefix unknown.
 */
final class FastifyPlugins {

    /** Packages that decorate the instance or hook requests without adding a route. */
    private static final Set<String> WITHOUT_ROUTES = Set.of("@fastify/cors", "@fastify/helmet", "@fastify/rate-limit",
            "@fastify/cookie", "@fastify/formbody", "@fastify/multipart", "@fastify/jwt", "@fastify/sensible",
            "@fastify/compress", "@fastify/env", "@fastify/postgres", "@fastify/mongodb", "@fastify/redis",
            "@fastify/mysql", "@fastify/etag", "@fastify/csrf-protection", "@fastify/session", "@fastify/secure-session",
            "@fastify/websocket", "@fastify/auth", "@fastify/caching", "@fastify/request-context", "@fastify/accepts",
            "@fastify/circuit-breaker", "@fastify/basic-auth", "@fastify/bearer-auth", "fastify-cors", "fastify-helmet",
            "fastify-rate-limit", "fastify-cookie", "fastify-formbody", "fastify-multipart", "fastify-jwt",
            "fastify-sensible", "fastify-compress", "fastify-env", "fastify-postgres", "fastify-mongodb", "fastify-redis");
    private static final Set<String> UNDER_PRESSURE = Set.of("@fastify/under-pressure", "under-pressure");

    private FastifyPlugins() {}

    static void register(JsApps js, JsModule m, JsModule.MountDecl d, String prefix, List<Route> out,
            List<String> opaque, JsApps.PluginVisitor visit) {
        JsModule.Register reg = d.register();
        JsModule home = m;
        JsModule.Scope scope = m.scopes.stream().filter(s -> s.at() == reg.childAt()).findFirst().orElse(null);
        String pkg = null;
        if (scope == null && d.child() != null) {
            JsModule.Import imp = d.inline() ? new JsModule.Import(d.child(), null) : m.imports.get(d.child());
            if (imp != null) {
                String file = js.moduleFile(m.file, imp.spec());
                if (file == null) {
                    pkg = imp.spec();
                } else {
                    home = js.module(file);
                    scope = home == null ? null : home.scopeNamed(imp.name() == null ? "default" : imp.name());
                }
            } else {
                scope = m.scopeNamed(d.child());
            }
        }
        if (pkg != null) {
            registerPackage(pkg, m, d, prefix, out, opaque);
            return;
        }
        if (scope == null) {
            opaque.add(d.prefix() == null ? prefix : PythonApps.join(prefix, d.prefix()));
            return;
        }
        boolean wrapped = scope.wrapped() || scope.name() != null && home.wrapped.contains(scope.name());
        if (!wrapped && d.prefix() == null) {
            opaque.add(prefix);
            return;
        }
        visit.visit(JsApps.pluginTarget(home, scope), wrapped ? prefix : PythonApps.join(prefix, d.prefix()));
    }

    private static void registerPackage(String pkg, JsModule m, JsModule.MountDecl d, String prefix, List<Route> out,
            List<String> opaque) {
        if (WITHOUT_ROUTES.contains(pkg)) {
            return;
        }
        if (!UNDER_PRESSURE.contains(pkg)) {
            opaque.add(prefix);
            return;
        }
        List<Tok> expose = NestRoutes.property(d.register().options(), "exposeStatusRoute");
        if (expose == null || expose.size() == 1 && expose.get(0).isName("false")) {
            return;
        }
        String url = null;
        if (expose.size() == 1 && expose.get(0).isName("true")) {
            url = "/status";
        } else if (expose.size() == 1 && expose.get(0).isLiteralString()) {
            url = expose.get(0).value();
        } else if (!expose.isEmpty() && expose.get(0).is("{")) {
            List<Tok> u = NestRoutes.property(expose, "url");
            url = u == null ? "/status" : u.size() == 1 && u.get(0).isLiteralString() ? u.get(0).value() : null;
        }
        if (url == null) {
            opaque.add(prefix);
            return;
        }
        List<Tok> check = NestRoutes.property(d.register().options(), "healthCheck");
        Handler handler = check != null ? Handler.javascript(m.file, d.line(), new Tok.Arg(null, check).text())
                : Handler.constant("status", m.file, d.line(), "@fastify/under-pressure's status route answers 200"
                        + " unless the event loop or memory is over its limits");
        out.add(new Route("GET", PythonApps.join(prefix, url), false, m.file, d.line(), handler, Framework.FASTIFY));
    }
}
