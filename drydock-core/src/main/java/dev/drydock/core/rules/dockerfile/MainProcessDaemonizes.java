package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.image.TorchServeImages;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.PumaBinds;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.rules.support.ServerModes;
import dev.drydock.core.supervisor.Manager;
import dev.drydock.core.rules.support.CmdEdits;
import dev.drydock.core.rules.support.ForegroundCommands;
import dev.drydock.core.rules.support.KeepAlives;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import java.util.HashSet;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "main-process-daemonizes",
        title = "The container's main process puts itself in the background and returns",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The program the container's command finally runs (compose command/entrypoint over the target stage's"
                + " CMD/ENTRYPOINT, through sh -c, exec, init and privilege-dropping wrappers and entry-point scripts"
                + " assumed to end with exec \"$@\"), when it daemonizes: pm2 start (not pm2-runtime or --no-daemon),"
                + " gunicorn -D/--daemon, unicorn -D, rails server -d, php-fpm -D/--daemonize,"
                + " redis-server --daemonize yes, mongod --fork, memcached -d, sshd without -D, cron and crond without -f"
                + " (BusyBox's crond -d and cronie's -n are left alone), ray start without --block, torchserve without"
                + " --foreground (with or without --start), httpd/apache2 without"
                + " -DFOREGROUND, apachectl start, service NAME start and /etc/init.d/NAME start, and nginx without"
                + " daemon off (neither in -g nor in a RUN or a .conf file the image copies). At medium, a shell"
                + " command or an entry-point script that starts one of these daemons (in an if branch too) and"
                + " then only keeps the container alive as its last step: tail -f FILE (/dev/null or a log),"
                + " sleep infinity (or a day or more), while true; do sleep N; done. The container stays up, but"
                + " its main process is the keep-alive: the daemon's death goes unnoticed and docker stop's"
                + " SIGTERM does not reach it. Likewise, at medium, a container that keeps the ENTRYPOINT of TorchServe's"
                + " image (pytorch/torchserve): its dockerd-entrypoint.sh runs torchserve --start for CMD serve, or runs"
                + " the CMD with eval, and then tail -f /dev/null, so a daemonizing torchserve does not end the"
                + " container. A daemon started beside a server that the script execs last"
                + " (service cron start && exec gunicorn ...) is left alone."
                + " Also puma -d/--daemon, which puma 5 and later refuse (daemonization was removed) and older puma"
                + " daemonizes: either way the process returns at once; likewise `daemonize` (or `daemonize true`) in"
                + " the Puma configuration file that puma or rails server loads (-C's file, else"
                + " config/puma/<RAILS_ENV>.rb, else config/puma.rb), on which puma 5 and later stop with \"undefined"
                + " method `daemonize'\". The same programs started by supervisord"
                + " (`[program:x] command=`), at medium: supervisord retries a program that exits at once a few times"
                + " (startretries) and then gives up on it, leaving the daemon unwatched (high for puma -d, which"
                + " never runs). The unsafe fix writes the CMD that runs the daemon in the foreground in exec form, when"
                + " the final stage's own CMD does nothing else: a single daemon, alone or followed by a keep-alive"
                + " that does not show a log (nginx -g 'daemon off;'; php-fpm -F for -D, php8.2-fpm's service as"
                + " php-fpm8.2 -F; sshd -D, from service ssh start only where a RUN makes /run/sshd, which Debian's"
                + " init script makes; httpd -DFOREGROUND; Apache's start as the php and httpd images' own"
                + " apache2-foreground and httpd-foreground, as apache2ctl -D FOREGROUND on Debian and Ubuntu, httpd"
                + " -DFOREGROUND on Alpine and the Red Hat family; cron -f on Debian and Ubuntu, crond -f on Alpine;"
                + " supervisord -n -c /etc/supervisor/supervisord.conf for Debian's service supervisor start;"
                + " redis-server without --daemonize yes; gunicorn and unicorn without -D; ray start with --block). A command that does more"
                + " (two daemons, migrations or settings first) gets no fix: it needs an entry-point script that ends by"
                + " exec'ing the server, or a process supervisor.",
        problem = "A container lives as long as its main process. A program that forks into the background returns at"
                + " once, so PID 1 exits and the container stops with it, or restarts in a loop under a restart"
                + " policy; the daemon it left behind is killed with the container.",
        impact = "The service never stays up (the container exits right after starting, with exit code 0 and no"
                + " error), and under restart: always it restarts forever.",
        recommendation = "Start the program in the foreground: pm2-runtime instead of pm2 start, gunicorn without -D,"
                + " php-fpm -F, redis-server without --daemonize yes, nginx -g 'daemon off;', httpd -DFOREGROUND,"
                + " sshd -D, torchserve --foreground, ray start --block, the server's own binary instead of service NAME start. In place"
                + " of a keep-alive (tail -f /dev/null, sleep infinity), start the server last with exec, in the"
                + " foreground, so that it is the container's main process.",
        references = {
                "https://docs.docker.com/engine/containers/multi-service_container/",
                "https://pm2.keymetrics.io/docs/usage/docker-pm2-nodejs/",
                "https://docs.gunicorn.org/en/stable/settings.html#daemon",
                "https://nginx.org/en/docs/ngx_core_module.html#daemon",
                "https://www.php.net/manual/en/install.fpm.configuration.php",
                "https://supervisord.org/subprocess.html#nondaemonizing-of-subprocesses",
                "https://pytorch.org/serve/server.html",
                "https://docs.ray.io/en/latest/cluster/cli.html#ray-start",
                "https://manpages.debian.org/bookworm/cron/cron.8.en.html",
                "https://manpages.debian.org/bookworm/openssh-server/sshd.8.en.html",
                "https://httpd.apache.org/docs/2.4/programs/httpd.html",
                "https://github.com/puma/puma/blob/master/History.md#500--2020-09-17"},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11.0-slim
                        RUN npm install -g pm2@5.4.2
                        WORKDIR /app
                        COPY . .
                        CMD ["pm2", "start", "server.js"]
                        """,
                good = """
                        FROM node:22.11.0-slim
                        RUN npm install -g pm2@5.4.2
                        WORKDIR /app
                        COPY . .
                        CMD ["pm2-runtime", "start", "server.js"]
                        """))
public final class MainProcessDaemonizes implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<Origin> reported = new HashSet<>();
        for (Container c : context.project().containers()) {
            EffectiveCommand command = c.command();
            EntryPoint ep = c.entryPoint();
            if (command != null && command.inheritsEntrypoint()
                    && TorchServeImages.runsEntrypoint(command.entrypoint())) {
                checkTorchServeEntrypoint(context, c, command, ep, reported);
            } else if (command != null && !command.isEmpty() && ep != null) {
                // first: a script that ends in a keep-alive may be read as the daemon it starts
                checkKeepAlive(context, c, command, ep, reported);
            }
            if (command != null && !command.isEmpty() && ep != null && !ep.args().isEmpty()
                    && !TorchServeImages.runsEntrypoint(command.entrypoint())) {
                checkMain(context, c, command, ep, reported);
                checkPumaConfig(context, c, ep, reported);
            }
            if (c.supervision() != null && c.supervision().manager() == Manager.SUPERVISORD) {
                for (Processes.Process p : Processes.supervised(c)) {
                    checkProgram(context, c, p, reported);
                }
            }
        }
    }

    private void checkMain(ReviewContext context, Container c, EffectiveCommand command, EntryPoint ep,
            Set<Origin> reported) {
        ServerModes.Mode mode = mode(context, c, ep);
        if (mode == null) {
            return;
        }
        String name = PathNames.fileName(ep.args().get(0));
        Origin at = command.cmdOrigin() != null && command.cmd().stream().anyMatch(w -> w.contains(name))
                ? command.cmdOrigin() : command.origin();
        if (at == null || !reported.add(at)) {
            return;
        }
        String written = String.join(" ", ep.args());
        String what = mode == ServerModes.Mode.REMOVED_DAEMON_OPTION
                ? "`" + written + "` returns at once: " + removedDaemonOption(ep.args()) + "; it is the container's main process,"
                        + " so the container stops as soon as it starts (or restarts in a loop under a restart policy)"
                : "`" + written + "` " + how(name) + " and returns at once: it is the container's main process, so the"
                        + " container exits as soon as it has started the daemon (or restarts in a loop under a restart"
                        + " policy)";
        context.finding(this, at, what + notes(ep))
                .recommendation(recommendation(name, ep.args()))
                .fix(mode == ServerModes.Mode.BACKGROUND ? mainFix(c, command, ep) : null)
                .add();
    }

    /**
     * A container that keeps the entry-point script of TorchServe's image ({@link TorchServeImages}): the script
     * starts the server ({@code serve}) or runs the CMD without exec, then runs {@code tail -f /dev/null}, so a
     * daemonizing torchserve leaves the container up with the keep-alive as its main process (it does not exit).
     */
    private void checkTorchServeEntrypoint(ReviewContext context, Container c, EffectiveCommand command, EntryPoint ep,
            Set<Origin> reported) {
        List<String> started = ep != null && mode(context, c, ep) == ServerModes.Mode.BACKGROUND ? ep.args() : null;
        Origin at = command.cmdOrigin();
        if (started == null || at == null || !reported.add(at)) {
            return;
        }
        List<String> foreground = new java.util.ArrayList<>(started);
        if (!foreground.contains("--start")) {
            foreground.add(1, "--start");
        }
        foreground.add(foreground.indexOf("--start") + 1, "--foreground");
        String given = command.cmd().get(0).equals(TorchServeImages.SERVE)
                ? "given CMD " + Probes.json(command.cmd()) + ","
                : "given this CMD, which it runs with eval,";
        context.finding(this, at, command.entrypointImage() + "'s entry-point script " + TorchServeImages.ENTRYPOINT
                        + ", " + given + " runs `" + String.join(" ", started) + "`, which " + how("torchserve")
                        + ", and then `" + TorchServeImages.KEEP_ALIVE + "`, which only keeps the container alive"
                        + unseen() + " (`torchserve --stop` never runs)")
                .severity(Severity.MEDIUM)
                .recommendation("Run TorchServe in the foreground as the container's main process, in place of the"
                        + " image's entry-point script: ENTRYPOINT " + Probes.json(foreground) + ". A CMD alone is not"
                        + " enough: the script runs it with eval, without exec, so bash stays the main process.")
                .add();
    }

    /**
     * A shell command or entry-point script that starts a daemon and then only keeps the container alive
     * ({@code torchserve --start && tail -f /dev/null}): the container stays up, but its main process is the
     * keep-alive, which neither ends when the daemon dies nor passes docker stop's SIGTERM on to it.
     */
    private void checkKeepAlive(ReviewContext context, Container c, EffectiveCommand command, EntryPoint ep,
            Set<Origin> reported) {
        String script = command.shellForm() && command.script() != null ? command.script()
                : ep.wrappers().stream().filter(w -> w.name().endsWith(" -c") && !w.args().isEmpty()).findFirst()
                        .map(w -> w.args().get(0)).orElse(null);
        if (script != null) {
            Optional<KeepAlives> keepAlive = KeepAlives.of(ShellScript.parse(script), script);
            List<Command> daemons = keepAlive.map(k -> daemons(context, c, k)).orElse(List.of());
            if (!daemons.isEmpty()) {
                Command main = daemons.get(daemons.size() - 1);
                Origin at = command.cmdOrigin() != null && command.cmd().stream().anyMatch(w -> w.contains(script))
                        ? command.cmdOrigin() : command.origin();
                if (at != null && reported.add(at)) {
                    context.finding(this, at, "`" + written(script, main) + "` " + how(main.name())
                                    + ", and `" + keepAlive.get().text() + "` after it " + keeps(keepAlive.get())
                                    + unseen())
                            .severity(Severity.MEDIUM)
                            .recommendation(keepAliveRecommendation(script, main, daemons, keepAlive.get(), "the container's command"))
                            .fix(keepAliveFix(c, command, main, keepAlive.get()))
                            .add();
                }
                return;
            }
        }
        if (c.build() == null) {
            return;
        }
        for (String path : ep.scripts()) {
            ShellScript parsed = c.scripts().parsed(path).orElse(null);
            if (parsed == null) {
                continue;
            }
            SourceFile file = parsed.text().file();
            String text = file.text();
            Optional<KeepAlives> keepAlive = KeepAlives.of(parsed, text);
            List<Command> daemons = keepAlive.map(k -> daemons(context, c, k)).orElse(List.of());
            if (daemons.isEmpty()) {
                continue;
            }
            Command main = daemons.get(daemons.size() - 1);
            if (reported.add(new Origin(file.path(), main.span()))) {
                context.finding(this, file.path(), main.span(), "the entry-point script " + file.path() + " runs `"
                                + written(text, main) + "` (line " + main.span().startLine() + "), which "
                                + how(main.name()) + ", and then `" + keepAlive.get().text() + "` (line "
                                + keepAlive.get().span().startLine() + ") " + keeps(keepAlive.get()) + unseen())
                        .severity(Severity.MEDIUM)
                        .recommendation(keepAliveRecommendation(text, main, daemons, keepAlive.get(),
                                "the last command of " + file.path()))
                        .add();
            }
        }
    }

    /** The commands before the keep-alive that start a daemon, in order. */
    private static List<Command> daemons(ReviewContext context, Container c, KeepAlives keepAlive) {
        return keepAlive.before().stream().filter(cmd -> cmd.program().isPresent()
                && mode(context, c, cmd.program().get().value(), cmd.argumentValues()) == ServerModes.Mode.BACKGROUND)
                .toList();
    }

    private static String keeps(KeepAlives keepAlive) {
        return (keepAlive.followsLog() ? "shows its log but also" : "only") + " keeps the container alive";
    }

    private static String unseen() {
        return ": the container's main process is that keep-alive, not the server, so when the server dies the"
                + " container stays up and looks healthy (a restart policy never fires), and docker stop's SIGTERM"
                + " reaches the keep-alive instead of the server, which is killed with SIGKILL when the grace period"
                + " ends";
    }

    private static String keepAliveRecommendation(String source, Command main, List<Command> daemons,
            KeepAlives keepAlive, String where) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(main.program().get().value());
        argv.addAll(main.argumentValues());
        String others = daemons.stream().filter(d -> d != main).map(Command::name).distinct()
                .collect(java.util.stream.Collectors.joining(", "));
        return recommendation(main.name(), argv) + " Run it with exec as " + where + ", in place of `"
                + keepAlive.text() + "`: the server is then the container's main process, its exit ends the container"
                + " (and a restart policy starts it again), and docker stop's SIGTERM reaches it."
                + (others.isEmpty() ? "" : " The other daemons (" + others + ") need a process supervisor"
                        + " (supervisord, s6-overlay) or containers of their own.");
    }

    /**
     * The CMD that runs the daemon in the foreground in place of its background start, when that start is all
     * the command does ({@code service nginx start}, {@code CMD ["nginx"]}) and the foreground form is known.
     */
    private static Fix mainFix(Container c, EffectiveCommand command, EntryPoint ep) {
        List<String> written = command.shellForm()
                ? command.script() == null ? List.of() : CmdEdits.literalCommand(command.script())
                : command.argv();
        if (!written.equals(ep.args())) {
            return null; // a wrapper (an init, sh -c, gosu) or a variable stands in the way
        }
        return foregroundFix(c, command, written.get(0), written.subList(1, written.size()), "`" + String.join(" ",
                written) + "`");
    }

    /**
     * The CMD that runs the daemon in the foreground in place of the daemon and the keep-alive, when they are all the
     * script does ({@code nginx && tail -f /dev/null}); none when the keep-alive shows a log (the foreground server
     * would not) or the script does more (two daemons, migrations, settings), which then needs its own entry-point
     * script ending with exec, or a process supervisor.
     */
    private static Fix keepAliveFix(Container c, EffectiveCommand command, Command main, KeepAlives keepAlive) {
        List<String> words = CmdEdits.literalWords(main);
        if (keepAlive.followsLog() || keepAlive.before().size() != 1 || words.isEmpty()) {
            return null;
        }
        return foregroundFix(c, command, words.get(0), words.subList(1, words.size()), "`" + String.join(" ", words)
                + "` and `" + keepAlive.text() + "`");
    }

    private static Fix foregroundFix(Container c, EffectiveCommand command, String program, List<String> args,
            String replaced) {
        return ForegroundCommands.of(c, program, args)
                .map(argv -> CmdEdits.replaceCmd(c, command, argv, "write CMD " + Probes.json(argv) + ", which keeps "
                        + PathNames.fileName(argv.get(0)) + " in the foreground as the container's main process, in place"
                        + " of " + replaced, FixSafety.UNSAFE))
                .orElse(null);
    }

    private static String written(String source, Command command) {
        return source.substring(command.span().start(), command.span().end()).strip();
    }

    /**
     * A supervisord program that daemonizes: supervisord sees it exit before startsecs (1 second by default), retries
     * it startretries times (3 by default) and then marks it FATAL; the daemon the first start left behind runs
     * unwatched, and later starts fail on what it holds (its port, its pid file).
     */
    private void checkProgram(ReviewContext context, Container c, Processes.Process p, Set<Origin> reported) {
        ServerModes.Mode mode = mode(context, c, p.entryPoint());
        if (mode == null || !reported.add(p.origin())) {
            return;
        }
        String name = PathNames.fileName(p.entryPoint().args().get(0));
        String label = p.label();
        String written = p.program().commandLine();
        String what = mode == ServerModes.Mode.REMOVED_DAEMON_OPTION
                ? "`" + written + "` of " + label + " returns at once: " + removedDaemonOption(p.entryPoint().args())
                        + "; supervisord"
                        + " retries it (startretries, 3 by default) and then gives up on it (FATAL), so the program"
                        + " never runs"
                : "`" + written + "` of " + label + " " + how(name) + " and returns at once: supervisord sees the"
                        + " program exit, retries it (startretries, 3 by default; each retry fails on what the first"
                        + " daemon holds, such as its port) and then gives up on it (FATAL), while the daemon left"
                        + " behind runs unwatched: nothing restarts it when it dies, and supervisorctl can neither stop"
                        + " nor restart it";
        context.finding(this, p.origin(), what)
                .severity(mode == ServerModes.Mode.REMOVED_DAEMON_OPTION ? Severity.HIGH : Severity.MEDIUM)
                .recommendation((name.equals("nginx") ? "Keep nginx in the foreground: `command=nginx -g \"daemon"
                        + " off;\"`." : recommendation(name, p.entryPoint().args())) + " supervisord itself keeps the"
                        + " program running: the programs it starts must stay in the foreground.")
                .add();
    }

    /** {@code daemonize} (or {@code daemonize true}) on a line of its own in a Puma configuration file. */
    private static final Pattern PUMA_DAEMONIZE = Pattern.compile("^\\s*daemonize\\b\\s*\\(?\\s*(true)?\\s*\\)?\\s*(#.*)?$");

    /**
     * The {@code daemonize} directive of the Puma configuration file the container's puma or `rails server` reads:
     * puma 5 and later removed it, so loading the file fails, and older puma forks into the background.
     */
    private void checkPumaConfig(ReviewContext context, Container c, EntryPoint ep, Set<Origin> reported) {
        SourceFile file = PumaBinds.readFile(context, c).orElse(null);
        if (file == null) {
            return;
        }
        for (int line = 1; line <= file.lineCount(); line++) {
            if (!PUMA_DAEMONIZE.matcher(file.line(line)).matches()) {
                continue;
            }
            Origin at = new Origin(file.path(), file.lines(line, line));
            if (reported.add(at)) {
                String server = ep.runtime() == dev.drydock.core.entrypoint.Runtime.RAILS_SERVER ? "rails server"
                        : "puma";
                context.finding(this, at, "`" + file.line(line).strip() + "` in " + file.path() + ", which "
                                + server + " loads, makes it return at once: puma 5 and later removed daemonization and"
                                + " stop with \"undefined method `daemonize'\" while loading the file, and older puma"
                                + " forks into the background; it is the container's main process, so the container"
                                + " stops as soon as it starts (or restarts in a loop under a restart policy)")
                        .recommendation("Delete line " + line + " of " + file.path() + ": puma then stays in the"
                                + " foreground as the container's main process." + redirect(file))
                        .add();
            }
            return;
        }
    }

    private static final Pattern PUMA_STDOUT_REDIRECT = Pattern.compile("^\\s*stdout_redirect\\b.*");

    /** The advice on the file's stdout_redirect, which sends the log to files instead of the container's output. */
    private static String redirect(SourceFile file) {
        for (int line = 1; line <= file.lineCount(); line++) {
            if (PUMA_STDOUT_REDIRECT.matcher(file.line(line)).matches()) {
                return " Delete its stdout_redirect (line " + line + ") too: it writes puma's output to files inside"
                        + " the container, where `docker logs` never shows it.";
            }
        }
        return "";
    }

    /** Why {@code puma -d} returns at once, whichever puma runs. */
    private static String removedDaemonOption(List<String> argv) {
        String option = argv.contains("-d") ? "-d" : "--daemon";
        return "puma 5 and later removed daemonization and exit with \"invalid option: " + option + "\", and older"
                + " puma forks into the background";
    }

    /** How the entry point's server runs when it is one this rule reports (it daemonizes or refuses to start). */
    private static ServerModes.Mode mode(ReviewContext context, Container c, EntryPoint ep) {
        if (ep == null || ep.args().isEmpty()) {
            return null;
        }
        return mode(context, c, ep.args().get(0), ep.args().subList(1, ep.args().size()));
    }

    private static ServerModes.Mode mode(ReviewContext context, Container c, String program, List<String> args) {
        ServerModes.Mode mode = ServerModes.of(program, args);
        if (mode != ServerModes.Mode.BACKGROUND && mode != ServerModes.Mode.REMOVED_DAEMON_OPTION) {
            return null;
        }
        return PathNames.fileName(program).equals("nginx") && foregroundByConfiguration(context, c) ? null : mode;
    }

    private static String how(String name) {
        return switch (name) {
            case "pm2" -> "starts pm2's daemon, hands it the application";
            case "service" -> "runs the service's init script, which starts the daemon in the background";
            case "ray" -> "starts the Ray node's processes (GCS server, raylet, dashboard) in the background";
            default -> "forks into the background";
        };
    }

    private static String notes(EntryPoint ep) {
        return ep.notes().isEmpty() ? "" : " (" + String.join("; ", ep.notes()) + ")";
    }

    private static String recommendation(String name, List<String> argv) {
        List<String> args = argv.subList(1, argv.size());
        return switch (name) {
            case "pm2" -> "Run it with pm2-runtime, pm2's foreground command for containers: `pm2-runtime "
                    + String.join(" ", args) + "` (or add --no-daemon).";
            case "puma" -> "Drop " + (args.contains("-d") ? "-d" : "--daemon") + ": `"
                    + String.join(" ", argv.stream().filter(a -> !a.equals("-d") && !a.equals("--daemon")).toList())
                    + "` stays in the foreground.";
            case "gunicorn", "unicorn" -> "Drop " + (args.contains("-D") ? "-D" : "--daemon") + ": `"
                    + String.join(" ", argv.stream().filter(a -> !a.equals("-D") && !a.equals("--daemon")).toList())
                    + "` stays in the foreground.";
            case "service" -> "Run " + args.get(0) + "'s own server binary in the foreground as the command (for nginx:"
                    + " nginx -g 'daemon off;'), instead of its init script.";
            case "nginx" -> "Keep nginx in the foreground: CMD [\"nginx\", \"-g\", \"daemon off;\"].";
            case "redis-server" -> "Remove --daemonize yes: redis-server stays in the foreground by default.";
            case "sshd" -> "Add -D so that sshd stays in the foreground (and -e to log to stderr).";
            case "cron" -> "Add -f so that cron stays in the foreground.";
            case "crond" -> "Add -f (BusyBox's crond; cronie's takes -n) so that crond stays in the foreground.";
            case "mongod" -> "Remove --fork: mongod stays in the foreground by default.";
            case "ray" -> "Add --block: `" + String.join(" ", argv) + " --block` stays in the foreground, watches the"
                    + " node's processes and exits when one of them dies, so the container lives as long as the Ray"
                    + " node.";
            case "torchserve" -> "Add --foreground: `" + String.join(" ", argv) + " --foreground` keeps the model"
                    + " server in the foreground as the container's main process.";
            default -> name.startsWith("php") && name.contains("fpm") ? "Use -F (--nodaemonize) instead of -D."
                    : name.startsWith("/etc/init.d/") || argv.get(0).startsWith("/etc/init.d/")
                            ? "Run the server's own binary in the foreground as the command, instead of its init script."
                            : "Start " + name + " in the foreground (its foreground option instead of the daemon one).";
        };
    }

    /** Whether a RUN of the image or a .conf file it copies from the build context sets nginx's {@code daemon off;}. */
    private static boolean foregroundByConfiguration(ReviewContext context, Container c) {
        if (c.build() == null || c.build().stage() == null) {
            return true; // the image's own configuration cannot be seen
        }
        if (c.build().stage().steps().stream().anyMatch(s -> daemonOff(s.instruction().rawText()))) {
            return true;
        }
        for (var copy : c.build().stage().copies()) {
            for (String source : copy.sources()) {
                String inContext = PathNames.normalizeRelative(source.replaceFirst("^/+", ""));
                if (source.endsWith(".conf") && inContext != null && context.project().source(PathNames.join(
                        c.build().context(), inContext)).map(f -> daemonOff(f.text())).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean daemonOff(String text) {
        return text.replaceAll("\\s+", " ").contains("daemon off");
    }
}
