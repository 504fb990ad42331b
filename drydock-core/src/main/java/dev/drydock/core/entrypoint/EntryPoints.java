package dev.drydock.core.entrypoint;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the command a container runs into the application it starts ({@link EntryPoint}).
 *
 * <p>Wrappers are peeled off first, outermost first: {@code sh -c}/{@code bash -c} scripts (split
 * by {@link ShellWords}; the last command that is not shell bookkeeping is the application, earlier
 * {@code cd} and {@code export} apply to it, the rest go to {@link EntryPoint#otherCommands()};
 * scripts {@link ShellWords} cannot read stay whole as {@link Runtime#SHELL}), {@code exec},
 * {@code env}, init processes ({@code tini}, {@code dumb-init}, {@code catatonit}), user switchers
 * ({@code gosu}, {@code su-exec}, {@code s6-setuidgid}, {@code chpst}, {@code setpriv},
 * {@code runuser}, {@code su}, {@code sudo}), instrumentation ({@code opentelemetry-instrument},
 * {@code ddtrace-run}, {@code newrelic-admin run-program}), package runners ({@code bundle exec},
 * {@code npx}, {@code npm exec}, {@code pnpm exec|dlx}, {@code yarn exec|dlx}, {@code bunx},
 * {@code poetry run}, {@code pipenv run}, {@code pdm run}, {@code hatch run}, {@code uv run}),
 * waiters ({@code wait-for-it ... --}, {@code dockerize}) and entry-point scripts
 * ({@code /docker-entrypoint.sh}: recorded in {@link EntryPoint#scripts()}; the arguments after it
 * are read as the application when they look like a command, on the usual {@code exec "$@"}
 * convention, which is noted). Interpreters are recognised under any path and version
 * ({@code /usr/local/bin/python3.11}); {@code python -m gunicorn} is gunicorn.
 */
public final class EntryPoints {

    private EntryPoints() {}

    public static EntryPoint interpret(Invocation invocation) {
        return new Reader(invocation).run(invocation.effectiveArgv());
    }

    public static EntryPoint interpret(List<String> argv, boolean shellForm, Map<String, String> environment, String workdir) {
        return interpret(new Invocation(argv, shellForm, environment, workdir));
    }

    private static final Pattern PYTHON = Pattern.compile("(python|pypy)(\\d+(\\.\\d+)*)?(-dbg)?");
    private static final Pattern PHP_FPM = Pattern.compile("php-?fpm[\\d.]*");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh");

    /** Shell bookkeeping that is never the application. */
    private static final Set<String> SHELL_STATE = Set.of(
            "cd", "export", "set", "unset", "umask", "ulimit", "shopt", "trap", ":", "true", "false", "wait", "exit",
            "source", ".", "readonly", "alias", "hash");
    /** Setup commands that run before the application, rarely as it. */
    private static final Set<String> SETUP = Set.of(
            "echo", "printf", "sleep", "[", "test", "mkdir", "chown", "chmod", "rm", "cp", "mv", "ln", "touch");

    /** Python modules that are programs drydock recognises ({@code python -m X}). */
    private static final Map<String, String> PYTHON_MODULE_PROGRAMS = Map.ofEntries(
            Map.entry("gunicorn", "gunicorn"), Map.entry("uvicorn", "uvicorn"), Map.entry("hypercorn", "hypercorn"),
            Map.entry("waitress", "waitress-serve"), Map.entry("daphne", "daphne"), Map.entry("granian", "granian"),
            Map.entry("flask", "flask"), Map.entry("celery", "celery"), Map.entry("streamlit", "streamlit"),
            Map.entry("django", "django-admin"), Map.entry("fastapi", "fastapi"));

    /** Programs {@link Reader#recognize} knows by name (for telling a command from a script's own arguments). */
    private static final Set<String> KNOWN_PROGRAMS = Set.of(
            "gunicorn", "uvicorn", "hypercorn", "waitress-serve", "daphne", "granian", "flask", "django-admin",
            "manage.py", "fastapi", "streamlit", "celery", "node", "nodejs", "npm", "yarn", "pnpm", "bun", "nodemon",
            "ts-node", "ts-node-dev", "tsx", "next", "vite", "ng", "react-scripts", "serve", "pm2-runtime", "pm2",
            "java", "mvn", "mvnw", "gradle", "gradlew", "go", "rails", "puma", "rackup", "unicorn", "ruby", "php",
            "frankenphp", "nginx", "httpd-foreground", "apache2-foreground", "httpd", "apache2", "apachectl",
            "apache2ctl", "caddy", "supervisord", "exec", "env", "tini", "dumb-init", "gosu", "su-exec",
            "opentelemetry-instrument", "ddtrace-run", "bundle", "npx", "poetry", "pipenv", "uv");

    private static final OptionSpec TINI = OptionSpec.of("-p=", "-e=", "-s", "-g", "-v", "-vv", "-vvv", "-w", "-l", "-h");
    private static final OptionSpec DUMB_INIT = OptionSpec.of("-r|--rewrite=", "-c|--single-child", "-v|--verbose", "-V|--version");
    private static final OptionSpec CHPST = OptionSpec.of("-u=", "-U=", "-b=", "-e=", "-/=", "-n=", "-l=", "-L=", "-m=",
            "-d=", "-o=", "-p=", "-f=", "-c=", "-r=", "-t=", "-v", "-P", "-0", "-1", "-2");
    private static final OptionSpec SETPRIV = OptionSpec.of("--reuid=", "--regid=", "--groups=", "--inh-caps=",
            "--ambient-caps=", "--bounding-set=", "--securebits=", "--pdeathsig=", "--selinux-label=", "--apparmor-profile=",
            "--landlock-access=", "--landlock-rule=", "--init-groups", "--clear-groups", "--keep-groups", "--no-new-privs",
            "--reset-env", "-d|--dump", "--nnp");
    private static final OptionSpec RUNUSER = OptionSpec.of("-u|--user=", "-g|--group=", "-G|--supp-group=",
            "-c|--command=", "-s|--shell=", "-l|--login", "-m|-p|--preserve-environment", "-w|--whitelist-environment=");
    private static final OptionSpec SU = OptionSpec.of("-c|--command=", "-s|--shell=", "-g|--group=", "-G|--supp-group=",
            "-l|--login", "-m|-p|--preserve-environment", "-w|--whitelist-environment=", "-P|--pty");
    private static final OptionSpec SUDO = OptionSpec.of("-u|--user=", "-g|--group=", "-E|--preserve-env", "-H|--set-home",
            "-n|--non-interactive", "-i|--login", "-s|--shell", "-C|--close-from=", "-D|--chdir=");
    private static final OptionSpec NPX = OptionSpec.of("-y|--yes", "--no", "-p|--package=", "-c|--call=", "--prefix=",
            "-q|--quiet", "-w|--workspace=", "--ignore-existing");
    private static final OptionSpec UV_RUN = OptionSpec.of("--with=", "--with-editable=", "--with-requirements=",
            "-p|--python=", "--group=", "--only-group=", "--extra=", "--package=", "--env-file=", "--directory=",
            "--project=", "--index=", "--index-url=", "--extra-index-url=", "-m|--module", "--frozen", "--locked",
            "--no-dev", "--no-sync", "--isolated", "--all-extras", "--all-packages", "--no-project", "--active",
            "--no-cache", "-q|--quiet", "-v|--verbose", "--no-editable", "--exact", "--script", "--offline",
            "--compile-bytecode", "--no-group=", "--no-extra=");
    private static final OptionSpec DOCKERIZE = OptionSpec.of("-wait=", "-timeout=", "-template=", "-stdout=", "-stderr=",
            "-poll", "-wait-retry-interval=", "-delims=", "-no-overwrite", "-env=", "-wait-http-header=",
            "-skip-tls-verify", "-version");

    private static final OptionSpec GUNICORN = OptionSpec.of("-b|--bind=", "-w|--workers=", "-k|--worker-class=",
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
    private static final OptionSpec HYPERCORN = OptionSpec.of("-b|--bind=", "--insecure-bind=", "--quic-bind=",
            "-w|--workers=", "-k|--worker-class=", "-c|--config=", "--reload", "--graceful-timeout=", "--keep-alive=",
            "--read-timeout=", "--max-requests=", "--max-requests-jitter=", "--access-logfile=", "--access-logformat=",
            "--error-logfile|--log-file=", "--log-level=", "--log-config=", "--root-path=", "--certfile=", "--keyfile=",
            "--ca-certs=", "--ciphers=", "--debug", "-u|--user=", "-g|--group=", "-m|--umask=", "-p|--pid=",
            "--backlog=", "--websocket-ping-interval=", "--server-name=", "--statsd-host=", "--statsd-prefix=",
            "--verify-mode=");
    private static final OptionSpec WAITRESS = OptionSpec.of("--host=", "--port=", "--listen=", "--unix-socket=",
            "--unix-socket-perms=", "--threads=", "--call", "--url-scheme=", "--url-prefix=", "--ident=", "--backlog=",
            "--connection-limit=", "--channel-timeout=", "--cleanup-interval=", "--trusted-proxy=",
            "--trusted-proxy-count=", "--trusted-proxy-headers=", "--max-request-body-size=",
            "--max-request-header-size=", "--asyncore-use-poll", "--expose-tracebacks", "--ipv4", "--ipv6",
            "--recv-bytes=", "--send-bytes=", "--outbuf-overflow=", "--outbuf-high-watermark=", "--inbuf-overflow=",
            "--log-socket-errors", "--clear-untrusted-proxy-headers", "--asyncore-loop-timeout=", "--channel-request-lookahead=");
    private static final OptionSpec DAPHNE = OptionSpec.of("-b|--bind=", "-p|--port=", "-u|--unix-socket=", "--fd=",
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
            "--port=", "--address=");
    private static final OptionSpec NPM = OptionSpec.of("--prefix=", "-w|--workspace=", "-s|--silent", "-q|--quiet",
            "--if-present", "--loglevel=", "--workspaces", "--ignore-scripts", "--include-workspace-root");
    private static final OptionSpec YARN = OptionSpec.of("--cwd=", "-s|--silent", "--verbose", "--offline",
            "--production", "--frozen-lockfile", "--immutable");
    private static final OptionSpec PNPM = OptionSpec.of("-C|--dir=", "-F|--filter=", "-w|--workspace-root",
            "-r|--recursive", "-s|--silent", "--if-present", "--parallel", "--stream", "--reporter=", "--loglevel=");
    private static final OptionSpec NODEMON = OptionSpec.of("-x|--exec=", "-w|--watch=", "-e|--ext=", "-i|--ignore=",
            "-d|--delay=", "-s|--signal=", "--config=", "-L|--legacy-watch", "--inspect", "-q|--quiet", "-V|--verbose",
            "-P|--polling-interval=", "--on-change-only", "--no-stdin", "--spawn", "--cwd=", "-I|--no-stdin");
    private static final OptionSpec TS_NODE = OptionSpec.of("-r|--require=", "-P|--project=", "-O|--compiler-options=",
            "-C|--compiler=", "-T|--transpile-only", "-e|--eval=", "-p|--print=", "--swc", "--esm", "-H|--compiler-host",
            "--files", "--respawn", "--ignore-watch=", "--watch=", "--poll", "--exit-child", "--inspect", "--clear",
            "--rs", "--tsconfig=", "--env-file=", "--import=");
    private static final OptionSpec NEXT = OptionSpec.of("-p|--port=", "-H|--hostname=", "--keepAliveTimeout=",
            "--turbo", "--turbopack", "--experimental-https");
    private static final OptionSpec VITE = OptionSpec.of("--host=?", "--port=", "--strictPort", "--open=?",
            "-m|--mode=", "-c|--config=", "--base=", "--cors", "--force", "-l|--logLevel=", "--clearScreen", "-d|--debug=?",
            "-f|--filter=", "--outDir=");
    private static final OptionSpec NG = OptionSpec.of("--host=", "--port=", "-c|--configuration=",
            "--disable-host-check", "--poll=", "--proxy-config=", "--ssl", "--public-host=", "--serve-path=", "--hmr",
            "--live-reload", "--watch", "--open", "--verbose");
    private static final OptionSpec SERVE = OptionSpec.of("-s|--single", "-l|--listen=", "-p|--port=", "-c|--config=",
            "-n|--no-clipboard", "-C|--cors", "--ssl-cert=", "--ssl-key=", "--ssl-pass=", "-L|--no-request-logging",
            "-d|--debug", "-u|--no-compression", "--no-etag", "-S|--symlinks", "--no-port-switching");
    private static final OptionSpec PM2 = OptionSpec.of("-i|--instances=", "--env=", "-n|--name=", "--watch",
            "--no-autorestart", "--json", "--format", "--node-args=", "--max-memory-restart=", "--raw",
            "-e|--error=", "-o|--output=", "--interpreter=", "--only=", "--no-daemon", "--cwd=", "--exp-backoff-restart-delay=",
            "--kill-timeout=", "--listen-timeout=", "--wait-ready", "--secret=", "--public=", "--machine-name=", "--deep-monitoring");
    private static final OptionSpec MAVEN = OptionSpec.of("-f|--file=", "-P|--activate-profiles=", "-pl|--projects=",
            "-s|--settings=", "-gs|--global-settings=", "-T|--threads=", "-D|--define=", "-q|--quiet", "-B|--batch-mode",
            "-e|--errors", "-U|--update-snapshots", "-o|--offline", "-ntp|--no-transfer-progress", "-am|--also-make",
            "-X|--debug", "-Dmaven.test.skip");
    private static final OptionSpec GRADLE = OptionSpec.of("-p|--project-dir=", "-P|--project-prop=", "-D|--system-prop=",
            "--no-daemon", "--daemon", "-q|--quiet", "-i|--info", "-s|--stacktrace", "--offline", "-x|--exclude-task=",
            "--args=", "--console=", "-b|--build-file=", "-c|--settings-file=", "--no-build-cache", "--build-cache",
            "--continuous|-t", "--warning-mode=");
    private static final OptionSpec GO_RUN = OptionSpec.of("-tags=", "-ldflags=", "-gcflags=", "-asmflags=", "-mod=",
            "-modfile=", "-overlay=", "-pkgdir=", "-p=", "-exec=", "-C=", "-race", "-v", "-x", "-a", "-n", "-work",
            "-trimpath", "-cover", "-msan", "-asan", "-buildvcs=", "-pgo=", "-covermode=", "-coverpkg=", "-toolexec=",
            "-buildmode=", "-compiler=", "-installsuffix=", "-linkshared");
    private static final OptionSpec RAILS = OptionSpec.of("-b|--binding=", "-p|--port=", "-e|--environment=",
            "-P|--pid=", "-d|--daemon", "-u|--using=", "-c|--config=", "--early-hints", "-C|--dev-caching",
            "--log-to-stdout");
    private static final OptionSpec PUMA = OptionSpec.of("-b|--bind=", "-p|--port=", "-w|--workers=", "-t|--threads=",
            "-C|--config=", "-e|--environment=", "--preload", "-d|--daemon", "--pidfile=", "-S|--state=",
            "--control-url=", "--control-token=", "-q|--quiet", "-v|--log-requests", "--tag=", "--dir=",
            "-R|--restart-cmd=", "-I|--include=", "--redirect-stdout=", "--redirect-stderr=", "--fork-worker=?",
            "--debug", "--idle-timeout=", "--early-hints", "-s|--silent");
    private static final OptionSpec RACKUP = OptionSpec.of("-p|--port=", "-o|--host=", "-E|--env=", "-s|--server=",
            "-D|--daemonize", "-P|--pid=", "-I|--include=", "-r|--require=", "-O|--option=", "-q|--quiet", "-b|--builder=",
            "-w|--warn", "-d|--debug");
    private static final OptionSpec UNICORN = OptionSpec.of("-c|--config-file=", "-E|--env=", "-p|--port=", "-o|--host=",
            "-l|--listen=", "-D|--daemonize", "-I|--include=", "-r|--require=", "-N|--no-default-middleware", "-d|--debug",
            "-w|--warn");
    private static final OptionSpec ARTISAN = OptionSpec.of("--host=", "--port=", "--tries=", "--no-reload",
            "--server=", "--workers=", "--task-workers=", "--max-requests=", "--watch", "--poll", "--env=",
            "--rpc-port=", "--https", "--http-redirect", "--caddyfile=", "--admin-port=", "--log-level=");
    private static final OptionSpec PHP_FPM_SPEC = OptionSpec.of("-F|--nodaemonize", "-R|--allow-to-run-as-root",
            "-y|--fpm-config=", "-c|--php-ini=", "-d|--define=", "-O|--force-stderr", "-D|--daemonize", "-t|--test",
            "-p|--prefix=", "-g|--pid=", "-n|--no-php-ini", "-e|--php-ini-extended");
    private static final OptionSpec FRANKENPHP = OptionSpec.of("-c|--config=", "-a|--adapter=", "--watch", "--environ",
            "--resume", "-l|--listen=", "-r|--root=", "-w|--worker=", "-d|--domain=", "-v|--debug", "--envfile=",
            "--mercure", "--no-compress", "--access-log");
    private static final OptionSpec NGINX = OptionSpec.of("-c=", "-g=", "-p=", "-e=", "-s=", "-q", "-t", "-T", "-v", "-V", "-h");
    private static final OptionSpec APACHE = OptionSpec.of("-D=", "-f=", "-d=", "-C=", "-c=", "-k=", "-e=", "-E=", "-X");
    private static final OptionSpec CADDY = OptionSpec.of("-c|--config=", "-a|--adapter=", "--watch", "--environ",
            "--resume", "--envfile=", "--pingback=", "--from=", "--to=", "--listen=", "--root=", "--domain=", "--browse",
            "--access-log", "--templates", "-v|--debug");
    private static final OptionSpec SUPERVISORD = OptionSpec.of("-c|--configuration=", "-n|--nodaemon", "-s|--silent",
            "-u|--user=", "-d|--directory=", "-l|--logfile=", "-e|--loglevel=", "-j|--pidfile=", "-k|--nocleanup",
            "-m|--umask=", "-i|--identifier=", "-q|--childlogdir=", "-t|--strip_ansi", "-y|--logfile_maxbytes=",
            "-z|--logfile_backups=", "-a|--minfds=", "-b|--minprocs=");
    private static final OptionSpec NONE = OptionSpec.of();

    /** One interpretation: the state the wrappers build up on the way to the application. */
    private static final class Reader {
        private final Map<String, String> env;
        private String workdir;
        private String user;
        private final Map<String, String> interpreter = new LinkedHashMap<>();
        private final List<Wrapper> wrappers = new ArrayList<>();
        private final List<String> scripts = new ArrayList<>();
        private final List<List<String>> otherCommands = new ArrayList<>();
        private final List<String> unresolved = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private String shellScript;

        Reader(Invocation invocation) {
            this.env = new LinkedHashMap<>(invocation.environment());
            this.workdir = PathNames.normalizeAbsolute("/", invocation.workdir());
        }

        EntryPoint run(List<String> start) {
            List<String> argv = start;
            for (int depth = 0; depth < 64; depth++) {
                if (argv.isEmpty()) {
                    return done(Runtime.NONE, Target.NONE, Map.of(), argv);
                }
                String name = base(argv.get(0));
                if (SHELLS.contains(name)) {
                    Step step = shell(name, argv);
                    if (step.result() != null) {
                        return step.result();
                    }
                    argv = step.next();
                    continue;
                }
                List<String> next = peel(name, argv);
                if (next != null) {
                    argv = next;
                    continue;
                }
                if (isScript(argv.get(0))) {
                    next = script(argv.get(0), argv.subList(1, argv.size()));
                    if (next == null) {
                        return done(Runtime.SCRIPT, Target.file(argv.get(0), abs(argv.get(0))), Map.of(), argv);
                    }
                    argv = next;
                    continue;
                }
                return recognize(name, argv);
            }
            notes.add("wrappers nest too deeply; stopped reading");
            return done(Runtime.SHELL, Target.NONE, Map.of(), argv);
        }

        /** What a shell leads to: the next argv to read, or the finished result. */
        private record Step(List<String> next, EntryPoint result) {
            static Step to(List<String> next) {
                return new Step(next, null);
            }

            static Step end(EntryPoint result) {
                return new Step(null, result);
            }
        }

        // ---- wrappers ----

        /** {@code sh -c script [$0 args...]}, {@code sh script.sh args}, or a bare shell. */
        private Step shell(String name, List<String> argv) {
            List<String> args = argv.subList(1, argv.size());
            int i = 0;
            boolean command = false;
            List<String> options = new ArrayList<>();
            while (i < args.size()) {
                String arg = args.get(i);
                if (arg.equals("--") || arg.equals("-")) {
                    i++;
                    break;
                }
                if (!(arg.startsWith("-") || arg.startsWith("+")) || arg.length() < 2) {
                    break;
                }
                options.add(arg);
                if (arg.equals("-o") || arg.equals("+o") || arg.equals("--rcfile") || arg.equals("--init-file")) {
                    if (i + 1 < args.size()) {
                        options.add(args.get(i + 1));
                    }
                    i += 2;
                    continue;
                }
                if (!arg.startsWith("--") && arg.indexOf('c') > 0) {
                    command = true;
                }
                i++;
            }
            if (command) {
                if (i >= args.size()) {
                    return Step.end(done(Runtime.SHELL, Target.NONE, Map.of(), argv));
                }
                String script = args.get(i);
                List<String> positional = args.subList(i + 1, args.size());
                wrappers.add(new Wrapper(name + " -c", List.of(script)));
                ShellWords.Script parsed = ShellWords.parse(script, env, positional);
                unresolved.addAll(parsed.unresolved());
                if (!parsed.supported()) {
                    shellScript = script;
                    notes.add("the script uses " + parsed.unsupported() + ", which drydock does not split; kept whole");
                    return Step.end(done(Runtime.SHELL, Target.NONE, Map.of(), argv));
                }
                ShellWords.Command main = main(parsed.commands());
                if (main == null) {
                    shellScript = script;
                    return Step.end(done(Runtime.SHELL, Target.NONE, Map.of(), argv));
                }
                for (ShellWords.Command other : parsed.commands()) {
                    if (other == main || other.words().isEmpty()) {
                        continue;
                    }
                    String first = other.words().get(0);
                    if (first.equals("cd") && parsed.commands().indexOf(other) < parsed.commands().indexOf(main)) {
                        workdir = PathNames.normalizeAbsolute(workdir, other.words().size() > 1 ? other.words().get(1) : "~");
                    } else if (!SHELL_STATE.contains(first)) {
                        otherCommands.add(other.words());
                    }
                }
                env.clear();
                env.putAll(main.environment());
                return Step.to(main.words());
            }
            if (i < args.size()) {
                wrappers.add(new Wrapper(name, options));
                List<String> next = script(args.get(i), args.subList(i + 1, args.size()));
                if (next == null) {
                    return Step.end(done(Runtime.SCRIPT, Target.file(args.get(i), abs(args.get(i))), Map.of(), argv));
                }
                return Step.to(next);
            }
            return Step.end(done(Runtime.SHELL, Target.NONE, Map.of(), argv));
        }

        /**
         * The command that is the application: the first command of the last pipeline that is not
         * shell bookkeeping or a setup step ({@code tail -f /dev/null} counts as a keep-alive
         * only when nothing else is left).
         */
        private static ShellWords.Command main(List<ShellWords.Command> commands) {
            ShellWords.Command best = null;
            ShellWords.Command fallback = null;
            boolean pipelineStart = true;
            for (ShellWords.Command command : commands) {
                if (pipelineStart && !command.words().isEmpty()) {
                    String first = command.words().get(0);
                    if (!SHELL_STATE.contains(first)) {
                        if (SETUP.contains(first) || isKeepAlive(command.words())) {
                            fallback = command;
                        } else {
                            best = command;
                        }
                    }
                }
                pipelineStart = !command.separator().equals("|");
            }
            return best != null ? best : fallback;
        }

        private static boolean isKeepAlive(List<String> words) {
            return words.get(0).equals("tail") && words.contains("/dev/null")
                    || words.get(0).equals("sleep") && words.size() > 1 && words.get(1).equals("infinity");
        }

        /** Returns the argv after a wrapper, or null when {@code name} is no wrapper. */
        private List<String> peel(String name, List<String> argv) {
            List<String> rest = argv.subList(1, argv.size());
            switch (name) {
                case "exec" -> {
                    int i = 0;
                    while (i < rest.size() && rest.get(i).startsWith("-")) {
                        i += rest.get(i).equals("-a") ? 2 : 1;
                    }
                    wrappers.add(new Wrapper("exec", rest.subList(0, Math.min(i, rest.size()))));
                    return rest.subList(Math.min(i, rest.size()), rest.size());
                }
                case "env" -> {
                    return envWrapper(rest);
                }
                case "tini", "tini-static", "catatonit" -> {
                    return wrapped("tini".equals(name) || "tini-static".equals(name) ? "tini" : name, TINI, rest);
                }
                case "dumb-init" -> {
                    return wrapped(name, DUMB_INIT, rest);
                }
                case "gosu", "su-exec", "s6-setuidgid", "setuidgid" -> {
                    if (rest.isEmpty()) {
                        return null;
                    }
                    user = rest.get(0);
                    wrappers.add(new Wrapper(name, List.of(rest.get(0))));
                    return rest.subList(1, rest.size());
                }
                case "chpst" -> {
                    OptionSpec.Parsed parsed = CHPST.parse(rest, true);
                    if (parsed.options().containsKey("u")) {
                        user = parsed.options().get("u");
                    }
                    return wrapped(name, parsed, rest);
                }
                case "setpriv" -> {
                    OptionSpec.Parsed parsed = SETPRIV.parse(rest, true);
                    if (parsed.options().containsKey("reuid")) {
                        user = parsed.options().get("reuid");
                    }
                    return wrapped(name, parsed, rest);
                }
                case "runuser", "su" -> {
                    OptionSpec.Parsed parsed = (name.equals("su") ? SU : RUNUSER).parse(rest, false);
                    List<String> positionals = new ArrayList<>(parsed.positionals());
                    String command = parsed.options().get("command");
                    user = parsed.options().getOrDefault("user", positionals.isEmpty() ? "root" : positionals.remove(0));
                    wrappers.add(new Wrapper(name, List.of(user)));
                    if (command != null) {
                        return List.of("/bin/sh", "-c", command);
                    }
                    return parsed.sawDashes() ? parsed.afterDashes() : positionals;
                }
                case "sudo" -> {
                    OptionSpec.Parsed parsed = SUDO.parse(rest, true);
                    user = parsed.options().getOrDefault("user", "root");
                    return wrapped(name, parsed, rest);
                }
                case "opentelemetry-instrument" -> {
                    int i = 0;
                    while (i < rest.size() && rest.get(i).startsWith("--")) {
                        i += rest.get(i).contains("=") ? 1 : 2;
                    }
                    i = Math.min(i, rest.size());
                    wrappers.add(new Wrapper(name, rest.subList(0, i)));
                    return rest.subList(i, rest.size());
                }
                case "ddtrace-run", "scout-apm" -> {
                    wrappers.add(new Wrapper(name, List.of()));
                    return rest;
                }
                case "newrelic-admin" -> {
                    if (!rest.isEmpty() && (rest.get(0).equals("run-program") || rest.get(0).equals("run-python"))) {
                        wrappers.add(new Wrapper(name, List.of(rest.get(0))));
                        List<String> next = new ArrayList<>();
                        if (rest.get(0).equals("run-python")) {
                            next.add("python");
                        }
                        next.addAll(rest.subList(1, rest.size()));
                        return next;
                    }
                    return null;
                }
                case "bundle", "poetry", "pipenv", "pdm", "hatch", "rye" -> {
                    String verb = name.equals("bundle") ? "exec" : "run";
                    if (!rest.isEmpty() && rest.get(0).equals(verb)) {
                        wrappers.add(new Wrapper(name + " " + verb, List.of()));
                        return rest.subList(1, rest.size());
                    }
                    return null;
                }
                case "npx", "bunx" -> {
                    OptionSpec.Parsed parsed = NPX.parse(rest, true);
                    wrappers.add(new Wrapper(name, List.of()));
                    if (parsed.options().containsKey("call")) {
                        return List.of("/bin/sh", "-c", parsed.options().get("call"));
                    }
                    List<String> next = new ArrayList<>(parsed.positionals());
                    next.addAll(parsed.afterDashes());
                    return next;
                }
                case "npm", "pnpm", "yarn" -> {
                    if (!rest.isEmpty() && (rest.get(0).equals("exec") || rest.get(0).equals("x") || rest.get(0).equals("dlx"))) {
                        wrappers.add(new Wrapper(name + " " + rest.get(0), List.of()));
                        OptionSpec.Parsed parsed = NPX.parse(rest.subList(1, rest.size()), true);
                        List<String> next = new ArrayList<>(parsed.positionals());
                        next.addAll(parsed.afterDashes());
                        return next;
                    }
                    return null;
                }
                case "uv" -> {
                    if (rest.isEmpty() || !rest.get(0).equals("run")) {
                        return null;
                    }
                    OptionSpec.Parsed parsed = UV_RUN.parse(rest.subList(1, rest.size()), true);
                    wrappers.add(new Wrapper("uv run", List.of()));
                    List<String> next = new ArrayList<>(parsed.positionals());
                    next.addAll(parsed.afterDashes());
                    if (parsed.options().containsKey("module") && !next.isEmpty()) {
                        next.add(0, "-m");
                        next.add(0, "python");
                    } else if (!next.isEmpty() && next.get(0).endsWith(".py")) {
                        next.add(0, "python");
                    }
                    return next;
                }
                case "dockerize" -> {
                    return wrapped(name, DOCKERIZE, rest);
                }
                default -> {
                    if (name.startsWith("wait-for")) {
                        if (isScript(argv.get(0)) || argv.get(0).contains("/")) {
                            scripts.add(abs(argv.get(0))); // a project script copied into the image
                        }
                        int dashes = rest.indexOf("--");
                        wrappers.add(new Wrapper(name, dashes < 0 ? rest : rest.subList(0, dashes)));
                        return dashes < 0 ? List.of() : rest.subList(dashes + 1, rest.size());
                    }
                    return null;
                }
            }
        }

        private List<String> wrapped(String name, OptionSpec spec, List<String> rest) {
            return wrapped(name, spec.parse(rest, true), rest);
        }

        private List<String> wrapped(String name, OptionSpec.Parsed parsed, List<String> rest) {
            List<String> next = new ArrayList<>(parsed.positionals());
            next.addAll(parsed.afterDashes());
            wrappers.add(new Wrapper(name, rest.subList(0, rest.size() - next.size())));
            return next;
        }

        /** {@code env [-i] [-u NAME] [-C dir] [-S string] [NAME=VALUE]... command}. */
        private List<String> envWrapper(List<String> rest) {
            int i = 0;
            List<String> prefix = new ArrayList<>();
            while (i < rest.size()) {
                String arg = rest.get(i);
                if (arg.equals("-i") || arg.equals("--ignore-environment") || arg.equals("-")) {
                    env.clear();
                } else if (arg.equals("-u") || arg.equals("--unset")) {
                    if (i + 1 < rest.size()) {
                        env.remove(rest.get(++i));
                    }
                } else if (arg.startsWith("--unset=")) {
                    env.remove(arg.substring("--unset=".length()));
                } else if (arg.equals("-C") || arg.equals("--chdir")) {
                    if (i + 1 < rest.size()) {
                        workdir = abs(rest.get(++i));
                    }
                } else if (arg.equals("-S") || arg.equals("--split-string")) {
                    if (i + 1 < rest.size()) {
                        prefix.addAll(ShellWords.split(rest.get(++i)));
                    }
                } else if (arg.equals("--")) {
                    i++;
                    break;
                } else if (arg.startsWith("-")) {
                    // -0, -v, --debug: no effect on the command
                } else if (arg.indexOf('=') > 0) {
                    env.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else {
                    break;
                }
                i++;
            }
            wrappers.add(new Wrapper("env", rest.subList(0, Math.min(i, rest.size()))));
            List<String> next = new ArrayList<>(prefix);
            next.addAll(rest.subList(Math.min(i, rest.size()), rest.size()));
            return next;
        }

        private static boolean isScript(String program) {
            String name = base(program).toLowerCase(Locale.ROOT);
            return name.endsWith(".sh") || name.endsWith(".bash") || name.contains("entrypoint");
        }

        /**
         * An entry-point script: the command after "--" (wait-for-it style), or its arguments when
         * they look like a command (the {@code exec "$@"} convention); null when neither.
         */
        private List<String> script(String path, List<String> rest) {
            scripts.add(abs(path));
            int dashes = rest.indexOf("--");
            if (dashes >= 0 && dashes + 1 < rest.size()) {
                wrappers.add(new Wrapper(base(path), rest.subList(0, dashes)));
                return rest.subList(dashes + 1, rest.size());
            }
            if (!rest.isEmpty() && looksLikeCommand(rest.get(0))) {
                wrappers.add(new Wrapper(base(path), List.of()));
                notes.add(path + " is assumed to end with exec \"$@\" (its arguments are read as the command)");
                return rest;
            }
            return null;
        }

        private static boolean looksLikeCommand(String word) {
            String name = base(word);
            return word.contains("/") || KNOWN_PROGRAMS.contains(name) || SHELLS.contains(name)
                    || PYTHON.matcher(name).matches() || PHP_FPM.matcher(name).matches();
        }

        // ---- programs ----

        private EntryPoint recognize(String name, List<String> argv) {
            List<String> rest = argv.subList(1, argv.size());
            if (PYTHON.matcher(name).matches()) {
                return python(argv);
            }
            if (PHP_FPM.matcher(name).matches()) {
                OptionSpec.Parsed parsed = PHP_FPM_SPEC.parse(rest, false);
                String config = parsed.options().get("fpm-config");
                return done(Runtime.PHP_FPM, config == null ? Target.NONE : Target.config(config, abs(config)), parsed.options(), argv);
            }
            return switch (name) {
                case "gunicorn" -> gunicorn(argv);
                case "uvicorn" -> uvicorn(argv);
                case "hypercorn" -> pythonServer(Runtime.HYPERCORN, HYPERCORN, argv, "app");
                case "waitress-serve" -> pythonServer(Runtime.WAITRESS, WAITRESS, argv, null);
                case "daphne" -> pythonServer(Runtime.DAPHNE, DAPHNE, argv, null);
                case "granian" -> granian(argv);
                case "flask" -> flask(argv);
                case "django-admin", "django-admin.py" -> django(argv, null, rest);
                case "manage.py" -> django(argv, argv.get(0), rest);
                case "fastapi" -> fastapi(argv);
                case "streamlit" -> streamlit(argv);
                case "celery" -> celery(argv);
                case "node", "nodejs" -> node(argv);
                case "npm" -> npm(argv);
                case "yarn" -> yarn(argv);
                case "pnpm" -> pnpm(argv);
                case "bun" -> bun(argv);
                case "nodemon" -> nodemon(argv);
                case "ts-node", "ts-node-dev", "tsx" -> tsNode(name, argv);
                case "next" -> subcommand(argv, NEXT, Map.of("dev", Runtime.NEXT_DEV, "start", Runtime.NEXT_START, "", Runtime.NEXT_DEV));
                case "vite" -> subcommand(argv, VITE, Map.of("", Runtime.VITE_DEV, "dev", Runtime.VITE_DEV, "serve", Runtime.VITE_DEV, "preview", Runtime.VITE_PREVIEW));
                case "ng" -> subcommand(argv, NG, Map.of("serve", Runtime.NG_SERVE, "s", Runtime.NG_SERVE));
                case "react-scripts" -> subcommand(argv, NONE, Map.of("start", Runtime.REACT_SCRIPTS_START));
                case "serve" -> serve(argv);
                case "pm2-runtime", "pm2", "pm2-docker" -> pm2(argv);
                case "java" -> java(argv);
                case "mvn", "mvnw" -> maven(argv);
                case "gradle", "gradlew" -> gradle(argv);
                case "go" -> go(argv);
                case "rails" -> rails(argv);
                case "puma" -> rackServer(Runtime.PUMA, PUMA, argv);
                case "rackup" -> rackServer(Runtime.RACKUP, RACKUP, argv);
                case "unicorn", "unicorn_rails" -> rackServer(Runtime.UNICORN, UNICORN, argv);
                case "ruby" -> ruby(argv);
                case "php" -> php(argv);
                case "frankenphp" -> frankenphp(argv);
                case "nginx" -> configured(Runtime.NGINX, NGINX, argv, "c");
                case "httpd-foreground", "apache2-foreground", "httpd", "apache2", "apachectl", "apache2ctl" -> configured(Runtime.APACHE, APACHE, argv, "f");
                case "caddy" -> caddy(argv);
                case "supervisord" -> configured(Runtime.SUPERVISORD, SUPERVISORD, argv, "configuration");
                default -> done(Runtime.BINARY, binary(argv.get(0)), Map.of(), argv);
            };
        }

        private Target binary(String program) {
            return Target.file(program, program.contains("/") ? abs(program) : null);
        }

        // -- Python --

        private EntryPoint python(List<String> argv) {
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
                        interpreter.put(arg, argv.get(++i));
                    } else {
                        interpreter.put(arg, "true");
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
                        OptionSpec.put(interpreter, "-" + letter, value);
                        continue outer;
                    }
                    interpreter.put("-" + letter, "true");
                }
                i++;
            }
            List<String> rest = argv.subList(Math.min(i, argv.size()), argv.size());
            if (module != null) {
                String program = PYTHON_MODULE_PROGRAMS.get(module);
                if (program != null) {
                    wrappers.add(new Wrapper("python -m", List.of(module)));
                    List<String> next = new ArrayList<>();
                    next.add(program);
                    next.addAll(rest);
                    return recognize(program, next);
                }
                List<String> path = searchPath(workdir, List.of());
                String file = module.replace('.', '/');
                List<String> files = new ArrayList<>();
                for (String dir : path) {
                    files.add(PathNames.normalizeAbsolute(dir, file + ".py"));
                    files.add(PathNames.normalizeAbsolute(dir, file + "/__main__.py"));
                }
                return done(Runtime.PYTHON, Target.module(module), Map.of(), argv, path, files);
            }
            if (code != null) {
                return done(Runtime.PYTHON, Target.code(code), Map.of(), argv, searchPath(workdir, List.of()), List.of());
            }
            if (script == null) {
                return done(Runtime.PYTHON, Target.NONE, Map.of(), argv);
            }
            if (base(script).equals("manage.py")) {
                return django(argv, script, rest);
            }
            String path = abs(script);
            return done(Runtime.PYTHON, Target.file(script, path), Map.of(), argv, searchPath(PathNames.parent(path), List.of()), List.of(path));
        }

        /** sys.path as the program will see it: its first folder, extra folders, then PYTHONPATH. */
        private List<String> searchPath(String first, List<String> extra) {
            List<String> path = new ArrayList<>();
            path.add(first);
            for (String dir : extra) {
                add(path, PathNames.normalizeAbsolute(first, dir));
            }
            String pythonPath = env.get("PYTHONPATH");
            if (pythonPath != null) {
                for (String dir : pythonPath.split(":")) {
                    if (!dir.isEmpty()) {
                        add(path, PathNames.normalizeAbsolute(workdir, dir));
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
        private Target app(String spec, String defaultAttribute, String base) {
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

        private List<String> moduleFiles(Target target, List<String> path) {
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

        private EntryPoint gunicorn(List<String> argv) {
            List<String> rest = argv.subList(1, argv.size());
            Map<String, String> options = new LinkedHashMap<>();
            fromEnv(options, "WEB_CONCURRENCY", "workers");
            String cmdArgs = env.get("GUNICORN_CMD_ARGS");
            if (cmdArgs != null) {
                options.putAll(GUNICORN.parse(ShellWords.split(cmdArgs), false).options());
            }
            OptionSpec.Parsed parsed = GUNICORN.parse(rest, false);
            options.putAll(parsed.options());
            String chdir = options.containsKey("chdir") ? abs(options.get("chdir")) : workdir;
            List<String> path = searchPath(chdir, split(options.get("pythonpath")));
            String spec = parsed.positionals().isEmpty() ? null : parsed.positionals().get(0);
            Target target = app(spec, "application", chdir);
            if (spec == null) {
                notes.add("gunicorn names no application here: a config file may (wsgi_app)");
            }
            if (!options.containsKey("config")) {
                notes.add("gunicorn also reads " + PathNames.normalizeAbsolute(chdir, "gunicorn.conf.py") + " when it exists");
            }
            return done(Runtime.GUNICORN, target, options, argv, path, moduleFiles(target, path));
        }

        private EntryPoint uvicorn(List<String> argv) {
            Map<String, String> options = new LinkedHashMap<>();
            fromEnv(options, "WEB_CONCURRENCY", "workers");
            prefixedEnv(options, "UVICORN_", UVICORN);
            OptionSpec.Parsed parsed = UVICORN.parse(argv.subList(1, argv.size()), false);
            options.putAll(parsed.options());
            String appDir = abs(options.getOrDefault("app-dir", "."));
            List<String> path = searchPath(appDir, List.of());
            String spec = parsed.positionals().isEmpty() ? env.get("UVICORN_APP") : parsed.positionals().get(0);
            Target target = app(spec, null, appDir);
            return done(Runtime.UVICORN, target, options, argv, path, moduleFiles(target, path));
        }

        private EntryPoint pythonServer(Runtime runtime, OptionSpec spec, List<String> argv, String defaultAttribute) {
            OptionSpec.Parsed parsed = spec.parse(argv.subList(1, argv.size()), false);
            List<String> path = searchPath(workdir, List.of());
            Target target = app(parsed.positionals().isEmpty() ? null : parsed.positionals().get(0), defaultAttribute, workdir);
            return done(runtime, target, parsed.options(), argv, path, moduleFiles(target, path));
        }

        private EntryPoint granian(List<String> argv) {
            Map<String, String> options = new LinkedHashMap<>();
            prefixedEnv(options, "GRANIAN_", GRANIAN);
            OptionSpec.Parsed parsed = GRANIAN.parse(argv.subList(1, argv.size()), false);
            options.putAll(parsed.options());
            String dir = abs(options.getOrDefault("working-dir", "."));
            List<String> path = searchPath(dir, List.of());
            Target target = app(parsed.positionals().isEmpty() ? null : parsed.positionals().get(0), "app", dir);
            return done(Runtime.GRANIAN, target, options, argv, path, moduleFiles(target, path));
        }

        private EntryPoint flask(List<String> argv) {
            List<String> rest = argv.subList(1, argv.size());
            OptionSpec.Parsed global = FLASK_GLOBAL.parse(rest, true);
            String command = global.positionals().isEmpty() ? "" : global.positionals().get(0);
            List<String> commandArgs = global.positionals().isEmpty() ? List.of() : global.positionals().subList(1, global.positionals().size());
            Map<String, String> options = new LinkedHashMap<>();
            String debug = env.get("FLASK_DEBUG");
            if (debug != null) {
                options.put("debug", truthy(debug) ? "true" : "false");
            } else if ("development".equals(env.get("FLASK_ENV"))) {
                options.put("debug", "true");
            }
            if (command.equals("run")) {
                prefixedEnv(options, "FLASK_RUN_", FLASK_RUN);
            }
            options.putAll(global.options());
            OptionSpec.Parsed run = FLASK_RUN.parse(commandArgs, false);
            options.putAll(run.options());
            String appSpec = options.containsKey("app") ? options.get("app") : env.get("FLASK_APP");
            List<String> path = searchPath(workdir, List.of());
            Target target;
            List<String> files;
            if (appSpec != null) {
                target = app(appSpec, null, workdir);
                files = moduleFiles(target, path);
            } else {
                target = Target.NONE;
                files = List.of(PathNames.normalizeAbsolute(workdir, "wsgi.py"), PathNames.normalizeAbsolute(workdir, "app.py"));
                notes.add("no --app nor FLASK_APP: Flask looks for wsgi.py, then app.py, in " + workdir);
            }
            if (!command.equals("run")) {
                options.put("command", command);
                return done(Runtime.FLASK_COMMAND, target, options, argv, path, files);
            }
            return done(Runtime.FLASK_RUN, target, options, argv, path, files);
        }

        private EntryPoint django(List<String> argv, String manage, List<String> rest) {
            OptionSpec.Parsed parsed = DJANGO.parse(rest, false);
            Map<String, String> options = new LinkedHashMap<>();
            fromEnv(options, "DJANGO_SETTINGS_MODULE", "settings");
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
            String path = manage == null ? null : abs(manage);
            List<String> search = searchPath(path == null ? workdir : PathNames.parent(path), split(options.get("pythonpath")));
            Target target = path == null ? Target.NONE : Target.file(manage, path);
            return done(runserver ? Runtime.DJANGO_RUNSERVER : Runtime.DJANGO_MANAGE, target, options, argv, search,
                    path == null ? List.of() : List.of(path));
        }

        private EntryPoint fastapi(List<String> argv) {
            List<String> rest = argv.subList(1, argv.size());
            String command = rest.isEmpty() ? "" : rest.get(0);
            OptionSpec.Parsed parsed = FASTAPI.parse(rest.isEmpty() ? rest : rest.subList(1, rest.size()), false);
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            Runtime runtime = command.equals("dev") ? Runtime.FASTAPI_DEV : Runtime.FASTAPI_RUN;
            List<String> path = searchPath(workdir, List.of());
            Target target;
            List<String> files;
            if (options.containsKey("entrypoint")) {
                target = app(options.get("entrypoint"), null, workdir);
                files = moduleFiles(target, path);
            } else if (!parsed.positionals().isEmpty()) {
                String file = parsed.positionals().get(0);
                String absolute = abs(file);
                String name = PathNames.fileName(absolute);
                target = Target.app(file, absolute, name.endsWith(".py") ? name.substring(0, name.length() - 3) : name, options.get("app"));
                files = List.of(absolute.endsWith(".py") ? absolute : absolute + "/__init__.py");
            } else {
                target = Target.NONE;
                files = new ArrayList<>();
                for (String candidate : List.of("main.py", "app.py", "api.py", "app/main.py", "app/app.py", "app/api.py")) {
                    files.add(PathNames.normalizeAbsolute(workdir, candidate));
                }
                notes.add("no path given: fastapi looks for main.py, app.py, api.py, then app/main.py, app/app.py, app/api.py");
            }
            return done(runtime, target, options, argv, path, files);
        }

        private EntryPoint streamlit(List<String> argv) {
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
            Target target = script == null ? Target.NONE : Target.file(script, abs(script));
            return done(Runtime.STREAMLIT, target, options, argv, searchPath(workdir, List.of()),
                    script == null ? List.of() : List.of(abs(script)));
        }

        private EntryPoint celery(List<String> argv) {
            OptionSpec.Parsed parsed = CELERY.parse(argv.subList(1, argv.size()), false);
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            if (!parsed.positionals().isEmpty()) {
                options.put("command", parsed.positionals().get(0));
            }
            String dir = options.containsKey("workdir") ? abs(options.get("workdir")) : workdir;
            List<String> path = searchPath(dir, List.of());
            String spec = options.get("app");
            Target target = spec == null ? Target.NONE : spec.contains(":") ? app(spec, null, dir) : Target.module(spec);
            List<String> files = new ArrayList<>();
            if (target.module() != null) {
                files.addAll(moduleFiles(target, path));
                if (target.kind() == Target.Kind.MODULE) {
                    for (String d : path) {
                        files.add(PathNames.normalizeAbsolute(d, target.module().replace('.', '/') + "/celery.py"));
                    }
                }
            }
            return done(Runtime.CELERY, target, options, argv, path, files);
        }

        // -- Node --

        private static final Set<String> NODE_VALUE_OPTIONS = Set.of("-r", "--require", "--import", "--loader",
                "--experimental-loader", "--input-type", "-C", "--conditions", "--title", "--env-file",
                "--env-file-if-exists", "--inspect-port", "--watch-path", "--experimental-config-file");

        private EntryPoint node(List<String> argv) {
            int i = 1;
            String script = null;
            String code = null;
            while (i < argv.size()) {
                String arg = argv.get(i);
                if (arg.equals("--")) {
                    script = i + 1 < argv.size() ? argv.get(i + 1) : null;
                    i += 2;
                    break;
                }
                if (!arg.startsWith("-") || arg.equals("-")) {
                    script = arg.equals("-") ? null : arg;
                    i++;
                    break;
                }
                int eq = arg.indexOf('=');
                String key = eq > 0 ? arg.substring(0, eq) : arg;
                if (key.equals("-e") || key.equals("--eval") || key.equals("-p") || key.equals("--print")) {
                    code = eq > 0 ? arg.substring(eq + 1) : i + 1 < argv.size() ? argv.get(++i) : "";
                    i++;
                    break;
                }
                if (eq > 0) {
                    OptionSpec.put(interpreter, key, arg.substring(eq + 1));
                } else if (NODE_VALUE_OPTIONS.contains(key) && i + 1 < argv.size()) {
                    OptionSpec.put(interpreter, key, argv.get(++i));
                } else {
                    interpreter.put(key, "true");
                }
                i++;
            }
            if (code != null) {
                return done(Runtime.NODE, Target.code(code), Map.of(), argv);
            }
            if (script == null) {
                return done(Runtime.NODE, Target.NONE, Map.of(), argv);
            }
            return done(Runtime.NODE, nodeTarget(script), Map.of(), argv, List.of(), nodeFiles(script));
        }

        private Target nodeTarget(String script) {
            String path = abs(script);
            if (script.equals(".") || script.endsWith("/")) {
                return Target.directory(script, path);
            }
            return Target.file(script, path);
        }

        /** Where Node looks for a script: as given, then with .js, then as a folder (package.json, index.js). */
        private List<String> nodeFiles(String script) {
            String path = abs(script);
            String name = PathNames.fileName(path);
            if (script.equals(".") || script.endsWith("/")) {
                return List.of(path + (path.equals("/") ? "" : "/") + "package.json", PathNames.normalizeAbsolute(path, "index.js"));
            }
            if (name.contains(".")) {
                return List.of(path);
            }
            return List.of(path, path + ".js", path + "/index.js");
        }

        private EntryPoint npm(List<String> argv) {
            OptionSpec.Parsed parsed = NPM.parse(argv.subList(1, argv.size()), true);
            List<String> positionals = parsed.positionals();
            String command = positionals.isEmpty() ? "" : positionals.get(0);
            String script = switch (command) {
                case "start", "test", "restart", "stop" -> command;
                case "t", "tst" -> "test";
                case "run", "run-script", "rum", "urn" -> positionals.size() > 1 ? positionals.get(1) : null;
                default -> null;
            };
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            if (script == null) {
                options.put("command", command);
                return done(Runtime.NPM, Target.NONE, options, argv);
            }
            if (script.equals("start")) {
                notes.add("npm start runs `node server.js` when package.json has no start script");
            }
            return done(Runtime.NPM, Target.script(script), options, argv);
        }

        private static final Set<String> YARN_COMMANDS = Set.of("install", "add", "remove", "upgrade", "info", "why",
                "cache", "config", "init", "global", "link", "unlink", "list", "outdated", "pack", "publish", "audit",
                "workspaces", "set", "plugin", "dedupe", "npm", "constraints", "up", "patch", "rebuild", "version");

        private EntryPoint yarn(List<String> argv) {
            List<String> rest = argv.subList(1, argv.size());
            Map<String, String> options = new LinkedHashMap<>();
            if (rest.size() >= 2 && rest.get(0).equals("workspace")) {
                options.put("workspace", rest.get(1));
                rest = rest.subList(2, rest.size());
            }
            OptionSpec.Parsed parsed = YARN.parse(rest, true);
            options.putAll(parsed.options());
            List<String> positionals = parsed.positionals();
            String command = positionals.isEmpty() ? "install" : positionals.get(0);
            if (command.equals("node")) {
                List<String> next = new ArrayList<>(List.of("node"));
                next.addAll(positionals.subList(1, positionals.size()));
                wrappers.add(new Wrapper("yarn node", List.of()));
                return node(next);
            }
            if (YARN_COMMANDS.contains(command)) {
                options.put("command", command);
                return done(Runtime.YARN, Target.NONE, options, argv);
            }
            String script = command.equals("run") ? (positionals.size() > 1 ? positionals.get(1) : null) : command;
            return done(Runtime.YARN, script == null ? Target.NONE : Target.script(script), options, argv);
        }

        private EntryPoint pnpm(List<String> argv) {
            OptionSpec.Parsed parsed = PNPM.parse(argv.subList(1, argv.size()), true);
            List<String> positionals = parsed.positionals();
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            String command = positionals.isEmpty() ? "" : positionals.get(0);
            if (command.equals("install") || command.equals("i") || command.equals("add") || command.isEmpty()) {
                options.put("command", command);
                return done(Runtime.PNPM, Target.NONE, options, argv);
            }
            String script = command.equals("run") || command.equals("run-script") ? (positionals.size() > 1 ? positionals.get(1) : null) : command;
            return done(Runtime.PNPM, script == null ? Target.NONE : Target.script(script), options, argv);
        }

        private EntryPoint bun(List<String> argv) {
            List<String> rest = new ArrayList<>();
            for (String arg : argv.subList(1, argv.size())) {
                if (arg.startsWith("-") && rest.isEmpty()) {
                    interpreter.put(arg, "true"); // --hot, --watch, --smol
                } else {
                    rest.add(arg);
                }
            }
            if (!rest.isEmpty() && rest.get(0).equals("run")) {
                rest = rest.subList(1, rest.size());
            }
            if (rest.isEmpty()) {
                return done(Runtime.BUN, Target.NONE, Map.of(), argv);
            }
            String first = rest.get(0);
            if (first.matches(".*\\.(js|mjs|cjs|ts|mts|cts|tsx|jsx)$") || first.contains("/")) {
                return done(Runtime.BUN, nodeTarget(first), Map.of(), argv, List.of(), nodeFiles(first));
            }
            return done(Runtime.BUN, Target.script(first), Map.of(), argv);
        }

        private EntryPoint nodemon(List<String> argv) {
            OptionSpec.Parsed parsed = NODEMON.parse(argv.subList(1, argv.size()), true);
            if (parsed.positionals().isEmpty()) {
                notes.add("nodemon without a script runs package.json's main (or its start script)");
                return done(Runtime.NODEMON, Target.NONE, parsed.options(), argv);
            }
            String script = parsed.positionals().get(0);
            return done(Runtime.NODEMON, nodeTarget(script), parsed.options(), argv, List.of(), nodeFiles(script));
        }

        private EntryPoint tsNode(String name, List<String> argv) {
            List<String> rest = argv.subList(1, argv.size());
            if (name.equals("tsx") && !rest.isEmpty() && rest.get(0).equals("watch")) {
                interpreter.put("--watch", "true");
                rest = rest.subList(1, rest.size());
            }
            OptionSpec.Parsed parsed = TS_NODE.parse(rest, true);
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            if (name.equals("ts-node-dev") || options.containsKey("watch")) {
                interpreter.put("--watch", "true");
            }
            if (parsed.positionals().isEmpty()) {
                return done(Runtime.TS_NODE, options.containsKey("eval") ? Target.code(options.get("eval")) : Target.NONE, options, argv);
            }
            String script = parsed.positionals().get(0);
            return done(Runtime.TS_NODE, nodeTarget(script), options, argv, List.of(), nodeFiles(script));
        }

        /** A tool whose first positional is a sub-command mapped to a runtime; others are {@link Runtime#BINARY}. */
        private EntryPoint subcommand(List<String> argv, OptionSpec spec, Map<String, Runtime> runtimes) {
            OptionSpec.Parsed parsed = spec.parse(argv.subList(1, argv.size()), false);
            String command = parsed.positionals().isEmpty() ? "" : parsed.positionals().get(0);
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            Runtime runtime = runtimes.get(command);
            if (runtime == null) {
                options.put("command", command);
                return done(Runtime.BINARY, binary(argv.get(0)), options, argv);
            }
            List<String> positionals = parsed.positionals();
            Target target = positionals.size() > 1 ? Target.directory(positionals.get(1), abs(positionals.get(1)))
                    : Target.directory(".", workdir);
            return done(runtime, target, options, argv);
        }

        private EntryPoint serve(List<String> argv) {
            OptionSpec.Parsed parsed = SERVE.parse(argv.subList(1, argv.size()), false);
            String dir = parsed.positionals().isEmpty() ? "." : parsed.positionals().get(0);
            return done(Runtime.SERVE, Target.directory(dir, abs(dir)), parsed.options(), argv);
        }

        private EntryPoint pm2(List<String> argv) {
            OptionSpec.Parsed parsed = PM2.parse(argv.subList(1, argv.size()), false);
            List<String> positionals = new ArrayList<>(parsed.positionals());
            if (!positionals.isEmpty() && positionals.get(0).equals("start")) {
                positionals.remove(0);
            }
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            if (positionals.isEmpty()) {
                return done(Runtime.PM2, Target.NONE, options, argv);
            }
            String app = positionals.get(0);
            if (app.equals("npm") || app.equals("yarn") || app.equals("pnpm")) {
                List<String> script = parsed.afterDashes();
                String name = script.isEmpty() ? "start" : script.get(0).equals("run") && script.size() > 1 ? script.get(1) : script.get(0);
                options.put("interpreter", app);
                return done(Runtime.PM2, Target.script(name), options, argv);
            }
            String name = PathNames.fileName(app);
            if (name.matches(".*\\.config\\.(js|cjs|mjs)$") || name.endsWith(".json") || name.endsWith(".yml")
                    || name.endsWith(".yaml") || name.startsWith("ecosystem")) {
                return done(Runtime.PM2, Target.config(app, abs(app)), options, argv);
            }
            return done(Runtime.PM2, nodeTarget(app), options, argv, List.of(), nodeFiles(app));
        }

        // -- JVM --

        private static final Set<String> JAVA_VALUE_OPTIONS = Set.of("-cp", "-classpath", "--class-path", "-p",
                "--module-path", "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-reads",
                "--add-exports", "--add-opens", "--patch-module", "--source", "--enable-native-access", "-d",
                "--describe-module");

        private EntryPoint java(List<String> argv) {
            for (String var : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
                String value = env.get(var);
                if (value != null) {
                    for (String option : ShellWords.split(value)) {
                        jvmOption(option, null);
                    }
                }
            }
            int i = 1;
            Target target = Target.NONE;
            while (i < argv.size()) {
                String arg = argv.get(i);
                if (arg.equals("-jar")) {
                    String jar = i + 1 < argv.size() ? argv.get(i + 1) : "";
                    target = Target.file(jar, abs(jar));
                    i += 2;
                    break;
                }
                if (arg.equals("-m") || arg.equals("--module")) {
                    target = Target.mainClass(i + 1 < argv.size() ? argv.get(i + 1) : "");
                    i += 2;
                    break;
                }
                if (arg.startsWith("@")) {
                    notes.add("java reads more options from the argument file " + arg.substring(1));
                    unresolved.add(arg);
                    i++;
                    continue;
                }
                if (!arg.startsWith("-")) {
                    target = arg.endsWith(".java") ? Target.file(arg, abs(arg)) : Target.mainClass(arg);
                    i++;
                    break;
                }
                if (JAVA_VALUE_OPTIONS.contains(arg) && i + 1 < argv.size()) {
                    jvmOption(arg, argv.get(++i));
                } else {
                    jvmOption(arg, null);
                }
                i++;
            }
            if (target.kind() == Target.Kind.CLASS && target.value().startsWith("org.springframework.boot.loader.")) {
                notes.add("Spring Boot launcher: the application is an exploded (layered) Spring Boot jar");
            }
            Map<String, String> options = new LinkedHashMap<>(NONE.parse(argv.subList(Math.min(i, argv.size()), argv.size()), false).options());
            return done(Runtime.JAVA, target, options, argv, List.of(),
                    target.kind() == Target.Kind.FILE ? List.of(target.path()) : List.of());
        }

        /** Records one JVM option: -Xmx512m, -XX:+UseG1GC, -XX:MaxRAMPercentage=75, -Dkey=value, -javaagent:x. */
        private void jvmOption(String option, String separateValue) {
            if (separateValue != null) {
                OptionSpec.put(interpreter, option, separateValue);
                return;
            }
            for (String memory : List.of("-Xmx", "-Xms", "-Xss", "-Xmn")) {
                if (option.startsWith(memory) && option.length() > memory.length()) {
                    interpreter.put(memory, option.substring(memory.length()));
                    return;
                }
            }
            if (option.startsWith("-XX:+") || option.startsWith("-XX:-")) {
                interpreter.put("-XX:" + option.substring(5), option.charAt(4) == '+' ? "true" : "false");
                return;
            }
            int eq = option.indexOf('=');
            if (option.startsWith("-XX:") || option.startsWith("-D") || option.startsWith("--")) {
                if (eq > 0) {
                    interpreter.put(option.substring(0, eq), option.substring(eq + 1));
                } else {
                    interpreter.put(option, "true");
                }
                return;
            }
            int colon = option.indexOf(':');
            if (colon > 0) {
                OptionSpec.put(interpreter, option.substring(0, colon), option.substring(colon + 1));
                return;
            }
            interpreter.put(option, "true");
        }

        private EntryPoint maven(List<String> argv) {
            OptionSpec.Parsed parsed = MAVEN.parse(argv.subList(1, argv.size()), false);
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            String goals = String.join(" ", parsed.positionals());
            options.put("goals", goals);
            boolean bootRun = parsed.positionals().stream().anyMatch(g -> g.equals("spring-boot:run") || g.endsWith("spring-boot-maven-plugin:run") || g.matches(".*spring-boot-maven-plugin:[^:]+:run"));
            if (parsed.positionals().stream().anyMatch(g -> g.equals("quarkus:dev"))) {
                notes.add("quarkus:dev is Quarkus's development mode");
            }
            return done(bootRun ? Runtime.SPRING_BOOT_RUN : Runtime.MAVEN, Target.directory(".", workdir), options, argv);
        }

        private EntryPoint gradle(List<String> argv) {
            OptionSpec.Parsed parsed = GRADLE.parse(argv.subList(1, argv.size()), false);
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            options.put("tasks", String.join(" ", parsed.positionals()));
            boolean bootRun = parsed.positionals().stream().anyMatch(t -> t.equals("bootRun") || t.endsWith(":bootRun"));
            return done(bootRun ? Runtime.SPRING_BOOT_RUN : Runtime.GRADLE, Target.directory(".", workdir), options, argv);
        }

        // -- Go --

        private EntryPoint go(List<String> argv) {
            List<String> rest = argv.subList(1, argv.size());
            if (rest.isEmpty() || !rest.get(0).equals("run")) {
                Map<String, String> options = new LinkedHashMap<>();
                options.put("command", rest.isEmpty() ? "" : rest.get(0));
                return done(Runtime.BINARY, binary(argv.get(0)), options, argv);
            }
            OptionSpec.Parsed parsed = GO_RUN.parse(rest.subList(1, rest.size()), true);
            List<String> positionals = parsed.positionals();
            if (positionals.isEmpty()) {
                return done(Runtime.GO_RUN, Target.NONE, parsed.options(), argv);
            }
            String first = positionals.get(0);
            if (first.endsWith(".go")) {
                List<String> files = new ArrayList<>();
                for (String file : positionals) {
                    if (!file.endsWith(".go")) {
                        break;
                    }
                    files.add(abs(file));
                }
                return done(Runtime.GO_RUN, Target.file(first, abs(first)), parsed.options(), argv, List.of(), files);
            }
            Target target = first.startsWith(".") || first.startsWith("/") ? Target.directory(first, abs(first)) : Target.module(first);
            return done(Runtime.GO_RUN, target, parsed.options(), argv);
        }

        // -- Ruby --

        private EntryPoint rails(List<String> argv) {
            List<String> rest = argv.subList(1, argv.size());
            String command = rest.isEmpty() ? "" : rest.get(0);
            OptionSpec.Parsed parsed = RAILS.parse(rest.isEmpty() ? rest : rest.subList(1, rest.size()), false);
            Map<String, String> options = new LinkedHashMap<>();
            fromEnv(options, "RAILS_ENV", "environment");
            options.putAll(parsed.options());
            if (command.equals("server") || command.equals("s")) {
                String rackup = PathNames.normalizeAbsolute(workdir, "config.ru");
                return done(Runtime.RAILS_SERVER, Target.file("config.ru", rackup), options, argv, List.of(), List.of(rackup));
            }
            options.put("command", command);
            return done(Runtime.RAILS_COMMAND, Target.NONE, options, argv);
        }

        private EntryPoint rackServer(Runtime runtime, OptionSpec spec, List<String> argv) {
            OptionSpec.Parsed parsed = spec.parse(argv.subList(1, argv.size()), false);
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            if (runtime == Runtime.PUMA) {
                fromEnvIfAbsent(options, "RACK_ENV", "environment");
            }
            String rackup = parsed.positionals().isEmpty() ? "config.ru" : parsed.positionals().get(0);
            String path = abs(rackup);
            return done(runtime, Target.file(rackup, path), options, argv, List.of(), List.of(path));
        }

        private EntryPoint ruby(List<String> argv) {
            int i = 1;
            while (i < argv.size() && argv.get(i).startsWith("-")) {
                String arg = argv.get(i);
                if (arg.equals("-e")) {
                    return done(Runtime.RUBY, Target.code(i + 1 < argv.size() ? argv.get(i + 1) : ""), Map.of(), argv);
                }
                if ((arg.equals("-I") || arg.equals("-r") || arg.equals("-C") || arg.equals("-E")) && i + 1 < argv.size()) {
                    OptionSpec.put(interpreter, arg, argv.get(++i));
                } else {
                    interpreter.put(arg, "true");
                }
                i++;
            }
            if (i >= argv.size()) {
                return done(Runtime.RUBY, Target.NONE, Map.of(), argv);
            }
            String script = argv.get(i);
            if (base(script).equals("rails")) {
                List<String> next = new ArrayList<>(argv.subList(i, argv.size()));
                return rails(next);
            }
            return done(Runtime.RUBY, Target.file(script, abs(script)), Map.of(), argv, List.of(), List.of(abs(script)));
        }

        // -- PHP --

        private EntryPoint php(List<String> argv) {
            int i = 1;
            String listen = null;
            String docroot = null;
            while (i < argv.size() && argv.get(i).startsWith("-") && !argv.get(i).equals("--")) {
                String arg = argv.get(i);
                String flag = arg.length() > 2 ? arg.substring(0, 2) : arg;
                String attached = arg.length() > 2 ? arg.substring(2) : null;
                switch (flag) {
                    case "-S" -> listen = attached != null ? attached : i + 1 < argv.size() ? argv.get(++i) : "";
                    case "-t" -> docroot = attached != null ? attached : i + 1 < argv.size() ? argv.get(++i) : "";
                    case "-r" -> {
                        return done(Runtime.PHP, Target.code(attached != null ? attached : i + 1 < argv.size() ? argv.get(i + 1) : ""), Map.of(), argv);
                    }
                    case "-d", "-c", "-f", "-z" -> {
                        String value = attached != null ? attached : i + 1 < argv.size() ? argv.get(++i) : "";
                        if (flag.equals("-f")) {
                            return phpScript(argv, value, argv.subList(Math.min(i + 1, argv.size()), argv.size()));
                        }
                        OptionSpec.put(interpreter, flag, value);
                    }
                    default -> interpreter.put(arg, "true");
                }
                i++;
            }
            if (i < argv.size() && argv.get(i).equals("--")) {
                i++;
            }
            if (listen != null) {
                Map<String, String> options = new LinkedHashMap<>();
                options.put("listen", listen);
                if (docroot != null) {
                    options.put("docroot", docroot);
                }
                if (i < argv.size()) {
                    String router = argv.get(i);
                    return done(Runtime.PHP_BUILTIN_SERVER, Target.file(router, abs(router)), options, argv, List.of(), List.of(abs(router)));
                }
                String root = docroot == null ? "." : docroot;
                return done(Runtime.PHP_BUILTIN_SERVER, Target.directory(root, abs(root)), options, argv);
            }
            if (i >= argv.size()) {
                return done(Runtime.PHP, Target.NONE, Map.of(), argv);
            }
            return phpScript(argv, argv.get(i), argv.subList(i + 1, argv.size()));
        }

        private EntryPoint phpScript(List<String> argv, String script, List<String> args) {
            String path = abs(script);
            if (!base(script).equals("artisan")) {
                return done(Runtime.PHP, Target.file(script, path), Map.of(), argv, List.of(), List.of(path));
            }
            String command = args.isEmpty() ? "" : args.get(0);
            OptionSpec.Parsed parsed = ARTISAN.parse(args.isEmpty() ? args : args.subList(1, args.size()), false);
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            Runtime runtime;
            if (command.equals("serve")) {
                runtime = Runtime.ARTISAN_SERVE;
            } else if (command.startsWith("octane:start") || command.equals("octane:frankenphp") || command.equals("octane:swoole") || command.equals("octane:roadrunner")) {
                runtime = Runtime.LARAVEL_OCTANE;
                options.put("command", command);
            } else {
                runtime = Runtime.ARTISAN_COMMAND;
                options.put("command", command);
            }
            return done(runtime, Target.file(script, path), options, argv, List.of(), List.of(path));
        }

        private EntryPoint frankenphp(List<String> argv) {
            List<String> rest = argv.subList(1, argv.size());
            OptionSpec.Parsed parsed = FRANKENPHP.parse(rest, false);
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            options.put("command", parsed.positionals().isEmpty() ? "" : parsed.positionals().get(0));
            String config = options.get("config");
            return done(Runtime.FRANKENPHP, config == null ? Target.NONE : Target.config(config, abs(config)), options, argv);
        }

        // -- web servers and process managers --

        private EntryPoint configured(Runtime runtime, OptionSpec spec, List<String> argv, String configOption) {
            OptionSpec.Parsed parsed = spec.parse(argv.subList(1, argv.size()), false);
            String config = parsed.options().get(configOption);
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            if (config != null) {
                options.remove(configOption);
                options.put("config", config);
            }
            return done(runtime, config == null ? Target.NONE : Target.config(config, abs(config)), options, argv);
        }

        private EntryPoint caddy(List<String> argv) {
            OptionSpec.Parsed parsed = CADDY.parse(argv.subList(1, argv.size()), false);
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            options.put("command", parsed.positionals().isEmpty() ? "" : parsed.positionals().get(0));
            String config = options.get("config");
            return done(Runtime.CADDY, config == null ? Target.NONE : Target.config(config, abs(config)), options, argv);
        }

        // ---- helpers ----

        private void fromEnv(Map<String, String> options, String variable, String option) {
            String value = env.get(variable);
            if (value != null && !value.isEmpty()) {
                options.put(option, value);
            }
        }

        private void fromEnvIfAbsent(Map<String, String> options, String variable, String option) {
            if (!options.containsKey(option)) {
                fromEnv(options, variable, option);
            }
        }

        /** Options a click-based CLI reads from PREFIX_NAME variables ({@code UVICORN_PORT}, {@code FLASK_RUN_HOST}). */
        private void prefixedEnv(Map<String, String> options, String prefix, OptionSpec spec) {
            for (Map.Entry<String, String> variable : env.entrySet()) {
                if (!variable.getKey().startsWith(prefix)) {
                    continue;
                }
                String name = variable.getKey().substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                OptionSpec.Option option = spec.lookup("--" + name);
                if (option != null) {
                    options.put(option.canonical(), option.takesValue() ? variable.getValue() : truthy(variable.getValue()) ? "true" : "false");
                }
            }
        }

        private static boolean truthy(String value) {
            return Set.of("1", "true", "yes", "on", "y", "t").contains(value.trim().toLowerCase(Locale.ROOT));
        }

        private static List<String> split(String commaSeparated) {
            if (commaSeparated == null || commaSeparated.isEmpty()) {
                return List.of();
            }
            return List.of(commaSeparated.split(","));
        }

        private String abs(String path) {
            return PathNames.normalizeAbsolute(workdir, path);
        }

        private static String base(String program) {
            return PathNames.fileName(program);
        }

        private EntryPoint done(Runtime runtime, Target target, Map<String, String> options, List<String> args) {
            List<String> files = target.path() != null && (target.kind() == Target.Kind.FILE || target.kind() == Target.Kind.CONFIG)
                    ? List.of(target.path()) : List.of();
            return done(runtime, target, options, args, List.of(), files);
        }

        private EntryPoint done(Runtime runtime, Target target, Map<String, String> options, List<String> args,
                List<String> searchPath, List<String> targetFiles) {
            return new EntryPoint(runtime, target, options, interpreter, args, searchPath, targetFiles, workdir, env,
                    user, wrappers, scripts, otherCommands, shellScript, unresolved.stream().distinct().toList(), notes);
        }
    }
}
