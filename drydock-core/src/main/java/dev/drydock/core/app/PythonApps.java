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

/**
 * Python applications across files: loads the entry files and the project modules they import,
 * resolves names through imports, and builds the route table of each application object
 * (blueprints and routers with their prefixes), the servers the code starts and its signal handling.
 */
final class PythonApps {

    static final int MAX_MODULES = 300;

    private final SourceSet files;
    private final List<String> pyPaths;
    private final Map<String, PyModule> modules = new LinkedHashMap<>();
    private final Map<String, String> absoluteModules = new java.util.HashMap<>();

    PythonApps(SourceSet files) {
        this.files = files;
        this.pyPaths = files.paths().stream().filter(p -> p.endsWith(".py")).toList();
    }

    // ---- modules

    PyModule module(String path) {
        if (path == null) {
            return null;
        }
        PyModule known = modules.get(path);
        if (known != null || modules.containsKey(path)) {
            return known;
        }
        PyModule read = files.read(path).map(PyModule::read).orElse(null);
        modules.put(path, read);
        return read;
    }

    Map<String, PyModule> loaded() {
        Map<String, PyModule> out = new LinkedHashMap<>();
        modules.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The project file of a module imported from {@code fromFile}, or null when it is not in the project. */
    String moduleFile(String fromFile, String module, int level) {
        String rel = module.replace('.', '/');
        if (level > 0) {
            String base = PathNames.parent(fromFile);
            for (int i = 1; i < level; i++) {
                base = PathNames.parent(base);
            }
            for (String candidate : rel.isEmpty() ? List.of(PathNames.join(base, "__init__.py"))
                    : List.of(PathNames.join(base, rel + ".py"), PathNames.join(base, rel + "/__init__.py"))) {
                if (files.contains(candidate)) {
                    return candidate;
                }
            }
            return null;
        }
        if (rel.isEmpty()) {
            return null;
        }
        String key = PathNames.parent(fromFile) + "|" + rel;
        if (absoluteModules.containsKey(key)) {
            return absoluteModules.get(key);
        }
        String found = findModule(fromFile, rel);
        absoluteModules.put(key, found);
        return found;
    }

    private String findModule(String fromFile, String rel) {
        String best = null;
        int bestScore = Integer.MIN_VALUE;
        String fromDir = PathNames.parent(fromFile);
        for (String p : pyPaths) {
            boolean hit = p.equals(rel + ".py") || p.endsWith("/" + rel + ".py") || p.equals(rel + "/__init__.py")
                    || p.endsWith("/" + rel + "/__init__.py");
            if (!hit) {
                continue;
            }
            int score = commonPrefix(fromDir, p) * 1000 - p.length();
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        return best;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Loads the start files and the project modules they import, breadth first (bounded). */
    void load(List<String> starts) {
        Deque<String> queue = new ArrayDeque<>(starts);
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty() && seen.size() < MAX_MODULES) {
            String path = queue.removeFirst();
            if (!seen.add(path)) {
                continue;
            }
            PyModule m = module(path);
            if (m == null) {
                continue;
            }
            List<PyModule.Import> imported = new ArrayList<>(m.importedModules);
            imported.addAll(m.starImports);
            for (PyModule.Import imp : imported) {
                String file = moduleFile(path, imp.module(), imp.level());
                if (file != null && !seen.contains(file)) {
                    queue.addLast(file);
                }
                // a package's __init__ runs on import of a submodule
                if (imp.level() == 0 && imp.module().contains(".")) {
                    String pkg = moduleFile(path, imp.module().substring(0, imp.module().lastIndexOf('.')), 0);
                    if (pkg != null && !seen.contains(pkg)) {
                        queue.addLast(pkg);
                    }
                }
            }
        }
    }

    /**
     * The step of kind {@code kind} (a write of DEBUG or SECRET_KEY) that has the last word in module {@code m},
     * following its star imports in order; null when neither it nor they write the setting.
     */
    <T extends PyModule.SettingStep> T lastWrite(PyModule m, Class<T> kind) {
        return lastWrite(m, kind, new HashSet<>());
    }

    private <T extends PyModule.SettingStep> T lastWrite(PyModule m, Class<T> kind, Set<String> seen) {
        if (!seen.add(m.file) || seen.size() > 8) {
            return null;
        }
        T last = null;
        for (PyModule.SettingStep step : m.settingSteps) {
            if (kind.isInstance(step)) {
                last = kind.cast(step);
            } else if (step instanceof PyModule.StarImport imported) {
                PyModule base = module(moduleFile(m.file, imported.star().module(), imported.star().level()));
                T inBase = base == null ? null : lastWrite(base, kind, seen);
                last = inBase != null ? inBase : last;
            }
        }
        return last;
    }

    // ---- names

    sealed interface Ref permits ObjRef, DefRef, ModuleRef {}

    record ObjRef(PyModule module, PyModule.Obj obj) implements Ref {
        String key() {
            return module.file + "#" + obj.name();
        }
    }

    record DefRef(PyModule module, PyModule.Def def) implements Ref {}

    record ModuleRef(PyModule module) implements Ref {}

    Ref resolve(PyModule m, String dotted) {
        return resolve(m, dotted, 0);
    }

    private Ref resolve(PyModule m, String dotted, int depth) {
        if (m == null || dotted == null || dotted.isEmpty() || depth > 16) {
            return null;
        }
        String[] parts = dotted.split("\\.");
        Ref r = resolveName(m, parts[0], depth + 1);
        for (int i = 1; i < parts.length && r != null; i++) {
            if (!(r instanceof ModuleRef mr)) {
                return null;
            }
            Ref next = resolveName(mr.module(), parts[i], depth + 1);
            if (next == null) {
                String sub = moduleFile(mr.module().file, parts[i], 1);
                next = sub == null ? null : moduleRef(sub);
            }
            r = next;
        }
        return r;
    }

    private Ref moduleRef(String file) {
        PyModule m = module(file);
        return m == null ? null : new ModuleRef(m);
    }

    private Ref resolveName(PyModule m, String name, int depth) {
        if (depth > 16) {
            return null;
        }
        PyModule.Obj obj = m.objects.get(name);
        if (obj != null) {
            return new ObjRef(m, obj);
        }
        PyModule.Alias alias = m.aliases.get(name);
        if (alias != null && !alias.target().equals(name)) {
            Ref target = resolve(m, alias.target(), depth + 1);
            if (!alias.call()) {
                return target;
            }
            if (target instanceof DefRef d) {
                return created(d);
            }
            return null;
        }
        PyModule.Def def = m.defs.get(name);
        if (def != null) {
            return new DefRef(m, def);
        }
        PyModule.Import imp = m.imports.get(name);
        if (imp != null) {
            if (imp.name() == null) {
                String file = moduleFile(m.file, imp.module(), imp.level());
                return file == null ? null : moduleRef(file);
            }
            String file = moduleFile(m.file, imp.module(), imp.level());
            PyModule from = module(file);
            Ref r = from == null ? null : resolveName(from, imp.name(), depth + 1);
            if (r == null) {
                String sub = moduleFile(m.file, imp.module().isEmpty() ? imp.name() : imp.module() + "." + imp.name(),
                        imp.level());
                r = sub == null ? null : moduleRef(sub);
            }
            return r;
        }
        for (PyModule.Import star : m.starImports) {
            PyModule from = module(moduleFile(m.file, star.module(), star.level()));
            Ref r = from == null ? null : resolveName(from, name, depth + 1);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** The application object a factory function creates ({@code def create_app(): app = Flask(...)}). */
    private Ref created(DefRef factory) {
        for (PyModule.Obj o : factory.module().objects.values()) {
            if (factory.def().name().equals(o.factory()) && isApp(o.kind())) {
                return new ObjRef(factory.module(), o);
            }
        }
        return null;
    }

    static boolean isApp(String kind) {
        return kind.equals("Flask") || kind.equals("Quart") || kind.equals("FastAPI") || kind.equals("Starlette");
    }

    static Framework framework(String kind) {
        return switch (kind) {
            case "Quart" -> Framework.QUART;
            case "FastAPI", "APIRouter" -> Framework.FASTAPI;
            case "Starlette" -> Framework.STARLETTE;
            default -> Framework.FLASK;
        };
    }

    // ---- applications

    /** The application objects the start files give (by a module-level name or a factory), else every one loaded. */
    List<AppObject> apps(List<String> starts) {
        List<AppObject> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (String start : starts) {
            PyModule m = module(start);
            if (m == null) {
                continue;
            }
            List<String> names = new ArrayList<>();
            m.objects.values().stream().filter(o -> o.factory() == null).forEach(o -> names.add(o.name()));
            names.addAll(m.aliases.keySet());
            for (String name : names) {
                Ref r = resolve(m, name);
                if (r instanceof ObjRef o && isApp(o.obj().kind()) && keys.add(o.key())) {
                    out.add(new AppObject(framework(o.obj().kind()), o.module().file, o.obj().line(), o.obj().name(),
                            m.file, name, false));
                }
            }
        }
        for (PyModule m : loaded().values()) {
            for (PyModule.Obj o : m.objects.values()) {
                ObjRef ref = new ObjRef(m, o);
                if (isApp(o.kind()) && keys.add(ref.key())) {
                    boolean factory = o.factory() != null;
                    out.add(new AppObject(framework(o.kind()), m.file, o.line(), o.name(), m.file,
                            factory ? o.factory() : o.name(), factory));
                }
            }
        }
        return out;
    }

    /** The routes of an application object, blueprints and routers included. */
    Routes routes(AppObject app) {
        PyModule m = module(app.file());
        PyModule.Obj obj = m == null ? null : m.objects.get(app.name());
        if (obj == null) {
            return Routes.unknown();
        }
        List<Route> routes = new ArrayList<>();
        List<String> opaque = new ArrayList<>();
        collect(new ObjRef(m, obj), "", app.framework(), routes, opaque, new HashSet<>());
        return new Routes(true, routes, opaque);
    }

    private void collect(ObjRef target, String prefix, Framework framework, List<Route> out, List<String> opaque,
            Set<String> visiting) {
        if (!visiting.add(target.key()) || visiting.size() > 64) {
            return;
        }
        if (target.obj().kind().equals("Starlette")) {
            starletteRoutes(target, prefix, out, opaque);
        }
        for (PyModule m : loaded().values()) {
            for (PyModule.RouteDecl r : m.routes) {
                if (!same(resolve(m, r.owner()), target)) {
                    continue;
                }
                if (r.dynamic()) {
                    opaque.add(prefix);
                    continue;
                }
                Handler handler = r.handler() != null ? r.handler() : handler(m, r.handlerName(), r.line());
                out.add(new Route(r.methods(), join(prefix, r.path()), false, m.file, r.line(), handler, framework));
            }
            for (PyModule.MountDecl d : m.mounts) {
                if (!same(resolve(m, d.owner()), target)) {
                    continue;
                }
                if (d.prefix() == null) {
                    opaque.add(prefix);
                    continue;
                }
                Ref child = d.child() == null ? null : resolve(m, d.child());
                if (!(child instanceof ObjRef c)) {
                    opaque.add(join(prefix, d.prefix()));
                    continue;
                }
                String own = ownPrefix(c.obj());
                if (own == null) {
                    opaque.add(join(prefix, d.prefix()));
                    continue;
                }
                String combined = switch (d.kind()) {
                    case "register_blueprint", "register_api" -> d.prefixGiven() ? d.prefix() : own;
                    case "mount" -> d.prefix();
                    default -> join(d.prefix(), own);
                };
                collect(c, join(prefix, combined), framework, out, opaque, visiting);
            }
        }
        visiting.remove(target.key());
    }

    /** A blueprint's {@code url_prefix} or a router's {@code prefix}: "" when none, null when not a literal. */
    private static String ownPrefix(PyModule.Obj obj) {
        Tok.Arg arg = Tok.keyword(obj.args(), obj.kind().equals("APIRouter") || obj.kind().equals("Api") ? "prefix" : "url_prefix");
        if (arg == null) {
            return "";
        }
        return arg.string();
    }

    private void starletteRoutes(ObjRef target, String prefix, List<Route> out, List<String> opaque) {
        Tok.Arg routesArg = Tok.keyword(target.obj().args(), "routes");
        if (routesArg == null) {
            return;
        }
        List<Tok> toks = routesArg.tokens();
        String name = routesArg.name();
        if (name != null) {
            String text = target.module().constants.get(name);
            if (text == null) {
                opaque.add(prefix);
                return;
            }
            toks = Tok.tokenize(text, false);
        }
        for (int i = 0; i + 1 < toks.size(); i++) {
            Tok t = toks.get(i);
            if (!t.isName() || !toks.get(i + 1).is("(") || i > 0 && toks.get(i - 1).is(".")) {
                continue;
            }
            List<Tok.Arg> args = Tok.args(toks, i + 1);
            Tok.Arg path = Tok.positional(args, 0);
            String p = path == null ? null : path.string();
            switch (t.text()) {
                case "Route" -> {
                    if (p == null) {
                        opaque.add(prefix);
                    } else {
                        Tok.Arg endpoint = Tok.positional(args, 1);
                        out.add(new Route(methods(Tok.keyword(args, "methods")), join(prefix, p), false,
                                target.module().file, target.obj().line(),
                                handler(target.module(), endpoint == null ? null : endpoint.name(), target.obj().line()),
                                Framework.STARLETTE));
                    }
                }
                case "Mount", "Host" -> opaque.add(p == null ? prefix : join(prefix, p));
                default -> {
                    // WebSocketRoute and helpers: not HTTP routes
                }
            }
        }
    }

    private static String methods(Tok.Arg arg) {
        if (arg == null) {
            return "GET";
        }
        List<String> names = new ArrayList<>();
        for (Tok t : arg.tokens()) {
            if (t.kind() == Tok.Kind.STRING) {
                names.add(t.value().toUpperCase(java.util.Locale.ROOT));
            }
        }
        return names.isEmpty() ? "GET" : String.join(",", names);
    }

    private static boolean same(Ref r, ObjRef target) {
        return r instanceof ObjRef o && o.key().equals(target.key());
    }

    /** The handler a view name refers to. */
    Handler handler(PyModule m, String name, int line) {
        if (name == null) {
            return Handler.unknown(null, m.file, line);
        }
        Ref r = resolve(m, name);
        if (r instanceof DefRef d && !d.def().isClass()) {
            return Handler.python(d.def().name(), d.module().file, d.def().line(), d.def().body());
        }
        if (r instanceof DefRef d) {
            return Handler.unknown(d.def().name(), d.module().file, d.def().line());
        }
        return Handler.unknown(name, m.file, line);
    }

    /** Joins a prefix and a path as Flask and FastAPI do. */
    static String join(String prefix, String path) {
        if (prefix == null || prefix.isEmpty()) {
            return path == null ? "" : path;
        }
        if (path == null || path.isEmpty()) {
            return prefix;
        }
        return (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix) + "/"
                + (path.startsWith("/") ? path.substring(1) : path);
    }

    // ---- servers and signals

    /**
     * The servers the code starts when {@code entry} is run as a script: any start in the entry file
     * itself, and module-level starts in the files it imports.
     */
    List<ServerCall> serverCalls(String entry) {
        List<ServerCall> out = new ArrayList<>();
        for (PyModule m : loaded().values()) {
            boolean isEntry = m.file.equals(entry);
            for (PyModule.RunDecl r : m.runs) {
                if (!isEntry && (r.inMain() || r.enclosing() != null)) {
                    continue;
                }
                ServerCall call = serverCall(m, r);
                if (call != null) {
                    out.add(call);
                }
            }
        }
        return out;
    }

    private ServerCall serverCall(PyModule m, PyModule.RunDecl r) {
        String owner = r.owner();
        List<Tok.Arg> args = r.args();
        switch (r.method()) {
            case "run" -> {
                if (owner == null) {
                    return null;
                }
                Ref ref = resolve(m, owner);
                if (ref instanceof ObjRef o && (o.obj().kind().equals("Flask") || o.obj().kind().equals("Quart"))) {
                    String server = o.obj().kind().equals("Flask") ? "Flask's development server (Werkzeug)"
                            : "Quart's development server";
                    return call(m, r, server, true, arg(args, "host", 0), arg(args, "port", 1), arg(args, "debug", 2),
                            o.obj().kind().equals("Flask") ? 5000 : 5000).withTls(o.obj().kind().equals("Flask")
                                    ? werkzeugTls(m, r, args, -1) : quartTls(m, r, args));
                }
                if (ref instanceof ObjRef o && o.obj().kind().equals("Dash")) {
                    return dash(m, r, args);
                }
                if (imports(m, owner, "uvicorn")) {
                    Tok.Arg reload = Tok.keyword(args, "reload");
                    boolean dev = reload != null && Values.isTrue(reload.tokens());
                    return call(m, r, dev ? "uvicorn with reload=True" : "uvicorn", dev, arg(args, "host", -1),
                            arg(args, "port", -1), reload, 8000);
                }
                return null;
            }
            case "run_simple" -> {
                if (owner != null && !owner.startsWith("werkzeug") || owner == null && !imported(m, "run_simple", "werkzeug")) {
                    return null;
                }
                return call(m, r, "Werkzeug's development server (run_simple)", true, arg(args, "hostname", 0),
                        arg(args, "port", 1), arg(args, "use_debugger", 4), null)
                        .withTls(werkzeugTls(m, r, args, RUN_SIMPLE_SSL_CONTEXT));
            }
            case "make_server" -> {
                boolean wsgiref = owner != null ? owner.contains("simple_server")
                        : imported(m, "make_server", "wsgiref");
                return wsgiref ? call(m, r, "wsgiref's reference server (wsgiref.simple_server)", true,
                        arg(args, "host", 0), arg(args, "port", 1), null, null) : null;
            }
            case "run_server" -> {
                boolean dash = m.imports.values().stream().anyMatch(i -> i.module().equals("dash") || "dash".equals(i.name()));
                return dash ? dash(m, r, args) : null;
            }
            case "serve" -> {
                boolean waitress = owner != null ? owner.equals("waitress") || imports(m, owner, "waitress")
                        : imported(m, "serve", "waitress");
                return waitress ? call(m, r, "waitress", false, arg(args, "host", -1), arg(args, "port", -1), null, 8080)
                        : null;
            }
            case "launch" -> {
                boolean gradio = owner != null && m.imports.values().stream()
                        .anyMatch(i -> i.module().equals("gradio") || i.module().startsWith("gradio."));
                if (!gradio) {
                    return null;
                }
                // server_name and server_port, else GRADIO_SERVER_NAME and GRADIO_SERVER_PORT, else 127.0.0.1:7860
                Tok.Arg port = Tok.keyword(args, "server_port");
                ServerCall call = call(m, r, "Gradio's server (launch)", false, Tok.keyword(args, "server_name"), port,
                        null, 7860);
                Tok.Arg share = arg(args, "share", 2); // launch(inline, inbrowser, share, ...)
                Tok.Arg auth = Tok.keyword(args, "auth") != null ? Tok.keyword(args, "auth")
                        : Tok.keyword(args, "auth_dependency");
                return new ServerCall(call.server(), call.call(), false, call.mainOnly(), call.file(), call.line(),
                        call.host(), port != null ? call.port() : 7860, call.portText(),
                        port != null ? call.portVariable() : "GRADIO_SERVER_PORT", null,
                        share == null ? null : share.text(), auth == null ? null : auth.keyword() + "=" + auth.text());
            }
            case "run_app" -> {
                boolean aiohttp = owner != null && imports(m, owner, "aiohttp");
                return aiohttp ? call(m, r, "aiohttp's server (web.run_app)", false, arg(args, "host", -1),
                        arg(args, "port", -1), null, 8080) : null;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Dash's {@code app.run(host, port, proxy, debug, ...)} (run_server before Dash 3): Flask's development server
     * (Werkzeug) under the Dash object; without arguments on HOST and PORT, else 127.0.0.1:8050.
     */
    private static ServerCall dash(PyModule m, PyModule.RunDecl r, List<Tok.Arg> args) {
        Tok.Arg port = arg(args, "port", 1);
        ServerCall call = call(m, r, ServerCall.DASH_SERVER + " (" + r.method() + ", Flask's Werkzeug)", true, arg(args, "host", 0),
                port, arg(args, "debug", 3), 8050);
        ServerCall.Tls tls = werkzeugTls(m, r, args, -1); // Dash passes its other keywords on to Flask's app.run
        return port != null ? call.withTls(tls) : new ServerCall(call.server(), call.call(), true, call.mainOnly(),
                call.file(), call.line(), call.host(), 8050, null, "PORT", call.debug(), null, null).withTls(tls);
    }

    /** The position of ssl_context among run_simple's parameters. */
    private static final int RUN_SIMPLE_SSL_CONTEXT = 15;

    /**
     * What Werkzeug's development server speaks by its ssl_context argument, which Flask's app.run passes on: plain
     * HTTP without one or with None; TLS with a (cert_file, key_file) tuple, with 'adhoc' (a self-signed certificate
     * made at every start) or with anything else, which Werkzeug takes as an ssl.SSLContext. A name the module binds
     * to a value once is read through. Null when {@code **options} (or, at {@code position}, {@code *args}) may pass it.
     */
    private static ServerCall.Tls werkzeugTls(PyModule m, PyModule.RunDecl r, List<Tok.Arg> args, int position) {
        String at = m.file + ":" + r.line();
        Tok.Arg context = arg(args, "ssl_context", position);
        if (context == null) {
            return splat(args, position >= 0) ? null : new ServerCall.Tls(false, "no ssl_context in " + at);
        }
        String written = "ssl_context=" + shown(context.text()) + " in " + at;
        List<Tok> value = context.tokens();
        String name = context.name();
        if (name != null && !name.contains(".") && m.constants.containsKey(name)) {
            value = Tok.tokenize(m.constants.get(name), false);
        }
        if (value.size() == 1 && value.get(0).isName("None")) {
            return new ServerCall.Tls(false, written);
        }
        if (value.size() == 1 && value.get(0).isLiteralString() && value.get(0).value().equals("adhoc")) {
            return new ServerCall.Tls(true, written, null, null, "ssl_context='adhoc' has Werkzeug make a throwaway"
                    + " self-signed certificate at every start");
        }
        // a list is read as the pair it means, though Werkzeug takes only a tuple (and fails to start on a list)
        List<String> files = literalStrings(value);
        if (files != null && files.size() == 2) {
            return new ServerCall.Tls(true, written, files.get(0), files.get(1), null);
        }
        return new ServerCall.Tls(true, written, null, null, "the code builds its TLS context ("
                + written + "), which a server started from the command"
                + " line does not run");
    }

    /**
     * What Quart's development server (Hypercorn) speaks: TLS when app.run is given both certfile and keyfile
     * (Quart takes no ssl_context), plain HTTP otherwise; null when {@code **kwargs} may pass them.
     */
    private static ServerCall.Tls quartTls(PyModule m, PyModule.RunDecl r, List<Tok.Arg> args) {
        String at = m.file + ":" + r.line();
        Tok.Arg certfile = arg(args, "certfile", 6);
        Tok.Arg keyfile = arg(args, "keyfile", 7);
        if (certfile == null || keyfile == null) {
            return splat(args, true) ? null : new ServerCall.Tls(false, "no certfile and keyfile in " + at);
        }
        String written = "certfile=" + shown(certfile.text()) + " and keyfile=" + shown(keyfile.text()) + " in " + at;
        if (certfile.string() != null && keyfile.string() != null) {
            return new ServerCall.Tls(true, written, certfile.string(), keyfile.string(), null);
        }
        return new ServerCall.Tls(true, written, null, null, "the code computes its certificate and key files ("
                + written + ")");
    }

    /** An argument as a message quotes it: cut to 60 characters. */
    private static String shown(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    /** Whether an argument is {@code **mapping}, or {@code *sequence} when positions count. */
    private static boolean splat(List<Tok.Arg> args, boolean positions) {
        return args.stream().anyMatch(a -> a.keyword() == null && !a.tokens().isEmpty()
                && (a.tokens().get(0).is("**") || positions && a.tokens().get(0).is("*")));
    }

    /** The values of a tuple or list of literal strings ({@code ("cert.pem", "key.pem")}), else null. */
    private static List<String> literalStrings(List<Tok> value) {
        if (value.size() < 2 || !(value.get(0).is("(") && value.get(value.size() - 1).is(")")
                || value.get(0).is("[") && value.get(value.size() - 1).is("]"))) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 1; i < value.size() - 1; i += 2) {
            Tok item = value.get(i);
            Tok after = value.get(i + 1);
            if (!item.isLiteralString() || !(after.is(",") || i + 1 == value.size() - 1)) {
                return null;
            }
            out.add(item.value());
        }
        return out;
    }

    private static Tok.Arg arg(List<Tok.Arg> args, String keyword, int position) {
        Tok.Arg a = Tok.keyword(args, keyword);
        if (a == null && position >= 0) {
            a = Tok.positional(args, position);
        }
        return a;
    }

    /** Whether {@code name} in {@code m} is the module {@code module} (or one of its submodules). */
    private static boolean imports(PyModule m, String name, String module) {
        String first = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        PyModule.Import imp = m.imports.get(first);
        if (imp == null) {
            return false;
        }
        String full = imp.name() == null ? imp.module() : imp.module() + "." + imp.name();
        return full.equals(module) || full.startsWith(module + ".") || imp.module().equals(module);
    }

    /** Whether {@code name} was imported from {@code module} or one of its submodules. */
    private static boolean imported(PyModule m, String name, String module) {
        PyModule.Import imp = m.imports.get(name);
        return imp != null && imp.name() != null && (imp.module().equals(module) || imp.module().startsWith(module + "."));
    }

    private static ServerCall call(PyModule m, PyModule.RunDecl r, String server, boolean development, Tok.Arg host,
            Tok.Arg port, Tok.Arg debug, Integer defaultPort) {
        Integer p = port == null ? defaultPort : Values.port(port.tokens(), m.constants, false);
        return new ServerCall(server, r.text(), development, r.inMain(), m.file, r.line(),
                host == null ? null : host.text(), p, port == null ? null : port.text(),
                port == null ? null : Values.portVariable(port.tokens(), m.constants, false),
                debug == null ? null : debug.text());
    }

    /** The first SIGTERM handling found in the loaded modules, as file and line. */
    Optional<String[]> sigterm() {
        for (PyModule m : loaded().values()) {
            if (m.handlesSigterm()) {
                return Optional.of(new String[] {m.file, Integer.toString(m.sigtermLine)});
            }
        }
        return Optional.empty();
    }
}
