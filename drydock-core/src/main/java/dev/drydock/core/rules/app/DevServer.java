package dev.drydock.core.rules.app;

import dev.drydock.core.rules.support.ImageContents;

import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.rules.support.WrittenInstructions;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.FlaskScriptServer;
import dev.drydock.core.app.NodePackage;
import dev.drydock.core.app.PythonModuleView;
import dev.drydock.core.app.ServerCall;
import dev.drydock.core.app.SourceSet;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.Pep440Version;
import dev.drydock.core.rules.dockerfile.DeprecatedEnv;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.DevContainers;
import dev.drydock.core.rules.support.DevelopmentComposeFiles;
import dev.drydock.core.rules.support.DevelopmentDockerfiles;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DotnetAssemblies;
import dev.drydock.core.rules.support.PackageScripts;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StopSignals;
import dev.drydock.core.rules.support.fixes.StackFixes;
import dev.drydock.core.rules.support.SwitchValues;
import java.util.List;

@RuleDefinition(
        id = "dev-server",
        title = "Container runs a development server",
        severity = Severity.CRITICAL,
        category = Category.SECURITY,
        checks = "The command the container finally runs (compose command/entrypoint over the target stage's"
                + " CMD/ENTRYPOINT; for a service that only pulls an image, its compose command, through sh -c, exec, init and package-manager wrappers, package.json scripts and deno.json(c) tasks):"
                + " Flask's app.run() reached through `python app.py` (the module is read), `flask run`, Django's"
                + " runserver, Flask-Script's Server (`python manage.py runserver` where manage.py builds its commands"
                + " with Flask-Script's Manager, or the name add_command gives a Server), `fastapi dev`, Gradio's reload mode (`gradio app.py`), uvicorn/gunicorn/hypercorn/granian with --reload, nodemon, node --watch, `deno run --watch` (or --watch-hmr),"
                + " `next dev`, vite, `ng serve`, react-scripts start, `vue-cli-service serve`, rails server in development, `php artisan serve`,"
                + " `php -S`, the Symfony CLI's `symfony serve`, Laravel Octane's `octane:start --watch` (high: a"
                + " file watcher that reloads the workers), Laravel's `php artisan queue:listen` (medium: a"
                + " worker that boots the framework for every job), `mvn spring-boot:run`/`gradle bootRun`, `go run`, Go file watchers (air, CompileDaemon, gow; high), `dotnet watch`, `dotnet run` (high), `cargo run` (high), a queue worker under a reloader (`dramatiq --watch`, watchdog's"
                + " `watchmedo auto-restart`; not in a development compose file) and `mix phx.server`"
                + " in the dev environment (MIX_ENV unset or dev). Also each program supervisord starts (its"
                + " [program:x] command=, from the configuration the image copies, when supervisord is the command or"
                + " the start script runs it), reported at the command= line, and each program a task runner starts:"
                + " the commands and `npm:` scripts of concurrently, the scripts npm-run-all's patterns name, the"
                + " Procfile processes of honcho and foreman, reported where each is written. Not for a dev container (the build or"
                + " compose service a devcontainer.json makes for developers to work in), nor for an image built from a"
                + " Dockerfile named for development or tests (Dockerfile.dev, Dockerfile.test, dev.Dockerfile) that no"
                + " production-named compose file, deployed-like service, Kubernetes manifest or pushing CI build runs. Low when a compose"
                + " command starts it in a development compose file (named for development, building development"
                + " targets, saying so in its opening comment, or mounting the whole build context over the image's"
                + " working directory, as `.:/app` does), and low too when the image itself runs it but is built only for"
                + " compose services that mount their whole build context over its working directory (Laravel Sail's"
                + " runtime image); a mount does not count where the service is deployed-like (restart: always or"
                + " unless-stopped, with a reverse proxy service or a host port 80 or 443 in its file). Low also when"
                + " the image is built only for services of compose files that declare themselves for development"
                + " (Sail's file, which sets LARAVEL_SAIL: 1; development build targets; an opening comment), with no"
                + " CI or task file building it and no Kubernetes manifest beside it; the image is the stage the"
                + " service builds, so a final production stage of the same Dockerfile does not count. A start script's if or case is"
                + " followed where the command"
                + " (CMD [\"web\"] for case \"$1\") or the image's environment decides it; where it depends on a variable"
                + " the image does not set, a development server on one of its ways is reported with that condition, high"
                + " at most, and low when the condition is a development switch (FLASK_DEBUG, ENV=development).",
        problem = "Development servers are built for one developer on one machine: a single process (Werkzeug,"
                + " runserver), code reloading that watches the file system, interactive debuggers and detailed error"
                + " pages, and for some tools a compilation at every start. Their own documentation says not to use"
                + " them in production.",
        impact = "The service handles one request at a time or a few, falls over under load, can expose a debugger"
                + " that executes code (Werkzeug's with debug on) or stack traces with settings, restarts when files"
                + " change, and starts slowly; security fixes of the production servers do not apply.",
        recommendation = "Run the application under its production server: gunicorn (Flask, Django) or uvicorn"
                + " (FastAPI, Starlette) with a worker count sized to the CPU limit; `node server.js` under an init;"
                + " a build stage and a static server for front-end bundles; a compiled binary or jar. Where app.run"
                + " serves HTTPS (Flask's ssl_context, Quart's certfile and keyfile), the server takes the same"
                + " certificate and key files (gunicorn's --certfile and --keyfile, uvicorn's --ssl-certfile and"
                + " --ssl-keyfile), so the port keeps speaking TLS; for ssl_context='adhoc' or an SSLContext the code"
                + " builds, the fix is not offered: a production server needs real certificate files, or TLS ended by"
                + " a proxy in front of it.",
        references = {
                "https://flask.palletsprojects.com/en/stable/deploying/",
                "https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver",
                "https://fastapi.tiangolo.com/deployment/manually/",
                "https://www.gradio.app/guides/developing-faster-with-reload-mode",
                "https://www.uvicorn.org/deployment/",
                "https://docs.gunicorn.org/en/stable/design.html#how-many-workers",
                "https://expressjs.com/en/advanced/best-practice-performance.html",
                "https://vite.dev/guide/cli.html#vite-preview",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir -r requirements.txt
                        ENV FLASK_APP=app.py
                        CMD ["flask", "run", "--host=0.0.0.0"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir -r requirements.txt
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """,
                alongside = {
                        @ExampleFile(name = "app.py", content = """
                        from flask import Flask

                        app = Flask(__name__)


                        @app.get("/health")
                        def health():
                            return "ok"
                        """),
                        @ExampleFile(name = "requirements.txt", content = """
                        flask==3.0.3
                        gunicorn==23.0.0
                        """)}))
public final class DevServer implements Rule {

    private static final String DEBUGGER = "the Werkzeug debugger executes arbitrary Python code from the browser,"
            + " guarded only by a PIN";

    @Override
    public void check(ReviewContext context) {
        for (Container container : context.project().containers()) {
            boolean built = container.build() != null && container.build().stage() != null;
            boolean composeCommand = container.service() != null
                    && (container.service().command() != null || container.service().entrypoint() != null);
            if (!built && !composeCommand || DevContainers.of(context, container).isPresent()
                    || DevelopmentDockerfiles.builds(context, container)) {
                continue; // a dev container, or an image built from Dockerfile.dev, is where developers run it
            }
            EntryPoint ep = container.entryPoint();
            EffectiveCommand command = container.command();
            if (ep == null || command == null) {
                continue;
            }
            if (workerReloader(context, container, command, ep, composeCommand)) {
                continue;
            }
            AppSource app = Apps.of(context, container);
            supervised(context, container);
            Found found = find(context, container, ep, app);
            if (found == null) {
                branch(context, container, command, ep, app);
                continue;
            }
            Origin at = origin(container, command, ep, found.token());
            String what = describe(command, ep);
            boolean developmentImage = !composeCommand && DevelopmentComposeFiles.developmentOnlyImage(context, container);
            boolean declaredDevelopment = !composeCommand && !developmentImage
                    && DevelopmentComposeFiles.builtOnlyForDeclaredDevelopment(context, container);
            String developmentFile = composeCommand && developmentStack(context, container) || developmentImage
                    || declaredDevelopment ? container.composeFile() : null;
            context.finding(this, at, what + " runs " + found.server() + found.where() + (developmentFile == null ? ""
                            : developmentImage ? developmentImage(developmentFile)
                            : declaredDevelopment ? declaredDevelopment(developmentFile)
                            : "; " + developmentFile + " is a development compose file, where a development server is"
                                    + " expected: this matters only if the file is used to deploy"))
                    .severity(developmentFile == null ? found.severity() : Severity.LOW)
                    .recommendation(withScript(recommendation(context, container, ep, app, found, null), ep))
                    .fix(developmentFile != null || ep.startedBy() != null ? null : StackFixes.devServer(context, container,
                                    found.effective() == null ? ep : found.effective())
                            .orElseGet(() -> productionServerFix(context, container, command, found, app)))
                    .add();
        }
    }

    /**
     * A development server the start script runs on a way that depends on what drydock can't tell (a variable the image
     * does not set): reported with that condition, high at most; low when the condition is a development switch
     * ({@code FLASK_DEBUG}, {@code ENV=development}), which production deployments leave off. One finding, for a way
     * that is not such a switch first.
     */
    private void branch(ReviewContext context, Container container, EffectiveCommand command, EntryPoint ep,
            AppSource app) {
        EntryPoint.Branch chosen = null;
        Found found = null;
        for (EntryPoint.Branch b : ep.branches()) {
            Found f = find(context, container, b.entryPoint(), app);
            if (f != null && (chosen == null || chosen.development() && !b.development())) {
                chosen = b;
                found = f;
            }
        }
        if (chosen == null) {
            return;
        }
        EntryPoint way = chosen.entryPoint();
        Severity severity = chosen.development() ? Severity.LOW
                : found.severity() == Severity.CRITICAL ? Severity.HIGH : found.severity();
        String script = way.startedBy() != null ? way.startedBy() : "the script";
        context.finding(this, origin(command, found.token()), describe(command, way) + " runs " + found.server()
                        + found.where() + " when " + chosen.when() + (chosen.development()
                        ? ": " + script + " keeps it behind a development switch, which matters only if the switch is on"
                                + " where the container is deployed"
                        : ": what decides it is not set in the image, so this way may be the one the container takes"))
                .severity(severity)
                .recommendation(chosen.development()
                        ? "Make sure the deployment leaves the switch off, or start the production server on every way"
                                + " through " + script + "."
                        : withScript(recommendation(context, container, way, app, found, null), way))
                .add();
    }

    /**
     * A queue worker under a development reloader: `dramatiq --watch DIR`, or watchdog's `watchmedo auto-restart`
     * around a worker (Celery dropped its own --autoreload in 4.0). Nothing in a development compose file.
     */
    private boolean workerReloader(ReviewContext context, Container container, EffectiveCommand command, EntryPoint ep,
            boolean composeCommand) {
        List<String> args = ep.args();
        if (ep.runtime() != Runtime.BINARY || args.isEmpty()) {
            return false;
        }
        String program = dev.drydock.core.discovery.PathNames.fileName(args.get(0));
        String token;
        String what;
        String watch = args.stream().filter(a -> a.equals("--watch") || a.startsWith("--watch=")).findFirst()
                .orElse(null);
        if (program.equals("dramatiq") && watch != null) {
            token = watch;
            what = "Dramatiq with --watch, its development reloader: it watches the source files for changes (through"
                    + " watchdog) and restarts every worker process when one changes";
        } else if (program.equals("watchmedo") && args.size() > 1 && args.get(1).equals("auto-restart")) {
            int dashes = args.indexOf("--");
            String inner = dashes > 0 && dashes + 1 < args.size() ? String.join(" ", args.subList(dashes + 1, args.size()))
                    : args.stream().skip(2).filter(a -> !a.startsWith("-")).reduce((a, b) -> b).orElse("its command");
            token = "auto-restart";
            what = "`" + inner + "` under watchdog's `watchmedo auto-restart`, a development reloader that kills and"
                    + " restarts it whenever a watched file changes";
        } else {
            return false;
        }
        if (composeCommand && developmentStack(context, container)) {
            return true; // reloading is what a development compose file asks for
        }
        context.finding(this, origin(command, token), describe(command, ep) + " runs " + what + ": code changes in a"
                        + " running container are not how a deployment ships code, each restart drops the tasks in"
                        + " flight, and the watcher polls the file system")
                .severity(Severity.MEDIUM)
                .recommendation(token.startsWith("--watch")
                        ? "Drop --watch (and its directory) from the production command; keep it in a development"
                                + " compose file."
                        : "Run the worker itself as the command (`" + String.join(" ", args.subList(
                                args.indexOf("--") > 0 ? args.indexOf("--") + 1 : args.size(), args.size()))
                                + "`); keep watchmedo in a development compose file.")
                .add();
        return true;
    }

    /** Development servers among the programs the container's supervisord starts, at their command= lines. */
    private void supervised(ReviewContext context, Container container) {
        for (Processes.Process process : Processes.supervised(container)) {
            AppSource app = Apps.of(context, container, process.program());
            Found found = find(context, container, process.entryPoint(), app);
            if (found != null) {
                boolean developmentImage = DevelopmentComposeFiles.developmentOnlyImage(context, container);
                boolean declaredDevelopment = !developmentImage
                        && DevelopmentComposeFiles.builtOnlyForDeclaredDevelopment(context, container);
                context.finding(this, process.origin(), process.label() + " runs " + found.server() + found.where()
                                + ": " + process.manager().displayName() + " starts it with the container"
                                + (process.manager().supervises() ? " and restarts it when it exits" : "")
                                + container.supervision().assumptions()
                                + (developmentImage ? developmentImage(container.composeFile())
                                        : declaredDevelopment ? declaredDevelopment(container.composeFile()) : ""))
                        .severity(developmentImage || declaredDevelopment ? Severity.LOW : found.severity())
                        .recommendation(supervisedRecommendation(recommendation(context, container, process.entryPoint(), app,
                                found, process), process))
                        .add();
            }
        }
    }

    private static String declaredDevelopment(String composeFile) {
        return "; the image is built only for " + composeFile + ", a development compose file, where a development"
                + " server is expected: this matters only if the image is deployed";
    }

    private static String developmentImage(String composeFile) {
        return "; the image is built only for " + composeFile + ", whose services mount the sources over its working"
                + " directory: a development stack, where a development server is expected; this matters only if the"
                + " image is deployed";
    }

    /**
     * Whether the service runs in a development stack: its compose file is one ({@link #developmentFile}), or it mounts
     * the whole source over the working directory and is not set up like a deployment; never in a file named for
     * production.
     */
    private static boolean developmentStack(ReviewContext context, Container container) {
        return !ComposeServices.namedForProduction(container.composeFile()) && (developmentFile(context, container)
                || DevelopmentComposeFiles.mountsWholeSourceOverWorkdir(context, container)
                        && !DevelopmentComposeFiles.deployedLike(context, container));
    }

    /**
     * Whether the container's compose file is meant for development by its name ({@code docker-compose.dev.yml}),
     * its build targets, its opening comment or another service that runs mounted sources from a development
     * stage or in development mode; the container's own development server is not taken as a sign here.
     */
    private static boolean developmentFile(ReviewContext context, Container container) {
        String file = container.composeFile();
        return file != null && (ComposeServices.isDevelopmentFile(file)
                || DevelopmentComposeFiles.declaredFiles(context).contains(file)
                || DevelopmentComposeFiles.developingOtherServices(context, container).contains(file));
    }

    /**
     * Whether the container runs a development server as this rule finds one, for rules that tell a development
     * setup from a production one.
     */
    public static boolean runsDevelopmentServer(ReviewContext context, Container container) {
        EntryPoint ep = container.entryPoint();
        if (ep == null || container.command() == null || container.build() == null || container.build().stage() == null) {
            return false;
        }
        return find(context, container, ep, Apps.of(context, container)) != null;
    }

    /** What was found: the server in words, where it is (for the message), the word that shows it, how bad it is. */
    private record Found(String server, String where, String token, Severity severity, EntryPoint effective) {}

    private static Found find(ReviewContext context, Container c, EntryPoint ep, AppSource app) {
        FlaskScriptServer flaskScript = FlaskScriptServer.of(context.project(), c, ep).orElse(null);
        if (flaskScript != null) {
            return found("Flask's development server (Werkzeug): "
                    + dev.drydock.core.discovery.PathNames.fileName(flaskScript.file()) + " builds its command line"
                    + " with Flask-Script's Manager, and its `" + flaskScript.command() + "` command is Flask-Script's"
                    + " Server, which runs app.run()", flaskScript.command());
        }
        if (ep.runtime() == Runtime.DJANGO_RUNSERVER && AppFacts.flaskManageScript(c, ep)) {
            return found("Flask's development server (Werkzeug): " + (ep.target().value() == null ? "manage.py"
                    : dev.drydock.core.discovery.PathNames.fileName(ep.target().value()))
                    + " is a Flask project's (its manifests declare Flask, not Django), whose runserver command"
                    + " (Flask-Script's, or Flask's `run` registered under that name) starts it", "runserver");
        }
        Found direct = ep.runtime() == Runtime.FLASK_RUN ? flaskRun(c, ep) : byRuntime(ep);
        if (direct != null) {
            return direct;
        }
        if (ep.runtime() == Runtime.DJANGO_MANAGE && "run".equals(ep.option("command")) && flaskCliScript(context, c)) {
            String debug = ep.environment().get("FLASK_DEBUG");
            return found("Flask's development server (the `run` command of Flask's CLI, which "
                    + ep.target().value() + " builds with FlaskGroup; Werkzeug)"
                    + (SwitchValues.on(debug)
                            ? " in debug mode (FLASK_DEBUG=" + debug + "): " + DEBUGGER : ""), "run");
        }
        if (ep.runtime() == Runtime.PYTHON && (ep.target().kind() == Target.Kind.FILE
                || ep.target().kind() == Target.Kind.MODULE)) {
            ServerCall call = app.devServer().orElse(null);
            if (call != null) {
                boolean debug = "True".equals(call.debug());
                return new Found(call.server() + (debug ? " with debug=True (" + DEBUGGER + ")" : ""), ": " + call.call()
                        + " in " + call.file() + " line " + call.line(), ep.target().value(), Severity.CRITICAL, ep);
            }
        }
        NodePackage script = PackageScripts.of(context, c, ep).orElse(null);
        if (script != null) {
            Found inner = byRuntime(script.entryPoint());
            if (inner != null) {
                return new Found(inner.server(), ": the " + (ep.runtime() == Runtime.DENO_TASK ? "task" : "script")
                        + " \"" + script.name() + "\" is `" + script.command() + "` (" + script.packageFile() + " line "
                        + script.span().startLine() + ")", ep.target().value(), inner.severity(), script.entryPoint());
            }
        }
        return null;
    }

    /**
     * Whether the script the command runs (a manage.py read as Django's) builds Flask's command line with
     * {@code flask.cli.FlaskGroup}, whose {@code run} command is {@code flask run}.
     */
    private static boolean flaskCliScript(ReviewContext context, Container c) {
        SourceSet files = SourceSet.of(context.project(), c);
        return c.entryFiles().stream().anyMatch(f -> PythonModuleView.of(files, f)
                .map(m -> m.importedAs("flask.cli", "FlaskGroup") != null).orElse(false));
    }

    /**
     * {@code flask run}, in debug mode with --debug, a true FLASK_DEBUG, or FLASK_ENV=development unless the project
     * asks for Flask 2.3 or later, which no longer reads FLASK_ENV.
     */
    private static Found flaskRun(Container c, EntryPoint ep) {
        boolean fromFlaskEnv = "FLASK_ENV".equals(ep.option("debug-from"));
        String debug = !ep.flag("debug") || fromFlaskEnv && ignoresFlaskEnv(c) ? null
                : fromFlaskEnv ? "FLASK_ENV=development, which Flask before 2.3 reads as debug mode"
                : ep.environment().containsKey("FLASK_DEBUG") ? "FLASK_DEBUG=" + ep.environment().get("FLASK_DEBUG")
                : "--debug";
        return found("Flask's development server (`flask run`, Werkzeug)"
                + (debug == null ? "" : " in debug mode (" + debug + "): " + DEBUGGER), "run");
    }

    /** Whether every declaration of Flask in the container's manifests asks for 2.3 or later. */
    private static boolean ignoresFlaskEnv(Container c) {
        List<Dependency> flask = AppFacts.dependencies(c, Ecosystem.PYPI, List.of("flask"));
        Pep440Version since = Pep440Version.parse("2.3").orElseThrow();
        return !flask.isEmpty() && flask.stream().allMatch(d -> DeprecatedEnv.lowerBound(d.constraint())
                .filter(v -> v.compareTo(since) >= 0).isPresent());
    }

    /** A development server by the program and its options alone. */
    private static Found byRuntime(EntryPoint ep) {
        String target = ep.target().value() == null ? "" : ep.target().value();
        return switch (ep.runtime()) {
            case FLASK_RUN -> found("Flask's development server (`flask run`, Werkzeug)", "run");
            case DJANGO_RUNSERVER -> found("Django's development server (runserver)", "runserver");
            case FASTAPI_DEV -> found("FastAPI's development mode (`fastapi dev`: uvicorn with auto-reload)", "dev");
            case NODEMON -> found("nodemon, which restarts the app whenever a file changes", "nodemon");
            case NEXT_DEV -> found("Next.js's development server (`next dev`)", "dev");
            case VITE_DEV -> found("Vite's development server", "vite");
            case VITE_PREVIEW -> found("`vite preview`, which Vite documents as not meant for production", "preview");
            case NG_SERVE -> found("the Angular CLI's development server (`ng serve`)", "serve");
            case REACT_SCRIPTS_START -> found("Create React App's development server (`react-scripts start`)", "start");
            case VUE_CLI_SERVE -> found("Vue CLI's development server (`vue-cli-service serve`)", "serve");
            case ARTISAN_SERVE -> found("PHP's built-in development server (`php artisan serve`)", "serve");
            case PHP_BUILTIN_SERVER -> found("PHP's built-in development server (`php -S`)", "-S");
            case LARAVEL_OCTANE -> ep.flag("watch")
                    ? new Found("Laravel Octane with --watch, its development file watcher: a Node.js process watches"
                            + " the application's files and reloads every worker when one changes", "", "--watch",
                            Severity.HIGH, ep)
                    : null;
            case ARTISAN_COMMAND -> "queue:listen".equals(ep.option("command"))
                    ? new Found("`php artisan queue:listen`, Laravel's development worker, which boots the application"
                            + " again for every job (Laravel documents it as much less efficient than queue:work)", "",
                            "queue:listen", Severity.MEDIUM, ep)
                    : null;
            case BINARY -> symfonyServer(ep);
            case SPRING_BOOT_RUN -> new Found("the application from its sources with the build tool"
                    + " (`spring-boot:run`/`bootRun`): Maven or Gradle and the sources in the image, a build at every start",
                    "", "spring-boot:run", Severity.HIGH, ep);
            case GO_RUN -> new Found("the Go compiler (`go run`): the toolchain in the image, a compilation at every start",
                    "", "run", Severity.HIGH, ep);
            case GO_WATCH -> {
                String watcher = ep.args().get(0).substring(ep.args().get(0).lastIndexOf('/') + 1);
                yield new Found("the Go file watcher " + watcher + ", which builds the program at every start and"
                        + " rebuilds and restarts it whenever a source file changes: the Go toolchain and the sources"
                        + " in the image", "", ep.args().get(0), Severity.HIGH, ep);
            }
            case RAILS_SERVER -> {
                String env = ep.option("environment");
                yield env == null || env.equals("development") ? found("Rails in the development environment ("
                        + (env == null ? "no RAILS_ENV set" : "RAILS_ENV=development")
                        + "): code reloading, full error pages", "server") : null;
            }
            case DOTNET_WATCH -> found("`dotnet watch`, the SDK's file watcher: a build at every start, and a rebuild"
                    + " and restart whenever a source file changes", "watch");
            case DOTNET_RUN -> {
                String configuration = ep.option("configuration");
                boolean debug = configuration == null || configuration.equalsIgnoreCase("debug");
                yield new Found("the application from its sources with the .NET SDK, which restores and builds the"
                        + " project at every start"
                        + (debug ? (configuration == null ? " in the Debug configuration (no -c Release)" : " in the Debug configuration")
                                + ": unoptimised code, the SDK and the sources in the image"
                                : ": the SDK and the sources in the image"),
                        "", "run", Severity.HIGH, ep);
            }
            case CARGO_RUN -> {
                String profile = ep.option("profile");
                yield new Found("`cargo run`, which compiles the crate at every start"
                        + (profile == null ? " with the dev profile (no --release): an unoptimised debug build, and"
                                : " (" + profile + " profile):")
                        + " the Rust toolchain, the sources and target/ in the image", "", "run", Severity.HIGH, ep);
            }
            case MIX_PHX_SERVER -> {
                String env = ep.option("environment");
                yield env == null || env.equals("dev") ? found("Phoenix in the dev environment ("
                        + (env == null ? "no MIX_ENV set, so Mix uses dev" : "MIX_ENV=dev")
                        + "): code reloading and debug error pages, as the generated config/dev.exs sets them",
                        "phx.server") : null;
            }
            case GUNICORN, UVICORN, HYPERCORN, GRANIAN, DAPHNE ->
                ep.flag("reload") ? found(ep.runtime().name().toLowerCase(java.util.Locale.ROOT)
                        + " with --reload (a file watcher that restarts the server)", "--reload")
                        : ep.flag("debug") ? found(ep.runtime().name().toLowerCase(java.util.Locale.ROOT) + " with --debug", "--debug")
                        : null;
            case PYTHON -> gradioReload(ep) ? found("Gradio's reload mode (`gradio " + target + "`): it watches the"
                    + " app's folder and reruns the app whenever a file there changes", "gradio") : null;
            case NODE, TS_NODE, BUN -> "true".equals(ep.interpreterOptions().get("--watch"))
                    || "true".equals(ep.interpreterOptions().get("--hot"))
                    ? found((ep.runtime() == Runtime.NODE ? "node" : target) + " in watch mode, which restarts on file changes",
                            "--watch") : null;
            case DENO -> "true".equals(ep.interpreterOptions().get("--watch"))
                    ? found("`deno " + ep.option("command") + "` in watch mode ("
                            + (ep.interpreterOptions().containsKey("--watch-hmr") ? "--watch-hmr" : "--watch")
                            + "), which restarts the program whenever a file changes", "--watch") : null;
            default -> null;
        };
    }

    /** A deno command without its watch flags, as the program itself: {@code deno run --allow-net main.ts}. */
    private static List<String> withoutWatch(List<String> args) {
        List<String> kept = new java.util.ArrayList<>(List.of("deno"));
        args.stream().skip(1).filter(a -> !a.equals("--watch") && !a.startsWith("--watch=") && !a.startsWith("--watch-")
                && !a.equals("--hmr")).forEach(kept::add);
        return kept;
    }

    /** The Symfony CLI's local web server ({@code symfony serve}, {@code symfony server:start}), for development only. */
    private static Found symfonyServer(EntryPoint ep) {
        List<String> args = ep.args();
        return args.size() > 1 && dev.drydock.core.discovery.PathNames.fileName(args.get(0)).equals("symfony")
                && SYMFONY_SERVE.contains(args.get(1))
                ? found("the Symfony CLI's local web server (`symfony " + args.get(1) + "`), which Symfony"
                        + " documents for development only", args.get(1))
                : null;
    }

    private static final java.util.Set<String> SYMFONY_SERVE = java.util.Set.of("serve", "server:start",
            "local:server:start");

    private static Found found(String server, String token) {
        return new Found(server, "", token, Severity.CRITICAL, null);
    }

    /** The origin of the part of the command that holds {@code token}: CMD when it is there, else ENTRYPOINT. */
    /**
     * Where the finding goes: as {@link #origin(EffectiveCommand, String)}, except that a compose command the image's
     * entry-point script turns into another program (`command: dev_server` choosing a branch of its case) is the line
     * that picks the development server, not the image's ENTRYPOINT.
     */
    private static Origin origin(Container c, EffectiveCommand command, EntryPoint ep, String token) {
        Origin cmd = command.cmdOrigin();
        if (cmd != null && !command.cmd().isEmpty() && !command.entrypoint().isEmpty() && c.build() != null
                && !cmd.file().equals(c.build().dockerfile()) && !ep.args().equals(command.argv())) {
            return cmd;
        }
        return origin(command, token);
    }

    private static Origin origin(EffectiveCommand command, String token) {
        if (command.cmdOrigin() != null && !command.cmd().isEmpty()
                && (command.entrypoint().isEmpty() || command.cmd().stream().anyMatch(a -> a.contains(token)))) {
            return command.cmdOrigin();
        }
        return command.origin() != null ? command.origin() : command.cmdOrigin();
    }

    /**
     * The command as written, or, when the entry-point script never reads the command it is given, the program the
     * script starts itself.
     */
    private static String describe(EffectiveCommand command, EntryPoint ep) {
        if (ep.commandIgnoredBy() != null) {
            return "the entry-point script " + ep.commandIgnoredBy() + " never reads the "
                    + (command.cmd().isEmpty() ? "command" : "command `" + ShortText.of(String.join(" ", command.cmd()), 60) + "`")
                    + " it is given and starts `" + ShortText.of(String.join(" ", ep.args().stream().map(DevServer::quoted).toList()), 70)
                    + "` itself, which";
        }
        String text = command.shellForm() && command.script() != null ? command.script()
                // a base image's own ENTRYPOINT (Deno's tini and entry script) is no part of what the project wrote
                : String.join(" ", (command.inheritsEntrypoint() ? ep.args() : command.argv()).stream()
                        .map(DevServer::quoted).toList());
        if (text.length() > 80) {
            text = text.substring(0, 77) + "...";
        }
        if (ep.startedBy() != null) {
            return "`" + text + "`" + (text.equals(ep.startedBy()) ? "" : " starts the script " + ep.startedBy()
                    + ", which") + " runs `" + ShortText.of(String.join(" ", ep.args().stream().map(DevServer::quoted)
                    .toList()), 70) + "`, which";
        }
        return "`" + text + "`";
    }

    /** The recommendation, told where the change goes when a script starts the server, unless it says so already. */
    private static String withScript(String recommendation, EntryPoint ep) {
        return ep.commandIgnoredBy() == null && ep.startedBy() != null
                && recommendation.contains("final command of " + ep.startedBy()) ? recommendation
                : recommendation + ignoredCommand(ep);
    }

    /** Where the change goes when the development server is what an entry-point script starts in place of the command. */
    private static String ignoredCommand(EntryPoint ep) {
        if (ep.commandIgnoredBy() == null) {
            return ep.startedBy() == null ? "" : " " + ep.startedBy() + " starts the server: change its final command.";
        }
        return " " + ep.commandIgnoredBy() + " starts the server itself: change its"
                + " final command, or end it with `exec \"$@\"` so that it runs the command it is given.";
    }

    /** An argument as a shell would need it written: in double quotes when it holds a space or a shell operator. */
    private static String quoted(String arg) {
        return arg.isEmpty() || arg.chars().anyMatch(ch -> " \t&|;<>()$`'".indexOf(ch) >= 0)
                ? "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : arg;
    }

    // ---- fix

    /**
     * The fix that serves a Python application with a production server, command and requirement together, when the
     * container runs a development server drydock can replace; null otherwise. production-server-missing offers it
     * too, since adding the server to the manifest alone changes nothing the container runs.
     */
    static Fix pythonServerFix(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        EffectiveCommand command = c.command();
        if (ep == null || command == null || c.build() == null || c.build().stage() == null) {
            return null;
        }
        AppSource app = Apps.of(context, c);
        Found found = find(context, c, ep, app);
        return found == null ? null : productionServerFix(context, c, command, found, app);
    }

    /** Python development servers the fix replaces. */
    private static final java.util.Set<Runtime> PYTHON_DEV_SERVERS = java.util.EnumSet.of(Runtime.PYTHON, Runtime.FLASK_RUN,
            Runtime.DJANGO_RUNSERVER, Runtime.FASTAPI_DEV, Runtime.UVICORN, Runtime.GUNICORN);

    /**
     * The Dockerfile's CMD replaced by the production server command (and the server added to the
     * manifest when it is not declared), for a Python development server started by the CMD of the
     * image's own final stage, with no compose command in the way and no ENTRYPOINT, or one of the same stage that
     * only names the interpreter (it goes, since the server is the program).
     */
    private static Fix productionServerFix(ReviewContext context, Container c, EffectiveCommand command, Found found,
            AppSource app) {
        EntryPoint ep = c.entryPoint();
        if (found.effective() != null && found.effective() != ep || !PYTHON_DEV_SERVERS.contains(ep.runtime())
                || c.build() == null || c.build().stage() == null || c.build().model() == null
                || c.service() != null && (c.service().command() != null || c.service().entrypoint() != null)
                || command.cmdOrigin() == null || !command.cmdOrigin().file().equals(c.build().dockerfile())) {
            return null;
        }
        Instruction cmd = ownInstruction(c, InstructionKind.CMD, command.cmdOrigin());
        Instruction interpreter = command.entrypoint().isEmpty() ? null
                : ownInstruction(c, InstructionKind.ENTRYPOINT, command.entrypointOrigin());
        ProductionCommand server = ProductionCommand.of(context, c, app);
        ImageContents image = ImageContents.of(c);
        if (image != null && image.python2() && !image.has("python3").orElse(false)) {
            return null; // the servers' current releases need Python 3
        }
        if (cmd == null || server.placeholder() || server.codeLine() != null || server.tlsUnportable() != null
                || !command.entrypoint().isEmpty()
                && (interpreter == null || !isBareInterpreter(command.entrypoint()) || inheritedWithOwnCmd(c))) {
            return null;
        }
        List<TextEdit> edits = new java.util.ArrayList<>();
        if (interpreter != null) {
            var file = c.build().model().syntax().file();
            edits.add(SourceEdits.deleteLines(file, file.position(interpreter.span().start()).line(), interpreter.endLine()));
        }
        edits.add(TextEdit.replace(c.build().dockerfile(), cmd.span(), "CMD " + Probes.json(server.argv())));
        String added = "";
        if (!server.declared()) {
            var distribution = ServerRequirement.fromDistribution(c, server.server());
            var requirement = distribution.or(() -> ServerRequirement.add(context.project(), c, server.requirement()));
            if (requirement.isEmpty()) {
                return null;
            }
            edits.add(requirement.get());
            added = distribution.isPresent()
                    ? " (the package " + ServerRequirement.distributionPackage(c, server.server()) + ")"
                    : " (" + server.requirement() + ")";
        }
        if (server.server().equals("gunicorn")) {
            gracefulStopSignal(c).ifPresent(edits::add);
        }
        return Fix.of("serve with " + server.server() + added, FixSafety.UNSAFE, edits).restructuring();
    }

    /**
     * The compose stop_signal set back to SIGTERM when it is SIGINT or SIGQUIT (what Flask's development
     * server needed): gunicorn stops at once on those and lets requests finish only on SIGTERM.
     */
    private static java.util.Optional<TextEdit> gracefulStopSignal(Container c) {
        if (c.service() == null || c.service().stopSignal() == null) {
            return java.util.Optional.empty();
        }
        return StopSignals.of(c).filter(StopSignals::quickShutdownForGunicorn).flatMap(w -> StopSignals.toSigterm(c));
    }

    private static final java.util.regex.Pattern PYTHON = java.util.regex.Pattern.compile("(.*/)?python(\\d+(\\.\\d+)?)?");

    /** An ENTRYPOINT that names only the interpreter (["python3"]), leaving the script to CMD. */
    private static boolean isBareInterpreter(List<String> entrypoint) {
        return entrypoint.size() == 1 && PYTHON.matcher(entrypoint.get(0)).matches();
    }

    /**
     * Whether a stage built on the final stage sets a CMD of its own under the inherited ENTRYPOINT (CMD ["app.py",
     * "--debug"] after ENTRYPOINT ["python3"]): without the ENTRYPOINT it would run its script as a program.
     */
    private static boolean inheritedWithOwnCmd(Container c) {
        DockerfileModel model = c.build().model();
        Stage target = c.build().stage();
        for (Stage stage : model.stages()) {
            List<Stage> chain = Stages.lineage(model, stage);
            int at = chain.indexOf(target);
            if (at > 0 && chain.subList(0, at).stream().noneMatch(s -> sets(s, InstructionKind.ENTRYPOINT))
                    && chain.subList(0, at).stream().anyMatch(s -> sets(s, InstructionKind.CMD))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sets(Stage stage, InstructionKind kind) {
        return stage.steps().stream().anyMatch(step -> step.instruction().kind() == kind);
    }

    /** The instruction of {@code kind} the final stage itself writes at {@code origin}, or null (inherited). */
    private static Instruction ownInstruction(Container c, InstructionKind kind, Origin origin) {
        Instruction own = WrittenInstructions.ownAt(c, origin);
        return own != null && own.kind() == kind ? own : null;
    }

    // ---- recommendation

    private static String recommendation(ReviewContext context, Container c, EntryPoint ep, AppSource app, Found found,
            Processes.Process process) {
        EntryPoint effective = found.effective() == null ? ep : found.effective();
        int port = AppFacts.port(context, c, app);
        Runtime runtime = effective.runtime();
        String script = effective.target().value() == null ? "server.js" : effective.target().value();
        if (effective != ep && PackageScripts.RUNNERS.contains(ep.runtime())) {
            // a script of another folder's package.json (npm --prefix api run dev) names its files from there
            String file = script;
            script = PackageScripts.movedTo(context, c, ep)
                    .map(m -> dev.drydock.core.discovery.PathNames.normalizeRelative(
                            dev.drydock.core.discovery.PathNames.join(m, file))).orElse(script);
        }
        if (runtime == Runtime.ARTISAN_COMMAND && found.token().equals("queue:listen")) {
            return "Run `php artisan queue:work` instead (with --max-jobs or --max-time if the worker should restart"
                    + " now and then), and run `php artisan queue:restart` on each deployment so the workers load the"
                    + " new code.";
        }
        if (runtime == Runtime.LARAVEL_OCTANE) {
            return "Drop --watch from the production command: Octane already serves the application; deploy new code"
                    + " as a new image (or run `php artisan octane:reload` after a deployment), and keep --watch for"
                    + " local development.";
        }
        if (runtime == Runtime.BINARY && SYMFONY_SERVE.contains(found.token())) {
            return "Serve the application with PHP-FPM behind nginx or Caddy, or with FrankenPHP (as"
                    + " dunglas/symfony-docker does); keep `symfony serve` for local development.";
        }
        switch (runtime) {
            case TS_NODE -> {
                String js = "dist/" + script.replaceAll("^(\\./)?(src/)?", "").replaceAll("\\.(ts|mts|cts|tsx)$", ".js");
                return "Compile the TypeScript in a build stage (`tsc`) and run the output with node under an init that"
                        + " forwards signals: CMD " + Probes.json(List.of("node", js)) + " with `init: true` in compose (or"
                        + " tini as ENTRYPOINT); keep the watcher for local development.";
            }
            case NODEMON, NODE -> {
                return process != null ? "Run the server with node itself: " + start(ep, process, "CMD", List.of("node", script))
                        + "; keep nodemon/--watch for local development."
                        : "Run the server with node itself, under an init that forwards signals: CMD "
                                + Probes.json(List.of("node", script)) + " with `init: true` in compose (or tini as"
                                + " ENTRYPOINT); keep nodemon/--watch for local development.";
            }
            case BUN -> {
                return "Run the file with bun itself, without --watch or --hot: CMD " + Probes.json(List.of("bun", script))
                        + "; keep watch mode for local development.";
            }
            case DENO -> {
                return "Run it without the watcher: CMD " + Probes.json(withoutWatch(effective.args()))
                        + ", with its dependencies cached at build time (RUN deno cache " + script
                        + "); keep --watch for local development.";
            }
            case NEXT_DEV -> {
                return "Build in a build stage (`next build`, with output: 'standalone') and run the result: CMD "
                        + Probes.json(List.of("node", "server.js")) + " from .next/standalone, or `next start`, on port " + port + ".";
            }
            case VITE_DEV, VITE_PREVIEW, NG_SERVE, REACT_SCRIPTS_START, VUE_CLI_SERVE -> {
                String build = switch (runtime) {
                    case NG_SERVE -> "ng build";
                    case VUE_CLI_SERVE -> "vue-cli-service build";
                    case REACT_SCRIPTS_START -> "react-scripts build";
                    default -> "vite build";
                };
                return "Build the bundle in a build stage (`" + build + "`) and serve the static output from a web server"
                        + " image (e.g. COPY --from=build /app/dist /usr/share/nginx/html on nginx), not from the"
                        + " development tool.";
            }
            case SPRING_BOOT_RUN -> {
                return "Build the jar in a build stage (`mvn -DskipTests package` or `gradle bootJar`) and run it on a"
                        + " JRE image: CMD " + Probes.json(List.of("java", "-jar", "/app/app.jar")) + ".";
            }
            case GO_RUN, GO_WATCH -> {
                return "Compile in a build stage (`CGO_ENABLED=0 go build -o /out/app .`) and copy only the binary into a"
                        + " small runtime image (gcr.io/distroless/static or alpine): CMD " + Probes.json(List.of("/app")) + ".";
            }
            case ARTISAN_SERVE, PHP_BUILTIN_SERVER -> {
                return "Serve PHP with PHP-FPM behind nginx, with FrankenPHP, or with Laravel Octane (`php artisan"
                        + " octane:start --host=0.0.0.0 --port=" + port + "`).";
            }
            case DOTNET_WATCH -> {
                return dotnetPublish(context, c, "dotnet watch");
            }
            case DOTNET_RUN -> {
                return dotnetPublish(context, c, "dotnet run");
            }
            case CARGO_RUN -> {
                return "Compile in a build stage (`cargo build --release --locked`) and copy only the binary from"
                        + " target/release/ into a small runtime image (debian:bookworm-slim or gcr.io/distroless/cc-debian12):"
                        + " run it directly as the CMD instead of through Cargo.";
            }
            case MIX_PHX_SERVER -> {
                return "Build a release in a build stage (MIX_ENV=prod, `mix release`) and run it on a small runtime image:"
                        + " " + start(ep, process, "CMD", List.of("/app/bin/server")) + " (`mix phx.gen.release --docker` writes both);"
                        + " at the least set ENV MIX_ENV=prod.";
            }
            case RAILS_SERVER -> {
                return "Run Rails in production: ENV RAILS_ENV=production (with assets precompiled in the build), so"
                        + " `rails server` starts Puma with production settings.";
            }
            case PYTHON -> {
                if (gradioReload(effective)) {
                    return gradio(effective, app, port, process);
                }
                return python(context, c, app, process);
            }
            default -> {
                return python(context, c, app, process);
            }
        }
    }

    /** {@code gradio app.py}: Gradio's reload mode ({@code reloader=gradio}). */
    private static boolean gradioReload(EntryPoint ep) {
        return "gradio".equals(ep.option("reloader"));
    }

    /**
     * Run the app's script with Python, its launch() binding every interface: the gradio command keeps its own options
     * and passes the others to the script (older releases refuse them), so --server_name and --server_port never
     * reach launch().
     */
    private static String gradio(EntryPoint ep, AppSource app, int port, Processes.Process process) {
        String script = ep.target().value();
        String demo = app.serverCalls().stream().filter(call -> call.server().startsWith("Gradio"))
                .map(call -> call.call().contains(".launch(") ? call.call().substring(0, call.call().indexOf(".launch("))
                        : null)
                .filter(java.util.Objects::nonNull).findFirst().orElse("demo");
        boolean cliServerOptions = ep.args().stream().anyMatch(a -> a.startsWith("--server"));
        return "Run the app with Python itself: " + start(ep, process, "CMD", List.of("python", script)) + ", with "
                + demo + ".launch(server_name=\"0.0.0.0\", server_port=" + port + ") in " + script
                + " (or ENV GRADIO_SERVER_NAME=0.0.0.0 and GRADIO_SERVER_PORT=" + port + ")"
                + (cliServerOptions ? "; the gradio command does not pass --server_name or --server_port to launch():"
                        + " it hands options it does not know to the script (older releases refuse them)" : "")
                + "; keep `gradio " + script + "` for local development.";
    }

    private static String python(ReviewContext context, Container c, AppSource app, Processes.Process process) {
        ProductionCommand server = ProductionCommand.of(context, c, app);
        StringBuilder out = new StringBuilder("Serve the application with " + server.server() + ": "
                + start(c.entryPoint(), process, "CMD", server.argv()));
        out.append(" (").append(server.server().equals("waitress") ? "threads" : "workers").append(": ")
                .append(server.basis()).append(")");
        if (server.placeholder() && server.argv().get(server.argv().size() - 1).startsWith("<module>")) {
            out.append(", <module>:<app> being the module and the variable that hold the Flask application (app ="
                    + " create_app() in a wsgi.py, for an application factory), which manage.py does not show");
        } else if (server.placeholder()) {
            out.append(", <project> being the package that holds settings.py and wsgi.py (drydock found no wsgi.py in the build context)");
        }
        out.append('.');
        tls(server, AppFacts.port(context, c, app)).ifPresent(out::append);
        if (server.codeLine() != null) {
            ServerCall call = app.devServer().orElseThrow();
            String target = server.argv().get(server.argv().size() - 1);
            out.append(" Dash's WSGI application is the Flask server it wraps, not the Dash object: add `")
                    .append(server.codeLine()).append("` to ").append(call.file()).append(" after the Dash object is")
                    .append(" created, so that gunicorn finds ").append(target).append('.');
        }
        if (!server.declared()) {
            String manifest = AppFacts.manifest(c, Ecosystem.PYPI).map(m -> m.file()).orElse("the requirements");
            out.append(" Add ").append(server.requirement()).append(" to ").append(manifest).append('.');
        }
        List<MemoryLimitTooLow.MlPackage> heavy = MemoryLimitTooLow.mlPackages(c);
        if (!heavy.isEmpty() && !server.server().equals("waitress") && !server.basis().contains("each process loads")) {
            out.append(" Each worker is a process that loads ")
                    .append(AppFacts.and(heavy.stream().map(MemoryLimitTooLow.MlPackage::name).toList()))
                    .append(" on its own: size the memory limit for the workers it runs.");
        }
        if (app.devServer().isPresent() && app.devServer().get().mainOnly()) {
            ServerCall call = app.devServer().get();
            out.append(" The server imports ").append(call.file()).append(" as a module, so the ")
                    .append(call.call().contains("(") ? call.call().substring(0, call.call().indexOf('(')) : "run")
                    .append("(...) under `if __name__ == \"__main__\":` no longer runs.");
        }
        return out.toString();
    }

    /**
     * What becomes of the development server's TLS under the production server: kept with the same certificate files,
     * or, when the code names none drydock can read, why the certificate options are placeholders and no fix is
     * written.
     */
    static java.util.Optional<String> tls(ProductionCommand server, int port) {
        if (server.tls() == null) {
            return java.util.Optional.empty();
        }
        if (server.tlsUnportable() == null) {
            return java.util.Optional.of(" The development server takes only TLS on port " + port + " ("
                    + server.tls().because() + "): the command keeps HTTPS there with the same certificate and key"
                    + " files.");
        }
        return java.util.Optional.of(" The development server takes only TLS on port " + port + ", but "
                + server.tlsUnportable() + ": a production server needs real certificate and key files ("
                + ProductionCommand.CERTIFICATE_PLACEHOLDER + " and " + ProductionCommand.KEY_PLACEHOLDER
                + ", from the image or a mounted secret), or TLS ended by a proxy in front of it, with the two options"
                + " dropped and the health check probing plain HTTP; drydock writes no fix for that choice.");
    }

    /** A recommendation for a supervised program, told where the change goes when it names no command= line. */
    private static String supervisedRecommendation(String recommendation, Processes.Process process) {
        return recommendation.contains(process.manager().commandLine("")) ? recommendation
                : recommendation + " " + process.manager().whereToChange();
    }

    /**
     * How to write a start command: the image's {@code CMD [...]} (or ENTRYPOINT), the {@code command=} line of the
     * supervisord program that runs the server, or the last line of the script the command starts.
     */
    static String start(EntryPoint ep, Processes.Process process, String instruction, List<String> argv) {
        String line = String.join(" ", argv.stream().map(DevServer::quoted).toList());
        if (process != null) {
            return process.manager().commandLine(line) + " in " + process.label();
        }
        return ep != null && ep.startedBy() != null ? "`exec " + line + "` as the final command of " + ep.startedBy()
                : instruction + " " + Probes.json(argv);
    }

    /** Publish the .NET project and run the assembly on the runtime image, keeping {@code devCommand} for development. */
    private static String dotnetPublish(ReviewContext context, Container c, String devCommand) {
        DotnetAssemblies.Assembly assembly = DotnetAssemblies.of(context, c).orElse(null);
        String image = assembly == null ? "mcr.microsoft.com/dotnet/aspnet" : assembly.runtimeImage();
        String dll = assembly == null ? "App.dll" : assembly.dll();
        return "Publish in a build stage (`dotnet publish -c Release -o /app/publish /p:UseAppHost=false`) and"
                + " run the output on the " + image + " image: COPY --from=build /app/publish ., then ENTRYPOINT "
                + Probes.json(List.of("dotnet", dll)) + (assembly == null ? " (App.dll being the project's"
                        + " assembly)" : " (the assembly " + assembly.project() + " builds)")
                + "; keep `" + devCommand + "` for local development.";
    }
}
