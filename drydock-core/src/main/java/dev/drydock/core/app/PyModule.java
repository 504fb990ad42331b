package dev.drydock.core.app;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one Python file declares that matters to a container: its imports, the application objects
 * it creates (Flask, FastAPI, blueprints, routers), its routes and registrations, the servers it
 * starts, its Django URL patterns and settings, and whether it handles SIGTERM. Read statement by
 * statement ({@link PyLexer}); names are resolved across files by {@link PythonApps}.
 */
final class PyModule {

    /** {@code from module import name} ({@code name} null for {@code import module}); {@code level} counts leading dots. */
    record Import(String module, String name, int level) {}

    /**
     * A step that decides Django's DEBUG or SECRET_KEY in a settings module: a write of one, or a star import that may
     * write them.
     */
    sealed interface SettingStep permits DebugWrite, SecretKeyWrite, StarImport {}

    /**
     * {@code DEBUG = ...} at {@code line}; {@code on} is TRUE or FALSE for a literal at the top level, else null;
     * {@code fromEnv} the variable it reads at the top level with a default that decides it when unset, else null.
     */
    record DebugWrite(String file, int line, int column, Boolean on, PySettingValue.DebugDefault fromEnv)
            implements SettingStep {}

    /**
     * {@code SECRET_KEY = ...} at {@code line}: {@code literal} is the key written as a literal string at the top
     * level; {@code variable} and {@code fallback} the environment variable it reads and the literal default it falls
     * back to; all null when it is computed otherwise or written inside a branch.
     */
    record SecretKeyWrite(String file, int line, String literal, String variable, String fallback)
            implements SettingStep {}

    record StarImport(Import star) implements SettingStep {}

    /**
     * A statement of a Flask application's configuration on the object named {@code owner}: a write of its secret key
     * ({@code app.secret_key = ...}, {@code app.config["SECRET_KEY"] = ...}, {@code app.config.update(SECRET_KEY=...)}:
     * {@code value} the tokens of the value), a load ({@code from_object}, {@code from_pyfile}: {@code value} the tokens
     * of the argument) or another load that may set the key ({@code from_envvar}, {@code from_prefixed_env}...).
     */
    record FlaskConfigStep(String owner, FlaskConfigKind kind, List<Tok> value, int line, int indent,
            String enclosing) {}

    /**
     * A write of SECRET_KEY, of SQLALCHEMY_DATABASE_URI, a load of an object, of a file, of the environment variables
     * with a prefix ({@code value} the prefix's tokens, empty for FLASK), or another load.
     */
    enum FlaskConfigKind { KEY, DATABASE_URI, FROM_OBJECT, FROM_PYFILE, PREFIXED_ENV, OTHER_LOAD }

    /** An object an application is built from: {@code app = Flask(__name__)}. */
    record Obj(String name, String kind, int line, String factory, List<Tok.Arg> args) {}

    /** A function or class definition and its body. */
    record Def(String name, boolean isClass, int line, int indent, List<PyLexer.Statement> body) {}

    /** A route declared on an object: a decorator, {@code add_url_rule}, {@code add_api_route}, {@code add_resource}. */
    record RouteDecl(String owner, String path, boolean dynamic, String methods, int line, String handlerName,
            Handler handler) {}

    /**
     * One object attached to another under a prefix: {@code register_blueprint}, {@code include_router},
     * {@code mount}, {@code Api(app)}. {@code prefix} is null when given but not a literal; {@code prefixGiven}
     * says whether the registration names one.
     */
    record MountDecl(String owner, String child, String prefix, boolean prefixGiven, String kind, int line) {}

    /** {@code X = Y} or {@code X = Y(...)}. */
    record Alias(String target, boolean call) {}

    /**
     * A name or dotted name read from tokens ({@code app}, {@code flask_script.Manager}): its parts, none when no name
     * is there, and the index of the token after it.
     */
    record DottedName(List<String> parts, int end) {

        /** The dotted name that starts at {@code from}. */
        static DottedName at(List<Tok> toks, int from) {
            List<String> parts = new ArrayList<>();
            int i = from;
            while (i < toks.size() && toks.get(i).isName()) {
                parts.add(toks.get(i).text());
                if (i + 1 < toks.size() && toks.get(i + 1).is(".")) {
                    i += 2;
                } else {
                    i++;
                    break;
                }
            }
            return new DottedName(List.copyOf(parts), i);
        }

        /** The last part: the method or class a call names. */
        String last() {
            return parts.get(parts.size() - 1);
        }

        /** The parts before the last, joined with dots: the owner of a method; null for a lone name. */
        String owner() {
            return parts.size() > 1 ? String.join(".", parts.subList(0, parts.size() - 1)) : null;
        }

        String joined() {
            return String.join(".", parts);
        }
    }

    /** A call that may start a server: {@code owner.method(args)} or {@code function(args)}. */
    record RunDecl(String owner, String method, List<Tok.Arg> args, int line, boolean inMain, String enclosing,
            String text) {}

    static final Set<String> CONSTRUCTORS = Set.of("Flask", "Quart", "FastAPI", "Starlette", "Blueprint", "APIRouter",
            "Api", "APIBlueprint", "Dash");
    private static final Set<String> ROUTE_DECORATORS = Set.of("route", "get", "post", "put", "delete", "patch",
            "head", "options", "api_route", "websocket");
    private static final Pattern MAIN_GUARD = Pattern.compile("^if\\s+__name__\\s*==\\s*['\"]__main__['\"]\\s*:\\s*(.*)$");
    private static final Pattern MAIN_GUARD_REVERSED = Pattern.compile("^if\\s+['\"]__main__['\"]\\s*==\\s*__name__\\s*:\\s*(.*)$");
    private static final Pattern DEF = Pattern.compile("^(?:async\\s+)?(def|class)\\s+([A-Za-z_]\\w*)");
    private static final Pattern SETTINGS = Pattern.compile("['\"]DJANGO_SETTINGS_MODULE['\"]\\s*,\\s*['\"]([\\w.]+)['\"]");
    private static final Pattern ROOT_URLCONF = Pattern.compile("^ROOT_URLCONF\\s*=\\s*['\"]([\\w.]+)['\"]");
    private static final Pattern ALLOWED_HOSTS = Pattern.compile("^ALLOWED_HOSTS\\b");
    private static final Pattern DATABASES = Pattern.compile("^DATABASES\\b");
    /** Flask-SQLAlchemy's setting of the database the application's engine opens. */
    static final String DATABASE_URI_KEY = "SQLALCHEMY_DATABASE_URI";
    /** {@code SECRET_KEY = ...} (with an optional annotation), not a comparison. */
    static final Pattern SECRET_KEY = Pattern.compile("^SECRET_KEY\\s*(?::\\s*str\\s*)?=(?!=)");
    /** {@code DEBUG = value} (with an optional annotation), the value without a trailing comment. */
    private static final Pattern DEBUG = Pattern.compile("^DEBUG\\s*(?::\\s*bool\\s*)?=(?!=)\\s*([^#]*?)\\s*(?:#.*)?$");
    /** The startproject BASE_DIR: the folder that holds the settings package. */
    private static final Pattern PROJECT_BASE_DIR = Pattern.compile("^BASE_DIR\\s*=\\s*(?:os\\.path\\.dirname\\(\\s*"
            + "os\\.path\\.dirname\\(\\s*os\\.path\\.(?:abspath|realpath)\\(\\s*__file__\\s*\\)\\s*\\)\\s*\\)"
            + "|Path\\(\\s*__file__\\s*\\)\\.resolve\\(\\)\\.parent\\.parent)\\s*$");
    /** A database NAME in BASE_DIR: os.path.join(BASE_DIR, "db.sqlite3") or BASE_DIR / "db.sqlite3". */
    private static final Pattern NAME_IN_BASE_DIR = Pattern.compile("['\"]NAME['\"]\\s*:\\s*(?:os\\.path\\.join\\("
            + "\\s*BASE_DIR\\s*,\\s*['\"]([\\w.-]+)['\"]\\s*\\)|BASE_DIR\\s*/\\s*['\"]([\\w.-]+)['\"])\\s*[,}]");
    private static final Pattern DATABASES_DICT = Pattern.compile("^DATABASES\\s*=\\s*\\{");
    /** An ENGINE key of a database entry, with its value when that is a string literal. */
    private static final Pattern ENGINE = Pattern.compile(
            "['\"]ENGINE['\"]\\s*:\\s*(?:'([^'\\n]*)'|\"([^\"\\n]*)\")?");
    /** ALLOWED_HOSTS = ["a", 'b'] (or a tuple): only quoted strings, commas, white space and comments inside. */
    private static final Pattern HOST_LIST = Pattern.compile(
            "^ALLOWED_HOSTS\\s*=\\s*[\\[(]((?:\\s|,|#[^\\n]*|'[^'\\n]*'|\"[^\"\\n]*\")*)[\\])]\\s*(?:#.*)?$");
    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]*)'|\"([^\"\\n]*)\"");

    final String file;
    final List<PyLexer.Statement> statements;
    final Map<String, Import> imports = new LinkedHashMap<>();
    final List<Import> importedModules = new ArrayList<>();
    final List<Import> starImports = new ArrayList<>();
    /** Django's DEBUG and SECRET_KEY writes and the star imports, in the module's order. */
    final List<SettingStep> settingSteps = new ArrayList<>();
    /** The Flask configuration statements on objects of the module, in the module's order. */
    final List<FlaskConfigStep> flaskConfig = new ArrayList<>();
    final Map<String, Obj> objects = new LinkedHashMap<>();
    final Map<String, Def> defs = new LinkedHashMap<>();
    final Map<String, Alias> aliases = new LinkedHashMap<>();
    final Map<String, String> constants = new LinkedHashMap<>();
    final List<RouteDecl> routes = new ArrayList<>();
    final List<MountDecl> mounts = new ArrayList<>();
    final List<RunDecl> runs = new ArrayList<>();
    final List<PyLexer.Statement> urlStatements = new ArrayList<>();
    int sigtermLine;
    /** The line that creates Flask-SocketIO's server object ({@code SocketIO(app)}), 0 when none does. */
    int socketIOLine;
    String settingsModule;
    String rootUrlconf;
    /** Django's ALLOWED_HOSTS as the module writes it, a literal list; null when it does not set it. */
    List<String> allowedHosts;
    /** Whether the module sets ALLOWED_HOSTS in a way that is not one literal list (from the environment, in a branch). */
    boolean allowedHostsComputed;
    /** The ENGINE of each entry of Django's DATABASES when the module writes it as one literal dict; null otherwise. */
    List<String> databaseEngines;
    /** Whether the module sets or changes DATABASES in a way whose engines cannot be read (dj_database_url, a branch). */
    boolean databasesComputed;
    /** The tokens of the NAME of the one database when DATABASES has one, a SQLite one; null otherwise. */
    List<Tok> sqliteName;
    /** The line of {@link #sqliteName}; 0 when that is null. */
    int sqliteNameAt;
    /** The file of the one SQLite database when DATABASES keeps it in BASE_DIR; null otherwise. */
    String sqliteFileInBaseDir;
    /** The line of the NAME that keeps {@link #sqliteFileInBaseDir} in BASE_DIR; 0 when that is null. */
    int sqliteNameLine;
    /** Whether BASE_DIR is written as startproject writes it: the folder above the settings package. */
    boolean baseDirIsProject;

    private PyModule(String file, List<PyLexer.Statement> statements) {
        this.file = file;
        this.statements = statements;
    }

    static PyModule read(SourceFile source) {
        PyModule m;
        try {
            m = new PyModule(source.path(), PyLexer.statements(source.text()));
        } catch (RuntimeException | StackOverflowError e) {
            return new PyModule(source.path(), List.of());
        }
        try {
            m.scan();
        } catch (RuntimeException | StackOverflowError e) {
            // a defect of this reader on odd input: keep what was read so far
        }
        return m;
    }

    boolean handlesSigterm() {
        return sigtermLine > 0;
    }

    /**
     * {@code os.execv(...)} and the other {@code os.exec*} functions: the program given replaces the Python process
     * (same PID), so SIGTERM reaches that program and its own handling is what counts.
     */
    private static boolean replacesProcess(List<Tok> toks) {
        for (int i = 0; i + 2 < toks.size(); i++) {
            if (toks.get(i).isName("os") && toks.get(i + 1).is(".") && toks.get(i + 2).isName()
                    && OS_EXEC.matcher(toks.get(i + 2).text()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern OS_EXEC = Pattern.compile("exec[lv]p?e?");

    // ---- reading

    private void scan() {
        List<PyLexer.Statement> decorators = new ArrayList<>();
        List<int[]> defStack = new ArrayList<>(); // {indent, index into defNames}
        List<String> defNames = new ArrayList<>();
        int mainIndent = -1;
        for (int i = 0; i < statements.size(); i++) {
            PyLexer.Statement s = statements.get(i);
            while (!defStack.isEmpty() && s.indent() <= defStack.get(defStack.size() - 1)[0]) {
                defStack.remove(defStack.size() - 1);
            }
            if (mainIndent >= 0 && s.indent() <= mainIndent) {
                mainIndent = -1;
            }
            String enclosing = defStack.isEmpty() ? null : defNames.get(defStack.get(defStack.size() - 1)[1]);
            String text = s.text();
            Matcher guard = MAIN_GUARD.matcher(text);
            if (!guard.matches()) {
                guard = MAIN_GUARD_REVERSED.matcher(text);
            }
            if (guard.matches()) {
                mainIndent = s.indent();
                if (!guard.group(1).isBlank()) {
                    statement(new PyLexer.Statement(guard.group(1).strip(), s.line(), s.endLine(), s.indent() + 1),
                            enclosing, true);
                }
                continue;
            }
            if (text.startsWith("@")) {
                decorators.add(s);
                continue;
            }
            Matcher def = DEF.matcher(text);
            if (def.find()) {
                List<PyLexer.Statement> body = body(i, s);
                boolean isClass = def.group(1).equals("class");
                Def d = new Def(def.group(2), isClass, s.line(), s.indent(), body);
                defs.putIfAbsent(d.name(), d);
                for (PyLexer.Statement decorator : decorators) {
                    decorator(decorator, d);
                }
                decorators.clear();
                defStack.add(new int[] {s.indent(), defNames.size()});
                defNames.add(d.name());
                continue;
            }
            decorators.clear();
            statement(s, enclosing, mainIndent >= 0);
        }
    }

    /** The statements of the block opened by {@code statements.get(i)}, or the rest of its own line. */
    private List<PyLexer.Statement> body(int i, PyLexer.Statement head) {
        String inline = inlineBody(head.text());
        if (inline != null && !inline.isBlank()) {
            return List.of(new PyLexer.Statement(inline.strip(), head.line(), head.endLine(), head.indent() + 1));
        }
        List<PyLexer.Statement> body = new ArrayList<>();
        for (int j = i + 1; j < statements.size() && statements.get(j).indent() > head.indent(); j++) {
            body.add(statements.get(j));
        }
        return body;
    }

    /** The text after the ':' that ends a def or class header, or null. */
    private static String inlineBody(String header) {
        List<Tok> toks = Tok.tokenize(header, false);
        int depth = 0;
        for (Tok t : toks) {
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            } else if (depth == 0 && t.is(":")) {
                return header.substring(Math.min(header.length(), t.offset() + 1));
            }
        }
        return null;
    }

    private void decorator(PyLexer.Statement s, Def def) {
        List<Tok> toks = Tok.tokenize(s.text().substring(1), false);
        DottedName dotted = DottedName.at(toks, 0);
        int i = dotted.end();
        if (dotted.parts().size() < 2 || i >= toks.size() || !toks.get(i).is("(")) {
            return;
        }
        String method = dotted.last();
        if (!ROUTE_DECORATORS.contains(method)) {
            return;
        }
        String owner = dotted.owner();
        List<Tok.Arg> args = Tok.args(toks, i);
        Tok.Arg pathArg = Tok.positional(args, 0);
        if (pathArg == null) {
            pathArg = Tok.keyword(args, "rule");
        }
        if (pathArg == null) {
            pathArg = Tok.keyword(args, "path");
        }
        String path = pathArg == null ? null : pathArg.string();
        String methods = switch (method) {
            case "route", "api_route" -> methods(Tok.keyword(args, "methods"), method.equals("route") ? "GET" : "ANY");
            case "websocket" -> "WEBSOCKET";
            default -> method.toUpperCase(java.util.Locale.ROOT);
        };
        Handler handler = def.isClass() ? Handler.unknown(def.name(), file, def.line())
                : Handler.python(def.name(), file, def.line(), def.body());
        routes.add(new RouteDecl(owner, path, path == null, methods, s.line(), def.name(), handler));
    }

    private static String methods(Tok.Arg arg, String fallback) {
        if (arg == null) {
            return fallback;
        }
        List<String> names = new ArrayList<>();
        for (Tok t : arg.tokens()) {
            if (t.kind() == Tok.Kind.STRING) {
                names.add(t.value().toUpperCase(java.util.Locale.ROOT));
            }
        }
        return names.isEmpty() ? fallback : String.join(",", names);
    }

    private void statement(PyLexer.Statement s, String enclosing, boolean inMain) {
        String text = s.text();
        if (text.startsWith("import ")) {
            for (String item : text.substring(7).split(",")) {
                String[] parts = item.strip().split("\\s+as\\s+");
                String module = parts[0].strip();
                if (module.isEmpty()) {
                    continue;
                }
                importedModules.add(new Import(module, null, 0));
                if (parts.length > 1) {
                    imports.put(parts[1].strip(), new Import(module, null, 0));
                } else {
                    String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
                    imports.putIfAbsent(top, new Import(top, null, 0));
                }
            }
            return;
        }
        if (text.startsWith("from ")) {
            Matcher m = Pattern.compile("^from\\s+(\\.*)([\\w.]*)\\s+import\\s+(.+)$").matcher(text);
            if (m.matches()) {
                int level = m.group(1).length();
                String module = m.group(2);
                importedModules.add(new Import(module, null, level));
                String names = m.group(3).replace("(", "").replace(")", "");
                for (String item : names.split(",")) {
                    String[] parts = item.strip().split("\\s+as\\s+");
                    String name = parts[0].strip();
                    if (name.isEmpty()) {
                        continue;
                    }
                    if (name.equals("*")) {
                        starImports.add(new Import(module, null, level));
                        settingSteps.add(new StarImport(new Import(module, null, level)));
                        continue;
                    }
                    imports.put(parts.length > 1 ? parts[1].strip() : name, new Import(module, name, level));
                    importedModules.add(new Import(module.isEmpty() ? name : module + "." + name, null, level));
                }
            }
            return;
        }
        Matcher settings = SETTINGS.matcher(text);
        if (settings.find() && settingsModule == null) {
            settingsModule = settings.group(1);
        }
        Matcher urlconf = ROOT_URLCONF.matcher(text);
        if (urlconf.find()) {
            rootUrlconf = urlconf.group(1);
        }
        if (ALLOWED_HOSTS.matcher(text).find()) {
            Matcher list = HOST_LIST.matcher(text);
            if (list.matches() && s.indent() == 0 && enclosing == null && !allowedHostsComputed) {
                List<String> hosts = new ArrayList<>();
                Matcher q = QUOTED.matcher(list.group(1).replaceAll("#[^\\n]*", ""));
                while (q.find()) {
                    hosts.add(q.group(1) != null ? q.group(1) : q.group(2));
                }
                allowedHosts = hosts;
            } else {
                allowedHostsComputed = true;
                allowedHosts = null;
            }
        }
        Matcher debug = DEBUG.matcher(text);
        if (debug.matches()) {
            boolean top = s.indent() == 0 && enclosing == null;
            String value = debug.group(1).strip();
            settingSteps.add(new DebugWrite(file, s.line(), s.indent() + 1, !top ? null
                    : value.equals("True") ? Boolean.TRUE : value.equals("False") ? Boolean.FALSE : null,
                    top ? PySettingValue.debugWhenUnset(rhs(text)) : null));
        }
        if (SECRET_KEY.matcher(text).find()) {
            secretKey(s, enclosing == null && s.indent() == 0);
        }
        if (PROJECT_BASE_DIR.matcher(text).matches() && s.indent() == 0 && enclosing == null) {
            baseDirIsProject = true;
        }
        if (DATABASES.matcher(text).find()) {
            databases(s, s.indent() == 0 && enclosing == null);
        }
        List<Tok> toks = Tok.tokenize(text, false);
        if ((toks.stream().anyMatch(t -> t.isName("SIGTERM")) || replacesProcess(toks)) && sigtermLine == 0) {
            sigtermLine = s.line();
        }
        assignment(s, toks, enclosing);
        calls(s, toks, inMain, enclosing);
        flaskConfig(s, toks, enclosing);
    }

    /** {@code owner.secret_key = ...}, {@code owner.config[...] = ...} or {@code owner.config.method(...)}. */
    private void flaskConfig(PyLexer.Statement s, List<Tok> toks, String enclosing) {
        if (toks.size() < 5 || !toks.get(0).isName() || !toks.get(1).is(".") || !toks.get(2).isName()) {
            return;
        }
        String owner = toks.get(0).text();
        FlaskConfigKind kind = null;
        List<Tok> value = List.of();
        if (toks.get(2).isName("secret_key") && toks.get(3).is("=")) {
            kind = FlaskConfigKind.KEY;
            value = toks.subList(4, toks.size());
        } else if (!toks.get(2).isName("config")) {
            return;
        } else if (toks.get(3).is("[") && Tok.closing(toks, 3) + 1 < toks.size()
                && toks.get(Tok.closing(toks, 3) + 1).is("=")) {
            List<Tok.Arg> key = Tok.args(toks, 3);
            String name = key.size() == 1 ? key.get(0).string() : null;
            if (!"SECRET_KEY".equals(name) && !DATABASE_URI_KEY.equals(name)) {
                return;
            }
            kind = "SECRET_KEY".equals(name) ? FlaskConfigKind.KEY : FlaskConfigKind.DATABASE_URI;
            value = toks.subList(Tok.closing(toks, 3) + 2, toks.size());
        } else if (toks.size() > 5 && toks.get(3).is(".") && toks.get(4).isName() && toks.get(5).is("(")
                && Tok.closing(toks, 5) == toks.size() - 1) {
            List<Tok.Arg> args = Tok.args(toks, 5);
            Tok.Arg first = Tok.positional(args, 0);
            switch (toks.get(4).text()) {
                case "update", "from_mapping" -> {
                    Tok.Arg key = Tok.keyword(args, "SECRET_KEY");
                    Tok.Arg uri = Tok.keyword(args, DATABASE_URI_KEY);
                    if (uri != null) {
                        flaskConfig.add(new FlaskConfigStep(owner, FlaskConfigKind.DATABASE_URI, List.copyOf(uri.tokens()),
                                s.line(), s.indent(), enclosing));
                    }
                    if (key != null) {
                        kind = FlaskConfigKind.KEY;
                        value = key.tokens();
                    } else if (first != null) {
                        kind = FlaskConfigKind.OTHER_LOAD; // a mapping drydock does not look into
                    }
                }
                case "from_object" -> {
                    kind = FlaskConfigKind.FROM_OBJECT;
                    value = first == null ? List.of() : first.tokens();
                }
                case "from_pyfile" -> {
                    kind = FlaskConfigKind.FROM_PYFILE;
                    value = first == null ? List.of() : first.tokens();
                }
                case "from_prefixed_env" -> {
                    kind = FlaskConfigKind.PREFIXED_ENV;
                    Tok.Arg prefix = Tok.keyword(args, "prefix");
                    prefix = prefix != null ? prefix : first;
                    value = prefix == null ? List.of() : prefix.tokens();
                }
                case "from_envvar", "from_file", "from_json", "setdefault" ->
                    kind = FlaskConfigKind.OTHER_LOAD;
                default -> {
                    // get, items ...: reads
                }
            }
        }
        if (kind != null) {
            flaskConfig.add(new FlaskConfigStep(owner, kind, List.copyOf(value), s.line(), s.indent(), enclosing));
        }
    }

    /** The tokens after the '=' of an assignment statement. */
    private static List<Tok> rhs(String text) {
        List<Tok> toks = Tok.tokenize(text, false);
        for (int i = 0; i < toks.size(); i++) {
            if (toks.get(i).is("=")) {
                return toks.subList(i + 1, toks.size());
            }
        }
        return List.of();
    }

    private void secretKey(PyLexer.Statement s, boolean top) {
        settingSteps.add(secretKeyWrite(file, s, top));
    }

    /** {@code SECRET_KEY = ...} as written by statement {@code s}: known only when {@code definite}. */
    static SecretKeyWrite secretKeyWrite(String file, PyLexer.Statement s, boolean definite) {
        PySettingValue.SecretValue v = definite ? PySettingValue.secretValue(rhs(s.text()))
                : PySettingValue.SecretValue.UNKNOWN;
        return new SecretKeyWrite(file, s.line(), v.literal(), v.variable(), v.fallback());
    }

    /**
     * DATABASES = {...} at the top of a settings module, whose every ENGINE is a string literal; any other write to
     * DATABASES (an item assignment, an update, an engine from the environment, in a branch) makes it unknown.
     */
    private void databases(PyLexer.Statement s, boolean topLevel) {
        String text = s.text();
        List<String> engines = new ArrayList<>();
        Matcher engine = ENGINE.matcher(text);
        boolean literal = true;
        while (engine.find()) {
            String value = engine.group(1) != null ? engine.group(1) : engine.group(2);
            literal &= value != null;
            engines.add(value);
        }
        if (topLevel && !databasesComputed && literal && !engines.isEmpty() && DATABASES_DICT.matcher(text).find()) {
            databaseEngines = engines;
            Matcher name = NAME_IN_BASE_DIR.matcher(text);
            boolean sqlite = engines.size() == 1 && engines.get(0).endsWith(".sqlite3") && name.find();
            sqliteFileInBaseDir = sqlite ? (name.group(1) != null ? name.group(1) : name.group(2)) : null;
            sqliteNameLine = sqlite ? s.lineAt(name.start()) : 0;
            sqliteName = null;
            sqliteNameAt = 0;
            if (engines.size() == 1 && engines.get(0).endsWith(".sqlite3")) {
                nameOfTheDatabase(s);
            }
        } else {
            sqliteName = null;
            sqliteNameAt = 0;
            sqliteFileInBaseDir = null;
            sqliteNameLine = 0;
            databasesComputed = true;
            databaseEngines = null;
        }
    }

    /** The tokens of the value of the {@code "NAME"} key of DATABASES = {...}, and its line. */
    private void nameOfTheDatabase(PyLexer.Statement s) {
        List<Tok> toks = Tok.tokenize(s.text(), false);
        for (int i = 0; i + 1 < toks.size(); i++) {
            if (toks.get(i).isLiteralString() && toks.get(i).value().equals("NAME") && toks.get(i + 1).is(":")) {
                int end = i + 2;
                int depth = 0;
                while (end < toks.size()) {
                    Tok t = toks.get(end);
                    if (t.is("(") || t.is("[") || t.is("{")) {
                        depth++;
                    } else if (t.is(")") || t.is("]") || t.is("}")) {
                        if (depth == 0) {
                            break;
                        }
                        depth--;
                    } else if (depth == 0 && t.is(",")) {
                        break;
                    }
                    end++;
                }
                sqliteName = List.copyOf(toks.subList(i + 2, end));
                sqliteNameAt = s.lineAt(toks.get(i).offset());
                return;
            }
        }
    }

    private void assignment(PyLexer.Statement s, List<Tok> toks, String enclosing) {
        if (toks.size() < 3 || !toks.get(0).isName()) {
            return;
        }
        String name = toks.get(0).text();
        int eq = -1;
        if (toks.get(1).is("=")) {
            eq = 1;
        } else if (toks.get(1).is("+=") && name.equals("urlpatterns")) {
            urlStatements.add(s);
            return;
        } else if (toks.get(1).is(":")) {
            for (int i = 2; i < toks.size(); i++) {
                if (toks.get(i).is("=")) {
                    eq = i;
                    break;
                }
            }
        }
        if (eq < 0 || eq + 1 >= toks.size()) {
            return;
        }
        if (name.equals("urlpatterns")) {
            urlStatements.add(s);
            return;
        }
        List<Tok> rhs = toks.subList(eq + 1, toks.size());
        DottedName dotted = DottedName.at(rhs, 0);
        int j = dotted.end();
        String target = dotted.joined();
        if (!dotted.parts().isEmpty() && j == rhs.size()) {
            aliases.put(name, new Alias(target, false));
            return;
        }
        if (!dotted.parts().isEmpty() && j < rhs.size() && rhs.get(j).is("(") && Tok.closing(rhs, j) == rhs.size() - 1) {
            String ctor = dotted.last();
            List<Tok.Arg> args = Tok.args(rhs, j);
            if (CONSTRUCTORS.contains(ctor)) {
                objects.putIfAbsent(name, new Obj(name, ctor, s.line(), enclosing, args));
                if (ctor.equals("Api")) {
                    Tok.Arg parent = Tok.positional(args, 0);
                    if (parent == null) {
                        parent = Tok.keyword(args, "app");
                    }
                    if (parent != null && parent.name() != null) {
                        Tok.Arg prefix = Tok.keyword(args, "prefix");
                        mounts.add(new MountDecl(parent.name(), name, prefix == null ? "" : prefix.string(),
                                prefix != null, "api", s.line()));
                    }
                }
                return;
            }
            aliases.put(name, new Alias(target, true));
        }
        constants.put(name, new Tok.Arg(null, List.copyOf(rhs)).text());
    }

    private void calls(PyLexer.Statement s, List<Tok> toks, boolean inMain, String enclosing) {
        for (int i = 0; i < toks.size(); i++) {
            if (i >= 2 && toks.get(i).text().equals("launch") && toks.get(i - 1).is(".") && toks.get(i - 2).is(")")
                    && i + 1 < toks.size() && toks.get(i + 1).is("(")) { // gr.Interface(...).launch()
                call(s, ")", "launch", Tok.args(toks, i + 1), inMain, enclosing, toks, i, Tok.closing(toks, i + 1));
                continue;
            }
            if (!toks.get(i).isName() || i > 0 && toks.get(i - 1).is(".")) {
                continue;
            }
            DottedName dotted = DottedName.at(toks, i);
            int j = dotted.end();
            if (j >= toks.size() || !toks.get(j).is("(")) {
                continue;
            }
            String method = dotted.last();
            String owner = dotted.owner();
            List<Tok.Arg> args = Tok.args(toks, j);
            call(s, owner, method, args, inMain, enclosing, toks, i, Tok.closing(toks, j));
        }
    }

    private void call(PyLexer.Statement s, String owner, String method, List<Tok.Arg> args, boolean inMain,
            String enclosing, List<Tok> toks, int from, int to) {
        switch (method) {
            case "register_blueprint", "include_router", "register_api" -> {
                if (owner == null) {
                    return;
                }
                Tok.Arg child = Tok.positional(args, 0);
                Tok.Arg prefix = Tok.keyword(args, method.equals("include_router") ? "prefix" : "url_prefix");
                mounts.add(new MountDecl(owner, child == null ? null : child.name(),
                        prefix == null ? "" : prefix.string(), prefix != null, method, s.line()));
            }
            case "mount" -> {
                if (owner == null) {
                    return;
                }
                Tok.Arg prefix = Tok.positional(args, 0);
                Tok.Arg child = Tok.positional(args, 1);
                if (child == null) {
                    child = Tok.keyword(args, "app");
                }
                mounts.add(new MountDecl(owner, child == null ? null : child.name(), prefix == null ? null : prefix.string(),
                        true, "mount", s.line()));
            }
            case "init_app" -> {
                Tok.Arg app = Tok.positional(args, 0);
                if (owner != null && app != null && app.name() != null) {
                    mounts.add(new MountDecl(app.name(), owner, "", false, "init_app", s.line()));
                }
            }
            case "add_url_rule", "add_api_route", "add_api_websocket_route" -> {
                if (owner == null) {
                    return;
                }
                Tok.Arg path = Tok.positional(args, 0);
                if (path == null) {
                    path = Tok.keyword(args, "rule");
                }
                Tok.Arg view = method.equals("add_url_rule") ? Tok.keyword(args, "view_func") : Tok.positional(args, 1);
                if (view == null && method.equals("add_url_rule")) {
                    view = Tok.positional(args, 2);
                }
                if (view == null && !method.equals("add_url_rule")) {
                    view = Tok.keyword(args, "endpoint");
                }
                String p = path == null ? null : path.string();
                String methods = methods(Tok.keyword(args, "methods"), method.equals("add_url_rule") ? "GET" : "ANY");
                routes.add(new RouteDecl(owner, p, p == null, methods, s.line(), view == null ? null : view.name(), null));
            }
            case "add_resource", "add_namespace" -> {
                if (owner == null || method.equals("add_namespace")) {
                    return;
                }
                Tok.Arg resource = Tok.positional(args, 0);
                for (Tok.Arg a : args.subList(Math.min(1, args.size()), args.size())) {
                    if (a.keyword() == null) {
                        String p = a.string();
                        routes.add(new RouteDecl(owner, p, p == null, "ANY", s.line(),
                                resource == null ? null : resource.name(),
                                Handler.unknown(resource == null ? null : resource.name(), file, s.line())));
                    }
                }
            }
            case "SocketIO" -> {
                Import imported = imports.get(owner == null ? "SocketIO" : owner);
                if (imported != null && imported.module().equals("flask_socketio") && socketIOLine == 0) {
                    socketIOLine = s.line();
                }
            }
            case "run", "run_simple", "make_server", "run_server", "serve", "run_app", "launch" ->
                runs.add(new RunDecl(owner, method, args, s.line(), inMain, enclosing, callText(s.text(), toks, from, to)));
            default -> {
                // not a call this reader follows
            }
        }
    }

    /** The call as written in the statement, from its first token to its closing parenthesis. */
    private static String callText(String statement, List<Tok> toks, int from, int to) {
        int start = toks.get(from).offset();
        int end = to < toks.size() ? toks.get(to).offset() + 1 : statement.length();
        return statement.substring(start, Math.min(end, statement.length()));
    }
}
