package dev.drydock.core.rules.app;

import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.Route;
import dev.drydock.core.dockerfile.model.HealthcheckSpec;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.fixes.ReadinessFixes;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "readiness-check-missing",
        title = "Health check only says the process is up",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The route the container's healthcheck requests (compose over the image's HEALTHCHECK), read from the"
                + " application's sources: it fires when that route's handler answers a constant (no query, ping,"
                + " model or readiness flag is looked at), the application depends on something that takes time or"
                + " can fail (a database driver or ORM, a cache client, ML models that a thread or task loads while the"
                + " server already answers; not Django when its"
                + " settings' DATABASES name only the sqlite3 engine, a file with no server), and no"
                + " separate readiness route (/ready, /readyz, /health/ready..., or a health route whose handler checks a"
                + " dependency, such as a /health/db that runs SELECT 1) exists. Also fires on the image's"
                + " own HEALTHCHECK when it requests such a constant route while the compose healthcheck that"
                + " overrides it probes the readiness route. Quiet when the handler cannot be read.",
        problem = "A constant answer is a liveness check: it proves the process answers HTTP, not that the"
                + " application can serve. The container turns healthy before the database is reachable or the"
                + " models are loaded, and stays healthy when they go away.",
        impact = "Traffic and depends_on: service_healthy dependants arrive while the first requests still fail;"
                + " a lost database connection never shows as unhealthy, so nothing restarts or reroutes.",
        recommendation = "Give the application a readiness check that exercises what it needs (a `SELECT 1`, a ping,"
                + " a flag set once the models are loaded) and answers 503 until then, and point the healthcheck at it;"
                + " keep the constant route for liveness if an orchestrator uses one.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#healthcheck",
                "https://docs.docker.com/compose/how-tos/startup-order/",
                "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
                "https://docs.spring.io/spring-boot/reference/actuator/endpoints.html#actuator.endpoints.kubernetes-probes"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "1 h",
        examples = @RuleExample(
                file = "app.py",
                bad = """
                        from flask import Flask
                        from flask_sqlalchemy import SQLAlchemy

                        app = Flask(__name__)
                        db = SQLAlchemy(app)


                        @app.get("/health")
                        def health():
                            return {"status": "ok"}
                        """,
                good = """
                        from flask import Flask
                        from flask_sqlalchemy import SQLAlchemy
                        from sqlalchemy import text

                        app = Flask(__name__)
                        db = SQLAlchemy(app)


                        @app.get("/health")
                        def health():
                            db.session.execute(text("SELECT 1"))
                            return {"status": "ok"}
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir -r requirements.txt
                        HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=3)"]
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """),
                        @ExampleFile(name = "requirements.txt", content = """
                        flask==3.0.3
                        flask-sqlalchemy==3.1.1
                        psycopg2-binary==2.9.10
                        gunicorn==23.0.0
                        """)}))
public final class ReadinessCheckMissing implements Rule {

    /** Dependencies that take time to become ready or can fail at run time. */
    static final List<String> PYTHON_DATA = List.of("sqlalchemy", "flask-sqlalchemy", "sqlmodel", "psycopg2",
            "psycopg2-binary", "psycopg", "asyncpg", "pymysql", "mysqlclient", "mysql-connector-python", "pyodbc",
            "pymongo", "motor", "mongoengine", "redis", "tortoise-orm", "peewee", "elasticsearch", "cassandra-driver",
            "django");
    static final List<String> RUBY_DATA = List.of("pg", "mysql2", "trilogy", "sequel", "activerecord", "mongoid",
            "mongo", "redis", "elasticsearch");
    static final List<String> NODE_DATA = List.of("pg", "mysql", "mysql2", "mongoose", "mongodb", "redis", "ioredis",
            "sequelize", "typeorm", "@prisma/client", "prisma", "knex", "mssql", "oracledb");

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (Container c : context.builtContainers()) {
            EffectiveHealthcheck hc = c.healthcheck();
            Probes.Url url = Probes.localUrl(hc);
            if (url == null) {
                continue;
            }
            AppSource app = Apps.of(context, c);
            Route route = app.routes().match(url.path()).orElse(null);
            if (route != null && "compose".equals(hc.source()) && route.handler().checksDependencies()
                    && app.routes().readinessRoutes().contains(route)) {
                imageProbesLiveness(context, c, app, route, hc, reported);
                continue;
            }
            if (route == null || !route.handler().answersConstant() || !app.routes().readinessRoutes().isEmpty()) {
                continue;
            }
            List<Dependency> data = new ArrayList<>(AppFacts.dependencies(c, Ecosystem.PYPI, PYTHON_DATA));
            data.addAll(AppFacts.dependencies(c, Ecosystem.NPM, NODE_DATA));
            data.addAll(AppFacts.dependencies(c, Ecosystem.RUBYGEMS, RUBY_DATA));
            if (onlySqlite(app)) {
                data.removeIf(d -> d.name().equalsIgnoreCase("django"));
            }
            List<Dependency> models = AppFacts.dependencies(c, Ecosystem.PYPI, MemoryLimitTooLow.ML_PACKAGES);
            if (!models.isEmpty() && !loadsModelsInBackground(context, c, app)) {
                models = List.of();
            }
            if (data.isEmpty() && models.isEmpty()) {
                continue;
            }
            List<String> waitsFor = new ArrayList<>();
            Map<Store, List<String>> stores = stores(data);
            stores.forEach((store, names) -> waitsFor.add(store.label + " (" + AppFacts.and(names) + ")"));
            if (!models.isEmpty()) {
                waitsFor.add("the models (" + AppFacts.and(models.stream().map(Dependency::name).toList()) + ")");
            }
            String answer = route.handler().evidence() == null ? "" : " (`" + route.handler().evidence() + "`)";
            boolean one = waitsFor.size() == 1 && models.isEmpty();
            String message = url.path() + " (" + route.file() + " line " + route.line() + ") answers a constant" + answer
                    + ": the healthcheck at " + hc.origin().file() + ":" + hc.origin().line() + " reports the container"
                    + " healthy as soon as the process answers, before " + AppFacts.and(waitsFor)
                    + (one ? " is" : " are") + " ready, and keeps it healthy when " + (one ? "it fails" : "they fail");
            List<String> unchecked = new ArrayList<>();
            stores.forEach((store, names) -> {
                if (store != Store.SQL && store != Store.REDIS) {
                    unchecked.add(store.label);
                }
            });
            if (!models.isEmpty()) {
                unchecked.add("that the models are loaded ("
                        + AppFacts.and(models.stream().map(Dependency::name).toList()) + ")");
            }
            var finding = context.finding(this, location(context, route), message)
                    .recommendation(recommendation(route, stores.keySet(), !models.isEmpty(), url));
            ReadinessFixes.readiness(context, c, app, route, url, stores.containsKey(Store.SQL),
                    stores.containsKey(Store.REDIS), unchecked).ifPresent(finding::fix);
            finding.add();
        }
    }

    /**
     * Whether a healthcheck of {@code path} would be reported here: the route answers a constant, the application has no
     * readiness route and waits for a data store (or for models it loads in the background). Another rule that
     * writes a probe leaves such a path to this one rather than write a probe this rule then reports.
     */
    static boolean constantProbeReported(ReviewContext context, Container c, AppSource app, String path) {
        Route route = app.routes().match(path).orElse(null);
        if (route == null || !route.handler().answersConstant() || !app.routes().readinessRoutes().isEmpty()) {
            return false;
        }
        List<Dependency> data = new ArrayList<>(AppFacts.dependencies(c, Ecosystem.PYPI, PYTHON_DATA));
        data.addAll(AppFacts.dependencies(c, Ecosystem.NPM, NODE_DATA));
        data.addAll(AppFacts.dependencies(c, Ecosystem.RUBYGEMS, RUBY_DATA));
        if (onlySqlite(app)) {
            data.removeIf(d -> d.name().equalsIgnoreCase("django"));
        }
        return !data.isEmpty() || !AppFacts.dependencies(c, Ecosystem.PYPI, MemoryLimitTooLow.ML_PACKAGES).isEmpty()
                && loadsModelsInBackground(context, c, app);
    }

    /**
     * Compose probes the readiness route, but the image's own HEALTHCHECK, which every container started
     * without this compose file gets, still requests a constant route.
     */
    private void imageProbesLiveness(ReviewContext context, Container c, AppSource app, Route ready,
            EffectiveHealthcheck compose, Set<String> reported) {
        HealthcheckSpec own = c.build().stage() == null ? null : c.build().stage().config().healthcheck();
        Probes.Url url = Probes.localUrl(EffectiveHealthcheck.of(own));
        Route route = url == null ? null : app.routes().match(url.path()).orElse(null);
        if (route == null || !route.handler().answersConstant() || app.routes().readinessRoutes().contains(route)
                || AppFacts.dependencies(c, Ecosystem.PYPI, PYTHON_DATA).isEmpty()
                        && AppFacts.dependencies(c, Ecosystem.NPM, NODE_DATA).isEmpty()
                        && AppFacts.dependencies(c, Ecosystem.RUBYGEMS, RUBY_DATA).isEmpty()
                        && AppFacts.dependencies(c, Ecosystem.PYPI, MemoryLimitTooLow.ML_PACKAGES).isEmpty()
                || !reported.add(own.instruction().file().path() + ":" + own.instruction().span().start())) {
            return;
        }
        String readyPath = ready.path();
        var finding = context.finding(this, new Location(own.instruction().file().path(), own.instruction().span()),
                "the image's HEALTHCHECK requests " + url.path() + ", which answers a constant, while "
                        + compose.origin().file() + ":" + compose.origin().line() + " probes the readiness route "
                        + ready.path() + ": a container started from the image without that compose file is healthy"
                        + " as soon as the process answers")
                .recommendation("Probe " + url.withPath(readyPath) + " in the HEALTHCHECK as well.");
        ReadinessFixes.retarget(own, url, readyPath).ifPresent(finding::fix);
        finding.add();
    }

    /**
     * A Django project whose every database is SQLite: a file the process opens itself, with no server to wait for
     * or lose.
     */
    private static boolean onlySqlite(AppSource app) {
        List<String> engines = app.djangoDatabaseEngines().orElse(List.of());
        return !engines.isEmpty() && engines.stream().allMatch(e -> e.endsWith(".sqlite3"));
    }

    private static Location location(ReviewContext context, Route route) {
        SourceFile file = context.project().source(route.file()).orElse(null);
        if (file == null || route.line() < 1 || route.line() > file.lineCount()) {
            return new Location(route.file(), null);
        }
        int last = route.handler().evidenceLine() >= route.line() && route.handler().evidenceLine() <= file.lineCount()
                && route.handler().file().equals(route.file()) ? route.handler().evidenceLine() : route.line();
        return new Location(route.file(), file.lines(route.line(), last));
    }

    /** What the application waits for, and how a readiness check proves each one serves. */
    enum Store {
        SQL("the database", "runs `SELECT 1`"),
        REDIS("the Redis server", "sends Redis a PING"),
        MONGO("the MongoDB server", "runs MongoDB's ping command"),
        SEARCH("the Elasticsearch cluster", "pings Elasticsearch"),
        CASSANDRA("the Cassandra cluster", "runs a query against Cassandra");

        final String label;
        final String check;

        Store(String label, String check) {
            this.label = label;
            this.check = check;
        }

        static Store of(String dependency) {
            return switch (dependency.toLowerCase(Locale.ROOT)) {
                case "redis", "ioredis" -> REDIS;
                case "pymongo", "motor", "mongoengine", "mongoose", "mongodb", "mongoid", "mongo" -> MONGO;
                case "elasticsearch" -> SEARCH;
                case "cassandra-driver" -> CASSANDRA;
                default -> SQL;
            };
        }
    }

    /** The data dependencies grouped by the kind of store they talk to, in the order found. */
    static Map<Store, List<String>> stores(List<Dependency> data) {
        Map<Store, List<String>> out = new EnumMap<>(Store.class);
        for (Dependency d : data) {
            out.computeIfAbsent(Store.of(d.name()), k -> new ArrayList<>()).add(d.name());
        }
        return out;
    }

    /** A machine-learning package imported at the top of a module. */
    private static final java.util.regex.Pattern TOP_LEVEL_ML_IMPORT = java.util.regex.Pattern.compile(
            "(?m)^(?:import|from)\\s+(?:torch|transformers|tensorflow|jax|sentence_transformers|spacy|onnxruntime"
                    + "|diffusers|vllm)\\b");

    /** Work started beside the server: a thread, an asyncio task, an executor job. */
    private static final java.util.regex.Pattern BACKGROUND_START = java.util.regex.Pattern.compile(
            "\\bThread\\s*\\(|\\bcreate_task\\s*\\(|\\bensure_future\\s*\\(|\\brun_in_executor\\s*\\("
                    + "|\\bto_thread\\s*\\(|\\bExecutor\\s*\\(");

    /**
     * Whether the served application loads its models in the background while the server already answers: a source
     * read for it imports a machine-learning package at the top and starts a thread, a task or an executor job. Models
     * loaded at import or in a startup hook are loaded before the server listens (uvicorn runs the lifespan startup
     * before it binds; gunicorn's workers import the application before they accept), so a constant answer cannot
     * come before them.
     */
    private static boolean loadsModelsInBackground(ReviewContext context, Container c, AppSource app) {
        dev.drydock.core.app.SourceSet sources = dev.drydock.core.app.SourceSet.of(context.project(), c);
        for (String file : app.files()) {
            Optional<SourceFile> source = sources.read(file);
            if (source.isPresent() && TOP_LEVEL_ML_IMPORT.matcher(source.get().text()).find()
                    && BACKGROUND_START.matcher(source.get().text()).find()) {
                return true;
            }
        }
        return false;
    }

    private static String recommendation(Route route, Set<Store> stores, boolean models, Probes.Url url) {
        List<String> checks = new ArrayList<>(stores.stream().map(s -> s.check).toList());
        if (models) {
            checks.add("confirms the models are loaded");
        }
        String example = switch (route.framework()) {
            case FLASK, QUART -> " In Flask, for example: `@app.get(\"/ready\")` → "
                    + join(stores, " and ", "`db.session.execute(text(\"SELECT 1\"))`", "`redis_client.ping()`",
                            "`mongo.admin.command(\"ping\")`", "`es.ping()`")
                    + (models ? " and a check of the loaded model" : "") + ", returning 503 on failure.";
            case FASTAPI, STARLETTE -> " In FastAPI, for example: `@app.get(\"/ready\")` that "
                    + (stores.isEmpty() ? "" : "awaits " + join(stores, " and ", "a `SELECT 1`", "`redis.ping()`",
                            "`client.admin.command(\"ping\")`", "`es.ping()`") + (models ? " and " : ""))
                    + (models ? "checks a flag set once the models are loaded" : "")
                    + ", raising HTTPException(503) until then.";
            case DJANGO -> " In Django, for example: a view that runs `connection.ensure_connection()` and returns 503 on"
                    + " OperationalError.";
            case EXPRESS, FASTIFY -> " In Express, for example: `app.get('/ready', async (req, res) => { await "
                    + join(stores, "; await ", "pool.query('SELECT 1')", "redis.ping()", "mongoose.connection.db.admin().ping()",
                            "client.ping()")
                    + "; res.sendStatus(200) })` with a 503 on error.";
            case SINATRA -> " In Sinatra, for example: `get \"/ready\" do ... end` that calls "
                    + join(stores, " and ", "`DB.test_connection` (Sequel)", "`redis.ping`", "`client.command(ping: 1)`",
                            "`client.ping`")
                    + " and `halt 503` when it raises.";
            case RAILS -> " In Rails, for example: a controller action routed at /ready that runs "
                    + join(stores, " and ", "`ActiveRecord::Base.connection.execute(\"SELECT 1\")`", "`redis.ping`",
                            "`Mongoid.default_client.command(ping: 1)`", "`client.ping`")
                    + " and answers `head :service_unavailable` on error.";
            default -> "";
        };
        return "Add a readiness route (e.g. /ready) that " + AppFacts.and(checks) + " and answers 503 until then, and"
                + " point the healthcheck at it (" + url.withPath("/ready") + "), keeping "
                + url.path() + " as the liveness answer." + example;
    }

    /** The example calls for these stores (SQL's call when none is known), joined with "and" or {@code separator}. */
    private static String join(Set<Store> stores, String separator, String sql, String redis, String mongo,
            String search) {
        List<String> calls = new ArrayList<>();
        for (Store store : stores.isEmpty() ? Set.of(Store.SQL) : stores) {
            calls.add(switch (store) {
                case SQL, CASSANDRA -> sql;
                case REDIS -> redis;
                case MONGO -> mongo;
                case SEARCH -> search;
            });
        }
        List<String> distinct = calls.stream().distinct().toList();
        return separator.equals(" and ") ? AppFacts.and(distinct) : String.join(separator, distinct);
    }
}
