package dev.drydock.core.app;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What code added to one Python module can rely on: the store clients (Flask-SQLAlchemy, SQLAlchemy
 * engines, Redis) its functions reach by a name, the names it imports and binds, where a function's
 * block ends, and the path literal of a route decorator. Only what is written plainly is reported: a
 * client built in a factory function or behind a star import is not found.
 */
public final class PythonModuleView {

    public enum ClientKind { FLASK_SQLALCHEMY, SQLALCHEMY_ENGINE, REDIS }

    /**
     * A client of a store.
     *
     * @param expression how the module's code reaches it: {@code db}, {@code engine}, {@code app.state.redis}
     * @param async whether its calls are awaited (redis.asyncio, SQLAlchemy's async engine)
     */
    public record Client(ClientKind kind, String expression, boolean async) {}

    /**
     * A one-line route decorator.
     *
     * @param text the decorator as written, without its indentation and comment
     * @param indent its indentation
     * @param pathStart where its path literal starts in {@code text} (the opening quote)
     * @param pathEnd where the literal ends in {@code text} (after the closing quote)
     * @param path the literal's value
     */
    public record Decorator(String text, String indent, int pathStart, int pathEnd, String path) {

        /** The quote character the literal is written with. */
        public char quote() {
            return text.charAt(pathEnd - 1);
        }

        /** The decorator with another path in the same quotes. */
        public String withPath(String other) {
            String literal = text.substring(pathStart, pathEnd);
            String prefix = literal.substring(0, literal.indexOf(quote()));
            return text.substring(0, pathStart) + prefix + quote() + other + quote() + text.substring(pathEnd);
        }
    }

    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_]\\w*)\\s*(?::[^=]+)?=\\s*(?:await\\s+)?([\\w.]+)\\s*\\(.*");
    private static final Pattern STATE_ASSIGNMENT = Pattern.compile(
            "^[A-Za-z_]\\w*\\.state\\.([A-Za-z_]\\w*)\\s*=\\s*(?:await\\s+)?([\\w.]+)\\s*\\(.*");
    private static final Pattern REDIS_FACTORY = Pattern.compile(
            "(redis(\\.asyncio|\\.client)?|aioredis)\\.((Strict)?Redis(\\.from_url)?|from_url)");
    private static final Pattern DEF = Pattern.compile("^(?:async\\s+)?def\\s.*");
    private static final int MAX_DEPTH = 3;

    private final PythonApps py;
    private final PyModule module;
    private final SourceFile source;

    private PythonModuleView(PythonApps py, PyModule module, SourceFile source) {
        this.py = py;
        this.module = module;
        this.source = source;
    }

    /** The module at {@code path} among {@code files}, when it can be read. */
    public static Optional<PythonModuleView> of(SourceSet files, String path) {
        SourceFile source = files.read(path).orElse(null);
        if (source == null) {
            return Optional.empty();
        }
        PythonApps py = new PythonApps(files);
        PyModule module = py.module(path);
        return module == null || module.statements.isEmpty() ? Optional.empty()
                : Optional.of(new PythonModuleView(py, module, source));
    }

    /** The store clients the module's functions reach by name, in the order they are written. */
    public List<Client> clients() {
        List<Client> out = new ArrayList<>(defined(module));
        String appName = module.objects.values().stream()
                .filter(o -> o.factory() == null && (o.kind().equals("FastAPI") || o.kind().equals("Starlette")))
                .map(PyModule.Obj::name).findFirst().orElse(null);
        for (PyLexer.Statement s : module.statements) {
            Matcher m = STATE_ASSIGNMENT.matcher(s.text());
            if (appName != null && m.matches()) {
                client(m.group(2), module, appName + ".state." + m.group(1)).ifPresent(out::add);
            }
        }
        for (Map.Entry<String, PyModule.Import> e : module.imports.entrySet()) {
            PyModule.Import imp = e.getValue();
            if (imp.name() != null) {
                imported(module, imp, 1).ifPresent(kind -> out.add(new Client(kind.kind(), e.getKey(), kind.async())));
            }
        }
        return out;
    }

    /** The clients assigned to a name at a module's top level. */
    private List<Client> defined(PyModule m) {
        List<Client> out = new ArrayList<>();
        for (PyLexer.Statement s : m.statements) {
            Matcher a = ASSIGNMENT.matcher(s.text());
            if (s.indent() == 0 && a.matches()) {
                client(a.group(2), m, a.group(1)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The client {@code from module import name} brings in, following re-exports a few modules deep. */
    private Optional<Client> imported(PyModule from, PyModule.Import imp, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        PyModule other = py.module(py.moduleFile(from.file, imp.module(), imp.level()));
        if (other == null) {
            return Optional.empty();
        }
        Optional<Client> here = defined(other).stream().filter(c -> c.expression().equals(imp.name())).findFirst();
        if (here.isPresent()) {
            return here;
        }
        PyModule.Import again = other.imports.get(imp.name());
        return again == null || again.name() == null ? Optional.empty() : imported(other, again, depth + 1);
    }

    /** The client a call to {@code callee} in {@code m} creates, named {@code expression}. */
    private static Optional<Client> client(String callee, PyModule m, String expression) {
        String full = qualified(callee, m);
        if (full.equals("flask_sqlalchemy.SQLAlchemy")) {
            return Optional.of(new Client(ClientKind.FLASK_SQLALCHEMY, expression, false));
        }
        if (full.equals("sqlalchemy.create_engine") || full.equals("sqlalchemy.engine.create_engine")) {
            return Optional.of(new Client(ClientKind.SQLALCHEMY_ENGINE, expression, false));
        }
        if (full.equals("sqlalchemy.ext.asyncio.create_async_engine")) {
            return Optional.of(new Client(ClientKind.SQLALCHEMY_ENGINE, expression, true));
        }
        if (REDIS_FACTORY.matcher(full).matches()) {
            boolean async = full.startsWith("redis.asyncio.") || full.startsWith("aioredis.");
            return Optional.of(new Client(ClientKind.REDIS, expression, async));
        }
        return Optional.empty();
    }

    /** A dotted name with its first part replaced by what the module imported under it. */
    private static String qualified(String dotted, PyModule m) {
        int dot = dotted.indexOf('.');
        String first = dot < 0 ? dotted : dotted.substring(0, dot);
        String rest = dot < 0 ? "" : dotted.substring(dot);
        PyModule.Import imp = m.imports.get(first);
        if (imp == null || imp.level() > 0) {
            return dotted;
        }
        return (imp.name() == null ? imp.module() : imp.module() + "." + imp.name()) + rest;
    }

    /** Whether the module binds {@code name} at its top level (a def, class, import or assignment). */
    public boolean binds(String name) {
        return module.defs.containsKey(name) || module.imports.containsKey(name) || module.aliases.containsKey(name)
                || module.constants.containsKey(name) || module.objects.containsKey(name);
    }

    /**
     * How the module's code names {@code name} from the absolute module {@code from}: its local name for
     * {@code from flask import jsonify}, {@code flask.jsonify} for {@code import flask}; null when not imported.
     */
    public String importedAs(String from, String name) {
        for (Map.Entry<String, PyModule.Import> e : module.imports.entrySet()) {
            PyModule.Import imp = e.getValue();
            if (imp.level() == 0 && imp.module().equals(from) && name.equals(imp.name())) {
                return e.getKey();
            }
        }
        for (Map.Entry<String, PyModule.Import> e : module.imports.entrySet()) {
            PyModule.Import imp = e.getValue();
            if (imp.level() == 0 && imp.name() == null && imp.module().equals(from)) {
                return e.getKey() + "." + name;
            }
        }
        return null;
    }

    /**
     * The offset right after the last name of a top-level, one-line {@code from <from> import a, b}
     * (no parentheses, no continuation), where {@code , c} can be added; empty when there is none.
     */
    public Optional<Integer> fromImportEnd(String from) {
        Pattern line = Pattern.compile("^from\\s+" + Pattern.quote(from) + "\\s+import\\s+[\\w\\s,]+$");
        for (PyLexer.Statement s : module.statements) {
            if (s.indent() == 0 && s.line() == s.endLine() && line.matcher(s.text()).matches()) {
                String text = source.line(s.line());
                int hash = text.indexOf('#');
                String code = hash < 0 ? text : text.substring(0, hash);
                return Optional.of(source.lineStart(s.line()) + code.stripTrailing().length());
            }
        }
        return Optional.empty();
    }

    /** The last line of the block of the {@code def} on line {@code defLine}; 0 when no def starts there. */
    public int blockEnd(int defLine) {
        List<PyLexer.Statement> statements = module.statements;
        for (int i = 0; i < statements.size(); i++) {
            PyLexer.Statement head = statements.get(i);
            if (head.line() != defLine || !DEF.matcher(head.text()).matches()) {
                continue;
            }
            int end = head.endLine();
            for (int j = i + 1; j < statements.size() && statements.get(j).indent() > head.indent(); j++) {
                end = statements.get(j).endLine();
            }
            return end;
        }
        return 0;
    }

    /** One level of the block indentation the {@code def} on line {@code defLine} uses (four spaces when unknown). */
    public String indentUnit(int defLine) {
        String def = leading(source.line(defLine));
        for (int l = defLine + 1; l <= source.lineCount(); l++) {
            String text = source.line(l);
            if (!text.isBlank()) {
                String body = leading(text);
                return body.length() > def.length() && body.startsWith(def) ? body.substring(def.length()) : "    ";
            }
        }
        return "    ";
    }

    /** The route decorator written on one line at {@code line}, with its path literal; empty otherwise. */
    public Optional<Decorator> decorator(int line) {
        for (PyLexer.Statement s : module.statements) {
            if (s.line() != line || s.endLine() != line || !s.text().startsWith("@")) {
                continue;
            }
            String text = s.text();
            List<Tok> toks = Tok.tokenize(text, false);
            int open = -1;
            for (int i = 0; i < toks.size(); i++) {
                if (toks.get(i).is("(")) {
                    open = i;
                    break;
                }
            }
            if (open < 0) {
                return Optional.empty();
            }
            Tok.Arg arg = Tok.positional(Tok.args(toks, open), 0);
            if (arg == null || arg.string() == null) {
                return Optional.empty();
            }
            Tok literal = arg.tokens().get(0);
            int end = literal.offset() + literal.text().length();
            char quote = text.charAt(end - 1);
            if (quote != '"' && quote != '\'' || literal.text().startsWith(String.valueOf(quote).repeat(3))) {
                return Optional.empty();
            }
            return Optional.of(new Decorator(text, leading(source.line(line)), literal.offset(), end, arg.string()));
        }
        return Optional.empty();
    }

    private static String leading(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(0, i);
    }
}
