package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The write that has the last word on one key of a Flask application's configuration (SECRET_KEY,
 * SQLALCHEMY_DATABASE_URI), followed through the statements that configure the application object where it is
 * created: {@code app.config["KEY"] = ...}, {@code app.config.update(KEY=...)} (and {@code app.secret_key = ...} for
 * SECRET_KEY), and the loads {@code from_object} (of a class drydock resolves, its bases included, given by name, as
 * an import string, or as a parameter of the application factory with a class as its default; or of a module),
 * {@code from_pyfile} (of a project file beside the application's module) and {@code from_prefixed_env} (which lets
 * {@code FLASK_KEY} of the environment replace the key). A statement inside a branch, or a load drydock cannot follow,
 * makes the key unknown.
 */
final class FlaskConfigWrites {

    private static final int MAX_BASES = 6;
    private static final Pattern STAR_IMPORT = Pattern.compile("^from\\s+(\\.*)([\\w.]*)\\s+import\\s+\\*\\s*$");

    /**
     * One write of the key: {@code value} the tokens written in {@code module} at {@code line} (null when only
     * {@code overrides} may set it), {@code overrides} the environment variables that replace that value when the
     * container sets them, in order of precedence; {@code known} false when drydock cannot tell what the key holds.
     */
    record Write(PyModule module, int line, List<Tok> value, List<String> overrides, boolean known) {

        static Write unknown(PyModule module, int line) {
            return new Write(module, line, null, List.of(), false);
        }

        Write overriddenBy(String variable) {
            List<String> all = new ArrayList<>();
            all.add(variable);
            all.addAll(overrides);
            return new Write(module, line, value, all, known);
        }
    }

    private final PythonApps py;

    FlaskConfigWrites(PythonApps py) {
        this.py = py;
    }

    /** The last write of {@code key} for the application, null when nothing sets it or the app is not Flask's. */
    Write of(AppObject app, String key) {
        PyModule m = py.module(app.file());
        PyModule.Obj obj = m == null ? null : m.objects.get(app.name());
        if (obj == null || !obj.kind().equals("Flask")) {
            return null;
        }
        int indent = m.statements.stream().filter(s -> s.line() == obj.line()).mapToInt(PyLexer.Statement::indent)
                .findFirst().orElse(-1);
        Write last = null;
        for (PyModule.FlaskConfigStep step : m.flaskConfig) {
            if (!step.owner().equals(obj.name()) || !Objects.equals(step.enclosing(), obj.factory())
                    || step.line() <= obj.line() || writesOther(step, key)) {
                continue;
            }
            if (step.indent() != indent) {
                last = Write.unknown(m, step.line()); // in a branch: whether it runs depends on something else
                continue;
            }
            Write write = switch (step.kind()) {
                case KEY, DATABASE_URI -> new Write(m, step.line(), step.value(), List.of(), true);
                case FROM_OBJECT -> fromObject(m, obj, step, key);
                case FROM_PYFILE -> fromPyfile(m, obj, step, key);
                case PREFIXED_ENV -> {
                    String prefix = new Tok.Arg(null, step.value()).string();
                    String variable = (prefix == null ? "FLASK" : prefix) + "_" + key;
                    yield step.value().isEmpty() || prefix != null
                            ? (last == null ? new Write(m, step.line(), null, List.of(), true) : last).overriddenBy(variable)
                            : Write.unknown(m, step.line());
                }
                case OTHER_LOAD -> Write.unknown(m, step.line());
            };
            last = write != null ? write : last;
        }
        return last;
    }

    /** Whether the step writes a key other than {@code key}. */
    private static boolean writesOther(PyModule.FlaskConfigStep step, String key) {
        return step.kind() == PyModule.FlaskConfigKind.KEY && !key.equals("SECRET_KEY")
                || step.kind() == PyModule.FlaskConfigKind.DATABASE_URI && !key.equals(PyModule.DATABASE_URI_KEY);
    }

    /**
     * {@code from_object(X)}: a class (the key its body or its bases write) or a module (its top-level key); an
     * unknown write when the argument is computed or not found in the project, null when what it loads does not set
     * the key.
     */
    private Write fromObject(PyModule m, PyModule.Obj obj, PyModule.FlaskConfigStep step, String key) {
        Tok.Arg given = new Tok.Arg(null, step.value());
        Write unknown = Write.unknown(m, step.line());
        if (given.name() != null && given.name().equals("__name__")) {
            return moduleWrite(m, key, new HashSet<>());
        }
        PythonApps.Ref ref;
        if (given.name() != null) {
            ref = py.resolve(m, given.name());
            if (ref == null) {
                ref = factoryDefault(m, obj, given.name());
            }
        } else if (given.string() != null && !given.string().isBlank()) {
            ref = importString(m, given.string());
        } else {
            return unknown;
        }
        if (ref instanceof PythonApps.ModuleRef module) {
            return moduleWrite(module.module(), key, new HashSet<>());
        }
        if (ref instanceof PythonApps.DefRef def && def.def().isClass()) {
            return classWrite(def, key, 0);
        }
        return unknown;
    }

    /**
     * The class a parameter of the application factory names by default ({@code def create_app(config_class=Config)}),
     * which a call of the factory without arguments loads; null when it is not such a parameter, or when a module
     * drydock read calls the factory with arguments (which may pass another class).
     */
    private PythonApps.Ref factoryDefault(PyModule m, PyModule.Obj obj, String name) {
        PyModule.Def factory = obj.factory() == null ? null : m.defs.get(obj.factory());
        if (factory == null || factory.isClass() || calledWithArguments(factory.name())) {
            return null;
        }
        String header = m.statements.stream().filter(s -> s.line() == factory.line()).map(PyLexer.Statement::text)
                .findFirst().orElse("");
        List<Tok> toks = Tok.tokenize(header, false);
        for (int i = 0; i < toks.size(); i++) {
            if (toks.get(i).is("(")) {
                Tok.Arg parameter = Tok.keyword(Tok.args(toks, i), name);
                String value = parameter == null ? null : parameter.name();
                return value == null ? null : py.resolve(m, value);
            }
        }
        return null;
    }

    /** Whether a loaded module calls the function with an argument ({@code create_app("production")}). */
    private boolean calledWithArguments(String function) {
        for (PyModule module : py.loaded().values()) {
            for (PyLexer.Statement s : module.statements) {
                if (!s.text().contains(function)) {
                    continue;
                }
                List<Tok> toks = Tok.tokenize(s.text(), false);
                for (int i = 0; i + 1 < toks.size(); i++) {
                    if (toks.get(i).isName(function) && toks.get(i + 1).is("(") && (i == 0 || !toks.get(i - 1).isName("def"))
                            && !Tok.args(toks, i + 1).isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code "config.ProductionConfig"}: the module, or the class of a module, that Flask imports. */
    private PythonApps.Ref importString(PyModule from, String dotted) {
        String file = py.moduleFile(from.file, dotted, 0);
        if (file != null) {
            PyModule module = py.module(file);
            return module == null ? null : new PythonApps.ModuleRef(module);
        }
        int dot = dotted.lastIndexOf('.');
        String moduleFile = dot < 0 ? null : py.moduleFile(from.file, dotted.substring(0, dot), 0);
        PyModule module = py.module(moduleFile);
        return module == null ? null : py.resolve(module, dotted.substring(dot + 1));
    }

    /** The last {@code KEY = ...} of the class body, else that of its first base that writes one. */
    private Write classWrite(PythonApps.DefRef def, String key, int depth) {
        List<PyLexer.Statement> body = def.def().body();
        if (body.isEmpty() || depth > MAX_BASES) {
            return null;
        }
        int indent = body.get(0).indent();
        Write last = null;
        for (PyLexer.Statement s : body) {
            List<Tok> value = assigned(s, key);
            if (value != null) {
                last = s.indent() == indent ? new Write(def.module(), s.line(), value, List.of(), true)
                        : Write.unknown(def.module(), s.line());
            }
        }
        if (last != null) {
            return last;
        }
        for (String base : bases(def)) {
            if (py.resolve(def.module(), base) instanceof PythonApps.DefRef b && b.def().isClass()) {
                Write inBase = classWrite(b, key, depth + 1);
                if (inBase != null) {
                    return inBase;
                }
            }
        }
        return null;
    }

    /**
     * The last write of the key at the top level of a module (following its star imports in order); unknown when one
     * is inside a block, null when the module does not write it.
     */
    private Write moduleWrite(PyModule m, String key, Set<String> seen) {
        if (m == null || !seen.add(m.file) || seen.size() > 8) {
            return null;
        }
        Write last = null;
        for (PyLexer.Statement s : m.statements) {
            Matcher star = STAR_IMPORT.matcher(s.text());
            if (s.indent() == 0 && star.matches()) {
                Write inStar = moduleWrite(py.module(py.moduleFile(m.file, star.group(2), star.group(1).length())),
                        key, seen);
                last = inStar != null ? inStar : last;
                continue;
            }
            List<Tok> value = assigned(s, key);
            if (value != null) {
                last = s.indent() == 0 ? new Write(m, s.line(), value, List.of(), true) : Write.unknown(m, s.line());
            }
        }
        return last;
    }

    /** The tokens after {@code KEY =} (an annotation allowed) when the statement assigns the key, else null. */
    private static List<Tok> assigned(PyLexer.Statement s, String key) {
        if (!s.text().startsWith(key)) {
            return null;
        }
        List<Tok> toks = Tok.tokenize(s.text(), false);
        if (toks.size() < 3 || !toks.get(0).isName(key)) {
            return null;
        }
        int eq = 1;
        if (toks.get(1).is(":")) {
            while (eq < toks.size() && !toks.get(eq).is("=")) {
                eq++;
            }
        }
        return eq < toks.size() - 1 && toks.get(eq).is("=") ? List.copyOf(toks.subList(eq + 1, toks.size())) : null;
    }

    /** The names of the classes a class header lists as its bases, in order. */
    private static List<String> bases(PythonApps.DefRef def) {
        String header = def.module().statements.stream().filter(s -> s.line() == def.def().line())
                .map(PyLexer.Statement::text).findFirst().orElse("");
        List<Tok> toks = Tok.tokenize(header, false);
        for (int i = 0; i < toks.size(); i++) {
            if (toks.get(i).is("(")) {
                return Tok.args(toks, i).stream().filter(a -> a.keyword() == null).map(Tok.Arg::name)
                        .filter(Objects::nonNull).toList();
            }
        }
        return List.of();
    }

    private static boolean instanceRelative(PyModule.Obj obj) {
        Tok.Arg flag = Tok.keyword(obj.args(), "instance_relative_config");
        return flag != null && !(flag.tokens().size() == 1 && flag.tokens().get(0).isName("False"));
    }

    /**
     * {@code from_pyfile("config.py")}: the top-level key of that file, which Flask looks for beside the application's
     * module (its root path); unknown when the application reads it from its instance folder or the file is not in the
     * project (then it is written at deployment).
     */
    private Write fromPyfile(PyModule m, PyModule.Obj obj, PyModule.FlaskConfigStep step, String key) {
        Write unknown = Write.unknown(m, step.line());
        String name = new Tok.Arg(null, step.value()).string();
        if (name == null || name.startsWith("/") || instanceRelative(obj)) {
            return unknown;
        }
        String path = PathNames.normalizeRelative(PathNames.join(PathNames.parent(m.file), name));
        PyModule file = path == null ? null : py.module(path);
        return file == null ? unknown : moduleWrite(file, key, new HashSet<>());
    }
}
