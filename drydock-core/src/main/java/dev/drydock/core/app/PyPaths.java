package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import java.util.List;

/**
 * The text of a Python expression that builds a file path or a database URL from what a module writes: string
 * literals (f-strings with plain fields too), {@code +}, {@code os.path.join}, {@code os.path.dirname},
 * {@code os.path.abspath}, pathlib's {@code Path(...)}, {@code /}, {@code .parent} and {@code .resolve()}, {@code str()},
 * {@code __file__}, and the names the module binds once at its top level ({@code basedir =
 * os.path.abspath(os.path.dirname(__file__))}). The folder of the module stands in the text as {@link #MODULE_FOLDER},
 * for the reader that knows where the module lands to put in its place. Anything else is unknown (null).
 */
final class PyPaths {

    /** Stands for the folder that holds the module, in a computed text. */
    static final String MODULE_FOLDER = "\u0000module-folder\u0000";

    private static final int MAX_DEPTH = 8;

    private PyPaths() {}

    /** The text {@code expr} computes in module {@code m}, or null when drydock cannot tell. */
    static String text(PyModule m, List<Tok> expr) {
        return new Eval(m, expr, 0).whole();
    }

    /**
     * A setting as written: {@code literal} the text it computes, else {@code variable} the environment variable it
     * reads and {@code fallback} the text it takes when that is unset (null when the read has no default).
     */
    record Setting(String literal, String variable, String fallback) {}

    /**
     * The setting {@code rhs} writes in module {@code m}: a text {@link #text} computes, a read of the environment
     * ({@code os.environ.get("X", default)}, {@code os.getenv}, {@code os.environ["X"]}, and the other readers
     * {@link PySettingValue} knows) whose default it computes, or such a read followed by {@code or default}, which
     * falls back when the variable is empty too. Null when it is none of these.
     */
    static Setting setting(PyModule m, List<Tok> rhs) {
        String literal = text(m, rhs);
        if (literal != null) {
            return new Setting(literal, null, null);
        }
        PySettingValue.EnvRead read = PySettingValue.envRead(rhs, 0);
        if (read == null) {
            return null;
        }
        if (read.end() == rhs.size()) {
            String fallback = read.fallback() == null ? null : text(m, read.fallback());
            return read.fallback() != null && fallback == null ? null : new Setting(null, read.variable(), fallback);
        }
        if (read.fallback() == null && rhs.get(read.end()).isName("or")) {
            String fallback = text(m, rhs.subList(read.end() + 1, rhs.size()));
            return fallback == null ? null : new Setting(null, read.variable(), fallback);
        }
        return null;
    }

    /** The text with the module's folder put in place of {@link #MODULE_FOLDER}: a path in the container, say. */
    static String resolve(String text, String folder) {
        return text.replace(MODULE_FOLDER, folder);
    }

    private static final class Eval {
        private final PyModule m;
        private final List<Tok> toks;
        private final int depth;
        private int at;

        Eval(PyModule m, List<Tok> toks, int depth) {
            this.m = m;
            this.toks = toks;
            this.depth = depth;
        }

        String whole() {
            if (toks.isEmpty() || depth > MAX_DEPTH) {
                return null;
            }
            String v = expr();
            return at == toks.size() ? v : null;
        }

        /** Terms joined by {@code +} (strings) or {@code /} (paths), left to right. */
        private String expr() {
            String v = term();
            while (v != null && at < toks.size() && (toks.get(at).is("+") || toks.get(at).is("/"))) {
                boolean path = toks.get(at).is("/");
                at++;
                String next = term();
                if (next == null) {
                    return null;
                }
                v = path ? join(v, next) : v + next;
            }
            return v;
        }

        private String term() {
            if (at >= toks.size()) {
                return null;
            }
            Tok t = toks.get(at);
            String v;
            if (t.kind() == Tok.Kind.STRING) {
                at++;
                v = t.isLiteralString() ? t.value() : fString(t);
            } else if (t.is("(")) {
                int close = Tok.closing(toks, at);
                v = close >= toks.size() ? null : new Eval(m, toks.subList(at + 1, close), depth + 1).whole();
                at = close + 1;
            } else if (t.isName()) {
                v = named();
            } else {
                return null;
            }
            return v == null ? null : attributes(v);
        }

        /** {@code .parent}, {@code .resolve()}, {@code .absolute()} and {@code .joinpath(...)} after a path. */
        private String attributes(String v) {
            while (v != null && at + 1 < toks.size() && toks.get(at).is(".") && toks.get(at + 1).isName()) {
                String name = toks.get(at + 1).text();
                boolean call = at + 2 < toks.size() && toks.get(at + 2).is("(");
                if (name.equals("parent") && !call) {
                    v = parent(v);
                    at += 2;
                } else if ((name.equals("resolve") || name.equals("absolute")) && call
                        && Tok.closing(toks, at + 2) == at + 3) {
                    at += 4;
                } else if (name.equals("joinpath") && call) {
                    String joined = v;
                    for (Tok.Arg a : Tok.args(toks, at + 2)) {
                        String part = a.keyword() == null ? new Eval(m, a.tokens(), depth + 1).whole() : null;
                        joined = part == null || joined == null ? null : join(joined, part);
                    }
                    at = Tok.closing(toks, at + 2) + 1;
                    v = joined;
                } else {
                    return null;
                }
            }
            return v;
        }

        /** A name, a dotted name or a call of one. */
        private String named() {
            StringBuilder dotted = new StringBuilder(toks.get(at).text());
            at++;
            while (at + 1 < toks.size() && toks.get(at).is(".") && toks.get(at + 1).isName()
                    && !List.of("parent", "resolve", "absolute", "joinpath").contains(toks.get(at + 1).text())) {
                dotted.append('.').append(toks.get(at + 1).text());
                at += 2;
            }
            String name = dotted.toString();
            if (at < toks.size() && toks.get(at).is("(")) {
                int open = at;
                int close = Tok.closing(toks, open);
                if (close >= toks.size()) {
                    return null;
                }
                at = close + 1;
                List<String> args = Tok.args(toks, open).stream()
                        .map(a -> a.keyword() == null ? new Eval(m, a.tokens(), depth + 1).whole() : null).toList();
                if (args.contains(null)) {
                    return null;
                }
                return call(name, args);
            }
            if (name.equals("__file__")) {
                return MODULE_FOLDER + "/" + PathNames.fileName(m.file);
            }
            return name.contains(".") ? null : bound(name);
        }

        private static String call(String name, List<String> args) {
            return switch (name) {
                case "os.path.join", "path.join", "join" -> {
                    String v = args.isEmpty() ? null : args.get(0);
                    for (int i = 1; i < args.size() && v != null; i++) {
                        v = join(v, args.get(i));
                    }
                    yield v;
                }
                case "os.path.dirname", "path.dirname", "dirname" -> args.size() == 1 ? parent(args.get(0)) : null;
                case "os.path.abspath", "path.abspath", "abspath", "os.path.realpath", "path.realpath", "realpath",
                        "os.path.normpath", "str", "Path", "pathlib.Path", "PurePath", "os.fspath" ->
                    args.size() == 1 ? args.get(0) : null;
                default -> null;
            };
        }

        /** The value of a name the module binds once, at its top level. */
        private String bound(String name) {
            List<PyLexer.Statement> writes = m.statements.stream().filter(s -> assigns(s, name)).toList();
            if (writes.size() != 1 || writes.get(0).indent() != 0) {
                return null;
            }
            List<Tok> line = Tok.tokenize(writes.get(0).text(), false);
            int eq = line.get(1).is("=") ? 1 : -1;
            if (eq < 0) {
                return null;
            }
            return new Eval(m, line.subList(eq + 1, line.size()), depth + 1).whole();
        }

        private static boolean assigns(PyLexer.Statement s, String name) {
            String text = s.text();
            return text.startsWith(name) && text.substring(name.length()).matches("(?s)\\s*=(?!=).*");
        }

        /** An f-string whose fields are names or expressions drydock computes, without conversions or formats. */
        private String fString(Tok t) {
            String raw = t.value();
            if (!t.text().matches("(?is)^[rf]{1,2}['\"].*") || raw.contains("{{")) {
                return null;
            }
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < raw.length()) {
                int open = raw.indexOf('{', i);
                if (open < 0) {
                    out.append(raw.substring(i));
                    break;
                }
                int close = raw.indexOf('}', open);
                if (close < 0) {
                    return null;
                }
                out.append(raw, i, open);
                String field = raw.substring(open + 1, close);
                if (field.contains("!") || field.contains(":")) {
                    return null;
                }
                String v = new Eval(m, Tok.tokenize(field, false), depth + 1).whole();
                if (v == null) {
                    return null;
                }
                out.append(v);
                i = close + 1;
            }
            return out.toString();
        }
    }

    /** {@code a / b}, {@code os.path.join(a, b)}: b alone when it is absolute. */
    static String join(String a, String b) {
        if (b.startsWith("/") || b.startsWith(MODULE_FOLDER)) {
            return b;
        }
        if (a.isEmpty()) {
            return b;
        }
        return a.endsWith("/") ? a + b : a + "/" + b;
    }

    /** The folder of a path: one name less, or {@code ..} added when the path is a folder drydock keeps whole. */
    static String parent(String path) {
        if (path.endsWith(MODULE_FOLDER) || path.endsWith("/..") || path.equals("..")) {
            return path + "/..";
        }
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }
}
