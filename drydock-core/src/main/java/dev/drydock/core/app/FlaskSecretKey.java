package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import java.util.List;
import java.util.Objects;

/**
 * The write that has the last word on a Flask application's SECRET_KEY, followed through the statements that configure
 * the application object where it is created: {@code app.secret_key = ...}, {@code app.config["SECRET_KEY"] = ...},
 * {@code app.config.update(SECRET_KEY=...)}, and the loads {@code from_object} (of a class drydock resolves, its
 * bases included, or of a module) and {@code from_pyfile} (of a project file beside the application's module). A
 * statement inside a branch, or a load drydock cannot follow, makes the key unknown.
 */
final class FlaskSecretKey {

    private static final int MAX_BASES = 6;

    private final PythonApps py;

    FlaskSecretKey(PythonApps py) {
        this.py = py;
    }

    /** The last write of the application's key, null when it is unknown or not set. */
    PyModule.SecretKeyWrite of(AppObject app) {
        PyModule m = py.module(app.file());
        PyModule.Obj obj = m == null ? null : m.objects.get(app.name());
        if (obj == null || !obj.kind().equals("Flask")) {
            return null;
        }
        int indent = m.statements.stream().filter(s -> s.line() == obj.line()).mapToInt(PyLexer.Statement::indent)
                .findFirst().orElse(-1);
        PyModule.SecretKeyWrite last = null;
        for (PyModule.FlaskConfigStep step : m.flaskConfig) {
            if (!step.owner().equals(obj.name()) || !Objects.equals(step.enclosing(), obj.factory())
                    || step.line() <= obj.line() || step.kind() == PyModule.FlaskConfigKind.DATABASE_URI) {
                continue;
            }
            if (step.indent() != indent) {
                last = null; // in a branch: whether it runs depends on something else
                continue;
            }
            PyModule.SecretKeyWrite write = switch (step.kind()) {
                case KEY -> {
                    PySettingValue.SecretValue v = PySettingValue.secretValue(step.value());
                    yield new PyModule.SecretKeyWrite(m.file, step.line(), v.literal(), v.variable(), v.fallback());
                }
                case FROM_OBJECT -> fromObject(m, step.value());
                case FROM_PYFILE -> fromPyfile(m, obj, step.value());
                case OTHER_LOAD -> unknown(m, step);
                case DATABASE_URI -> null;
            };
            last = write != null ? write : last;
        }
        return last;
    }

    private static PyModule.SecretKeyWrite unknown(PyModule m, PyModule.FlaskConfigStep step) {
        return new PyModule.SecretKeyWrite(m.file, step.line(), null, null, null);
    }

    /**
     * {@code from_object(X)}: a class (the key its body or its bases write) or a module (its top-level key), given by
     * name or as an import string; an unknown write when the argument is computed or not found in the project, null when
     * what it loads does not set the key.
     */
    private PyModule.SecretKeyWrite fromObject(PyModule m, List<Tok> arg) {
        Tok.Arg given = new Tok.Arg(null, arg);
        PyModule.SecretKeyWrite unknown = new PyModule.SecretKeyWrite(m.file, 0, null, null, null);
        if (given.name() != null && given.name().equals("__name__")) {
            return py.lastWrite(m, PyModule.SecretKeyWrite.class);
        }
        PythonApps.Ref ref;
        if (given.name() != null) {
            ref = py.resolve(m, given.name());
        } else if (given.string() != null && !given.string().isBlank()) {
            ref = importString(m, given.string());
        } else {
            return unknown;
        }
        if (ref instanceof PythonApps.ModuleRef module) {
            return py.lastWrite(module.module(), PyModule.SecretKeyWrite.class);
        }
        if (ref instanceof PythonApps.DefRef def && def.def().isClass()) {
            return classWrite(def, 0);
        }
        return unknown;
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

    /** The last {@code SECRET_KEY = ...} of the class body, else that of its first base that writes one. */
    private PyModule.SecretKeyWrite classWrite(PythonApps.DefRef def, int depth) {
        List<PyLexer.Statement> body = def.def().body();
        if (body.isEmpty() || depth > MAX_BASES) {
            return null;
        }
        int indent = body.get(0).indent();
        PyModule.SecretKeyWrite last = null;
        for (PyLexer.Statement s : body) {
            if (s.indent() == indent && PyModule.SECRET_KEY.matcher(s.text()).find()) {
                last = PyModule.secretKeyWrite(def.module().file, s, true);
            }
        }
        if (last != null) {
            return last;
        }
        for (String base : bases(def)) {
            if (py.resolve(def.module(), base) instanceof PythonApps.DefRef b && b.def().isClass()) {
                PyModule.SecretKeyWrite inBase = classWrite(b, depth + 1);
                if (inBase != null) {
                    return inBase;
                }
            }
        }
        return null;
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
    private PyModule.SecretKeyWrite fromPyfile(PyModule m, PyModule.Obj obj, List<Tok> arg) {
        PyModule.SecretKeyWrite unknown = new PyModule.SecretKeyWrite(m.file, 0, null, null, null);
        String name = new Tok.Arg(null, arg).string();
        if (name == null || name.startsWith("/") || instanceRelative(obj)) {
            return unknown;
        }
        String path = PathNames.normalizeRelative(PathNames.join(PathNames.parent(m.file), name));
        PyModule file = path == null ? null : py.module(path);
        return file == null ? unknown : py.lastWrite(file, PyModule.SecretKeyWrite.class);
    }
}
