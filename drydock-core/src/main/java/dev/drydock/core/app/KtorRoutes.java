package dev.drydock.core.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes a Ktor application's {@code routing { ... }} blocks declare: {@code get("/health") { ... }} and the other
 * methods, nested under {@code route("/api") { ... }}, through {@code authenticate { ... }}, and through the
 * {@code fun Route.name()} extensions they call. Whatever else a routing block holds (a call drydock cannot follow,
 * typed resources, static files, a condition) leaves the paths under it undetermined. Unknown when no routing block
 * is found.
 */
final class KtorRoutes {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options");
    private static final Set<String> TRANSPARENT = Set.of("authenticate", "rateLimit", "trace");
    private static final Set<String> NO_ROUTES = Set.of("install", "intercept", "handle");
    private static final Pattern ROUTING = Pattern.compile("\\brouting\\s*\\{|\\binstall\\s*\\(\\s*Routing\\s*\\)\\s*\\{");
    private static final Pattern EXTENSION = Pattern.compile("\\bfun\\s+Route\\.(\\w+)\\s*\\(");
    /** Third-party health plugins that answer paths of their own outside the routing blocks. */
    private static final Pattern HEALTH_PLUGIN = Pattern.compile("\\binstall\\s*\\(\\s*(\\w*Health\\w*|Cohort|KHealth)\\b");
    private static final int MAX_DEPTH = 6;

    private final Map<String, String> sources;
    private final Map<String, int[]> extensions = new HashMap<>();
    private final Map<String, String> extensionFiles = new HashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<String> opaque = new ArrayList<>();

    private KtorRoutes(Map<String, String> sources) {
        this.sources = sources;
    }

    /** The routes of the sources (path to comment-blanked text). */
    static Routes read(Map<String, String> sources) {
        KtorRoutes r = new KtorRoutes(sources);
        return r.run();
    }

    private Routes run() {
        boolean found = false;
        sources.forEach((path, text) -> {
            Matcher m = EXTENSION.matcher(text);
            while (m.find()) {
                int close = KotlinText.matching(text, m.end() - 1);
                int open = close < 0 ? -1 : text.indexOf('{', close);
                if (open > 0 && text.substring(close + 1, open).matches("\\s*(:\\s*Unit\\s*)?")) {
                    if (extensions.containsKey(m.group(1))) {
                        extensions.put(m.group(1), null); // overloads: not told apart
                    } else {
                        extensions.put(m.group(1), new int[] {open, KotlinText.matching(text, open)});
                        extensionFiles.put(m.group(1), path);
                    }
                }
            }
            if (HEALTH_PLUGIN.matcher(text).find()) {
                opaque.add("/");
            }
        });
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String text = e.getValue();
            Matcher m = ROUTING.matcher(text);
            while (m.find()) {
                int open = m.end() - 1;
                int close = KotlinText.matching(text, open);
                if (close > 0) {
                    found = true;
                    block(e.getKey(), text, open + 1, close, "/", 0);
                }
            }
        }
        return found ? new Routes(true, routes, opaque) : Routes.unknown();
    }

    /** The statements of one block of the routing tree, between {@code from} and {@code to}. */
    private void block(String file, String text, int from, int to, String prefix, int depth) {
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                i++;
                continue;
            }
            if (!Character.isJavaIdentifierStart(c)) {
                opaque.add(prefix);
                i = statementEnd(text, i, to);
                continue;
            }
            int start = i;
            while (i < to && (Character.isJavaIdentifierPart(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            String name = text.substring(start, i);
            int j = skipBlank(text, i, to);
            if (j < to && text.charAt(j) == '<' || List.of("val", "var", "if", "when", "for", "while", "return", "try")
                    .contains(name)) {
                opaque.add(prefix); // typed resources, conditions, locals: not followed
                i = statementEnd(text, start, to);
                continue;
            }
            String args = null;
            if (j < to && text.charAt(j) == '(') {
                int close = KotlinText.matching(text, j);
                if (close < 0 || close > to) {
                    opaque.add(prefix);
                    return;
                }
                args = text.substring(j + 1, close);
                j = skipBlank(text, close + 1, to);
            }
            int bodyOpen = -1;
            int bodyClose = -1;
            if (j < to && text.charAt(j) == '{') {
                bodyOpen = j;
                bodyClose = KotlinText.matching(text, j);
                if (bodyClose < 0 || bodyClose > to) {
                    opaque.add(prefix);
                    return;
                }
                j = bodyClose + 1;
            }
            statement(file, text, start, name, args, bodyOpen, bodyClose, prefix, depth);
            i = Math.max(j, i);
        }
    }

    private void statement(String file, String text, int start, String name, String args, int bodyOpen, int bodyClose,
            String prefix, int depth) {
        List<String> list = args == null ? List.of() : KotlinText.arguments(args);
        String path = list.isEmpty() ? "" : KotlinText.literal(list.get(0).replaceFirst("^path\\s*=\\s*", ""));
        if (METHODS.contains(name)) {
            if (path == null || list.size() > 1 && bodyOpen < 0 && !list.get(1).startsWith("::")) {
                opaque.add(prefix);
                return;
            }
            String full = PythonApps.join(prefix, path);
            if (full.contains("?}") || full.contains("...}")) {
                opaque.add(full.substring(0, full.indexOf('{')));
                return;
            }
            int line = KotlinText.line(text, start);
            routes.add(new Route(name.toUpperCase(Locale.ROOT), full, false, file, line,
                    Handler.unknown(null, file, line), Framework.KTOR));
        } else if (name.equals("route")) {
            if (path == null || list.size() > 1 || bodyOpen < 0) {
                opaque.add(path == null ? prefix : PythonApps.join(prefix, path));
                return;
            }
            block(file, text, bodyOpen + 1, bodyClose, PythonApps.join(prefix, path), depth);
        } else if (TRANSPARENT.contains(name) && bodyOpen >= 0) {
            block(file, text, bodyOpen + 1, bodyClose, prefix, depth);
        } else if (NO_ROUTES.contains(name)) {
            // a route-scoped plugin or interceptor answers no path of its own
        } else if (extensions.get(name) != null && depth < MAX_DEPTH && bodyOpen < 0) {
            int[] body = extensions.get(name);
            String where = extensionFiles.get(name);
            if (body[1] < 0) {
                opaque.add(prefix);
                return;
            }
            block(where, sources.get(where), body[0] + 1, body[1], prefix, depth + 1);
        } else {
            opaque.add(path == null || path.isEmpty() ? prefix : PythonApps.join(prefix, path));
        }
    }

    private static int skipBlank(String text, int i, int to) {
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The end of a statement: the end of its line, past any brackets it opens. */
    private static int statementEnd(String text, int i, int to) {
        while (i < to) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '"') {
                i = KotlinText.stringEnd(text, i);
                continue;
            }
            if (c == '(' || c == '{' || c == '[') {
                int close = KotlinText.matching(text, i);
                if (close < 0 || close >= to) {
                    return to;
                }
                i = close + 1;
                continue;
            }
            i++;
        }
        return to;
    }
}
