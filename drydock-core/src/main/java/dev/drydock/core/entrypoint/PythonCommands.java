package dev.drydock.core.entrypoint;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.shell.ShellWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Python programs: the interpreter itself, WSGI/ASGI servers, Flask, Django, FastAPI, Streamlit, Celery. */
final class PythonCommands {

    private PythonCommands() {}

    /** Python modules that are programs drydock recognises ({@code python -m X}). */
    private static final Map<String, String> PYTHON_MODULE_PROGRAMS = Map.ofEntries(
            Map.entry("gunicorn", "gunicorn"), Map.entry("uvicorn", "uvicorn"), Map.entry("hypercorn", "hypercorn"),
            Map.entry("waitress", "waitress-serve"), Map.entry("daphne", "daphne"), Map.entry("granian", "granian"),
            Map.entry("flask", "flask"), Map.entry("celery", "celery"), Map.entry("streamlit", "streamlit"),
            Map.entry("django", "django-admin"), Map.entry("fastapi", "fastapi"));

    static final OptionSpec GUNICORN = OptionSpec.of("-b|--bind=", "-w|--workers=", "-k|--worker-class=",
            "--threads=", "-t|--timeout=", "--graceful-timeout=", "--keep-alive=", "-c|--config=", "--chdir=",
            "--pythonpath=", "--reload", "--reload-engine=", "--reload-extra-file=", "--preload", "--max-requests=",
            "--max-requests-jitter=", "--access-logfile=", "--access-logformat=", "--error-logfile|--log-file=",
            "--log-level=", "--log-config=", "--capture-output", "-e|--env=", "-p|--pid=", "-u|--user=", "-g|--group=",
            "-m|--umask=", "-D|--daemon", "--worker-connections=", "--worker-tmp-dir=", "--forwarded-allow-ips=",
            "--proxy-allow-from=", "--limit-request-line=", "--limit-request-fields=", "--limit-request-field_size=",
            "--certfile=", "--keyfile=", "--ca-certs=", "--paste=", "-n|--name=", "--statsd-host=", "--statsd-prefix=",
            "--backlog=", "--check-config", "--print-config", "--spew", "--initgroups", "--reuse-port", "--no-sendfile",
            "--enable-stdio-inheritance", "--log-syslog", "--log-syslog-to=", "--proxy-protocol", "--strip-header-spaces",
            "--dogstatsd-tags=", "--ssl-version=", "--cert-reqs=", "--ciphers=", "--do-handshake-on-connect",
            "--suppress-ragged-eofs", "--disable-redirect-access-to-syslog", "--log-syslog-prefix=", "--log-syslog-facility=");
    private static final OptionSpec UVICORN = OptionSpec.of("--host=", "--port=", "--uds=", "--fd=", "--reload",
            "--reload-dir=", "--reload-include=", "--reload-exclude=", "--reload-delay=", "--workers=", "--loop=",
            "--http=", "--ws=", "--ws-max-size=", "--ws-max-queue=", "--ws-ping-interval=", "--ws-ping-timeout=",
            "--ws-per-message-deflate=", "--lifespan=", "--interface=", "--env-file=", "--log-config=", "--log-level=",
            "--access-log", "--use-colors", "--proxy-headers", "--server-header", "--date-header",
            "--forwarded-allow-ips=", "--root-path=", "--limit-concurrency=", "--backlog=", "--limit-max-requests=",
            "--timeout-keep-alive=", "--timeout-graceful-shutdown=", "--ssl-keyfile=", "--ssl-certfile=",
            "--ssl-keyfile-password=", "--ssl-version=", "--ssl-cert-reqs=", "--ssl-ca-certs=", "--ssl-ciphers=",
            "--header=", "--app-dir=", "--h11-max-incomplete-event-size=", "--factory", "--version");
    static final OptionSpec HYPERCORN = OptionSpec.of("-b|--bind=", "--insecure-bind=", "--quic-bind=",
            "-w|--workers=", "-k|--worker-class=", "-c|--config=", "--reload", "--graceful-timeout=", "--keep-alive=",
            "--read-timeout=", "--max-requests=", "--max-requests-jitter=", "--access-logfile=", "--access-logformat=",
            "--error-logfile|--log-file=", "--log-level=", "--log-config=", "--root-path=", "--certfile=", "--keyfile=",
            "--ca-certs=", "--ciphers=", "--debug", "-u|--user=", "-g|--group=", "-m|--umask=", "-p|--pid=",
            "--backlog=", "--websocket-ping-interval=", "--server-name=", "--statsd-host=", "--statsd-prefix=",
            "--verify-mode=");
    static final OptionSpec WAITRESS = OptionSpec.of("--host=", "--port=", "--listen=", "--unix-socket=",
            "--unix-socket-perms=", "--threads=", "--call", "--url-scheme=", "--url-prefix=", "--ident=", "--backlog=",
            "--connection-limit=", "--channel-timeout=", "--cleanup-interval=", "--trusted-proxy=",
            "--trusted-proxy-count=", "--trusted-proxy-headers=", "--max-request-body-size=",
            "--max-request-header-size=", "--asyncore-use-poll", "--expose-tracebacks", "--ipv4", "--ipv6",
            "--recv-bytes=", "--send-bytes=", "--outbuf-overflow=", "--outbuf-high-watermark=", "--inbuf-overflow=",
            "--log-socket-errors", "--clear-untrusted-proxy-headers", "--asyncore-loop-timeout=", "--channel-request-lookahead=");
    static final OptionSpec DAPHNE = OptionSpec.of("-b|--bind=", "-p|--port=", "-u|--unix-socket=", "--fd=",
            "-e|--endpoint=", "-v|--verbosity=", "-t|--http-timeout=", "--access-log=", "--log-fmt=",
            "--ping-interval=", "--ping-timeout=", "--application-close-timeout=", "--root-path=", "--proxy-headers",
            "--proxy-headers-host=", "--proxy-headers-port=", "-s|--server-name=", "--no-server-name",
            "--websocket_timeout=", "--websocket_connect_timeout=", "--asgi-protocol=");
    private static final OptionSpec GRANIAN = OptionSpec.of("--interface=", "--host=", "--port=", "--workers=",
            "--threads=", "--blocking-threads=", "--runtime-threads=", "--runtime-mode=", "--loop=", "--http=",
            "--ws", "--reload", "--log-level=", "--log", "--backlog=", "--factory", "--working-dir=", "--access-log",
            "--ssl-keyfile=", "--ssl-certificate=", "--url-path-prefix=", "--respawn-failed-workers",
            "--workers-lifetime=", "--workers-kill-timeout=", "--process-name=", "--pid-file=", "--backpressure=");
    private static final OptionSpec FLASK_GLOBAL = OptionSpec.of("-A|--app=", "-e|--env-file=", "--debug", "--version");
    private static final OptionSpec FLASK_RUN = OptionSpec.of("-h|--host=", "-p|--port=", "--cert=", "--key=",
            "--reload", "--debugger", "--with-threads", "--without-threads", "--extra-files=", "--exclude-patterns=",
            "--debug", "-A|--app=");
    private static final OptionSpec DJANGO = OptionSpec.of("--settings=", "--pythonpath=", "--noreload",
            "--nothreading", "--insecure", "--nostatic", "-6|--ipv6", "-v|--verbosity=", "--traceback", "--no-color",
            "--force-color", "--skip-checks", "--noinput|--no-input");
    private static final OptionSpec FASTAPI = OptionSpec.of("--host=", "--port=", "--reload", "--workers=",
            "--root-path=", "--proxy-headers", "--forwarded-allow-ips=", "--app=", "-e|--entrypoint=");
    private static final OptionSpec CELERY = OptionSpec.of("-A|--app=", "-b|--broker=", "--result-backend=",
            "--loader=", "--config=", "--workdir=", "-q|--quiet", "-C|--no-color", "-l|--loglevel=",
            "-c|--concurrency=", "-P|--pool=", "-Q|--queues=", "-X|--exclude-queues=", "-B|--beat",
            "-E|--task-events", "-n|--hostname=", "--autoscale=", "--max-tasks-per-child=", "--max-memory-per-child=",
            "-O=", "--prefetch-multiplier=", "-s|--schedule=", "--pidfile=", "-f|--logfile=", "--uid=", "--gid=",
            "-D|--detach", "--without-heartbeat", "--without-gossip", "--without-mingle", "-S|--scheduler=",
            "--port=", "--address=", "--time-limit=", "--soft-time-limit=");

    static EntryPoint python(CommandReader r, List<String> argv) {
        int i = 1;
        String module = null;
        String code = null;
        String script = null;
        outer:
        while (i < argv.size()) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                script = i + 1 < argv.size() ? argv.get(i + 1) : null;
                i += 2;
                break;
            }
            if (arg.equals("-") || !arg.startsWith("-")) {
                script = arg.equals("-") ? null : arg;
                i++;
                break;
            }
            if (arg.startsWith("--")) {
                if (arg.equals("--check-hash-based-pycs") && i + 1 < argv.size()) {
                    r.interpreter.put(arg, argv.get(++i));
                } else {
                    r.interpreter.put(arg, "true");
                }
                i++;
                continue;
            }
            for (int c = 1; c < arg.length(); c++) {
                char letter = arg.charAt(c);
                if (letter == 'm' || letter == 'c' || letter == 'X' || letter == 'W') {
                    String value = c + 1 < arg.length() ? arg.substring(c + 1) : i + 1 < argv.size() ? argv.get(++i) : "";
                    i++;
                    if (letter == 'm') {
                        module = value;
                        break outer;
                    }
                    if (letter == 'c') {
                        code = value;
                        break outer;
                    }
                    OptionSpec.put(r.interpreter, "-" + letter, value);
                    continue outer;
                }
                r.interpreter.put("-" + letter, "true");
            }
            i++;
        }
        List<String> rest = argv.subList(Math.min(i, argv.size()), argv.size());
        if (module != null) {
            String program = PYTHON_MODULE_PROGRAMS.get(module);
            if (program != null) {
                r.wrappers.add(new Wrapper("python -m", List.of(module)));
                List<String> next = new ArrayList<>();
                next.add(program);
                next.addAll(rest);
                return r.recognize(program, next);
            }
            List<String> path = searchPath(r, r.workdir, List.of());
            String file = module.replace('.', '/');
            List<String> files = new ArrayList<>();
            for (String dir : path) {
                files.add(PathNames.normalizeAbsolute(dir, file + ".py"));
                files.add(PathNames.normalizeAbsolute(dir, file + "/__main__.py"));
            }
            return r.done(Runtime.PYTHON, Target.module(module), Map.of(), argv, path, files);
        }
        if (code != null) {
            return r.done(Runtime.PYTHON, Target.code(code), Map.of(), argv, searchPath(r, r.workdir, List.of()), List.of());
        }
        if (script == null) {
            return r.done(Runtime.PYTHON, Target.NONE, Map.of(), argv);
        }
        if (CommandReader.base(script).equals("manage.py")) {
            return django(r, argv, script, rest);
        }
        String path = r.abs(script);
        return r.done(Runtime.PYTHON, Target.file(script, path), Map.of(), argv, searchPath(r, PathNames.parent(path), List.of()), List.of(path));
    }

    /** sys.path as the program will see it: its first folder, extra folders, then PYTHONPATH. */
    private static List<String> searchPath(CommandReader r, String first, List<String> extra) {
        List<String> path = new ArrayList<>();
        path.add(first);
        for (String dir : extra) {
            add(path, PathNames.normalizeAbsolute(first, dir));
        }
        String pythonPath = r.env.get("PYTHONPATH");
        if (pythonPath != null) {
            for (String dir : pythonPath.split(":")) {
                if (!dir.isEmpty()) {
                    add(path, PathNames.normalizeAbsolute(r.workdir, dir));
                }
            }
        }
        return path;
    }

    private static void add(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    /**
     * A WSGI/ASGI application spec: {@code module:attr}, {@code module}, {@code path/to/file.py},
     * {@code pkg.mod:create_app()}.
     */
    private static Target app(CommandReader r, String spec, String defaultAttribute, String base) {
        if (spec == null || spec.isEmpty()) {
            return Target.NONE;
        }
        int paren = spec.indexOf('(');
        int colon = spec.lastIndexOf(':', paren < 0 ? spec.length() : paren);
        String module = colon < 0 ? spec : spec.substring(0, colon);
        String attribute = colon < 0 ? defaultAttribute : spec.substring(colon + 1);
        if (module.endsWith(".py") || module.contains("/")) {
            String path = PathNames.normalizeAbsolute(base, module.endsWith(".py") ? module : module + ".py");
            String name = PathNames.fileName(path);
            return Target.app(spec, path, name.substring(0, name.length() - 3), attribute);
        }
        return Target.app(spec, null, module, attribute);
    }

    private static List<String> moduleFiles(CommandReader r, Target target, List<String> path) {
        if (target.path() != null) {
            return List.of(target.path());
        }
        if (target.module() == null) {
            return List.of();
        }
        String file = target.module().replace('.', '/');
        List<String> files = new ArrayList<>();
        for (String dir : path) {
            files.add(PathNames.normalizeAbsolute(dir, file + ".py"));
            files.add(PathNames.normalizeAbsolute(dir, file + "/__init__.py"));
        }
        return files;
    }

    static EntryPoint gunicorn(CommandReader r, List<String> argv) {
        List<String> rest = argv.subList(1, argv.size());
        Map<String, String> options = new LinkedHashMap<>();
        r.fromEnv(options, "WEB_CONCURRENCY", "workers");
        String cmdArgs = r.env.get("GUNICORN_CMD_ARGS");
        if (cmdArgs != null) {
            options.putAll(GUNICORN.parse(ShellWords.split(cmdArgs), false).options());
        }
        OptionSpec.Parsed parsed = GUNICORN.parse(rest, false);
        options.putAll(parsed.options());
        String chdir = options.containsKey("chdir") ? r.abs(options.get("chdir")) : r.workdir;
        List<String> path = searchPath(r, chdir, CommandReader.split(options.get("pythonpath")));
        String spec = parsed.positionals().isEmpty() ? null : parsed.positionals().get(0);
        Target target = app(r, spec, "application", chdir);
        if (spec == null) {
            r.notes.add("gunicorn names no application here: a config file may (wsgi_app)");
        }
        if (!options.containsKey("config")) {
            r.notes.add("gunicorn also reads " + PathNames.normalizeAbsolute(chdir, "gunicorn.conf.py") + " when it exists");
        }
        return r.done(Runtime.GUNICORN, target, options, argv, path, moduleFiles(r, target, path));
    }

    static EntryPoint uvicorn(CommandReader r, List<String> argv) {
        Map<String, String> options = new LinkedHashMap<>();
        r.fromEnv(options, "WEB_CONCURRENCY", "workers");
        r.prefixedEnv(options, "UVICORN_", UVICORN);
        OptionSpec.Parsed parsed = UVICORN.parse(argv.subList(1, argv.size()), false);
        options.putAll(parsed.options());
        String appDir = r.abs(options.getOrDefault("app-dir", "."));
        List<String> path = searchPath(r, appDir, List.of());
        String spec = parsed.positionals().isEmpty() ? r.env.get("UVICORN_APP") : parsed.positionals().get(0);
        Target target = app(r, spec, null, appDir);
        return r.done(Runtime.UVICORN, target, options, argv, path, moduleFiles(r, target, path));
    }

    static EntryPoint pythonServer(CommandReader r, Runtime runtime, OptionSpec spec, List<String> argv, String defaultAttribute) {
        OptionSpec.Parsed parsed = spec.parse(argv.subList(1, argv.size()), false);
        List<String> path = searchPath(r, r.workdir, List.of());
        Target target = app(r, parsed.positionals().isEmpty() ? null : parsed.positionals().get(0), defaultAttribute, r.workdir);
        return r.done(runtime, target, parsed.options(), argv, path, moduleFiles(r, target, path));
    }

    static EntryPoint granian(CommandReader r, List<String> argv) {
        Map<String, String> options = new LinkedHashMap<>();
        r.prefixedEnv(options, "GRANIAN_", GRANIAN);
        OptionSpec.Parsed parsed = GRANIAN.parse(argv.subList(1, argv.size()), false);
        options.putAll(parsed.options());
        String dir = r.abs(options.getOrDefault("working-dir", "."));
        List<String> path = searchPath(r, dir, List.of());
        Target target = app(r, parsed.positionals().isEmpty() ? null : parsed.positionals().get(0), "app", dir);
        return r.done(Runtime.GRANIAN, target, options, argv, path, moduleFiles(r, target, path));
    }

    static EntryPoint flask(CommandReader r, List<String> argv) {
        List<String> rest = argv.subList(1, argv.size());
        OptionSpec.Parsed global = FLASK_GLOBAL.parse(rest, true);
        String command = global.positionals().isEmpty() ? "" : global.positionals().get(0);
        List<String> commandArgs = global.positionals().isEmpty() ? List.of() : global.positionals().subList(1, global.positionals().size());
        Map<String, String> options = new LinkedHashMap<>();
        String debug = r.env.get("FLASK_DEBUG");
        if (debug != null) {
            options.put("debug", CommandReader.truthy(debug) ? "true" : "false");
        } else if ("development".equals(r.env.get("FLASK_ENV"))) {
            options.put("debug", "true");
            options.put("debug-from", "FLASK_ENV"); // read by Flask before 2.3 only
        }
        if (command.equals("run")) {
            r.prefixedEnv(options, "FLASK_RUN_", FLASK_RUN);
        }
        options.putAll(global.options());
        OptionSpec.Parsed run = FLASK_RUN.parse(commandArgs, false);
        options.putAll(run.options());
        if (global.options().containsKey("debug") || run.options().containsKey("debug")) {
            options.remove("debug-from");
        }
        String appSpec = options.containsKey("app") ? options.get("app") : r.env.get("FLASK_APP");
        List<String> path = searchPath(r, r.workdir, List.of());
        Target target;
        List<String> files;
        if (appSpec != null) {
            target = app(r, appSpec, null, r.workdir);
            files = moduleFiles(r, target, path);
        } else {
            target = Target.NONE;
            files = List.of(PathNames.normalizeAbsolute(r.workdir, "wsgi.py"), PathNames.normalizeAbsolute(r.workdir, "app.py"));
            r.notes.add("no --app nor FLASK_APP: Flask looks for wsgi.py, then app.py, in " + r.workdir);
        }
        if (!command.equals("run")) {
            options.put("command", command);
            return r.done(Runtime.FLASK_COMMAND, target, options, argv, path, files);
        }
        return r.done(Runtime.FLASK_RUN, target, options, argv, path, files);
    }

    static EntryPoint django(CommandReader r, List<String> argv, String manage, List<String> rest) {
        OptionSpec.Parsed parsed = DJANGO.parse(rest, false);
        Map<String, String> options = new LinkedHashMap<>();
        r.fromEnv(options, "DJANGO_SETTINGS_MODULE", "settings");
        options.putAll(parsed.options());
        String command = parsed.positionals().isEmpty() ? "" : parsed.positionals().get(0);
        options.put("command", command);
        boolean runserver = command.startsWith("runserver");
        if (runserver && parsed.positionals().size() > 1) {
            options.put("addrport", parsed.positionals().get(1));
        }
        if ("true".equals(options.remove("noreload"))) {
            options.put("reload", "false");
        }
        String path = manage == null ? null : r.abs(manage);
        List<String> search = searchPath(r, path == null ? r.workdir : PathNames.parent(path), CommandReader.split(options.get("pythonpath")));
        Target target = path == null ? Target.NONE : Target.file(manage, path);
        return r.done(runserver ? Runtime.DJANGO_RUNSERVER : Runtime.DJANGO_MANAGE, target, options, argv, search,
                path == null ? List.of() : List.of(path));
    }

    static EntryPoint fastapi(CommandReader r, List<String> argv) {
        List<String> rest = argv.subList(1, argv.size());
        String command = rest.isEmpty() ? "" : rest.get(0);
        OptionSpec.Parsed parsed = FASTAPI.parse(rest.isEmpty() ? rest : rest.subList(1, rest.size()), false);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        Runtime runtime = command.equals("dev") ? Runtime.FASTAPI_DEV : Runtime.FASTAPI_RUN;
        List<String> path = searchPath(r, r.workdir, List.of());
        Target target;
        List<String> files;
        if (options.containsKey("entrypoint")) {
            target = app(r, options.get("entrypoint"), null, r.workdir);
            files = moduleFiles(r, target, path);
        } else if (!parsed.positionals().isEmpty()) {
            String file = parsed.positionals().get(0);
            String absolute = r.abs(file);
            String name = PathNames.fileName(absolute);
            target = Target.app(file, absolute, name.endsWith(".py") ? name.substring(0, name.length() - 3) : name, options.get("app"));
            files = List.of(absolute.endsWith(".py") ? absolute : absolute + "/__init__.py");
        } else {
            target = Target.NONE;
            files = new ArrayList<>();
            for (String candidate : List.of("main.py", "app.py", "api.py", "app/main.py", "app/app.py", "app/api.py")) {
                files.add(PathNames.normalizeAbsolute(r.workdir, candidate));
            }
            r.notes.add("no path given: fastapi looks for main.py, app.py, api.py, then app/main.py, app/app.py, app/api.py");
        }
        return r.done(runtime, target, options, argv, path, files);
    }

    static EntryPoint streamlit(CommandReader r, List<String> argv) {
        List<String> rest = argv.subList(1, argv.size());
        Map<String, String> options = new LinkedHashMap<>();
        String script = null;
        for (int i = 1; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    options.put(arg.substring(2, eq), arg.substring(eq + 1));
                } else if (i + 1 < rest.size() && !rest.get(i + 1).startsWith("--")) {
                    options.put(arg.substring(2), rest.get(++i));
                } else {
                    options.put(arg.substring(2), "true");
                }
            } else if (script == null) {
                script = arg;
            }
        }
        if (!rest.isEmpty() && !rest.get(0).equals("run")) {
            options.put("command", rest.get(0));
        }
        Target target = script == null ? Target.NONE : Target.file(script, r.abs(script));
        return r.done(Runtime.STREAMLIT, target, options, argv, searchPath(r, r.workdir, List.of()),
                script == null ? List.of() : List.of(r.abs(script)));
    }

    /** The gradio command's own options; any other option goes to the app's script (or, in older releases, is refused). */
    private static final OptionSpec GRADIO = OptionSpec.of("--demo-name=", "--watch-dirs=", "--encoding=",
            "--watch-library", "--no-watch-library");

    /**
     * {@code gradio app.py [demo]}: Gradio's reload mode, which runs the script with Python and reruns it whenever a
     * file of its folder changes; read as {@code python app.py} with {@code reload} and {@code reloader=gradio}. Other
     * gradio commands ({@code gradio deploy}, {@code gradio cc}) stay binaries.
     */
    static EntryPoint gradio(CommandReader r, List<String> argv) {
        String script = null;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            OptionSpec.Option option = arg.startsWith("-") ? GRADIO.lookup(arg.split("=", 2)[0]) : null;
            if (option != null && option.takesValue() && !arg.contains("=")) {
                i++;
            } else if (!arg.startsWith("-")) {
                script = arg;
                break;
            }
        }
        if (script == null || !script.endsWith(".py")) {
            return r.done(Runtime.BINARY, Target.NONE, Map.of(), argv);
        }
        options.put("reload", "true");
        options.put("reloader", "gradio");
        String path = r.abs(script);
        return r.done(Runtime.PYTHON, Target.file(script, path), options, argv,
                searchPath(r, PathNames.parent(path), List.of()), List.of(path));
    }

    static EntryPoint celery(CommandReader r, List<String> argv) {
        OptionSpec.Parsed parsed = CELERY.parse(argv.subList(1, argv.size()), false);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        if (!parsed.positionals().isEmpty()) {
            options.put("command", parsed.positionals().get(0));
        }
        String dir = options.containsKey("workdir") ? r.abs(options.get("workdir")) : r.workdir;
        List<String> path = searchPath(r, dir, List.of());
        String spec = options.get("app");
        Target target = spec == null ? Target.NONE : spec.contains(":") ? app(r, spec, null, dir) : Target.module(spec);
        List<String> files = new ArrayList<>();
        if (target.module() != null) {
            files.addAll(moduleFiles(r, target, path));
            if (target.kind() == Target.Kind.MODULE) {
                for (String d : path) {
                    files.add(PathNames.normalizeAbsolute(d, target.module().replace('.', '/') + "/celery.py"));
                }
            }
        }
        return r.done(Runtime.CELERY, target, options, argv, path, files);
    }
}
