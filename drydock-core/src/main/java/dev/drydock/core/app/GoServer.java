package dev.drydock.core.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Go program listens: the address given to net/http's {@code http.ListenAndServe} or an
 * {@code http.Server}'s {@code Addr}, to {@code net.Listen("tcp", ...)}, to Echo's {@code e.Start} and Fiber's
 * {@code app.Listen}, and Gin's {@code r.Run}, which without an address listens on ":" + $PORT, else :8080.
 * An address is followed through string concatenation, {@code fmt.Sprintf}, {@code net.JoinHostPort}, local
 * variables, {@code os.Getenv} with an {@code if port == "" { port = "8080" }} default, {@code cmp.Or}, helpers
 * such as {@code getEnv("PORT", "8080")}, ports written as numbers ({@code fmt.Sprintf(":%d", 8080)}) and flag
 * defaults ({@code flag.String}, {@code flag.Int}; when the command passes no arguments); anything else
 * leaves the port unknown. Client addresses (a database's DSN, a Redis client's Addr) are not read.
 */
final class GoServer {

    private static final Pattern LISTEN_AND_SERVE = Pattern.compile("\\bhttp\\.ListenAndServe(?:TLS)?\\s*\\(");
    private static final Pattern SERVER_LITERAL = Pattern.compile("\\bhttp\\.Server\\s*\\{");
    private static final Pattern ADDR_FIELD = Pattern.compile("\\bAddr\\s*:\\s*");
    private static final Pattern NET_LISTEN = Pattern.compile("\\bnet\\.Listen\\s*\\(\\s*\"tcp[46]?\"\\s*,");
    static final Pattern GIN = Pattern.compile("\\b(\\w+)\\s*:?=\\s*gin\\.(?:Default|New)\\s*\\(");
    static final Pattern ECHO = Pattern.compile("\\b(\\w+)\\s*:?=\\s*echo\\.New\\s*\\(");
    static final Pattern FIBER = Pattern.compile("\\b(\\w+)\\s*:?=\\s*fiber\\.New\\s*\\(");

    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|`([^`]*)`");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_]\\w*");
    private static final Pattern DECIMAL = Pattern.compile("[1-9]\\d{0,4}");
    private static final Pattern CALL = Pattern.compile("([\\w.]+)\\s*\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern ENV_HELPER = Pattern.compile("(?i)\\w*env\\w*|\\w*getenv\\w*");
    private static final Pattern ADDRESS = Pattern.compile("(.*):(\\d{1,5})");
    private static final Set<String> ENV_LOOKUPS = Set.of("os.Getenv", "os.LookupEnv");
    private static final int MAX_DEPTH = 6;

    private final GoSources source;
    private final boolean commandArgs;

    private GoServer(GoSources source, boolean commandArgs) {
        this.source = source;
        this.commandArgs = commandArgs;
    }

    /**
     * The listeners of the Go files, in the order found.
     *
     * @param commandArgs whether the container's command passes the program arguments (which may set flags)
     */
    static List<ServerCall> starts(List<GoSources> sources, boolean commandArgs) {
        List<ServerCall> out = new ArrayList<>();
        Engines engines = Engines.of(sources);
        for (GoSources s : sources) {
            new GoServer(s, commandArgs).read(out, engines);
        }
        return out;
    }

    /**
     * How the module's files make Gin, Echo and Fiber engines: {@code gin.Default()}, or a call of a function of the
     * module that returns one ({@code r := routers.InitRouter()} where {@code func InitRouter() *gin.Engine}).
     */
    record Engines(List<Pattern> gin, List<Pattern> echo, List<Pattern> fiber) {

        private static final Pattern FUNC = Pattern.compile("\\bfunc\\s+(\\w+)\\s*\\(");

        static Engines of(List<GoSources> sources) {
            return new Engines(creators(sources, GIN, "gin.Engine"), creators(sources, ECHO, "echo.Echo"),
                    creators(sources, FIBER, "fiber.App"));
        }

        private static List<Pattern> creators(List<GoSources> sources, Pattern direct, String type) {
            Pattern returns = Pattern.compile("\\s*(?:\\(\\s*)?\\*" + Pattern.quote(type) + "\\b");
            Set<String> factories = new java.util.TreeSet<>();
            for (GoSources s : sources) {
                Matcher f = FUNC.matcher(s.code());
                while (f.find()) {
                    int close = GoArgs.close(s.code(), f.end() - 1);
                    if (close < s.code().length() && returns.matcher(s.code()).region(close + 1, s.code().length())
                            .lookingAt()) {
                        factories.add(f.group(1));
                    }
                }
            }
            if (factories.isEmpty()) {
                return List.of(direct);
            }
            String names = String.join("|", factories.stream().map(Pattern::quote).toList());
            return List.of(direct, Pattern.compile("\\b(\\w+)\\s*:?=\\s*(?:\\w+\\.)?(?:" + names + ")\\s*\\("));
        }
    }

    private void read(List<ServerCall> out, Engines engines) {
        String code = source.code();
        Matcher m = LISTEN_AND_SERVE.matcher(code);
        while (m.find()) {
            List<String> args = GoArgs.split(code, m.end() - 1);
            if (!args.isEmpty()) {
                add(out, "net/http's server", m.start(), code.substring(m.start(), m.end()) + args.get(0) + ", ...)",
                        args.get(0));
            }
        }
        m = SERVER_LITERAL.matcher(code);
        while (m.find()) {
            int close = GoArgs.close(code, m.end() - 1);
            String body = code.substring(m.end(), close);
            Matcher addr = ADDR_FIELD.matcher(body);
            if (addr.find() && GoArgs.depthAt(body, addr.start()) == 0) {
                String expr = GoArgs.untilTopLevel(body, addr.end());
                add(out, "net/http's server", m.end() + addr.start(), "http.Server{Addr: " + expr + "}", expr);
            }
        }
        m = NET_LISTEN.matcher(code);
        while (m.find()) {
            int open = code.indexOf('(', m.start());
            List<String> args = GoArgs.split(code, open);
            if (args.size() == 2) {
                add(out, "the Go program's listener", m.start(), "net.Listen(" + args.get(0) + ", " + args.get(1) + ")",
                        args.get(1));
            }
        }
        engines.gin().forEach(engine -> framework(out, engine, "Run", "Gin's server"));
        engines.echo().forEach(engine -> framework(out, engine, "Start", "Echo's server"));
        engines.fiber().forEach(engine -> framework(out, engine, "Listen", "Fiber's server"));
    }

    /** {@code r.Run(...)}, {@code e.Start(...)}, {@code app.Listen(...)} on an engine the file creates or gets. */
    private void framework(List<ServerCall> out, Pattern engine, String method, String server) {
        String code = source.code();
        for (GoSources.MethodCall start : source.callsOnCreated(engine, method + "(?:TLS)?")) {
            List<String> args = GoArgs.split(code, start.end() - 1);
            String written = code.substring(start.start(), start.end()) + String.join(", ", args) + ")";
            if (args.isEmpty() && method.equals("Run")) {
                addValue(out, server, start.start(), written, new Value(":8080", "PORT", false), "PORT");
            } else if (!args.isEmpty()) {
                add(out, server, start.start(), written, args.get(0));
            }
        }
    }

    private void add(List<ServerCall> out, String server, int offset, String written, String expr) {
        addValue(out, server, offset, written, eval(expr.strip(), 0), expr.strip());
    }

    /** One listener; an address that cannot be read is kept with its port unknown, so that nothing is claimed. */
    private void addValue(List<ServerCall> out, String server, int offset, String written, Value value, String text) {
        int line = source.line(offset);
        String file = source.file().path();
        if (out.stream().anyMatch(c -> file.equals(c.file()) && c.line() == line)) {
            return;
        }
        String host = null;
        Integer port = null;
        Matcher address = value == null || value.text == null ? null : ADDRESS.matcher(value.text);
        if (address != null && address.matches()) {
            host = address.group(1).isEmpty() ? null : address.group(1);
            port = Integer.parseInt(address.group(2));
            if (port == 0 || port > 65535) {
                return;
            }
        }
        String variable = value == null ? null : value.variable;
        out.add(new ServerCall(server, written, false, false, file, line, host, port, text, variable, null, null, null,
                variable != null && value.whole));
    }

    /**
     * What an expression evaluates to: its text with every environment lookup at its default, and the variable
     * read; null when it cannot be read.
     *
     * @param text the value, or null when a variable is read without a default
     * @param whole whether the variable gives the whole value (else it gives a part, such as the port)
     */
    private record Value(String text, String variable, boolean whole) {}

    private Value eval(String expr, int depth) {
        String e = expr.strip();
        if (depth > MAX_DEPTH || e.isEmpty()) {
            return null;
        }
        while (e.startsWith("*") || e.startsWith("&")) {
            e = e.substring(1).strip();
        }
        Matcher s = STRING.matcher(e);
        if (s.matches()) {
            return new Value(s.group(1) != null ? s.group(1) : s.group(2), null, false);
        }
        List<String> sum = GoArgs.splitTopLevel(e, '+');
        if (sum.size() > 1) {
            return concat(sum.stream().map(part -> eval(part, depth + 1)).toList());
        }
        if (IDENT.matcher(e).matches()) {
            return variable(e, depth);
        }
        if (DECIMAL.matcher(e).matches()) {
            return new Value(e, null, false); // a port given as a number: fmt.Sprintf("%s:%d", host, 8080)
        }
        Matcher call = CALL.matcher(e);
        if (!call.matches() || GoArgs.close(e, call.start(2) - 1) != e.length() - 1) {
            return null;
        }
        String name = call.group(1);
        List<String> args = GoArgs.split(e, call.start(2) - 1);
        if (ENV_LOOKUPS.contains(name) && args.size() == 1) {
            Matcher v = STRING.matcher(args.get(0).strip());
            return v.matches() ? new Value(null, v.group(1), true) : null;
        }
        if (name.equals("cmp.Or") && args.size() == 2) {
            Value first = eval(args.get(0), depth + 1);
            Value fallback = eval(args.get(1), depth + 1);
            return first == null || fallback == null || first.text != null ? null
                    : new Value(fallback.text, first.variable, first.whole);
        }
        if (name.equals("fmt.Sprintf") && !args.isEmpty()) {
            return sprintf(args, depth);
        }
        if (name.equals("net.JoinHostPort") && args.size() == 2) {
            return concat(List.of(eval(args.get(0), depth + 1), new Value(":", null, false), eval(args.get(1), depth + 1)));
        }
        if ((name.startsWith("flag.String") || name.equals("flag.Int")) && args.size() >= 2) {
            return commandArgs ? null : eval(args.get(1), depth + 1);
        }
        if (ENV_HELPER.matcher(name).matches() && args.size() == 2) {
            Matcher v = STRING.matcher(args.get(0).strip());
            Value fallback = eval(args.get(1), depth + 1);
            return v.matches() && fallback != null && fallback.variable == null
                    ? new Value(fallback.text, v.group(1), true) : null;
        }
        return null;
    }

    /** {@code fmt.Sprintf(":%s", port)}: each %s, %d or %v takes the next argument. */
    private Value sprintf(List<String> args, int depth) {
        Matcher format = STRING.matcher(args.get(0).strip());
        if (!format.matches() || format.group(1) == null) {
            return null;
        }
        String[] pieces = format.group(1).split("%[sdv]", -1);
        if (pieces.length != args.size()) {
            return null;
        }
        List<Value> parts = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            parts.add(new Value(pieces[i], null, false));
            if (i + 1 < args.size()) {
                parts.add(eval(args.get(i + 1), depth + 1));
            }
        }
        return concat(parts);
    }

    /** Parts joined: unknown when a part is, or when more than one variable is read. */
    private static Value concat(List<Value> parts) {
        StringBuilder text = new StringBuilder();
        String variable = null;
        boolean whole = false;
        for (Value v : parts) {
            if (v == null || v.variable != null && variable != null) {
                return null;
            }
            if (v.variable != null) {
                variable = v.variable;
                whole = v.whole && parts.stream().allMatch(p -> p == v || p.text != null && p.text.isEmpty());
            }
            if (text != null && v.text != null) {
                text.append(v.text);
            } else {
                text = null;
            }
        }
        return new Value(text == null ? null : text.toString(), variable, whole);
    }

    /**
     * A local name: its one definition in the file ({@code port := os.Getenv("PORT")}, {@code const addr = ":8080"}),
     * with the default an {@code if port == "" { port = "8080" }} gives it.
     */
    private Value variable(String name, int depth) {
        String code = source.code();
        Matcher def = Pattern.compile("(?:\\bvar\\s+|\\bconst\\s+|(?<![\\w.]))" + Pattern.quote(name)
                + "(?:\\s+string)?\\s*(:=|=)(?!=)\\s*").matcher(code);
        String rhs = null;
        while (def.find()) {
            String found = GoArgs.untilTopLevel(code, def.end());
            if (rhs != null && !rhs.equals(found)) {
                if (defaultFill(name, found)) {
                    continue;
                }
                return null;
            }
            rhs = found;
        }
        Value value = rhs == null ? null : eval(rhs, depth + 1);
        if (value == null || value.variable == null || value.text != null) {
            return value;
        }
        Matcher fill = Pattern.compile("\\bif\\s+(?:" + Pattern.quote(name) + "\\s*==\\s*\"\"|len\\(\\s*"
                + Pattern.quote(name) + "\\s*\\)\\s*==\\s*0)\\s*\\{\\s*" + Pattern.quote(name)
                + "\\s*=\\s*(\"[^\"]*\"|[A-Za-z_]\\w*)").matcher(code);
        if (!fill.find()) {
            return value;
        }
        Value fallback = constant(fill.group(1), name, depth);
        return fallback == null ? value : new Value(fallback.text, value.variable, value.whole);
    }

    /**
     * A default written as a string or as a constant that holds one ({@code port = defaultPort} with
     * {@code const defaultPort = "8080"}); null otherwise.
     */
    private Value constant(String written, String filled, int depth) {
        if (written.startsWith("\"")) {
            return new Value(written.substring(1, written.length() - 1), null, false);
        }
        Value v = written.equals(filled) ? null : variable(written, depth + 1);
        return v == null || v.text == null || v.variable != null ? null : v;
    }

    /** Whether {@code rhs}, assigned to {@code name}, is the default an empty-value check fills in. */
    private boolean defaultFill(String name, String rhs) {
        boolean literal = STRING.matcher(rhs.strip()).matches() || IDENT.matcher(rhs.strip()).matches();
        return literal && Pattern.compile("\\bif\\s+(?:" + Pattern.quote(name) + "\\s*==\\s*\"\"|len\\(\\s*"
                + Pattern.quote(name) + "\\s*\\)\\s*==\\s*0)\\s*\\{\\s*" + Pattern.quote(name)
                + "\\s*=\\s*" + Pattern.quote(rhs.strip())).matcher(source.code()).find();
    }
}
