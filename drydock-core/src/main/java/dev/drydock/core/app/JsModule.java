package dev.drydock.core.app;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one JavaScript or TypeScript file declares for an Express or Fastify application: imports
 * and exports, the application and router objects it creates, routes, {@code use}/{@code register}
 * mounts, {@code listen} calls and SIGTERM handling. Read from its tokens; names are resolved across
 * files by {@link JsApps}.
 */
final class JsModule {

    /** {@code const x = require(spec)} ({@code name} null: the default export), {@code import {name as x} from spec}. */
    record Import(String spec, String name) {}

    record Obj(String name, Framework framework, boolean router, int line, List<Tok> args) {}

    /** {@code at}: the source offset of the call, to tell which function's parameter {@code owner} names. */
    record RouteDecl(String owner, String method, String path, boolean dynamic, int line, String handlerText, int at) {}

    /**
     * A function body: the name it is known by ("default" for a default export, null for an inline one), its first
     * parameter (a Fastify plugin's instance), where the function starts ({@code at}) and its body's extent;
     * {@code wrapped} when it is passed to fastify-plugin, which registers its routes in the parent's scope.
     */
    record Scope(String name, String param, int at, int from, int to, boolean wrapped) {
        boolean contains(int offset) {
            return from < offset && offset < to;
        }
    }

    /**
     * {@code owner.use(prefix, child)}: {@code prefix} "" when none, null when not a literal; {@code child}
     * the child's name, or the module spec of an inline {@code require(...)} (with {@code inline} true);
     * {@code middleware} when the child is plainly a middleware (a function literal, {@code express.json()}).
     */
    record MountDecl(String owner, String prefix, String child, boolean inline, boolean middleware, int line, int at,
            Register register) {}

    /**
     * {@code callee(owner, ...)}: a plain function call whose first argument is a bare name, as
     * {@code registerHealthRoutes(app)} or {@code require('./routes')(app)} ({@code inline} true, {@code callee} the
     * module spec): the function may declare routes on its first parameter.
     */
    record HandOff(String callee, boolean inline, String owner, int line, int at) {}

    /** Fastify's {@code register(plugin, options)}: where the plugin argument starts, the options' tokens (empty when none). */
    record Register(int childAt, List<Tok> options) {}

    /**
     * {@code owner.listen(port, host)} or Fastify's {@code owner.listen({port, host})}: {@code host} the host
     * argument's tokens, null when none is given.
     */
    record Listen(String owner, List<Tok> port, List<Tok> host, int line, String text, int defaultPort) {

        Listen(String owner, List<Tok> port, List<Tok> host, int line, String text) {
            this(owner, port, host, line, text, 0);
        }

        /** Whether this is {@code Deno.serve(...)}, which listens on 0.0.0.0:8000 unless its options say otherwise. */
        boolean denoServe() {
            return owner.equals("Deno") && text.startsWith("Deno.serve");
        }
    }

    /** The port {@code Deno.serve} and {@code deno serve} listen on when nothing sets one. */
    static final int DENO_DEFAULT_PORT = 8000;

    private static final Set<String> ROUTE_METHODS = Set.of("get", "post", "put", "delete", "patch", "all", "head",
            "options");
    /** Methods of an Express application or router and of a Fastify instance that return it. */
    private static final Set<String> CHAINABLE = Set.of("use", "disable", "enable", "param", "register", "addHook",
            "decorate", "decorateRequest", "decorateReply", "setErrorHandler", "setNotFoundHandler");
    private static final Set<String> MIDDLEWARE = Set.of("json", "urlencoded", "static", "text", "raw", "cors",
            "helmet", "morgan", "compression", "cookieParser", "bodyParser", "session", "passport", "rateLimit",
            "limiter", "logger", "pino", "pinoHttp", "requestLogger", "errorHandler", "favicon", "methodOverride",
            "csrf", "csurf", "multer", "upload", "express");

    final String file;
    final SourceFile source;
    final Map<String, Import> imports = new LinkedHashMap<>();
    final Map<String, Obj> objects = new LinkedHashMap<>();
    final Map<String, String> exports = new LinkedHashMap<>(); // exported name ("default" too) -> local name
    final Map<String, String> constants = new LinkedHashMap<>();
    final List<String> specs = new ArrayList<>();
    final Set<String> functions = new java.util.HashSet<>();
    final List<RouteDecl> routes = new ArrayList<>();
    final List<MountDecl> mounts = new ArrayList<>();
    final List<Listen> listens = new ArrayList<>();
    final List<HandOff> handOffs = new ArrayList<>();
    /** The health check paths {@code @godaddy/terminus} serves on the HTTP server; null when its options cannot be read. */
    final List<RouteDecl> terminusChecks = new ArrayList<>();
    boolean terminusUnread;
    final List<Scope> scopes = new ArrayList<>();
    final Set<String> wrapped = new java.util.HashSet<>();
    /** A Koa router's or a Hono application's own prefix ({@code new Router({prefix})}, {@code basePath}); null when not a literal. */
    final Map<String, String> routerPrefixes = new LinkedHashMap<>();
    int sigtermLine;

    private JsModule(SourceFile source) {
        this.file = source.path();
        this.source = source;
    }

    static JsModule read(SourceFile source) {
        JsModule m = new JsModule(source);
        try {
            m.scan(Tok.tokenize(source.text(), true));
        } catch (RuntimeException | StackOverflowError e) {
            // keep what was read
        }
        return m;
    }

    private int line(Tok t) {
        return source.position(Math.min(t.offset(), source.text().length())).line();
    }

    private String text(List<Tok> toks, int from, int toInclusive) {
        if (from >= toks.size()) {
            return "";
        }
        int start = toks.get(from).offset();
        int end = toInclusive < toks.size() ? toks.get(toInclusive).offset() + toks.get(toInclusive).text().length()
                : source.text().length();
        return source.text().substring(Math.min(start, end), end);
    }

    private void scan(List<Tok> t) {
        for (int i = 0; i < t.size(); i++) {
            Tok tok = t.get(i);
            scope(t, i);
            if (tok.isName("require") && i + 3 < t.size() && t.get(i + 1).is("(") && t.get(i + 2).isLiteralString()) {
                specs.add(t.get(i + 2).value());
            }
            if (tok.isName("function") && i + 1 < t.size() && t.get(i + 1).isName()) {
                functions.add(t.get(i + 1).text());
            }
            if ((tok.isName("const") || tok.isName("let") || tok.isName("var")) && i + 2 < t.size()) {
                declaration(t, i + 1);
                continue;
            }
            if (tok.isName("import") && (i == 0 || !t.get(i - 1).is("."))) {
                importStatement(t, i);
                continue;
            }
            if (tok.isName("export") && i + 2 < t.size()) {
                exportStatement(t, i);
                continue;
            }
            if (tok.isName("module") && i + 4 < t.size() && t.get(i + 1).is(".") && t.get(i + 2).isName("exports")
                    && t.get(i + 3).is("=")) {
                exportValue(t, i + 4, "default");
                continue;
            }
            if (tok.isName("exports") && i + 4 < t.size() && t.get(i + 1).is(".") && t.get(i + 2).isName()
                    && t.get(i + 3).is("=") && t.get(i + 4).isName() && (i == 0 || !t.get(i - 1).is("."))) {
                exports.put(t.get(i + 2).text(), t.get(i + 4).text());
                continue;
            }
            handOff(t, i);
            if (tok.isName() && i + 3 < t.size() && t.get(i + 1).is(".") && t.get(i + 2).isName() && t.get(i + 3).is("(")
                    && (i == 0 || !t.get(i - 1).is("."))) {
                call(t, i, tok.text(), t.get(i + 2).text(), i + 3);
                chain(t, tok.text(), t.get(i + 2).text(), i + 3);
            }
        }
    }

    private static final Set<String> NOT_CALLEES = Set.of("function", "if", "for", "while", "switch", "catch", "return",
            "typeof", "await", "new", "super", "require", "import", "async", "with", "delete", "void");

    /** Records {@code name(arg, ...)} and {@code require('spec')(arg, ...)} at {@code i} when {@code arg} is a bare name. */
    private void handOff(List<Tok> t, int i) {
        Tok tok = t.get(i);
        int open;
        String callee;
        boolean inline = false;
        if (tok.isName("require") && i + 4 < t.size() && t.get(i + 1).is("(") && t.get(i + 2).isLiteralString()
                && t.get(i + 3).is(")") && t.get(i + 4).is("(")) {
            callee = t.get(i + 2).value();
            inline = true;
            open = i + 4;
        } else if (tok.isName() && !NOT_CALLEES.contains(tok.text()) && i + 1 < t.size() && t.get(i + 1).is("(")
                && (i == 0 || !t.get(i - 1).is(".") && !t.get(i - 1).isName("function"))) {
            callee = tok.text();
            open = i + 1;
        } else {
            return;
        }
        if (!inline && TERMINUS.equals(specOf(callee)) || isTerminusMember(t, i)) {
            terminus(t, i, open);
            return;
        }
        Tok.Arg first = Tok.positional(Tok.args(t, open), 0);
        if (first != null && first.tokens().size() == 1 && first.tokens().get(0).isName()) {
            handOffs.add(new HandOff(callee, inline, first.tokens().get(0).text(), line(tok), t.get(open).offset()));
        }
    }

    private static final String TERMINUS = "@godaddy/terminus";

    /** {@code terminus.createTerminus(} with {@code terminus} the package's module. */
    private boolean isTerminusMember(List<Tok> t, int i) {
        return i >= 2 && t.get(i).isName("createTerminus") && t.get(i - 1).is(".") && t.get(i - 2).isName()
                && TERMINUS.equals(specOf(t.get(i - 2).text()));
    }

    /**
     * {@code createTerminus(server, options)}: terminus answers the paths of {@code healthChecks} on the server, ahead of
     * the application, and shuts the server down on {@code signal} or {@code signals} (SIGTERM when neither is given).
     */
    private void terminus(List<Tok> t, int i, int open) {
        List<Tok.Arg> args = Tok.args(t, open);
        Tok.Arg second = Tok.positional(args, 1);
        List<Tok> options = second == null ? List.of() : second.tokens();
        boolean inSource = true;
        if (options.size() == 1 && options.get(0).isName() && constants.containsKey(options.get(0).text())) {
            options = Tok.tokenize(constants.get(options.get(0).text()), true); // const options = {...}
            inSource = false;
        }
        int line = line(t.get(i));
        boolean literal = !options.isEmpty() && options.get(0).is("{") && Tok.closing(options, 0) == options.size() - 1;
        List<Tok> signal = literal ? NestRoutes.property(options, "signal") : null;
        List<Tok> signals = literal ? NestRoutes.property(options, "signals") : null;
        boolean sigterm = !literal || signal == null && signals == null
                || signal != null && (signal.size() != 1 || !signal.get(0).isLiteralString()
                        || signal.get(0).value().equals("SIGTERM"))
                || signals != null && (signals.stream().noneMatch(Tok::isLiteralString)
                        || signals.stream().anyMatch(x -> x.isLiteralString() && x.value().equals("SIGTERM")));
        if (sigterm && sigtermLine == 0) {
            sigtermLine = line;
        }
        if (second == null) {
            return;
        }
        List<Tok> checks = literal ? NestRoutes.property(options, "healthChecks") : null;
        if (checks == null) {
            terminusUnread = !literal || hasSpread(options);
            return;
        }
        if (checks.isEmpty() || !checks.get(0).is("{")) {
            terminusUnread = true;
            return;
        }
        for (Tok.Arg entry : Tok.args(checks, 0)) {
            List<Tok> e = entry.tokens();
            if (e.size() >= 3 && e.get(0).isLiteralString() && e.get(0).value().startsWith("/") && e.get(1).is(":")) {
                String handler = inSource ? text(e, 2, e.size() - 1)
                        : String.join(" ", e.subList(2, e.size()).stream().map(Tok::text).toList());
                terminusChecks.add(new RouteDecl(null, "GET", e.get(0).value(), false, line, handler, -1));
            } else if (e.isEmpty() || !e.get(0).isName() && !e.get(0).isLiteralString()) {
                terminusUnread = true; // ...spread or a computed key
            }
        }
    }

    private static boolean hasSpread(List<Tok> object) {
        return object.stream().anyMatch(x -> x.is("..."));
    }

    /** {@code const a = x, b = y}: each declarator in turn, as {@code var express = require('express'), app = express()}. */
    private void declaration(List<Tok> t, int at) {
        int next = at;
        while (next < t.size()) {
            int end = declarator(t, next);
            if (end < 0 || end >= t.size() || !t.get(end).is(",")) {
                return;
            }
            next = end + 1;
        }
    }

    /** One declarator from {@code at}: the index where its value ends, or -1 when it is not {@code name = value}. */
    private int declarator(List<Tok> t, int at) {
        if (t.get(at).is("{")) {
            int close = Tok.closing(t, at);
            if (close + 2 < t.size() && t.get(close + 1).is("=") && t.get(close + 2).isName("require")
                    && close + 4 < t.size() && t.get(close + 4).isLiteralString()) {
                String spec = t.get(close + 4).value();
                for (Tok.Arg a : Tok.args(t, at)) {
                    List<Tok> parts = a.tokens();
                    if (parts.size() == 1 && parts.get(0).isName()) {
                        imports.put(parts.get(0).text(), new Import(spec, parts.get(0).text()));
                    } else if (parts.size() == 3 && parts.get(0).isName() && parts.get(1).is(":") && parts.get(2).isName()) {
                        imports.put(parts.get(2).text(), new Import(spec, parts.get(0).text()));
                    }
                }
            }
            return close + 1 < t.size() && t.get(close + 1).is("=") ? declaratorEnd(t, close + 2) : -1;
        }
        if (!t.get(at).isName() || at + 2 >= t.size()) {
            return -1;
        }
        String name = t.get(at).text();
        int eq = at + 1;
        if (t.get(eq).is(":")) { // TypeScript annotation
            while (eq < t.size() && !t.get(eq).is("=") && !t.get(eq).is(";")) {
                eq++;
            }
        }
        if (eq >= t.size() || !t.get(eq).is("=")) {
            return -1;
        }
        int r = eq + 1;
        int end = declaratorEnd(t, r);
        List<Tok> rhs = t.subList(r, end);
        if (rhs.isEmpty()) {
            return -1;
        }
        // require('x') / require('x').name
        if (rhs.size() >= 4 && rhs.get(0).isName("require") && rhs.get(1).is("(") && rhs.get(2).isLiteralString()
                && rhs.get(3).is(")")) {
            String spec = rhs.get(2).value();
            if (spec.equals("express") || spec.equals("fastify")) {
                if (rhs.size() >= 6 && rhs.get(4).is("(")) {
                    objects.put(name, new Obj(name, spec.equals("express") ? Framework.EXPRESS : Framework.FASTIFY,
                            false, line(t.get(at)), List.copyOf(rhs)));
                } else if (rhs.size() >= 7 && rhs.get(4).is(".") && rhs.get(5).isName("Router")) {
                    objects.put(name, new Obj(name, Framework.EXPRESS, true, line(t.get(at)), List.copyOf(rhs)));
                } else if (rhs.size() == 4) {
                    imports.put(name, new Import(spec, null));
                }
                return end;
            }
            if (rhs.size() == 4) {
                imports.put(name, new Import(spec, null));
            } else if (rhs.size() == 6 && rhs.get(4).is(".") && rhs.get(5).isName()) {
                imports.put(name, new Import(spec, rhs.get(5).text()));
            }
            return end;
        }
        String callee = rhs.get(0).isName("new") && rhs.size() > 1 ? rhs.get(1).text() : rhs.get(0).text();
        int afterCallee = rhs.get(0).isName("new") ? 2 : 1;
        if (koaOrHono(name, callee, rhs, afterCallee, line(t.get(at)))) {
            return end;
        }
        if (rhs.size() > afterCallee + 2 && rhs.get(afterCallee).is(".") && rhs.get(afterCallee + 1).isName("Router")) {
            if (isExpress(callee)) {
                objects.put(name, new Obj(name, Framework.EXPRESS, true, line(t.get(at)), List.copyOf(rhs)));
                return end;
            }
        }
        if (rhs.size() > afterCallee && rhs.get(afterCallee).is("(")) {
            if (isExpress(callee)) {
                objects.put(name, new Obj(name, Framework.EXPRESS, false, line(t.get(at)), List.copyOf(rhs)));
                return end;
            }
            if (callee.equals("Router") && "express".equals(specOf("Router"))) {
                objects.put(name, new Obj(name, Framework.EXPRESS, true, line(t.get(at)), List.copyOf(rhs)));
                return end;
            }
            if (callee.equalsIgnoreCase("fastify") && "fastify".equals(specOf(callee))) {
                objects.put(name, new Obj(name, Framework.FASTIFY, false, line(t.get(at)), List.copyOf(rhs)));
                return end;
            }
        }
        if (rhs.get(0).isName("function") || rhs.get(0).isName("async") || rhs.stream().anyMatch(x -> x.is("=>"))) {
            functions.add(name);
        }
        constants.put(name, text(t, r, end - 1));
        return end;
    }

    private boolean isExpress(String callee) {
        return "express".equals(specOf(callee));
    }

    /** The module a local name was imported from, or null. */
    private String specOf(String local) {
        Import imp = imports.get(local);
        return imp == null ? null : imp.spec();
    }

    /**
     * The index after a declaration's value: its ';', the closing bracket of an enclosing block, or
     * a line break where JavaScript would insert a semicolon (the previous token cannot continue
     * the expression and the next one cannot either).
     */
    /** The index after one declarator's value: where its statement ends, or the comma before the next declarator. */
    private int declaratorEnd(List<Tok> t, int from) {
        int end = statementEnd(t, from);
        int depth = 0;
        for (int i = from; i < end; i++) {
            Tok x = t.get(i);
            if (x.is("(") || x.is("[") || x.is("{")) {
                depth++;
            } else if (x.is(")") || x.is("]") || x.is("}")) {
                depth--;
            } else if (depth == 0 && x.is(",")) {
                return i;
            }
        }
        return end;
    }

    private int statementEnd(List<Tok> t, int from) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            Tok x = t.get(i);
            if (depth == 0 && i > from && newlineBefore(t, i) && !continues(t.get(i - 1), x)) {
                return i;
            }
            if (x.is("(") || x.is("[") || x.is("{")) {
                depth++;
            } else if (x.is(")") || x.is("]") || x.is("}")) {
                if (--depth < 0) {
                    return i;
                }
            } else if (depth == 0 && x.is(";")) {
                return i;
            }
        }
        return t.size();
    }

    private boolean newlineBefore(List<Tok> t, int i) {
        Tok prev = t.get(i - 1);
        int from = Math.min(prev.offset() + prev.text().length(), source.text().length());
        int to = Math.min(t.get(i).offset(), source.text().length());
        return from < to && source.text().substring(from, to).indexOf('\n') >= 0;
    }

    private static final Set<String> CONTINUING = Set.of("=", "||", "&&", "??", "+", "-", "*", "/", "%", ",", ".", "?.",
            "?", ":", "(", "[", "{", "=>", "==", "===", "!=", "!==", "<", ">", "<=", ">=", "!");

    /** Whether an expression goes on across a line break between these two tokens. */
    private static boolean continues(Tok prev, Tok next) {
        if (prev.kind() == Tok.Kind.OP && CONTINUING.contains(prev.text())) {
            return true;
        }
        return next.kind() == Tok.Kind.OP && !next.is("(") && !next.is("[") && !next.is("{") && !next.is("!")
                && !next.is("-") && !next.is("+") || next.isName("in") || next.isName("instanceof");
    }

    private void importStatement(List<Tok> t, int at) {
        int from = -1;
        for (int i = at + 1; i < Math.min(t.size(), at + 64); i++) {
            if (t.get(i).isName("from") && i + 1 < t.size() && t.get(i + 1).isLiteralString()) {
                from = i;
                break;
            }
            if (t.get(i).is(";")) {
                break;
            }
        }
        if (from < 0) {
            if (at + 1 < t.size() && t.get(at + 1).isLiteralString()) {
                specs.add(t.get(at + 1).value());
            }
            return;
        }
        String spec = t.get(from + 1).value();
        specs.add(spec);
        int i = at + 1;
        while (i < from) {
            Tok x = t.get(i);
            if (x.isName() && !x.isName("type") && (i + 1 == from || t.get(i + 1).is(","))) {
                imports.put(x.text(), new Import(spec, null));
                i++;
            } else if (x.is("*") && i + 2 < from && t.get(i + 1).isName("as")) {
                imports.put(t.get(i + 2).text(), new Import(spec, "*"));
                i += 3;
            } else if (x.is("{")) {
                int close = Math.min(Tok.closing(t, i), from);
                for (Tok.Arg a : Tok.args(t, i)) {
                    List<Tok> p = a.tokens();
                    if (p.size() == 1 && p.get(0).isName()) {
                        imports.put(p.get(0).text(), new Import(spec, p.get(0).text()));
                    } else if (p.size() == 3 && p.get(1).isName("as")) {
                        imports.put(p.get(2).text(), new Import(spec, p.get(0).text()));
                    }
                }
                i = close + 1;
            } else {
                i++;
            }
        }
    }

    /** Whether the module writes the string 'SIGTERM' anywhere, as the list a handler is registered from does. */
    private static boolean namesSigterm(List<Tok> t) {
        for (Tok tok : t) {
            if (tok.isLiteralString() && tok.value().equals("SIGTERM")) {
                return true;
            }
        }
        return false;
    }

    private void exportStatement(List<Tok> t, int at) {
        Tok next = t.get(at + 1);
        if (next.isName("default") && at + 2 < t.size() && t.get(at + 2).isName()) {
            exportValue(t, at + 2, "default");
        } else if ((next.isName("const") || next.isName("let") || next.isName("var")) && t.get(at + 2).isName()) {
            exports.put(t.get(at + 2).text(), t.get(at + 2).text());
        } else if (next.is("{")) {
            for (Tok.Arg a : Tok.args(t, at + 1)) {
                List<Tok> p = a.tokens();
                if (p.size() == 1 && p.get(0).isName()) {
                    exports.put(p.get(0).text(), p.get(0).text());
                } else if (p.size() == 3 && p.get(1).isName("as")) {
                    exports.put(p.get(2).text(), p.get(0).text());
                }
            }
        }
    }

    private void exportValue(List<Tok> t, int at, String as) {
        int fn = t.get(at).isName("async") ? at + 1 : at;
        if (fn + 1 < t.size() && t.get(fn).isName("function")) {
            if (t.get(fn + 1).isName()) {
                exports.put(as, t.get(fn + 1).text());
            }
            return;
        }
        if (at + 4 < t.size() && PLUGIN_WRAPPERS.contains(t.get(at).text()) && t.get(at + 1).is("(")
                && t.get(at + 2).isName() && t.get(at + 3).is(")") || at + 4 < t.size() && t.get(at + 3).is(",")
                && PLUGIN_WRAPPERS.contains(t.get(at).text()) && t.get(at + 1).is("(") && t.get(at + 2).isName()) {
            exports.put(as, t.get(at + 2).text()); // fastify-plugin: module.exports = fp(routes)
            wrapped.add(t.get(at + 2).text());
            return;
        }
        if (t.get(at).isName() && (at + 1 >= t.size() || !t.get(at + 1).is("(") && !t.get(at + 1).is("."))) {
            exports.put(as, t.get(at).text());
        } else if (t.get(at).is("{")) {
            for (Tok.Arg a : Tok.args(t, at)) {
                List<Tok> p = a.tokens();
                if (p.size() == 1 && p.get(0).isName()) {
                    exports.put(p.get(0).text(), p.get(0).text());
                } else if (p.size() == 3 && p.get(0).isName() && p.get(1).is(":") && p.get(2).isName()) {
                    exports.put(p.get(0).text(), p.get(2).text());
                }
            }
        }
    }

    /**
     * The calls chained on a call that returns its owner again, read as calls on that owner:
     * {@code app.disable('x-powered-by').use(cors()).get('/healthz', h)}. Express's and Fastify's
     * route, mount and setting methods return the application (or router); a getter ({@code app.get('env')},
     * {@code app.set('env')}) or {@code listen} returns something else and ends the chain.
     */
    private void chain(List<Tok> t, String owner, String method, int open) {
        while (returnsOwner(method, Tok.args(t, open).size())) {
            int close = Tok.closing(t, open);
            if (close < 0 || close + 3 >= t.size() || !t.get(close + 1).is(".") || !t.get(close + 2).isName()
                    || !t.get(close + 3).is("(")) {
                return;
            }
            method = t.get(close + 2).text();
            open = close + 3;
            call(t, close + 2, owner, method, open);
        }
    }

    private static boolean returnsOwner(String method, int args) {
        return ROUTE_METHODS.contains(method) && args >= 2 || CHAINABLE.contains(method)
                || (method.equals("set") || method.equals("engine")) && args >= 2;
    }

    private void call(List<Tok> t, int at, String owner, String method, int open) {
        List<Tok.Arg> args = Tok.args(t, open);
        int close = Tok.closing(t, open);
        int line = line(t.get(at));
        if (owner.equals("process") && (method.equals("on") || method.equals("once") || method.equals("addListener"))) {
            Tok.Arg signal = Tok.positional(args, 0);
            boolean sigterm = signal != null && ("SIGTERM".equals(signal.string())
                    || signal.name() != null && namesSigterm(t)); // for (const s of ['SIGINT', 'SIGTERM']) process.on(s, ...)
            if (sigterm && sigtermLine == 0) {
                sigtermLine = line;
            }
            return;
        }
        if (method.equals("enableShutdownHooks") && sigtermLine == 0
                && (args.isEmpty() || text(t, open, close).contains("SIGTERM"))) {
            sigtermLine = line; // NestJS: with no list, the hooks run on every termination signal
            return;
        }
        if (ROUTE_METHODS.contains(method) && args.size() >= 2) {
            Tok.Arg path = args.get(0);
            String p = path.string();
            boolean dynamic = p == null;
            Tok.Arg handler = args.get(args.size() - 1);
            String handlerText = handler.tokens().isEmpty() ? ""
                    : text(t, t.indexOf(handler.tokens().get(0)), t.indexOf(handler.tokens().get(handler.tokens().size() - 1)));
            if (args.size() >= 3 && args.get(1).isString()) {
                p = args.get(1).string();
                dynamic = p == null; // @koa/router's named route: router.get('name', '/path', handler)
            }
            routes.add(new RouteDecl(owner, method.toUpperCase(java.util.Locale.ROOT), p, dynamic, line, handlerText,
                    t.get(at).offset()));
            return;
        }
        if ((method.equals("route") || method.equals("mount")) && args.size() == 2) {
            String prefix = args.get(0).string(); // Hono's app.route('/api', sub); app.mount('/x', fetch) is opaque
            mounts.add(new MountDecl(owner, prefix, method.equals("route") ? args.get(1).name() : null, false, false,
                    line, t.get(at).offset(), null));
            return;
        }
        if (method.equals("route") && args.size() == 1 && !args.get(0).tokens().isEmpty()
                && args.get(0).tokens().get(0).is("{")) {
            routeOptions(t, at, owner, args.get(0).tokens(), line); // Fastify's route({method, url, handler})
            return;
        }
        if (method.equals("route") && args.size() == 1) {
            String p = args.get(0).string();
            // owner.route('/x').get(handler).post(handler)
            int i = close + 1;
            while (i + 2 < t.size() && t.get(i).is(".") && t.get(i + 1).isName() && t.get(i + 2).is("(")) {
                String m = t.get(i + 1).text();
                List<Tok.Arg> chained = Tok.args(t, i + 2);
                int end = Tok.closing(t, i + 2);
                if (ROUTE_METHODS.contains(m) && !chained.isEmpty()) {
                    Tok.Arg handler = chained.get(chained.size() - 1);
                    String handlerText = text(t, t.indexOf(handler.tokens().get(0)),
                            t.indexOf(handler.tokens().get(handler.tokens().size() - 1)));
                    routes.add(new RouteDecl(owner, m.toUpperCase(java.util.Locale.ROOT), p, p == null, line, handlerText,
                            t.get(at).offset()));
                }
                i = end + 1;
            }
            return;
        }
        if (method.equals("use") || method.equals("register")) {
            if (args.isEmpty()) {
                return;
            }
            String prefix = "";
            List<Tok.Arg> children = args;
            if (method.equals("use") && args.get(0).isString()) {
                prefix = args.get(0).string();
                children = args.subList(1, args.size());
            } else if (method.equals("use") && args.size() > 1 && !isFunction(args.get(0))) {
                // a non-literal first argument may be a path expression
                if (args.get(0).name() == null || constants.containsKey(args.get(0).name())) {
                    prefix = null;
                    children = args.subList(1, args.size());
                }
            }
            if (method.equals("register")) {
                Tok.Arg options = args.size() > 1 ? args.get(1) : null;
                prefix = options == null ? "" : fastifyPrefix(options);
                List<Tok> c = args.get(0).tokens();
                mounts.add(new MountDecl(owner, prefix, args.get(0).name(), false, false, line, t.get(at).offset(),
                        new Register(c.isEmpty() ? -1 : c.get(0).offset(), options == null ? List.of() : options.tokens())));
                if (c.size() >= 4 && c.get(0).isName("require") && c.get(2).isLiteralString()) {
                    mounts.set(mounts.size() - 1, new MountDecl(owner, prefix, c.get(2).value(), true, false, line,
                            t.get(at).offset(), mounts.get(mounts.size() - 1).register()));
                }
                return;
            }
            for (Tok.Arg child : children) {
                mount(owner, prefix, child, line, t.get(at).offset());
            }
            return;
        }
        if (method.equals("prefix") && args.size() == 1) {
            routerPrefixes.put(owner, args.get(0).string()); // @koa/router's router.prefix('/api')
            return;
        }
        if (owner.equals("Deno") && method.equals("serve")) {
            denoServe(args, line, text(t, at, close));
            return;
        }
        if (method.equals("listen")) {
            Tok.Arg first = Tok.positional(args, 0);
            List<Tok> port = first == null ? List.of() : first.tokens();
            List<Tok> host = null;
            if (!port.isEmpty() && port.get(0).is("{") && Tok.closing(port, 0) == port.size() - 1) {
                List<Tok.Arg> options = Tok.args(port, 0);
                host = property(options, "host");
                host = host == null ? property(options, "hostname") : host; // Oak's app.listen({hostname, port})
                port = property(options, "port");
                port = port == null ? List.of() : port;
            } else {
                Tok.Arg second = Tok.positional(args, 1);
                host = second == null || isFunction(second) ? null : second.tokens();
            }
            listens.add(new Listen(owner, port, host, line, text(t, at, close)));
        }
    }

    /**
     * {@code Deno.serve(handler)}, {@code Deno.serve({port, hostname}, handler)} or {@code Deno.serve({port, handler})}:
     * the port and hostname of its options object, when its first argument is one.
     */
    private void denoServe(List<Tok.Arg> args, int line, String text) {
        Tok.Arg first = Tok.positional(args, 0);
        List<Tok> port = List.of();
        List<Tok> host = null;
        List<Tok> options = first == null ? List.of() : first.tokens();
        if (!options.isEmpty() && options.get(0).is("{") && Tok.closing(options, 0) == options.size() - 1) {
            List<Tok.Arg> entries = Tok.args(options, 0);
            host = property(entries, "hostname");
            List<Tok> given = property(entries, "port");
            port = given == null ? List.of() : given;
        }
        listens.add(new Listen("Deno", port, host, line, text, DENO_DEFAULT_PORT));
    }

    /** The value of {@code name: value} (or the shorthand {@code name}) among an object literal's entries, else null. */
    private static List<Tok> property(List<Tok.Arg> entries, String name) {
        for (Tok.Arg e : entries) {
            List<Tok> p = e.tokens();
            if (p.size() == 1 && p.get(0).isName(name)) {
                return p;
            }
            if (p.size() >= 3 && p.get(0).isName(name) && p.get(1).is(":")) {
                return p.subList(2, p.size());
            }
        }
        return null;
    }

    private static String fastifyPrefix(Tok.Arg options) {
        List<Tok> o = options.tokens();
        for (int i = 0; i + 2 < o.size(); i++) {
            if (o.get(i).isName("prefix") && o.get(i + 1).is(":")) {
                return o.get(i + 2).isLiteralString() ? o.get(i + 2).value() : null;
            }
        }
        return "";
    }

    private void mount(String owner, String prefix, Tok.Arg child, int line, int at) {
        List<Tok> c = child.tokens();
        if (c.size() == 5 && c.get(0).isName() && c.get(1).is(".") && c.get(3).is("(") && c.get(4).is(")")
                && (objects.containsKey(c.get(0).text()) ? objects.get(c.get(0).text()).framework() == Framework.KOA
                        : imports.containsKey(c.get(0).text()) && !isPackage(specOf(c.get(0).text())))) {
            // @koa/router: app.use(router.routes()), app.use(router.allowedMethods())
            boolean routes = c.get(2).isName("routes") || c.get(2).isName("middleware");
            mounts.add(new MountDecl(owner, prefix, routes ? c.get(0).text() : null, false, !routes, line, at, null));
            return;
        }
        if (isFunction(child) && answersItself(child)) {
            mounts.add(new MountDecl(owner, prefix, null, false, false, line, at, null));
            return;
        }
        if (isFunction(child)) {
            mounts.add(new MountDecl(owner, prefix, null, false, true, line, at, null));
            return;
        }
        if (c.size() >= 4 && c.get(0).isName("require") && c.get(1).is("(") && c.get(2).isLiteralString()) {
            mounts.add(new MountDecl(owner, prefix, c.get(2).value(), true, false, line, at, null));
            return;
        }
        String name = child.name();
        String head = c.isEmpty() || !c.get(0).isName() ? null : c.get(0).text();
        boolean middleware = head != null && (MIDDLEWARE.contains(head)
                || c.size() > 2 && c.get(1).is(".") && MIDDLEWARE.contains(c.get(2).text())
                || imports.containsKey(head) && isPackage(imports.get(head).spec()) && !objects.containsKey(head)
                        && c.size() > 1 && c.get(1).is("("));
        mounts.add(new MountDecl(owner, prefix, name, false, middleware, line, at, null));
    }

    private static boolean isPackage(String spec) {
        return spec != null && !spec.startsWith(".") && !spec.startsWith("/");
    }

    private static boolean isFunction(Tok.Arg arg) {
        List<Tok> c = arg.tokens();
        return !c.isEmpty() && (c.get(0).isName("function") || c.get(0).isName("async")
                || c.stream().anyMatch(x -> x.is("=>")));
    }

    /** Fastify's {@code owner.route({method: 'GET', url: '/x', handler})}. */
    private void routeOptions(List<Tok> t, int at, String owner, List<Tok> options, int line) {
        List<Tok> url = NestRoutes.property(options, "url");
        if (url == null) {
            url = NestRoutes.property(options, "path");
        }
        String path = url != null && url.size() == 1 && url.get(0).isLiteralString() ? url.get(0).value() : null;
        List<Tok> m = NestRoutes.property(options, "method");
        StringBuilder methods = new StringBuilder();
        for (Tok x : m == null ? List.<Tok>of() : m) {
            if (x.isLiteralString()) {
                methods.append(methods.isEmpty() ? "" : ",").append(x.value().toUpperCase(java.util.Locale.ROOT));
            }
        }
        List<Tok> handler = NestRoutes.property(options, "handler");
        String handlerText = handler == null || handler.isEmpty() ? ""
                : text(t, t.indexOf(handler.get(0)), t.indexOf(handler.get(handler.size() - 1)));
        routes.add(new RouteDecl(owner, methods.isEmpty() ? "ANY" : methods.toString(), path, path == null, line,
                handlerText, t.get(at).offset()));
    }

    /** Records the function that starts at token {@code i} ({@code function} or an arrow's '=>'), if its body is a block. */
    private void scope(List<Tok> t, int i) {
        Tok tok = t.get(i);
        int start;
        int open;
        String param = null;
        String name = null;
        if (tok.isName("function")) {
            int j = i + 1;
            if (j < t.size() && t.get(j).is("*")) {
                j++;
            }
            if (j < t.size() && t.get(j).isName()) {
                name = t.get(j).text();
                j++;
            }
            if (j >= t.size() || !t.get(j).is("(")) {
                return;
            }
            param = j + 1 < t.size() && t.get(j + 1).isName() ? t.get(j + 1).text() : null;
            open = Tok.closing(t, j) + 1;
            while (open < t.size() && !t.get(open).is("{") && !t.get(open).is(";")) {
                open++;
            }
            start = i > 0 && t.get(i - 1).isName("async") ? i - 1 : i;
        } else if (tok.is("=>") && i > 0 && i + 1 < t.size() && t.get(i + 1).is("{")) {
            open = i + 1;
            Tok prev = t.get(i - 1);
            if (prev.isName()) {
                param = prev.text();
                start = i - 1;
            } else if (prev.is(")")) {
                int depth = 0;
                start = i - 1;
                for (int k = i - 1; k >= 0; k--) {
                    if (t.get(k).is(")")) {
                        depth++;
                    } else if (t.get(k).is("(") && --depth == 0) {
                        start = k;
                        break;
                    }
                }
                param = start + 1 < t.size() && t.get(start + 1).isName() ? t.get(start + 1).text() : null;
            } else {
                return;
            }
            if (start > 0 && t.get(start - 1).isName("async")) {
                start--;
            }
        } else {
            return;
        }
        if (open >= t.size() || !t.get(open).is("{")) {
            return;
        }
        boolean wrappedCall = false;
        int p = start - 1;
        if (p >= 1 && t.get(p).is("(") && t.get(p - 1).isName() && PLUGIN_WRAPPERS.contains(t.get(p - 1).text())) {
            wrappedCall = true;
            p -= 2;
        }
        if (name == null && p >= 1 && t.get(p).is("=") && t.get(p - 1).isName()) {
            name = p >= 3 && t.get(p - 1).isName("exports") && t.get(p - 2).is(".") && t.get(p - 3).isName("module")
                    ? "default" : t.get(p - 1).text();
        } else if (name == null && p >= 1 && t.get(p).isName("default") && t.get(p - 1).isName("export")) {
            name = "default";
        }
        scopes.add(new Scope(name, param, t.get(start).offset(), t.get(open).offset(),
                t.get(Math.min(Tok.closing(t, open), t.size() - 1)).offset(), wrappedCall));
    }

    private static final Set<String> PLUGIN_WRAPPERS = Set.of("fp", "fastifyPlugin", "plugin");

    /** The innermost function whose first parameter is {@code owner} and whose body holds {@code offset}, or null. */
    Scope scopeOf(int offset, String owner) {
        Scope best = null;
        for (Scope s : scopes) {
            if (owner.equals(s.param()) && s.contains(offset) && (best == null || s.from() > best.from())) {
                best = s;
            }
        }
        return best;
    }

    /** The named function {@code name} ("default" for the default export), following {@code export default fp(name)}. */
    Scope scopeNamed(String name) {
        String local = exports.getOrDefault(name, name);
        for (Scope s : scopes) {
            if (local.equals(s.name()) || name.equals(s.name())) {
                return s;
            }
        }
        return null;
    }

    /**
     * A Koa middleware that may answer requests itself: it takes a {@code ctx} and never hands on to {@code next}, or
     * looks at the request's path.
     */
    private static boolean answersItself(Tok.Arg fn) {
        List<Tok> c = fn.tokens();
        boolean ctx = c.stream().limit(6).anyMatch(x -> x.isName("ctx"));
        boolean next = c.stream().anyMatch(x -> x.isName("next"));
        String text = fn.text();
        return ctx && (!next || text.matches("(?s).*\\bctx\\.(path|url|request|originalUrl)\\b.*"));
    }

    /**
     * Koa's {@code new Koa()}, @koa/router's {@code new Router({prefix})}, Hono's {@code new Hono()} (with
     * {@code .basePath('/api')}) and {@code app.basePath('/api')}, which serves its routes through {@code app}.
     */
    private boolean koaOrHono(String name, String callee, List<Tok> rhs, int afterCallee, int line) {
        String spec = specOf(callee);
        boolean call = rhs.size() > afterCallee && rhs.get(afterCallee).is("(");
        if (call && "koa".equals(spec)) {
            objects.put(name, new Obj(name, Framework.KOA, false, line, List.copyOf(rhs)));
            return true;
        }
        if (call && ("@koa/router".equals(spec) || "koa-router".equals(spec))) {
            objects.put(name, new Obj(name, Framework.KOA, true, line, List.copyOf(rhs)));
            int close = Tok.closing(rhs, afterCallee);
            List<Tok.Arg> args = Tok.args(rhs, afterCallee);
            List<Tok> options = args.isEmpty() ? null : args.get(0).tokens();
            List<Tok> prefix = options == null ? null : NestRoutes.property(options, "prefix");
            if (prefix != null || options != null && !(options.get(0).is("{")) || close != rhs.size() - 1) {
                String p = prefix != null && prefix.size() == 1 && prefix.get(0).isLiteralString() ? prefix.get(0).value() : null;
                routerPrefixes.put(name, p);
            }
            return true;
        }
        if (call && "hono".equals(spec)) {
            int close = Tok.closing(rhs, afterCallee);
            if (close == rhs.size() - 1) {
                objects.put(name, new Obj(name, Framework.HONO, false, line, List.copyOf(rhs)));
            } else if (close + 5 < rhs.size() && rhs.get(close + 1).is(".") && rhs.get(close + 2).isName("basePath")
                    && rhs.get(close + 3).is("(")) {
                objects.put(name, new Obj(name, Framework.HONO, false, line, List.copyOf(rhs)));
                routerPrefixes.put(name, rhs.get(close + 4).isLiteralString() && rhs.get(close + 5).is(")")
                        && close + 5 == rhs.size() - 1 ? rhs.get(close + 4).value() : null);
            }
            return true;
        }
        if (rhs.size() >= 5 && rhs.get(0).isName() && objects.containsKey(rhs.get(0).text())
                && objects.get(rhs.get(0).text()).framework() == Framework.HONO && rhs.get(1).is(".")
                && rhs.get(2).isName("basePath") && rhs.get(3).is("(")) {
            objects.put(name, new Obj(name, Framework.HONO, true, line, List.copyOf(rhs)));
            String p = rhs.size() == 6 && rhs.get(4).isLiteralString() ? rhs.get(4).value() : null;
            mounts.add(new MountDecl(rhs.get(0).text(), p, name, false, false, line, -1, null));
            return true;
        }
        return false;
    }
}
