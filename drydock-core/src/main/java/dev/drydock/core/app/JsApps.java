package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Express and Fastify applications across files: relative imports followed, routers mounted under their prefixes. */
final class JsApps {

    private static final List<String> EXTENSIONS = List.of("", ".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx",
            "/index.js", "/index.ts", "/index.mjs");

    private final SourceSet files;
    private final Map<String, JsModule> modules = new LinkedHashMap<>();

    JsApps(SourceSet files) {
        this.files = files;
    }

    JsModule module(String path) {
        if (path == null) {
            return null;
        }
        if (modules.containsKey(path)) {
            return modules.get(path);
        }
        JsModule m = files.read(path).map(JsModule::read).orElse(null);
        modules.put(path, m);
        return m;
    }

    List<JsModule> loaded() {
        return modules.values().stream().filter(m -> m != null).toList();
    }

    /** The project file a relative module specifier names, or null. */
    String moduleFile(String from, String spec) {
        if (spec == null || !(spec.startsWith("./") || spec.startsWith("../"))) {
            return null;
        }
        String base = PathNames.normalizeRelative(PathNames.join(PathNames.parent(from), spec));
        if (base == null) {
            return null;
        }
        for (String ext : EXTENSIONS) {
            String candidate = base + ext;
            if (files.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    void load(List<String> starts) {
        Deque<String> queue = new ArrayDeque<>(starts);
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty() && seen.size() < PythonApps.MAX_MODULES) {
            String path = queue.removeFirst();
            if (!seen.add(path)) {
                continue;
            }
            JsModule m = module(path);
            if (m == null) {
                continue;
            }
            for (String spec : m.specs) {
                String file = moduleFile(path, spec);
                if (file != null && !seen.contains(file)) {
                    queue.addLast(file);
                }
            }
        }
    }

    record ObjRef(JsModule module, JsModule.Obj obj) {
        String key() {
            return module.file + "#" + obj.name();
        }
    }

    ObjRef resolve(JsModule m, String name) {
        return resolve(m, name, 0);
    }

    private ObjRef resolve(JsModule m, String name, int depth) {
        if (m == null || name == null || depth > 12) {
            return null;
        }
        JsModule.Obj obj = m.objects.get(name);
        if (obj != null) {
            return new ObjRef(m, obj);
        }
        JsModule.Import imp = m.imports.get(name);
        if (imp != null) {
            JsModule target = module(moduleFile(m.file, imp.spec()));
            return exported(target, imp.name() == null ? "default" : imp.name(), depth + 1);
        }
        return null;
    }

    private ObjRef exported(JsModule m, String name, int depth) {
        if (m == null) {
            return null;
        }
        String local = m.exports.get(name);
        if (local == null && name.equals("default")) {
            return null;
        }
        return resolve(m, local == null ? name : local, depth);
    }

    /** The application objects of the start files (or imported by them), else every one loaded. */
    List<ObjRef> apps(List<String> starts) {
        List<ObjRef> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (String start : starts) {
            JsModule m = module(start);
            if (m == null) {
                continue;
            }
            List<String> names = new ArrayList<>(m.objects.keySet());
            names.addAll(m.imports.keySet());
            for (String name : names) {
                ObjRef r = resolve(m, name);
                if (r != null && !r.obj().router() && keys.add(r.key())) {
                    out.add(r);
                }
            }
        }
        if (out.isEmpty()) {
            for (JsModule m : loaded()) {
                for (JsModule.Obj o : m.objects.values()) {
                    ObjRef r = new ObjRef(m, o);
                    if (!o.router() && keys.add(r.key())) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    Routes routes(ObjRef app) {
        List<Route> routes = new ArrayList<>();
        List<String> opaque = new ArrayList<>();
        collect(new Target(app.module(), app.obj()), "", routes, opaque, new HashSet<>());
        for (JsModule m : loaded()) { // @godaddy/terminus answers on the server, ahead of the application
            for (JsModule.RouteDecl r : m.terminusChecks) {
                routes.add(new Route(r.method(), r.path(), false, m.file, r.line(),
                        Handler.javascript(m.file, r.line(), r.handlerText()), app.obj().framework()));
            }
            if (m.terminusUnread) {
                opaque.add("");
            }
        }
        return new Routes(true, routes, opaque);
    }

    /**
     * What routes are declared on: an application or router object, or the parameter of a function the application
     * is given to (a Fastify plugin's instance, the {@code app} of {@code registerRoutes(app)}).
     */
    record Target(JsModule module, JsModule.Obj obj, JsModule.Scope plugin, Framework framework) {
        Target(JsModule module, JsModule.Obj obj) {
            this(module, obj, null, obj.framework());
        }

        String key() {
            return module.file + "#" + (obj != null ? obj.name() : "@" + plugin.at());
        }
    }

    /** Whether a declaration on {@code owner} at {@code at} in {@code m} is made on {@code target}. */
    private boolean on(JsModule m, String owner, int at, Target target) {
        JsModule.Scope scope = at < 0 ? null : m.scopeOf(at, owner);
        if (target.plugin() != null) {
            return m == target.module() && scope == target.plugin();
        }
        if (scope != null) {
            return false; // a plugin's own instance, named like the application
        }
        ObjRef ref = resolve(m, owner);
        return ref != null && ref.key().equals(target.module().file + "#" + target.obj().name());
    }

    private void collect(Target target, String prefix, List<Route> out, List<String> opaque, Set<String> visiting) {
        if (!visiting.add(target.key()) || visiting.size() > 64) {
            return;
        }
        Framework framework = target.framework();
        if (target.obj() != null && target.module().routerPrefixes.containsKey(target.obj().name())) {
            String own = target.module().routerPrefixes.get(target.obj().name());
            if (own == null) {
                opaque.add(prefix);
                visiting.remove(target.key());
                return;
            }
            prefix = PythonApps.join(prefix, own);
        }
        for (JsModule m : loaded()) {
            for (JsModule.RouteDecl r : m.routes) {
                if (!on(m, r.owner(), r.at(), target)) {
                    continue;
                }
                if (r.dynamic()) {
                    opaque.add(prefix);
                    continue;
                }
                out.add(new Route(r.method(), PythonApps.join(prefix, r.path()), false, m.file, r.line(),
                        Handler.javascript(m.file, r.line(), r.handlerText()), framework));
            }
            for (JsModule.MountDecl d : m.mounts) {
                if (!on(m, d.owner(), d.at(), target)) {
                    continue;
                }
                if (d.register() != null) {
                    FastifyPlugins.register(this, m, d, prefix, out, opaque, (plugin, at) -> collect(plugin, at, out,
                            opaque, visiting));
                    continue;
                }
                if (d.prefix() == null) {
                    opaque.add(prefix);
                    continue;
                }
                ObjRef child = d.inline() ? exported(module(moduleFile(m.file, d.child())), "default", 0)
                        : d.child() == null ? null : resolve(m, d.child());
                if (child == null) {
                    boolean middleware = d.middleware() || !d.inline() && m.functions.contains(d.child());
                    if (!(middleware && d.prefix().isEmpty())) {
                        opaque.add(PythonApps.join(prefix, d.prefix()));
                    }
                    continue;
                }
                collect(new Target(child.module(), child.obj()), PythonApps.join(prefix, d.prefix()), out,
                        opaque, visiting);
            }
            for (JsModule.HandOff h : m.handOffs) {
                if (on(m, h.owner(), h.at(), target)) {
                    handOff(m, h, target, prefix, out, opaque, visiting);
                }
            }
        }
        visiting.remove(target.key());
    }

    /**
     * Follows {@code f(app)} into the project's function {@code f}: the routes it declares on its first parameter are the
     * application's. A function of a project module that cannot be found leaves the paths under {@code prefix} unknown;
     * a package's function (such as {@code http.createServer}'s) is not followed.
     */
    private void handOff(JsModule m, JsModule.HandOff h, Target target, String prefix, List<Route> out,
            List<String> opaque, Set<String> visiting) {
        JsModule home = m;
        JsModule.Scope scope;
        if (h.inline()) {
            home = module(moduleFile(m.file, h.callee()));
            scope = home == null ? null : home.scopeNamed("default");
            if (home == null && !isProjectSpec(h.callee())) {
                return;
            }
        } else if (m.imports.containsKey(h.callee())) {
            JsModule.Import imp = m.imports.get(h.callee());
            if (!isProjectSpec(imp.spec())) {
                return;
            }
            home = module(moduleFile(m.file, imp.spec()));
            scope = home == null ? null : home.scopeNamed(imp.name() == null ? "default" : imp.name());
        } else {
            scope = m.scopeNamed(h.callee());
            if (scope == null) {
                return; // not a function of this file: a method, a global or a value
            }
        }
        if (scope == null || scope.param() == null) {
            opaque.add(prefix);
            return;
        }
        collect(new Target(home, null, scope, target.framework()), prefix, out, opaque, visiting);
    }

    private static boolean isProjectSpec(String spec) {
        return spec.startsWith("./") || spec.startsWith("../");
    }

    /** Follows a registered plugin: {@code (module, plugin function)} collected under {@code prefix}. */
    interface PluginVisitor {
        void visit(Target plugin, String prefix);
    }

    static Target pluginTarget(JsModule m, JsModule.Scope scope) {
        return new Target(m, null, scope, Framework.FASTIFY);
    }

    /** The {@code listen} calls of the loaded files, with the port each resolves to (null when unknown). */
    List<ServerCall> listens() {
        List<ServerCall> out = new ArrayList<>();
        for (JsModule m : loaded()) {
            for (JsModule.Listen l : m.listens) {
                if (l.denoServe()) {
                    out.add(denoServe(m, l));
                    continue;
                }
                Integer port = Values.port(l.port(), m.constants, true);
                ObjRef owner = resolve(m, l.owner());
                String server = owner != null && owner.obj().framework() == Framework.FASTIFY ? "Fastify"
                        : m.specs.stream().anyMatch(JsApps::oak) ? "Oak" : "Node's HTTP server";
                out.add(new ServerCall(server + " (" + l.owner() + ".listen)", l.text(), false, false, m.file,
                        l.line(), l.host() == null ? null : Values.text(l.host()), port,
                        l.port().isEmpty() ? null : Values.text(l.port()),
                        Values.portVariable(l.port(), m.constants, true), null));
            }
        }
        return out;
    }

    /** An import of Oak, Deno's middleware framework: {@code jsr:@oak/oak}, its import map name, deno.land/x/oak. */
    private static boolean oak(String spec) {
        return spec.matches("(jsr:|npm:)?@oak/oak(@.*|/.*)?|https?://deno\\.land/x/oak(@[^/]*)?/.*");
    }

    /** {@code Deno.serve(...)}: on its options' port, else on Deno's default, 8000. */
    private static ServerCall denoServe(JsModule m, JsModule.Listen l) {
        String host = l.host() == null ? null : Values.text(l.host());
        if (l.port().isEmpty()) {
            return new ServerCall("Deno.serve", l.text(), false, false, m.file, l.line(), host, l.defaultPort(), null,
                    null, null);
        }
        return new ServerCall("Deno.serve", l.text(), false, false, m.file, l.line(), host,
                Values.port(l.port(), m.constants, true), Values.text(l.port()),
                Values.portVariable(l.port(), m.constants, true), null);
    }

    Optional<String[]> sigterm() {
        for (JsModule m : loaded()) {
            if (m.sigtermLine > 0) {
                return Optional.of(new String[] {m.file, Integer.toString(m.sigtermLine)});
            }
        }
        return Optional.empty();
    }
}
