package dev.drydock.core.app;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the few values the rules need out of expressions: a port, a flag. */
final class Values {

    private Values() {}

    /**
     * A port from an expression: a number, a name bound to one, or the single default of an
     * environment lookup ({@code int(os.environ.get("PORT", 5000))}, {@code process.env.PORT || 3000}).
     * Null when it cannot be told.
     */
    static Integer port(List<Tok> expr, Map<String, String> constants, boolean js) {
        return port(expr, constants, js, 0);
    }

    private static Integer port(List<Tok> expr, Map<String, String> constants, boolean js, int depth) {
        if (expr.isEmpty() || depth > 4) {
            return null;
        }
        if (expr.size() == 1 && expr.get(0).isName() && constants.containsKey(expr.get(0).text())) {
            return port(Tok.tokenize(constants.get(expr.get(0).text()), js), constants, js, depth + 1);
        }
        Set<Integer> numbers = new LinkedHashSet<>();
        for (Tok t : expr) {
            String v = t.kind() == Tok.Kind.NUMBER || t.isLiteralString() ? t.value() : null;
            if (v != null && v.matches("\\d{2,5}")) {
                int n = Integer.parseInt(v);
                if (n > 0 && n < 65536) {
                    numbers.add(n);
                }
            }
        }
        return numbers.size() == 1 ? numbers.iterator().next() : null;
    }

    /** An environment lookup: {@code os.environ.get("PORT", 5000)}, {@code os.getenv("PORT")}, {@code process.env.PORT}. */
    private static final Pattern ENV_LOOKUP = Pattern.compile(
            "(?:environ\\.get|getenv|environ|Deno\\.env\\.get)\\s*[(\\[]\\s*['\"](\\w+)['\"]|process\\.env\\.(\\w+)"
                    + "|process\\.env\\[\\s*['\"](\\w+)['\"]");

    /**
     * The environment variable a port expression reads, directly or through the names it is bound to
     * ({@code port = int(os.environ.get("PORT", 5000))} then {@code app.run(port=port)}); null when it reads none.
     */
    static String portVariable(List<Tok> expr, Map<String, String> constants, boolean js) {
        return portVariable(expr, constants, js, 0);
    }

    private static String portVariable(List<Tok> expr, Map<String, String> constants, boolean js, int depth) {
        if (expr.isEmpty() || depth > 4) {
            return null;
        }
        Matcher m = ENV_LOOKUP.matcher(text(expr));
        if (m.find()) {
            return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        }
        for (Tok t : expr) {
            if (t.isName() && constants.containsKey(t.text())) {
                String found = portVariable(Tok.tokenize(constants.get(t.text()), js), constants, js, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Whether an expression is a literal true ({@code True}, {@code true}, {@code 1}). */
    static boolean isTrue(List<Tok> expr) {
        return expr.size() == 1 && (expr.get(0).isName("True") || expr.get(0).isName("true")
                || expr.get(0).kind() == Tok.Kind.NUMBER && expr.get(0).value().equals("1"));
    }

    /** The text of an expression. */
    static String text(List<Tok> expr) {
        return new Tok.Arg(null, expr).text();
    }
}
