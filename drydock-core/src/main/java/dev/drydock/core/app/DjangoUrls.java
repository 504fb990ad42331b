package dev.drydock.core.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Django project's URL configuration: {@code ROOT_URLCONF} from the settings module, then its
 * {@code urlpatterns} ({@code path}, {@code re_path}, {@code url}) with {@code include} followed
 * into the project's own modules. Routes are kept as regular expressions over the path without its
 * leading '/', as Django matches them.
 */
final class DjangoUrls {

    private static final Pattern CONVERTER = Pattern.compile("<(?:(\\w+):)?(\\w+)>");

    private final PythonApps py;

    DjangoUrls(PythonApps py) {
        this.py = py;
    }

    /** The settings module a project names: in any loaded file ({@code manage.py}, {@code wsgi.py}). */
    String settingsModule() {
        for (PyModule m : py.loaded().values()) {
            if (m.settingsModule != null) {
                return m.settingsModule;
            }
        }
        return null;
    }

    /** The routes of the project whose settings module is {@code settings}, read from {@code fromFile}'s view. */
    Routes routes(String settings, String fromFile) {
        if (settings == null) {
            return Routes.unknown();
        }
        String settingsFile = py.moduleFile(fromFile, settings, 0);
        PyModule s = py.module(settingsFile);
        if (s == null) {
            return Routes.unknown();
        }
        String urlconf = setting(s, m -> false, m -> m.rootUrlconf, new HashSet<>());
        if (urlconf == null) {
            return Routes.unknown();
        }
        PyModule urls = py.module(py.moduleFile(settingsFile, urlconf, 0));
        if (urls == null) {
            return Routes.unknown();
        }
        List<Route> routes = new ArrayList<>();
        List<String> opaque = new ArrayList<>();
        collect(urls, "", "", routes, opaque, new HashSet<>());
        return new Routes(true, routes, opaque);
    }

    /**
     * ALLOWED_HOSTS of the settings module {@code settings} (or of a module it star-imports, when it does not
     * set it itself), when written as one literal list; null when it is computed or not found.
     */
    List<String> allowedHosts(String settings, String fromFile) {
        PyModule s = settings == null ? null : py.module(py.moduleFile(fromFile, settings, 0));
        return s == null ? null : setting(s, m -> m.allowedHostsComputed, m -> m.allowedHosts, new HashSet<>());
    }

    /**
     * A setting of the settings module, or of a module it star-imports when it does not set it itself; null when it
     * is computed ({@code computed}) or not found.
     */
    private <T> T setting(PyModule settings, Predicate<PyModule> computed, Function<PyModule, T> value,
            Set<String> seen) {
        if (!seen.add(settings.file) || seen.size() > 8 || computed.test(settings)) {
            return null;
        }
        if (value.apply(settings) != null) {
            return value.apply(settings);
        }
        for (PyModule.Import star : settings.starImports) {
            PyModule base = py.module(py.moduleFile(settings.file, star.module(), star.level()));
            T found = base == null ? null : setting(base, computed, value, seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * The write that has the last word on DEBUG in the settings module {@code settings}: its own top-level writes and
     * those of the project modules it star-imports, in order; null when it does not set DEBUG.
     */
    PyModule.DebugWrite debugWrite(String settings, String fromFile) {
        return lastWrite(settings, fromFile, PyModule.DebugWrite.class);
    }

    /** The write that has the last word on SECRET_KEY, as {@link #debugWrite} for DEBUG. */
    PyModule.SecretKeyWrite secretKeyWrite(String settings, String fromFile) {
        return lastWrite(settings, fromFile, PyModule.SecretKeyWrite.class);
    }

    private <T extends PyModule.SettingStep> T lastWrite(String settings, String fromFile, Class<T> kind) {
        PyModule s = settings == null ? null : py.module(py.moduleFile(fromFile, settings, 0));
        return s == null ? null : py.lastWrite(s, kind);
    }

    /**
     * The ENGINE of each DATABASES entry of the settings module {@code settings} (or of a module it star-imports, when
     * it does not set DATABASES itself), when written as one literal dict; null when computed or not found.
     */
    List<String> databaseEngines(String settings, String fromFile) {
        PyModule s = settings == null ? null : py.module(py.moduleFile(fromFile, settings, 0));
        return s == null ? null : setting(s, m -> m.databasesComputed, m -> m.databaseEngines, new HashSet<>());
    }

    /**
     * The file name of the SQLite database that the settings module {@code settings} (pkg.settings, whose package
     * sits in the project folder) keeps in its startproject BASE_DIR; null when it is elsewhere or not known.
     */
    String sqliteFileInProject(String settings, String fromFile) {
        PyModule s = settings == null || settings.split("\\.").length != 2 ? null
                : py.module(py.moduleFile(fromFile, settings, 0));
        return s == null || !s.baseDirIsProject || s.databasesComputed ? null : s.sqliteFileInBaseDir;
    }

    /**
     * The NAME of the one SQLite database of DATABASES in the settings module {@code settings} (or a module it
     * star-imports), computed as {@link PyPaths#setting} does, with the folder of the module that writes it as
     * {@link PyPaths#MODULE_FOLDER}; null when DATABASES is computed, holds another engine, or NAME is not known.
     */
    AppSource.DatabaseUri sqliteName(String settings, String fromFile) {
        PyModule s = settings == null ? null : py.module(py.moduleFile(fromFile, settings, 0));
        PyModule writes = s == null ? null
                : setting(s, m -> m.databasesComputed, m -> m.databaseEngines != null ? m : null, new HashSet<>());
        if (writes == null || writes.sqliteName == null) {
            return null;
        }
        PyPaths.Setting name = PyPaths.setting(writes, writes.sqliteName);
        return name == null ? null : new AppSource.DatabaseUri(writes.file, writes.sqliteNameAt, name.literal(),
                name.variable(), name.fallback(), List.of());
    }

    /** Where the NAME of {@link #sqliteFileInProject}'s database is written; null when that is null. */
    AppSource.SettingLine sqliteNameLine(String settings, String fromFile) {
        PyModule s = sqliteFileInProject(settings, fromFile) == null ? null : py.module(py.moduleFile(fromFile, settings, 0));
        return s == null || s.sqliteNameLine == 0 ? null : new AppSource.SettingLine(s.file, s.sqliteNameLine, 1);
    }

    /**
     * @param regexPrefix the prefix as a regular expression (no leading '^')
     * @param plainPrefix the same prefix as a path, for opaque prefixes ("" when it is a pattern)
     */
    private void collect(PyModule m, String regexPrefix, String plainPrefix, List<Route> out, List<String> opaque,
            Set<String> visiting) {
        if (!visiting.add(m.file) || visiting.size() > 32) {
            return;
        }
        for (PyLexer.Statement s : m.urlStatements) {
            List<Tok> toks = Tok.tokenize(s.text(), false);
            int i = 0;
            while (i < toks.size()) {
                Tok t = toks.get(i);
                boolean pathCall = t.isName() && (t.text().equals("path") || t.text().equals("re_path") || t.text().equals("url"))
                        && i + 1 < toks.size() && toks.get(i + 1).is("(") && (i == 0 || !toks.get(i - 1).is("."));
                if (!pathCall) {
                    i++;
                    continue;
                }
                int close = Tok.closing(toks, i + 1);
                entry(m, t.text(), Tok.args(toks, i + 1), s.lineAt(t.offset()), regexPrefix,
                        plainPrefix, out, opaque, visiting);
                i = close + 1;
            }
        }
        visiting.remove(m.file);
    }

    private void entry(PyModule m, String kind, List<Tok.Arg> args, int line, String regexPrefix, String plainPrefix,
            List<Route> out, List<String> opaque, Set<String> visiting) {
        Tok.Arg route = Tok.positional(args, 0);
        if (route == null) {
            route = Tok.keyword(args, "route");
        }
        String text = route == null ? null : route.string();
        if (text == null) {
            opaque.add(plainPrefix);
            return;
        }
        boolean regex = !kind.equals("path");
        String own = regex ? (text.startsWith("^") ? text.substring(1) : text) : pathRegex(text);
        String plain = regex ? "" : plainPrefix + text;
        Tok.Arg view = Tok.positional(args, 1);
        if (view == null) {
            view = Tok.keyword(args, "view");
        }
        if (view == null) {
            return;
        }
        List<Tok> v = view.tokens();
        boolean urlsAttribute = v.size() >= 3 && v.get(v.size() - 1).isName("urls") && v.get(v.size() - 2).is(".");
        if (urlsAttribute || !v.isEmpty() && (v.get(0).is("[") || v.get(0).is("("))) {
            opaque.add("/" + (regex ? plainPrefix : plain)); // admin.site.urls, router.urls, a list of patterns
            return;
        }
        if (!v.isEmpty() && v.get(0).isName("include") && v.size() > 1 && v.get(1).is("(")) {
            List<Tok.Arg> inner = Tok.args(v, 1);
            Tok.Arg target = Tok.positional(inner, 0);
            String module = target == null ? null : target.string();
            if (module == null && target != null && target.tokens().size() > 2 && target.tokens().get(0).is("(")
                    && target.tokens().get(1).isLiteralString()) {
                module = target.tokens().get(1).value();
            }
            PyModule included = null;
            if (module != null) {
                included = py.module(py.moduleFile(m.file, module, 0));
            } else if (target != null && target.name() != null
                    && py.resolve(m, target.name()) instanceof PythonApps.ModuleRef mr) {
                included = mr.module();
            }
            if (included == null) {
                opaque.add("/" + (regex ? plainPrefix : plain));
                return;
            }
            collect(included, regexPrefix + own, regex ? "" : plain, out, opaque, visiting);
            return;
        }
        String full = "^" + regexPrefix + own + (regex ? "" : "\\Z");
        String name = view.name();
        Handler handler;
        if (name != null) {
            handler = py.handler(m, name, line);
        } else {
            String viewName = !v.isEmpty() && v.get(0).isName() ? v.get(0).text() : null;
            handler = Handler.unknown(viewName, m.file, line);
        }
        out.add(new Route("ANY", full, true, m.file, line, handler, Framework.DJANGO));
    }

    /** A {@code path()} route as a regular expression, as Django converts it. */
    static String pathRegex(String route) {
        StringBuilder out = new StringBuilder();
        Matcher m = CONVERTER.matcher(route);
        int last = 0;
        while (m.find()) {
            out.append(quote(route.substring(last, m.start())));
            String conv = m.group(1) == null ? "str" : m.group(1);
            out.append(switch (conv) {
                case "int" -> "[0-9]+";
                case "path" -> ".+";
                case "slug" -> "[-a-zA-Z0-9_]+";
                case "uuid" -> "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
                default -> "[^/]+";
            });
            last = m.end();
        }
        out.append(quote(route.substring(last)));
        return out.toString();
    }

    /** A literal for a regular expression, each special character escaped on its own (readable, unlike \\Q...\\E). */
    private static String quote(String literal) {
        StringBuilder out = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if (".[]{}()\\*+?^$|-".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
