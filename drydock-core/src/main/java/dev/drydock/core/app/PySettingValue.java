package dev.drydock.core.app;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The right-hand side of a Django or Flask setting as far as a container cares: a literal string, or a read of an environment
 * variable ({@code os.environ[...]}, {@code os.environ.get}, {@code os.getenv}, django-environ's {@code env(...)}
 * and {@code env.bool(...)}, python-decouple's {@code config(...)}) with the default it falls back to.
 */
final class PySettingValue {

    /** Names that read the environment, with or without a default. */
    private static final Set<String> READERS = Set.of("os.environ.get", "os.getenv", "environ.get", "getenv",
            "os.environ.setdefault", "env", "env.str", "env.bool", "env.int", "config", "environ.Env", "get_env",
            "get_env_variable");
    /** Functions that wrap a read without changing what it says: bool("True") is True, int("1") is 1. */
    private static final Set<String> WRAPPERS = Set.of("bool", "int", "str", "strtobool");
    private static final Set<String> ON_WORDS = Set.of("1", "true", "yes", "on", "y", "t");

    /**
     * A read of the environment variable {@code variable}; {@code fallback} is the default's tokens (null without
     * one), {@code cast} whether django-environ or decouple casts the value to a boolean.
     */
    record EnvRead(String variable, List<Tok> fallback, int end) {

        /** The default when it is one literal string, else null. */
        String fallbackString() {
            return fallback != null && fallback.size() == 1 && fallback.get(0).isLiteralString()
                    ? fallback.get(0).value() : null;
        }
    }

    private PySettingValue() {}

    /**
     * A secret setting as written: {@code literal} the key written as a literal string, or {@code variable} and
     * {@code fallback} the environment variable read and the literal default it falls back to; all null otherwise.
     */
    record SecretValue(String literal, String variable, String fallback) {

        static final SecretValue UNKNOWN = new SecretValue(null, null, null);
    }

    /**
     * The secret {@code rhs} gives: a literal string, or a read of the environment whose default is a literal
     * ({@code os.environ.get("SECRET_KEY", "dev")}, or {@code os.environ.get("SECRET_KEY") or "dev"}, which falls back
     * when the variable is empty too).
     */
    static SecretValue secretValue(List<Tok> rhs) {
        String literal = literalString(rhs);
        if (literal != null) {
            return new SecretValue(literal, null, null);
        }
        EnvRead read = envRead(rhs, 0);
        if (read == null) {
            return SecretValue.UNKNOWN;
        }
        String fallback = read.end() == rhs.size() ? read.fallbackString()
                : read.fallback() == null && rhs.get(read.end()).isName("or")
                        ? literalString(rhs.subList(read.end() + 1, rhs.size())) : null;
        return fallback == null ? SecretValue.UNKNOWN : new SecretValue(null, read.variable(), fallback);
    }

    /** The value when {@code rhs} is one literal string (or several written side by side), else null. */
    static String literalString(List<Tok> rhs) {
        if (rhs.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Tok t : rhs) {
            if (!t.isLiteralString()) {
                return null;
            }
            out.append(t.value());
        }
        return out.toString();
    }

    /** The read of the environment {@code rhs} starts with at {@code from}, else null. */
    static EnvRead envRead(List<Tok> rhs, int from) {
        PyModule.DottedName dotted = PyModule.DottedName.at(rhs, from);
        int j = dotted.end();
        String name = dotted.joined();
        if (j >= rhs.size() || j > from && rhs.get(j - 1).is(".")) {
            return null; // nothing after the name, or a dot with no name after it
        }
        if ((name.equals("os.environ") || name.equals("environ")) && rhs.get(j).is("[")) {
            int close = Tok.closing(rhs, j);
            List<Tok.Arg> key = Tok.args(rhs, j);
            String variable = key.size() == 1 ? key.get(0).string() : null;
            return variable == null ? null : new EnvRead(variable, null, close + 1);
        }
        if (!rhs.get(j).is("(") || !READERS.contains(name)) {
            return null;
        }
        int close = Tok.closing(rhs, j);
        List<Tok.Arg> args = Tok.args(rhs, j);
        Tok.Arg key = Tok.positional(args, 0);
        if (key == null) {
            key = Tok.keyword(args, "var");
        }
        String variable = key == null ? null : key.string();
        if (variable == null) {
            return null;
        }
        Tok.Arg fallback = Tok.keyword(args, "default");
        if (fallback == null) {
            fallback = Tok.positional(args, 1);
        }
        return new EnvRead(variable, fallback == null ? null : fallback.tokens(), close + 1);
    }

    /**
     * Whether DEBUG is on when the environment variable it reads is unset: the read's default, through the wrappers
     * ({@code bool(int(...))}), the string methods ({@code .lower()}) and the comparison ({@code == "True"},
     * {@code in ("1", "true")}) written around it. Null when the value is not such a read, or the outcome depends on
     * something else; a bare string default ({@code os.environ.get("DEBUG", "False")}) is null too, being a word
     * the reader did not mean as a truth value.
     */
    static DebugDefault debugWhenUnset(List<Tok> rhs) {
        EnvRead[] read = new EnvRead[1];
        Boolean on = debugWhenUnset(rhs, read);
        return on == null ? null : new DebugDefault(read[0].variable(), on);
    }

    /** DEBUG read from {@code variable}, {@code on} when that variable is unset or not. */
    record DebugDefault(String variable, boolean on) {}

    private static Boolean debugWhenUnset(List<Tok> rhs, EnvRead[] found) {
        int i = 0;
        int wrappers = 0;
        boolean cast = false;
        while (i + 1 < rhs.size() && rhs.get(i).isName() && WRAPPERS.contains(rhs.get(i).text())
                && rhs.get(i + 1).is("(")) {
            cast = true;
            wrappers++;
            i += 2;
        }
        EnvRead read = envRead(rhs, i);
        if (read == null || read.fallback() == null) {
            return null;
        }
        found[0] = read;
        String reader = rhs.get(i).text();
        boolean boolReader = reader.equals("env") && rhs.size() > i + 2 && rhs.get(i + 1).is(".")
                && rhs.get(i + 2).isName("bool");
        boolean configCast = reader.equals("config") && rhs.subList(i, read.end()).stream().anyMatch(t -> t.isName("bool"));
        Object value = literal(read.fallback());
        if (value == null) {
            return null;
        }
        int j = read.end();
        boolean lowered = false;
        while (j + 3 < rhs.size() && rhs.get(j).is(".") && rhs.get(j + 1).isName() && rhs.get(j + 2).is("(")
                && rhs.get(j + 3).is(")")) {
            String method = rhs.get(j + 1).text();
            if (!method.equals("lower") && !method.equals("strip") && !method.equals("casefold")) {
                return null;
            }
            lowered |= !method.equals("strip");
            j += 4;
        }
        for (int w = 0; w < wrappers; w++) {
            if (j >= rhs.size() || !rhs.get(j).is(")")) {
                return null;
            }
            j++;
        }
        String text = value instanceof String s ? (lowered ? s.toLowerCase(Locale.ROOT) : s) : null;
        if (j == rhs.size()) {
            if (value instanceof Boolean b) {
                return b;
            }
            if (value instanceof Long n) {
                return n != 0;
            }
            if (boolReader || configCast || cast) {
                return ON_WORDS.contains(text.toLowerCase(Locale.ROOT)) ? Boolean.TRUE
                        : text.isEmpty() || Set.of("0", "false", "no", "off", "n", "f").contains(text.toLowerCase(Locale.ROOT))
                                ? Boolean.FALSE : null;
            }
            return null;
        }
        if (text == null && value instanceof Boolean b) {
            text = b ? "True" : "False";
        } else if (text == null) {
            text = String.valueOf(value);
        }
        Tok op = rhs.get(j);
        if ((op.is("==") || op.is("!=")) && j + 2 == rhs.size() && rhs.get(j + 1).isLiteralString()) {
            return op.is("==") == text.equals(rhs.get(j + 1).value());
        }
        if (op.isName("in") && j + 1 < rhs.size() && (rhs.get(j + 1).is("(") || rhs.get(j + 1).is("["))
                && Tok.closing(rhs, j + 1) == rhs.size() - 1) {
            for (Tok.Arg item : Tok.args(rhs, j + 1)) {
                if (item.string() == null) {
                    return null;
                }
                if (item.string().equals(text)) {
                    return true;
                }
            }
            return false;
        }
        return null;
    }

    /** True, False, an integer or a literal string; null for anything else. */
    private static Object literal(List<Tok> toks) {
        if (toks.size() != 1) {
            return null;
        }
        Tok t = toks.get(0);
        if (t.isName("True") || t.isName("False")) {
            return t.text().equals("True");
        }
        if (t.kind() == Tok.Kind.NUMBER && t.text().matches("\\d+")) {
            return Long.parseLong(t.text());
        }
        return t.isLiteralString() ? t.value() : null;
    }
}
