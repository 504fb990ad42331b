package dev.drydock.core.app;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a route's handler does, as far as a reading of its body tells: whether it answers a constant
 * (a liveness answer: the process is up), checks something the application depends on (a database
 * query, a ping, a readiness flag), or cannot be told.
 *
 * @param name the function (or class) name, or null for an inline function
 * @param file the file it is written in
 * @param line the line of its definition
 * @param body its statements as written (one per entry, continuation lines joined), empty when unknown
 * @param verdict what the body does
 * @param evidence the statement that decided the verdict, or null
 * @param evidenceLine the line of that statement, or 0
 */
public record Handler(String name, String file, int line, List<String> body, Verdict verdict, String evidence,
        int evidenceLine) {

    public enum Verdict {
        /** Returns a fixed answer: only says the process is up. */
        CONSTANT,
        /** Touches the database, a cache, a model or a readiness flag before answering. */
        CHECKS_DEPENDENCIES,
        /** Does something else, or its body was not found. */
        UNKNOWN
    }

    public Handler {
        body = List.copyOf(body);
    }

    public boolean answersConstant() {
        return verdict == Verdict.CONSTANT;
    }

    public boolean checksDependencies() {
        return verdict == Verdict.CHECKS_DEPENDENCIES;
    }

    /** A handler whose body drydock does not read (a class-based view, a third-party endpoint). */
    static Handler unknown(String name, String file, int line) {
        return new Handler(name, file, line, List.of(), Verdict.UNKNOWN, null, 0);
    }

    /** A handler known to check the application's dependencies without reading it (Spring Boot's health endpoint). */
    static Handler checking(String name, String file, int line, String why) {
        return new Handler(name, file, line, List.of(), Verdict.CHECKS_DEPENDENCIES, why, line);
    }

    /** A handler known to answer without checking anything (Spring Boot's liveness group). */
    static Handler constant(String name, String file, int line, String why) {
        return new Handler(name, file, line, List.of(), Verdict.CONSTANT, why, line);
    }

    // ---- reading a body

    /** Calls and names that show a handler looks at a dependency before answering. */
    private static final Pattern DEPENDENCY = Pattern.compile(String.join("|",
            "\\bexecute\\s*\\(", "\\.ping\\s*\\(", "\\.pingCheck\\s*\\(", "\\.connect\\s*\\(", "\\bdb\\.session\\b",
            "\\bdb\\.engine\\b", "\\bengine\\.", "\\.cursor\\s*\\(", "\\.objects\\.", "ensure_connection",
            "\\bconnections?\\s*\\[", "\\.query\\b", "\\.scalar\\s*\\(", "\\bredis\\b", "\\bcache\\.(get|set)\\s*\\(",
            "\\brequests\\.(get|head|post)\\s*\\(", "\\bhttpx\\.", "\\bis_ready\\b", "\\bready\\b", "\\bREADY\\b",
            "\\bready_event\\b", "\\bstartup_complete\\b", "\\b\\w+_loaded\\b", "\\bmodels?\\s+is\\s+(not\\s+)?None",
            "\\bis_set\\s*\\(", "\\bcheck_\\w+\\s*\\(", "\\bhealth_check\\w*\\s*\\(",
            // JavaScript
            "\\bawait\\b", "\\.authenticate\\s*\\(", "\\breadyState\\b", "\\$queryRaw", "\\.raw\\s*\\(",
            "\\bisReady\\b", "\\bfetch\\s*\\(", "\\baxios\\b", "\\bmongoose\\b", "\\bsequelize\\b", "\\bprisma\\b",
            "\\bknex\\b", "\\bpool\\.", "\\.then\\s*\\("));

    /** A query in a string: {@code text("SELECT 1")}. */
    private static final Pattern SQL = Pattern.compile("(?i)\\bselect\\s+1\\b|\\bselect\\b.+\\bfrom\\b");

    private static boolean touchesDependency(String text, boolean js) {
        if (SQL.matcher(text).find()) {
            return true;
        }
        StringBuilder code = new StringBuilder();
        for (Tok t : Tok.tokenize(text, js)) {
            code.append(t.kind() == Tok.Kind.STRING ? "\"\"" : t.text()).append(' ');
        }
        String c = code.toString().replaceAll(" ?\\. ?", ".").replaceAll(" \\(", "(");
        return DEPENDENCY.matcher(c).find();
    }

    /** Names a constant answer may use besides literals and keyword names. */
    private static final Set<String> RESPONSE_NAMES = Set.of(
            "return", "jsonify", "JSONResponse", "ORJSONResponse", "UJSONResponse", "PlainTextResponse", "Response",
            "HTMLResponse", "HttpResponse", "JsonResponse", "make_response", "dict", "HTTPStatus", "status", "OK",
            "HTTP_200_OK", "True", "False", "None", "web", "json_response", "text", "content", "status_code",
            "media_type", "mimetype", "content_type", "time", "datetime", "utcnow", "now", "isoformat", "timezone",
            "utc", "str", "int", "float", "pass",
            // JavaScript
            "res", "req", "reply", "ctx", "request", "response", "json", "send", "sendStatus", "end", "type", "set",
            "header", "code", "body", "Date", "new", "toISOString", "process", "uptime", "true", "false", "null",
            "function", "async", "next", "writeHead", "write", "h");

    /** Reads a Python function body (its statements, docstring included) into a handler. */
    static Handler python(String name, String file, int line, List<PyLexer.Statement> statements) {
        List<String> body = statements.stream().map(PyLexer.Statement::text).toList();
        List<PyLexer.Statement> code = statements.stream()
                .filter(s -> !(s.text().startsWith("\"") || s.text().startsWith("'") || s.text().startsWith("r\"")))
                .toList();
        for (PyLexer.Statement s : code) {
            if (touchesDependency(s.text(), false)) {
                return new Handler(name, file, line, body, Verdict.CHECKS_DEPENDENCIES, s.text(), s.line());
            }
        }
        if (code.isEmpty()) {
            return new Handler(name, file, line, body, Verdict.UNKNOWN, null, 0);
        }
        PyLexer.Statement last = code.get(code.size() - 1);
        for (PyLexer.Statement s : code) {
            if (!constant(Tok.tokenize(s.text(), false))) {
                return new Handler(name, file, line, body, Verdict.UNKNOWN, null, 0);
            }
        }
        boolean returns = code.stream().anyMatch(s -> s.text().startsWith("return"));
        return new Handler(name, file, line, body, returns ? Verdict.CONSTANT : Verdict.UNKNOWN, last.text(), last.line());
    }

    /** Reads a JavaScript handler (the function's text, parameters included) into a handler. */
    static Handler javascript(String file, int line, String text) {
        String body = text.strip();
        List<String> lines = body.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (touchesDependency(body, true)) {
            String evidence = lines.stream().filter(l -> touchesDependency(l, true)).findFirst().orElse(body);
            return new Handler(null, file, line, lines, Verdict.CHECKS_DEPENDENCIES, evidence, line);
        }
        List<Tok> toks = Tok.tokenize(body, true);
        // skip the parameter list: up to '=>' or the function's '{'
        int start = 0;
        for (int i = 0; i < toks.size(); i++) {
            if (toks.get(i).is("=>")) {
                start = i + 1;
                break;
            }
            if (toks.get(i).is("{") && i > 0 && toks.get(i - 1).is(")")) {
                start = i;
                break;
            }
        }
        if (start == 0 || !constant(toks.subList(start, toks.size()))) {
            return new Handler(null, file, line, lines, Verdict.UNKNOWN, null, 0);
        }
        String evidence = lines.stream().filter(l -> l.contains("res.") || l.contains("reply.") || l.contains("return"))
                .findFirst().orElse(lines.isEmpty() ? body : lines.get(lines.size() - 1));
        return new Handler(null, file, line, lines, Verdict.CONSTANT, evidence, line);
    }

    /** Calls that show a Ruby handler looks at a dependency: a Sequel or Active Record connection, a ping. */
    private static final Pattern RUBY_DEPENDENCY = Pattern.compile(
            "\\.test_connection\\b|\\.connection\\b|\\.ping\\b|\\.connected\\?|\\.active\\?|\\bDB\\b|\\bRedis\\b");
    /** Names a constant Ruby answer may use: Sinatra's response helpers and JSON serialisation. */
    private static final Set<String> RUBY_RESPONSE_NAMES = Set.of("to_json", "json", "content_type", "status", "halt",
            "body", "JSON", "generate", "dump", "Time", "now", "iso8601", "utc", "to_s");

    /** Reads a Ruby block's body (a Sinatra route's, {@code do} to {@code end}) into a handler. */
    static Handler ruby(String file, int line, List<String> body) {
        String text = String.join("\n", body);
        List<String> lines = body.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (touchesDependency(text, false) || RUBY_DEPENDENCY.matcher(text).find()) {
            String evidence = lines.stream().filter(l -> touchesDependency(l, false)
                    || RUBY_DEPENDENCY.matcher(l).find()).findFirst().orElse(text);
            return new Handler(null, file, line, lines, Verdict.CHECKS_DEPENDENCIES, evidence, line);
        }
        List<Tok> toks = Tok.tokenize(text, false).stream()
                .filter(t -> !(t.isName() && RUBY_RESPONSE_NAMES.contains(t.text()))).toList();
        if (lines.isEmpty() || !constant(toks)) {
            return new Handler(null, file, line, lines, Verdict.UNKNOWN, null, 0);
        }
        return new Handler(null, file, line, lines, Verdict.CONSTANT, lines.get(lines.size() - 1), line);
    }

    /** Only literals, keyword or key names, and the names a fixed response is built with. */
    private static boolean constant(List<Tok> toks) {
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.kind() == Tok.Kind.STRING) {
                if (t.dynamic()) {
                    return false;
                }
                continue;
            }
            if (t.kind() == Tok.Kind.NUMBER) {
                continue;
            }
            if (t.kind() == Tok.Kind.OP) {
                if (t.is("=") && i > 1 && !(toks.get(i - 1).isName())) {
                    return false;
                }
                continue;
            }
            boolean keyword = i + 1 < toks.size() && (toks.get(i + 1).is("=") || toks.get(i + 1).is(":"));
            boolean member = i > 0 && toks.get(i - 1).is(".");
            if (!keyword && !member && !RESPONSE_NAMES.contains(t.text())) {
                return false;
            }
            if (member && !RESPONSE_NAMES.contains(t.text()) && !t.text().matches("[A-Z_0-9]+|HTTP_\\w+")) {
                return false;
            }
        }
        return true;
    }
}
