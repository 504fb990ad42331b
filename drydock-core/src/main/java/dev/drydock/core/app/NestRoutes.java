package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of a NestJS application: every {@code @Controller} class of the TypeScript files under the source root
 * (nest-cli.json's {@code sourceRoot}, src/ by default; the whole application folder for a monorepo), its handlers'
 * {@code @Get}/{@code @Post}/.../{@code @All} paths, the global prefix of {@code main.ts} with its exclusions and URI
 * versioning. Controllers that no module registers still count: more paths served only keeps the rules quiet. What
 * cannot be followed (a prefix from configuration, {@code RouterModule} prefixes, static files, routes added on the
 * underlying server) makes the whole application opaque.
 */
final class NestRoutes {

    private static final Set<String> HTTP = Set.of("Get", "Post", "Put", "Delete", "Patch", "Options", "Head", "All",
            "Search");
    private static final Pattern SOURCE_ROOT = Pattern.compile("\"sourceRoot\"\\s*:\\s*\"([^\"]+)\"");
    private static final int MAX_FILES = 400;

    /** A version list: a route's version segments ("" for VERSION_NEUTRAL), null when none is set. */
    private static final List<String> UNKNOWN_VERSION = List.of("\0");

    private final SourceSet files;
    private final List<Route> routes = new ArrayList<>();
    private final List<String> opaque = new ArrayList<>();
    private String globalPrefix = "";
    private final List<String> excluded = new ArrayList<>();
    private boolean uriVersioning;
    private String versionPrefix = "v";
    private List<String> defaultVersion;

    private NestRoutes(SourceSet files) {
        this.files = files;
    }

    /** Whether the file bootstraps a NestJS application ({@code NestFactory.create(AppModule)}). */
    static boolean bootstraps(SourceSet files, String file) {
        return files.read(file).map(f -> f.text().contains("NestFactory")).orElse(false);
    }

    /** The routes of the NestJS application whose bootstrap file is {@code main}, in the application folder {@code dir}. */
    static Routes read(SourceSet files, String dir, String main) {
        NestRoutes nest = new NestRoutes(files);
        try {
            nest.readAll(dir, main);
        } catch (RuntimeException | StackOverflowError e) {
            return Routes.unknown();
        }
        return new Routes(true, nest.routes, nest.opaque);
    }

    private void readAll(String dir, String main) {
        List<String> sources = sources(dir, main);
        for (String path : sources) {
            SourceFile f = files.read(path).orElse(null);
            if (f != null) {
                setup(f, Tok.tokenize(f.text(), true));
            }
        }
        for (String path : sources) {
            SourceFile f = files.read(path).orElse(null);
            if (f != null) {
                controllers(f, Tok.tokenize(f.text(), true));
            }
        }
    }

    /** The TypeScript files under the source root, without tests. */
    private List<String> sources(String dir, String main) {
        String cli = files.read(PathNames.join(dir, "nest-cli.json")).map(SourceFile::text).orElse("");
        String root;
        if (cli.contains("\"projects\"")) {
            root = dir;
        } else {
            Matcher m = SOURCE_ROOT.matcher(cli);
            root = PathNames.normalizeRelative(PathNames.join(dir, m.find() ? m.group(1) : "src"));
        }
        String mainDir = PathNames.parent(main);
        if (root == null || !PathNames.isUnder(mainDir, root)) {
            root = mainDir;
        }
        boolean js = main.endsWith(".js");
        List<String> out = new ArrayList<>();
        for (String p : files.paths()) {
            if (out.size() >= MAX_FILES) {
                opaque.add("");
                break;
            }
            boolean source = p.endsWith(".ts") && !p.endsWith(".d.ts") || js && p.endsWith(".js");
            if (source && (root.isEmpty() || p.startsWith(root + "/")) && !test(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean test(String p) {
        return p.matches(".*\\.(spec|test|e2e-spec)\\.[jt]s") || ("/" + p).matches(".*/(test|tests|e2e|__tests__|node_modules|dist)/.*");
    }

    /** What the bootstrap code does to every route: the global prefix, versioning, and what makes paths unknown. */
    private void setup(SourceFile f, List<Tok> t) {
        for (int i = 0; i + 2 < t.size(); i++) {
            if (!t.get(i).isName() || i > 0 && t.get(i - 1).is("@")) {
                continue;
            }
            String name = t.get(i).text();
            boolean call = t.get(i + 1).is("(");
            if (name.equals("RouterModule") || name.equals("ServeStaticModule") || name.equals("useStaticAssets")
                    || name.equals("getHttpAdapter") || name.equals("getInstance")) {
                opaque.add(""); // prefixes set elsewhere, files at any path, routes on the server itself
            } else if (name.equals("setGlobalPrefix") && call) {
                globalPrefix(Tok.args(t, i + 1));
            } else if (name.equals("enableVersioning") && call) {
                versioning(Tok.args(t, i + 1));
            } else if (name.equals("use") && call && i > 1 && t.get(i - 1).is(".") && f.text().contains("NestFactory")) {
                List<Tok.Arg> args = Tok.args(t, i + 1);
                if (!args.isEmpty() && args.get(0).isString()) {
                    opaque.add(args.get(0).string() == null ? "" : args.get(0).string());
                } else if (!args.isEmpty() && isFunction(args.get(0))) {
                    opaque.add("");
                }
            }
        }
    }

    private void globalPrefix(List<Tok.Arg> args) {
        String prefix = args.isEmpty() ? null : args.get(0).string();
        if (prefix == null) {
            opaque.add("");
            return;
        }
        globalPrefix = prefix;
        List<Tok> exclude = args.size() > 1 ? property(args.get(1).tokens(), "exclude") : null;
        if (exclude == null) {
            return;
        }
        if (exclude.isEmpty() || !exclude.get(0).is("[")) {
            opaque.add("");
            return;
        }
        for (Tok.Arg entry : Tok.args(exclude, 0)) {
            List<Tok> e = entry.tokens();
            String path = entry.string();
            if (path == null && !e.isEmpty() && e.get(0).is("{")) {
                List<Tok> p = property(e, "path");
                path = p != null && p.size() == 1 && p.get(0).isLiteralString() ? p.get(0).value() : null;
            }
            if (path == null || !path.matches("[/\\w.-]*")) {
                opaque.add(""); // a pattern: which routes it keeps out of the prefix is not worked out
                return;
            }
            excluded.add(Route.strip(path));
        }
    }

    private void versioning(List<Tok.Arg> args) {
        if (args.isEmpty()) {
            uriVersioning = true;
            return;
        }
        List<Tok> options = args.get(0).tokens();
        if (options.isEmpty() || !options.get(0).is("{")) {
            opaque.add("");
            return;
        }
        List<Tok> type = property(options, "type");
        String kind = type == null ? "URI" : type.get(type.size() - 1).text();
        if (kind.equals("HEADER") || kind.equals("MEDIA_TYPE")) {
            return; // the version travels in a header: paths stay as written
        }
        if (!kind.equals("URI")) {
            opaque.add("");
            return;
        }
        uriVersioning = true;
        List<Tok> prefix = property(options, "prefix");
        if (prefix != null) {
            versionPrefix = prefix.size() == 1 && prefix.get(0).isName("false") ? ""
                    : prefix.size() == 1 && prefix.get(0).isLiteralString() ? prefix.get(0).value() : null;
        }
        List<Tok> def = property(options, "defaultVersion");
        defaultVersion = def == null ? null : versions(def);
        if (versionPrefix == null || defaultVersion == UNKNOWN_VERSION) {
            opaque.add("");
        }
    }

    private void controllers(SourceFile f, List<Tok> t) {
        for (int i = 0; i + 2 < t.size(); i++) {
            if (!t.get(i).is("@") || !t.get(i + 1).isName("Controller")) {
                continue;
            }
            List<Tok.Arg> args = t.get(i + 2).is("(") ? Tok.args(t, i + 2) : List.of();
            int after = t.get(i + 2).is("(") ? Tok.closing(t, i + 2) + 1 : i + 2;
            int cls = after;
            while (cls < t.size() && !t.get(cls).isName("class")) {
                cls++;
            }
            int open = cls;
            while (open < t.size() && !t.get(open).is("{")) {
                open++;
            }
            if (open >= t.size()) {
                return;
            }
            controller(f, t, args, open, Tok.closing(t, open));
            i = open;
        }
    }

    private void controller(SourceFile f, List<Tok> t, List<Tok.Arg> args, int open, int close) {
        List<String> paths = List.of("");
        List<String> version = null;
        if (!args.isEmpty()) {
            List<Tok> a = args.get(0).tokens();
            if (!a.isEmpty() && a.get(0).is("{")) {
                List<Tok> p = property(a, "path");
                paths = p == null ? List.of("") : strings(p);
                List<Tok> v = property(a, "version");
                version = v == null ? null : versions(v);
                if (property(a, "host") != null) {
                    paths = null; // answered only for that host name
                }
            } else {
                paths = strings(a);
            }
        }
        if (paths == null || version == UNKNOWN_VERSION) {
            opaque.add(globalPrefix);
            return;
        }
        List<Decorator> pending = new ArrayList<>();
        int depth = 0;
        for (int i = open + 1; i < close; i++) {
            Tok x = t.get(i);
            if (depth == 0 && x.is("@") && i + 1 < close && t.get(i + 1).isName()) {
                int j = i + 1;
                while (j + 2 < close && t.get(j + 1).is(".") && t.get(j + 2).isName()) {
                    j += 2;
                }
                String name = t.get(j).text();
                List<Tok.Arg> dargs = j + 1 < close && t.get(j + 1).is("(") ? Tok.args(t, j + 1) : List.of();
                int end = j + 1 < close && t.get(j + 1).is("(") ? Tok.closing(t, j + 1) : j;
                pending.add(new Decorator(name, dargs, f.position(x.offset()).line()));
                i = end;
                continue;
            }
            if (depth == 0 && !pending.isEmpty()) {
                handler(f, t, i, close, pending, paths, version);
                pending.clear();
            }
            if (x.is("(") || x.is("[") || x.is("{")) {
                depth++;
            } else if (x.is(")") || x.is("]") || x.is("}")) {
                depth--;
            }
        }
    }

    private record Decorator(String name, List<Tok.Arg> args, int line) {}

    /** The routes of the member starting at {@code at} that {@code decorators} precede. */
    private void handler(SourceFile f, List<Tok> t, int at, int close, List<Decorator> decorators,
            List<String> controllerPaths, List<String> controllerVersion) {
        List<String> version = controllerVersion;
        for (Decorator d : decorators) {
            if (d.name().equals("Version")) {
                version = d.args().isEmpty() ? UNKNOWN_VERSION : versions(d.args().get(0).tokens());
            }
        }
        for (Decorator d : decorators) {
            if (!HTTP.contains(d.name())) {
                continue;
            }
            List<String> paths = d.args().isEmpty() ? List.of("") : strings(d.args().get(0).tokens());
            List<String> versions = version != null ? version : defaultVersion;
            if (paths == null || versions == UNKNOWN_VERSION) {
                controllerPaths.forEach(c -> opaque.add(PythonApps.join(globalPrefix, c)));
                continue;
            }
            String method = d.name().equals("All") ? "ANY" : d.name().toUpperCase(Locale.ROOT);
            String text = memberText(f, t, at, close);
            for (String c : controllerPaths) {
                for (String p : paths) {
                    String path = PythonApps.join(slash(c), p);
                    for (String v : versions == null || !uriVersioning ? List.of("") : versions) {
                        String versioned = v.isEmpty() ? path : PythonApps.join("/" + versionPrefix + v, path);
                        String full = excluded.contains(Route.strip(path)) ? slash(path)
                                : PythonApps.join(slash(globalPrefix), versioned);
                        routes.add(new Route(method, slash(full), false, f.path(), d.line(),
                                Handler.javascript(f.path(), d.line(), text), Framework.NESTJS));
                    }
                }
            }
        }
    }

    /** The member's text, from its name to the end of its body. */
    private static String memberText(SourceFile f, List<Tok> t, int at, int close) {
        int i = at;
        int depth = 0;
        while (i < close) {
            Tok x = t.get(i);
            if (depth == 0 && x.is("{")) {
                int end = Math.min(Tok.closing(t, i), close - 1);
                return f.text().substring(t.get(at).offset(), t.get(end).offset() + 1);
            }
            if (x.is("(") || x.is("[")) {
                depth++;
            } else if (x.is(")") || x.is("]")) {
                depth--;
            } else if (depth == 0 && x.is(";")) {
                break;
            }
            i++;
        }
        return "";
    }

    private static String slash(String p) {
        return p.isEmpty() || p.startsWith("/") ? p : "/" + p;
    }

    /** A string or an array of strings; null when any is not a literal. */
    private static List<String> strings(List<Tok> value) {
        if (value.size() == 1 && value.get(0).isLiteralString()) {
            return List.of(value.get(0).value());
        }
        if (value.isEmpty() || !value.get(0).is("[") || Tok.closing(value, 0) != value.size() - 1) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Tok.Arg a : Tok.args(value, 0)) {
            if (a.string() == null) {
                return null;
            }
            out.add(a.string());
        }
        return out;
    }

    /** Versions as written ({@code '1'}, {@code ['1', '2']}, {@code VERSION_NEUTRAL}): "" for neutral. */
    private static List<String> versions(List<Tok> value) {
        if (value.size() == 1 && value.get(0).isName("VERSION_NEUTRAL")) {
            return List.of("");
        }
        if (value.size() == 1 && value.get(0).isLiteralString()) {
            return List.of(value.get(0).value());
        }
        if (value.isEmpty() || !value.get(0).is("[") || Tok.closing(value, 0) != value.size() - 1) {
            return UNKNOWN_VERSION;
        }
        List<String> out = new ArrayList<>();
        for (Tok.Arg a : Tok.args(value, 0)) {
            List<String> one = versions(a.tokens());
            if (one == UNKNOWN_VERSION) {
                return UNKNOWN_VERSION;
            }
            out.addAll(one);
        }
        return out;
    }

    /** The value of {@code name: value} in the object literal {@code object} (its tokens from '{'), else null. */
    static List<Tok> property(List<Tok> object, String name) {
        if (object.isEmpty() || !object.get(0).is("{")) {
            return null;
        }
        for (Tok.Arg e : Tok.args(object, 0)) {
            List<Tok> p = e.tokens();
            if (p.size() >= 3 && (p.get(0).isName(name) || p.get(0).isLiteralString() && p.get(0).value().equals(name))
                    && p.get(1).is(":")) {
                return p.subList(2, p.size());
            }
        }
        return null;
    }

    private static boolean isFunction(Tok.Arg arg) {
        List<Tok> c = arg.tokens();
        return !c.isEmpty() && (c.get(0).isName("function") || c.get(0).isName("async")
                || c.stream().anyMatch(x -> x.is("=>")));
    }
}
