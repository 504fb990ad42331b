package dev.drydock.core.rules.support.fixes;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.Framework;
import dev.drydock.core.app.PythonModuleView;
import dev.drydock.core.app.PythonModuleView.Client;
import dev.drydock.core.app.PythonModuleView.ClientKind;
import dev.drydock.core.app.PythonModuleView.Decorator;
import dev.drydock.core.app.Route;
import dev.drydock.core.app.SourceSet;
import dev.drydock.core.compose.Located;
import dev.drydock.core.dockerfile.model.HealthcheckSpec;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * readiness-check-missing: a readiness route written next to a Flask or FastAPI health route, which
 * exercises the store clients the module reaches (a {@code SELECT 1}, a Redis PING) and answers 503
 * until they work, and the healthcheck's URL pointed at it. Offered only when the clients are found by
 * name in that module; what the route cannot check (models, other stores) is said in the title.
 */
public final class ReadinessFixes {

    private ReadinessFixes() {
    }

    /**
     * The fix for a container whose healthcheck requests {@code url} and reaches the constant {@code route}.
     *
     * @param unchecked what the application waits for besides SQL databases and Redis, as the finding words it
     *     ("the models (torch and transformers)"), for the title
     * @param waitsForSql whether the application uses a SQL database, @param waitsForRedis a Redis server
     */
    public static Optional<Fix> readiness(ReviewContext context, Container c, AppSource app, Route route,
            Probes.Url url, boolean waitsForSql, boolean waitsForRedis, List<String> unchecked) {
        if (route.framework() != Framework.FLASK && route.framework() != Framework.FASTAPI
                || !route.handler().file().equals(route.file()) || route.handler().line() <= route.line()) {
            return Optional.empty();
        }
        SourceSet files = SourceSet.of(context.project(), c);
        PythonModuleView view = PythonModuleView.of(files, route.file()).orElse(null);
        SourceFile module = context.project().source(route.file()).orElse(null);
        if (view == null || module == null) {
            return Optional.empty();
        }
        Decorator decorator = view.decorator(route.line()).orElse(null);
        String localPath = decorator == null ? null : readyPath(decorator.path());
        String fullPath = readyPath(route.path());
        int end = view.blockEnd(route.handler().line());
        if (localPath == null || fullPath == null || end == 0 || app.routes().match(fullPath).isPresent()) {
            return Optional.empty();
        }
        Map<ClientKind, Client> clients = usable(view.clients(), route.framework(), waitsForSql, waitsForRedis);
        String name = view.binds("ready") ? view.binds("readiness") ? null : "readiness" : "ready";
        if (clients.isEmpty() || name == null) {
            return Optional.empty();
        }
        List<TextEdit> edits = new ArrayList<>();
        Writer writer = new Writer(view, decorator.quote(), view.indentUnit(route.handler().line()));
        String failure = route.framework() == Framework.FLASK ? writer.flaskFailure()
                : writer.fastapiFailure(module, edits);
        if (failure == null) {
            return Optional.empty();
        }
        String code = writer.route(decorator.withPath(localPath), name, clients, failure,
                route.framework() == Framework.FASTAPI);
        String blank = decorator.indent().isEmpty() ? "\n\n" : "\n";
        edits.add(SourceEdits.insertLinesAfter(module, end, blank + indent(code, decorator.indent())));
        List<TextEdit> probes = probeEdits(context, c, url, fullPath);
        if (probes.isEmpty()) {
            return Optional.empty();
        }
        edits.addAll(probes);
        return Optional.of(new Fix(title(fullPath, route.file(), clients, waitsForSql, waitsForRedis, unchecked),
                FixSafety.UNSAFE, edits));
    }

    /** The clients the route can check, one of each kind: Flask's code cannot await, FastAPI has no Flask-SQLAlchemy. */
    private static Map<ClientKind, Client> usable(List<Client> found, Framework framework, boolean sql, boolean redis) {
        Map<ClientKind, Client> out = new EnumMap<>(ClientKind.class);
        for (Client client : found) {
            boolean fits = framework == Framework.FLASK ? !client.async()
                    : client.kind() != ClientKind.FLASK_SQLALCHEMY;
            boolean needed = client.kind() == ClientKind.REDIS ? redis : sql;
            if (fits && needed) {
                out.putIfAbsent(client.kind() == ClientKind.FLASK_SQLALCHEMY ? ClientKind.SQLALCHEMY_ENGINE : client.kind(),
                        client);
            }
        }
        return out;
    }

    /** {@code /health} → {@code /ready}, {@code /api/healthz} → {@code /api/ready}; null for a path without a plain last segment. */
    static String readyPath(String path) {
        if (path == null) {
            return null;
        }
        boolean trailing = path.length() > 1 && path.endsWith("/");
        String p = trailing ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        String last = p.substring(slash + 1);
        if (slash < 0 && !p.isEmpty() || !last.matches("[\\w.-]*")) {
            return null;
        }
        return p.substring(0, slash + 1) + "ready" + (trailing ? "/" : "");
    }

    private static String indent(String code, String indent) {
        if (indent.isEmpty()) {
            return code;
        }
        return String.join("\n", code.lines().map(l -> l.isEmpty() ? l : indent + l).toList());
    }

    /** The healthcheck's URL, and the image's own HEALTHCHECK when compose overrides it with the same URL, at {@code path}. */
    private static List<TextEdit> probeEdits(ReviewContext context, Container c, Probes.Url url, String path) {
        List<TextEdit> edits = new ArrayList<>();
        EffectiveHealthcheck hc = c.healthcheck();
        if ("compose".equals(hc.source())) {
            if (c.service() == null || c.service().healthcheck() == null) {
                return List.of();
            }
            for (Located<String> element : c.service().healthcheck().test()) {
                if (element.value() != null && element.value().contains(url.text())) {
                    urlEdit(element.file(), element.span(), url, path).ifPresent(edits::add);
                    edits.addAll(commentEdits(element.file(), element.span().startLine(), url.path(), path));
                    break;
                }
            }
            if (edits.isEmpty()) {
                return List.of();
            }
        }
        HealthcheckSpec own = c.build() == null || c.build().stage() == null ? null
                : c.build().stage().config().healthcheck();
        Probes.Probe image = Probes.of(EffectiveHealthcheck.of(own));
        Probes.Url imageUrl = image == null ? null : image.localUrl();
        if (imageUrl != null && imageUrl.path().equals(url.path()) && own.instruction().file() != null) {
            urlEdit(own.instruction().file(), own.instruction().span(), imageUrl, path).ifPresent(edit -> {
                edits.add(edit);
                edits.addAll(commentEdits(own.instruction().file(), own.instruction().span().startLine(), url.path(),
                        path));
            });
        } else if (!"compose".equals(hc.source())) {
            return List.of();
        }
        return edits;
    }

    /** The image's HEALTHCHECK, which requests {@code url}, pointed at {@code path}. */
    public static Optional<Fix> retarget(HealthcheckSpec healthcheck, Probes.Url url, String path) {
        SourceFile file = healthcheck.instruction().file();
        Span span = healthcheck.instruction().span();
        return urlEdit(file, span, url, path).map(edit -> {
            List<TextEdit> edits = new ArrayList<>(List.of(edit));
            edits.addAll(commentEdits(file, span.startLine(), url.path(), path));
            return new Fix("probe " + path + " in the HEALTHCHECK", FixSafety.UNSAFE, edits);
        });
    }

    /**
     * The comments written just above {@code line} (and above the compose {@code healthcheck:} key it is
     * under) that name {@code oldPath}, naming {@code path} instead.
     */
    private static List<TextEdit> commentEdits(SourceFile file, int line, String oldPath, String path) {
        List<TextEdit> edits = new ArrayList<>();
        Pattern named = Pattern.compile(Pattern.quote(oldPath) + "(?![\\w/-])");
        for (int l = line - 1; l >= 1; l--) {
            String text = file.line(l).strip();
            if (text.equals("healthcheck:")) {
                continue;
            }
            if (!text.startsWith("#")) {
                break;
            }
            Matcher m = named.matcher(file.line(l));
            while (m.find()) {
                edits.add(TextEdit.replace(file.path(), file.lineStart(l) + m.start(), file.lineStart(l) + m.end(), path));
            }
        }
        return edits;
    }

    /** The path of {@code url}, found written inside {@code span}, replaced by {@code path}. */
    private static Optional<TextEdit> urlEdit(SourceFile file, Span span, Probes.Url url, String path) {
        int at = file.text().substring(span.start(), span.end()).indexOf(url.text());
        int pathAt = url.text().indexOf('/', url.text().indexOf("://") + 3);
        if (at < 0 || pathAt < 0) {
            return Optional.empty();
        }
        int start = span.start() + at + pathAt;
        return Optional.of(TextEdit.replace(file.path(), start, span.start() + at + url.text().length(), path));
    }

    private static String title(String path, String file, Map<ClientKind, Client> clients, boolean sql, boolean redis,
            List<String> unchecked) {
        List<String> checks = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (clients.containsKey(ClientKind.SQLALCHEMY_ENGINE)) {
            checks.add("runs SELECT 1 through " + clients.get(ClientKind.SQLALCHEMY_ENGINE).expression());
        } else if (sql) {
            missing.add("the database");
        }
        if (clients.containsKey(ClientKind.REDIS)) {
            checks.add("pings Redis through " + clients.get(ClientKind.REDIS).expression());
        } else if (redis) {
            missing.add("Redis");
        }
        missing.addAll(unchecked);
        return "Add " + path + " to " + file + ", which " + AppFacts.and(checks) + " and answers 503 until "
                + (checks.size() == 1 ? "it works" : "they work") + ", and point the healthcheck at it"
                + (missing.isEmpty() ? "" : "; it does not check " + AppFacts.and(missing) + ": add " + (missing.size() == 1 ? "that check" : "those checks"));
    }

    /** Writes the route in the module's quotes and indentation. */
    private static final class Writer {
        private final PythonModuleView view;
        private final char q;
        private final String unit;

        Writer(PythonModuleView view, char quote, String unit) {
            this.view = view;
            this.q = quote;
            this.unit = unit;
        }

        private String str(String value) {
            return q + value + q;
        }

        /** Flask's 503 answer: jsonify when the module imports it, else a dict (which Flask serialises itself). */
        String flaskFailure() {
            String jsonify = view.importedAs("flask", "jsonify");
            return jsonify != null ? "return " + jsonify + "(status=" + str("unavailable") + "), 503"
                    : "return {" + str("status") + ": " + str("unavailable") + "}, 503";
        }

        /** FastAPI's 503 answer: HTTPException, added to the module's {@code from fastapi import} line when missing. */
        String fastapiFailure(SourceFile module, List<TextEdit> edits) {
            String exception = view.importedAs("fastapi", "HTTPException");
            if (exception == null) {
                Integer end = view.fromImportEnd("fastapi").orElse(null);
                if (end == null) {
                    return null;
                }
                edits.add(SourceEdits.insert(module, end, ", HTTPException"));
                exception = "HTTPException";
            }
            return "raise " + exception + "(status_code=503, detail=" + str("unavailable") + ") from None";
        }

        String route(String decorator, String name, Map<ClientKind, Client> clients, String failure, boolean fastapi) {
            boolean async = fastapi && clients.values().stream().anyMatch(Client::async);
            List<String> lines = new ArrayList<>();
            lines.add(decorator);
            lines.add((async ? "async " : "") + "def " + name + "():");
            lines.add(unit + "try:");
            for (Client client : clients.values()) {
                for (String check : check(client)) {
                    lines.add(unit + unit + check);
                }
            }
            lines.add(unit + "except Exception:");
            lines.add(unit + unit + failure);
            String ready = failure.startsWith("return ") && failure.contains("(status=")
                    ? failure.substring("return ".length(), failure.indexOf('(')) + "(status=" + str("ready") + ")"
                    : "{" + str("status") + ": " + str("ready") + "}";
            lines.add(unit + "return " + ready);
            return String.join("\n", lines);
        }

        private List<String> check(Client client) {
            String await = client.async() ? "await " : "";
            String select = str("SELECT 1");
            return switch (client.kind()) {
                case FLASK_SQLALCHEMY -> List.of(client.expression() + ".session.execute(" + client.expression()
                        + ".text(" + select + "))");
                case SQLALCHEMY_ENGINE -> {
                    String text = view.importedAs("sqlalchemy", "text");
                    String query = text == null ? "connection.exec_driver_sql(" + select + ")"
                            : "connection.execute(" + text + "(" + select + "))";
                    yield List.of((client.async() ? "async " : "") + "with " + client.expression()
                            + ".connect() as connection:", unit + await + query);
                }
                case REDIS -> List.of(await + client.expression() + ".ping()");
            };
        }
    }
}
