package dev.drydock.core.rules.app;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.GunicornSettings;
import java.util.Set;

@RuleDefinition(
        id = "socketio-worker-mismatch",
        title = "Flask-SocketIO app served by gunicorn with several workers or the sync worker",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Containers whose command starts gunicorn for a Flask application whose code creates Flask-SocketIO's"
                + " server (`SocketIO(app)`, `SocketIO()` imported from flask_socketio): more than one worker (-w,"
                + " --workers, GUNICORN_CMD_ARGS, workers in the configuration file, WEB_CONCURRENCY), whatever the worker class and even with a message"
                + " queue; or, with one worker, gunicorn's default sync worker without --threads, which is none of the"
                + " setups Flask-SocketIO documents (eventlet, gevent, geventwebsocket's worker, or threads with"
                + " simple-websocket). The worker class and threads are read with gunicorn's precedence (command line,"
                + " GUNICORN_CMD_ARGS, the -c file or gunicorn.conf.py); they are not judged when a configuration file"
                + " drydock cannot read, or one that computes them, may set them."
                + " `socketio.run(app)` without gunicorn is not this rule's concern.",
        problem = "A Socket.IO client makes several HTTP requests (the long-polling handshake, then the upgrade to"
                + " WebSocket) that must reach the same server process, which keeps the session in memory. Gunicorn"
                + " hands each request to whichever worker accepts it, with no sticky sessions, so with several workers"
                + " the requests of one client land on different processes; the sync worker serves one request at a"
                + " time, and a long-polling request or a WebSocket holds it.",
        impact = "Clients fail to connect or keep reconnecting (400 errors for unknown session ids), and broadcasts"
                + " reach only the clients of one worker; with the sync worker, one connected client blocks the app.",
        recommendation = "Run one worker of a class Flask-SocketIO supports: `gunicorn -k eventlet -w 1 module:app`,"
                + " `-k gevent -w 1`, or `-w 1 --threads 100` with simple-websocket installed; to use more processes,"
                + " run several single-worker servers behind a load balancer with sticky sessions (nginx ip_hash) and"
                + " give SocketIO a message_queue.",
        references = {
                "https://flask-socketio.readthedocs.io/en/latest/deployment.html#gunicorn-web-server",
                "https://flask-socketio.readthedocs.io/en/latest/deployment.html#using-multiple-workers",
                "https://docs.gunicorn.org/en/stable/settings.html#worker-class"},
        aliases = {},
        fix = FixSafety.NONE,
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /srv
                        RUN pip install --no-cache-dir flask==3.1.0 flask-socketio==5.4.1 gunicorn==23.0.0 eventlet==0.37.0
                        COPY app.py .
                        USER 10001
                        CMD ["gunicorn", "-w", "4", "--bind", "0.0.0.0:8000", "app:app"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /srv
                        RUN pip install --no-cache-dir flask==3.1.0 flask-socketio==5.4.1 gunicorn==23.0.0 eventlet==0.37.0
                        COPY app.py .
                        USER 10001
                        CMD ["gunicorn", "-k", "eventlet", "-w", "1", "--bind", "0.0.0.0:8000", "app:app"]
                        """,
                alongside = @ExampleFile(name = "app.py", content = """
                        from flask import Flask
                        from flask_socketio import SocketIO

                        app = Flask(__name__)
                        socketio = SocketIO(app)


                        @socketio.on("message")
                        def echo(data):
                            socketio.emit("message", data)
                        """)))
public final class SocketIOWorkerMismatch implements Rule {

    /** Worker classes Flask-SocketIO runs on (greenlet based: its long-lived requests do not hold a process). */
    private static final Set<String> ASYNC_WORKERS = Set.of("eventlet", "gevent",
            "geventwebsocket.gunicorn.workers.GeventWebSocketWorker", "gevent_wsgi", "gevent_pywsgi");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EntryPoint ep = c.entryPoint();
            if (ep == null || ep.runtime() != Runtime.GUNICORN) {
                continue;
            }
            AppSource app = Apps.of(context, c);
            AppSource.SettingLine socketIO = app.flaskSocketIO().orElse(null);
            if (socketIO == null) {
                continue;
            }
            GunicornSettings settings = GunicornSettings.of(context, c);
            Reason reason = reason(settings);
            if (reason == null || c.command() == null || c.command().origin() == null) {
                continue;
            }
            Location location = reason.where() != null ? reason.where()
                    : new Location(c.command().origin().file(), c.command().origin().span());
            context.finding(this, location, "The Flask-SocketIO app (SocketIO created at " + socketIO.file()
                            + " line " + socketIO.line() + ") runs under gunicorn " + reason.words())
                    .recommendation("Start gunicorn with one worker of a class Flask-SocketIO supports, e.g. `gunicorn -k"
                            + " eventlet -w 1 " + ep.target().value() + "` (or `-w 1 --threads 100` with simple-websocket"
                            + " installed); for more processes, run several single-worker containers behind a load balancer"
                            + " with sticky sessions and give SocketIO a message_queue.")
                    .add();
        }
    }

    /** Why the workers do not suit Flask-SocketIO, and the configuration-file line that says so (else null). */
    private record Reason(String words, Location where) {}

    /** Why the workers do not suit Flask-SocketIO, null when they do or cannot be told. */
    private static Reason reason(GunicornSettings settings) {
        GunicornSettings.Value workers = settings.get("workers").orElse(null);
        Integer count = workers == null ? null : workers.integer();
        if (count != null && count > 1) {
            String from = workers.source() == GunicornSettings.Source.COMMAND_LINE ? "" : " (" + workers.describe() + ")";
            return new Reason("with " + count + " workers" + from + ": gunicorn spreads one client's requests over them"
                    + " without sticky sessions, so the Socket.IO handshake and its later requests reach processes that"
                    + " do not know the session (clients fail with 400 errors and reconnect), and a message queue does"
                    + " not change that", inConfigFile(workers));
        }
        GunicornSettings.Value workerClass = settings.get("worker_class").orElse(null);
        GunicornSettings.Value threads = settings.get("threads").orElse(null);
        if (workerClass == null || threads == null || workerClass.computed() || threads.computed()) {
            return null;
        }
        Integer threadCount = threads.integer();
        if ((workerClass.value() == null || workerClass.value().equals("sync")) && (threadCount == null || threadCount <= 1)) {
            String from = workerClass.source() == GunicornSettings.Source.DEFAULT ? ""
                    : " (" + workerClass.describe() + ")";
            return new Reason("with gunicorn's sync worker" + from + ", which serves one request at a time: a client's"
                    + " long-polling request or WebSocket holds the only worker, and other clients wait",
                    inConfigFile(workerClass));
        }
        return null;
    }

    private static Location inConfigFile(GunicornSettings.Value value) {
        return value.source() == GunicornSettings.Source.CONFIG_FILE ? value.location() : null;
    }
}
