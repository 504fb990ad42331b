package dev.drydock.core.rules.app;

import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.DevContainers;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.LockFile;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.Servers;
import dev.drydock.core.rules.support.SystemPythonPackages;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "production-server-missing",
        title = "No production server among the dependencies",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Python: a WSGI or ASGI framework (Flask, Django, Bottle, Pyramid, Falcon, FastAPI, Starlette, Quart,"
                + " Litestar) among the runtime dependencies of the container's manifests, and no production server"
                + " (gunicorn, uvicorn, waitress, hypercorn, granian, daphne, uWSGI, bjoern, meinheld, cheroot) declared,"
                + " brought by an extra (fastapi[standard], or extras = [\"all\"] in a Poetry or Pipenv table) or installed by a pip/uv/poetry line of the Dockerfile."
                + " Ruby: a Rack framework (Rails, Sinatra, Hanami, Roda, Grape) in the Gemfile with no Puma, Unicorn,"
                + " Passenger, Falcon, Thin, Iodine, Pitchfork or Agoo. Node, Go and the JVM serve HTTP in production"
                + " with their own runtime or an embedded server, so nothing is required there. Quiet when the"
                + " command already starts a production server or a non-web process (celery, a management command;"
                + " through a start script, the way its if or case takes, or when that can't be told, a production"
                + " server on one of its ways or non-web processes on all),"
                + " and on base images that ship a server and start the application with it (tiangolo/uvicorn-gunicorn,"
                + " tiangolo/meinheld-gunicorn, tiangolo/uwsgi-nginx and their -fastapi/-flask variants)."
                + " A dev container, where the developer starts the application, is left alone. Also a command (or the"
                + " start script it runs) that starts gunicorn, uvicorn, hypercorn, waitress, daphne or granian for"
                + " such a framework when nothing installs a Python production server by the same tests: the program"
                + " is missing and the container cannot start.",
        problem = "Python web frameworks only define the application: in production a WSGI/ASGI server runs it with"
                + " worker processes, timeouts and graceful restarts. Without one among the dependencies the image"
                + " can only start the framework's development server.",
        impact = "The image cannot be switched to a production server without rebuilding it; in practice it keeps"
                + " running the development server (see dev-server).",
        recommendation = "Declare the server next to the framework (gunicorn for Flask and Django, uvicorn[standard]"
                + " for FastAPI and Starlette), pinned like the other dependencies, and start the application with it."
                + " The fix does both, as dev-server's does, keeping the certificate and key files of a development"
                + " server that serves HTTPS; where drydock cannot replace the command (it does not"
                + " run a development server it knows, the application object is unknown, or the development server's"
                + " TLS has no certificate files to hand over: ssl_context='adhoc' or an SSLContext the code builds) it"
                + " offers none, since a server only added to the manifest is never started.",
        references = {
                "https://flask.palletsprojects.com/en/stable/deploying/",
                "https://docs.djangoproject.com/en/stable/howto/deployment/wsgi/gunicorn/",
                "https://fastapi.tiangolo.com/deployment/manually/",
                "https://docs.gunicorn.org/en/stable/deploy.html",
                "https://guides.rubyonrails.org/configuring.html#configuring-puma"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "15 min",
        examples = @RuleExample(
                file = "requirements.txt",
                bad = """
                        flask==3.0.3
                        """,
                good = """
                        flask==3.0.3
                        gunicorn==23.0.0
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir -r requirements.txt
                        CMD ["python", "app.py"]
                        """),
                        @ExampleFile(name = "app.py", content = """
                        from flask import Flask

                        app = Flask(__name__)


                        @app.get("/health")
                        def health():
                            return "ok"
                        """)}))
public final class ProductionServerMissing implements Rule {

    /** Commands that already run a production server, or no web server at all. */
    private static final Set<Runtime> NOT_A_DEV_WEB_COMMAND = EnumSet.of(Runtime.GUNICORN, Runtime.UVICORN,
            Runtime.HYPERCORN, Runtime.WAITRESS, Runtime.DAPHNE, Runtime.GRANIAN, Runtime.CELERY, Runtime.STREAMLIT,
            Runtime.FLASK_COMMAND, Runtime.DJANGO_MANAGE, Runtime.PUMA, Runtime.UNICORN, Runtime.RAILS_COMMAND,
            Runtime.SUPERVISORD);

    /** The production servers among {@link #NOT_A_DEV_WEB_COMMAND}. */
    private static final Set<Runtime> PRODUCTION_SERVERS = EnumSet.of(Runtime.GUNICORN, Runtime.UVICORN,
            Runtime.HYPERCORN, Runtime.WAITRESS, Runtime.DAPHNE, Runtime.GRANIAN, Runtime.PUMA, Runtime.UNICORN);

    /** The Python production servers a command may start, by the package that provides them. */
    private static final Map<Runtime, String> PYTHON_SERVER_COMMANDS = Map.of(Runtime.GUNICORN, "gunicorn",
            Runtime.UVICORN, "uvicorn", Runtime.HYPERCORN, "hypercorn", Runtime.WAITRESS, "waitress",
            Runtime.DAPHNE, "daphne", Runtime.GRANIAN, "granian");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            if (DevContainers.of(context, c).isPresent()) {
                continue; // a dev container runs the application under whatever the developer starts
            }
            EntryPoint ep = c.entryPoint();
            boolean managed = ep != null && ep.runtime() == Runtime.SUPERVISORD || c.supervision() != null;
            if (managed && (c.supervision() == null
                    || Processes.supervised(c).stream().anyMatch(p -> NOT_A_DEV_WEB_COMMAND.contains(p.entryPoint().runtime())
                            || AppFacts.runsServer(p.entryPoint()) && !p.entryPoint().development()))) {
                continue; // the process manager runs a production server, or programs drydock could not read
            }
            Runtime started = ep == null ? null : AppFacts.startScript(context, c)
                    .map(script -> script.started().runtime()).orElse(ep.runtime());
            if (!managed && started != null && PYTHON_SERVER_COMMANDS.containsKey(started)) {
                serverNotInstalled(context, c, PYTHON_SERVER_COMMANDS.get(started));
                continue;
            }
            if (ep != null && ep.runtime() != Runtime.SUPERVISORD && NOT_A_DEV_WEB_COMMAND.contains(ep.runtime()) || AppFacts.startScript(context, c)
                    .filter(script -> NOT_A_DEV_WEB_COMMAND.contains(script.started().runtime())).isPresent()) {
                continue;
            }
            if (ep != null && !ep.branches().isEmpty() && (ep.branches().stream()
                    .anyMatch(b -> PRODUCTION_SERVERS.contains(b.entryPoint().runtime()))
                    || ep.branches().stream().allMatch(b -> NOT_A_DEV_WEB_COMMAND.contains(b.entryPoint().runtime())))) {
                continue; // a way through the start script runs a production server, or none runs a web server
            }
            python(context, c);
            ruby(context, c);
        }
    }

    /**
     * The command starts {@code server}, but no manifest declares a Python production server, no dependency brings one
     * and the image installs none: the program is not there when the container starts.
     */
    private void serverNotInstalled(ReviewContext context, Container c, String server) {
        List<String> frameworkNames = new ArrayList<>(Servers.WSGI_FRAMEWORKS);
        frameworkNames.addAll(Servers.ASGI_FRAMEWORKS);
        List<Dependency> frameworks = AppFacts.dependencies(c, Ecosystem.PYPI, frameworkNames);
        if (frameworks.isEmpty() || serverInstalled(context, c)) {
            return;
        }
        Dependency framework = frameworks.get(0);
        Manifest manifest = manifestOf(c, framework);
        context.finding(this, new Location(manifest.file(), framework.span()),
                "the command of " + c.name() + " starts " + server + ", but " + manifest.file() + " does not declare it,"
                        + " no dependency brings it and the Dockerfile does not install it: the container exits at"
                        + " once with \"" + server + ": not found\" (or \"executable file not found in $PATH\")")
                .recommendation("Add " + server + " with the version you test with (" + server + "==<version>) to "
                        + manifest.file() + lockTool(manifest) + " and rebuild the image.")
                .add();
    }

    /** Whether a manifest, a dependency's extra, the base image or an install line of the Dockerfile gives a server. */
    private static boolean serverInstalled(ReviewContext context, Container c) {
        if (!Servers.pythonServers(c).isEmpty() || Servers.onServerImage(c)) {
            return true;
        }
        for (Manifest m : c.manifests()) {
            for (Dependency d : m.runtimeDependencies()) {
                if (Servers.bringsServer(context.project(), m.file(), d)) {
                    return true;
                }
            }
        }
        ImageContents image = ImageContents.of(c);
        return image != null && Servers.PYTHON_SERVERS.stream().anyMatch(s -> image.pythonPackage(s).isPresent())
                || SystemPythonPackages.first(c, Servers.PYTHON_SERVERS).isPresent();
    }

    private void python(ReviewContext context, Container c) {
        List<String> frameworkNames = new ArrayList<>(Servers.WSGI_FRAMEWORKS);
        frameworkNames.addAll(Servers.ASGI_FRAMEWORKS);
        List<Dependency> frameworks = AppFacts.dependencies(c, Ecosystem.PYPI, frameworkNames);
        if (frameworks.isEmpty() || !Servers.pythonServers(c).isEmpty() || Servers.onServerImage(c)) {
            return;
        }
        for (Manifest m : c.manifests()) {
            for (Dependency d : m.runtimeDependencies()) {
                if (Servers.bringsServer(context.project(), m.file(), d)) {
                    return;
                }
            }
        }
        ImageContents image = ImageContents.of(c);
        if (image != null && Servers.PYTHON_SERVERS.stream().anyMatch(s -> image.pythonPackage(s).isPresent())
                || SystemPythonPackages.first(c, Servers.PYTHON_SERVERS).isPresent()) {
            return;
        }
        Dependency framework = frameworks.get(0);
        Manifest manifest = manifestOf(c, framework);
        boolean asgi = Servers.ASGI_FRAMEWORKS.contains(framework.normalizedName());
        AppSource app = Apps.of(context, c);
        ProductionCommand command = ProductionCommand.of(context, c, app);
        String server = command.requirement();
        context.finding(this, new Location(manifest.file(), framework.span()),
                framework.name() + " is a" + (asgi ? "n ASGI" : " WSGI") + " framework, and " + manifest.file()
                        + " declares no production server to run it (" + (asgi ? "uvicorn, hypercorn, granian, daphne"
                        : "gunicorn, waitress, uWSGI") + "), nor does the Dockerfile install one")
                .implicit()
                .recommendation("Add " + server + " to " + manifest.file() + lockTool(manifest) + " and start the application with it: "
                        + DevServer.start(c.entryPoint(), Processes.supervised(c).stream().findFirst().orElse(null), "CMD",
                                command.argv()) + "."
                        + (command.codeLine() == null ? "" : " Add `" + command.codeLine() + "` after the Dash object is"
                                + " created: gunicorn loads Dash's Flask server, not the Dash object.")
                        + DevServer.tls(command, AppFacts.port(context, c, app)).orElse(""))
                .fix(DevServer.pythonServerFix(context, c))
                .add();
    }

    /** How to add the server so that the lock file beside the manifest follows, when there is one. */
    private static String lockTool(Manifest manifest) {
        for (LockFile lock : manifest.lockFiles()) {
            String tool = switch (lock) {
                case UV_LOCK -> "uv add";
                case POETRY_LOCK -> "poetry add";
                case PDM_LOCK -> "pdm add";
                default -> null;
            };
            if (tool != null) {
                return " with `" + tool + "` (which updates " + lock.fileName() + " too: the install from the lock"
                        + " file would not match an edited manifest)";
            }
        }
        return "";
    }

    private void ruby(ReviewContext context, Container c) {
        List<Dependency> frameworks = AppFacts.dependencies(c, Ecosystem.RUBYGEMS, Servers.RUBY_FRAMEWORKS);
        if (frameworks.isEmpty() || !AppFacts.dependencies(c, Ecosystem.RUBYGEMS, Servers.RUBY_SERVERS).isEmpty()) {
            return;
        }
        Dependency framework = frameworks.get(0);
        Manifest manifest = manifestOf(c, framework);
        context.finding(this, new Location(manifest.file(), framework.span()),
                framework.name() + " is a Rack framework, and " + manifest.file()
                        + " declares no production server (puma, unicorn, passenger, falcon)")
                .implicit()
                .recommendation("Add gem \"puma\" to " + manifest.file() + " and start it with its config"
                        + " (`bundle exec puma -C config/puma.rb`), with RAILS_ENV/RACK_ENV=production.")
                .add();
    }

    private static Manifest manifestOf(Container c, Dependency d) {
        return c.manifests().stream().filter(m -> m.dependencies().contains(d)).findFirst().orElse(c.manifests().get(0));
    }
}
