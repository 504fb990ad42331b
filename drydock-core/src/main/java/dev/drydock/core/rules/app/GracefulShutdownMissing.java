package dev.drydock.core.rules.app;

import dev.drydock.core.review.RuleExample;
import dev.drydock.core.supervisor.Manager;
import dev.drydock.core.rules.support.GunicornSettings;
import dev.drydock.core.rules.support.AttemptedJsonList;
import dev.drydock.core.rules.support.FinalPipeline;
import dev.drydock.core.rules.support.LoneCommandExec;
import dev.drydock.core.rules.support.BackgroundJobs;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.entrypoint.ScriptArguments;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.InitForwarding;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.GoServe;
import dev.drydock.core.rules.support.GoPrograms;
import dev.drydock.core.app.ServerCall;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Wrapper;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.image.JavaEntrypointImages;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.image.TorchServeImages;
import dev.drydock.core.rules.support.ServerModes;
import dev.drydock.core.rules.support.ComposeEdits;
import dev.drydock.core.rules.support.PhpWorkerSignals;
import dev.drydock.core.rules.support.OneShotJobs;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.StopSignals;
import dev.drydock.core.rules.support.TaskWorkers;
import dev.drydock.core.rules.support.WorkerCommand;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Connector;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "graceful-shutdown-missing",
        title = "Container does not stop gracefully",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "How `docker stop` (SIGTERM, then SIGKILL after the stop grace period: compose stop_grace_period,"
                + " 10 s by default), and for an image only Kubernetes manifests run the kubelet (SIGTERM, then SIGKILL"
                + " after the pod's terminationGracePeriodSeconds, 30 s by default, which the message names for each"
                + " long-running container that starts the image's program, and which the recommended server grace"
                + " fits under or says to raise), reach the server, in this order: (1) a shell stands between PID 1 and the server: a"
                + " shell-form CMD/ENTRYPOINT (not one lone command run by BusyBox's sh, the /bin/sh of Alpine images, or by bash, that of the Red Hat family,"
                + " which runs it in its own place, also after an exec-form ENTRYPOINT such as tini --; Debian's and"
                + " Ubuntu's dash does not) or an `sh -c` whose last"
                + " command is not exec'd (`bash -c` runs a last simple command in its own place since bash 5.1, and"
                + " BusyBox's sh, in a shell-form command or an `sh -c` on an Alpine image, the last command of any"
                + " script when it does not follow ||, is outside a pipeline, loop or function and no trap is set, and"
                + " the last command of each branch of an if, a case or a { } group the script ends in), or an"
                + " entry-point script of"
                + " the project that never execs a program (`exec 2>&1` only redirects) or runs the container's command"
                + " (\"$@\") without exec, or that execs on one way through it but ends another (a branch of an if or a"
                + " case, also in a function it calls or an arm it falls through to with ;&) in a server or queue worker without exec, reported at that line of the script,"
                + " or the ENTRYPOINT of TorchServe's image (pytorch/torchserve) kept under the CMD, whose"
                + " dockerd-entrypoint.sh runs the CMD with eval, without exec, and stays PID 1 (a torchserve that"
                + " daemonizes there is main-process-daemonizes') (quiet when it traps TERM, kills and waits for its child, and under an init that signals the whole process group: dumb-init"
                + " without --single-child, tini -g); (2) PID 1 is npm, yarn or pnpm running a package.json script (not a"
                + " development watcher, which dev-server reports), which passes the signal on to the script's shell only"
                + " in some versions; (2b) the command is npm-run-all (run-p, run-s), which handles"
                + " no signal: as PID 1 it ignores SIGTERM, under tini it dies of it and leaves the scripts it started to"
                + " be killed (quiet under dumb-init or tini -g, which signal the whole process group); (3) PID 1 is a program that installs no SIGTERM handler (python running a"
                + " script or `flask run`, node, ts-node) and nothing in the code it runs handles SIGTERM (a signal handler,"
                + " NestJS's enableShutdownHooks(), a Python os.exec* call that replaces the process with the program"
                + " that then gets the signal; the servers SvelteKit's adapter-node and Nitro's node-server preset"
                + " build, which close on SIGTERM themselves unless NITRO_SHUTDOWN_DISABLED is set), with no init"
                + " (compose init: true, tini, dumb-init) and, for Python, no STOPSIGNAL SIGINT: Linux ignores such"
                + " signals for PID 1; (3b) a Go program the image's build compiles from the project's Go code (go"
                + " build, go install, go run) that serves (net/http's ListenAndServe or an http.Server's"
                + " ListenAndServe/Serve, Gin's Run, Echo's Start, Fiber's Listen, grpc-go's Serve) but neither takes"
                + " SIGTERM over (signal.Notify or signal.NotifyContext naming syscall.SIGTERM, or no signal at all;"
                + " os.Interrupt alone is SIGINT) nor, when it asks for no signal, stops its server gracefully"
                + " (Shutdown, ShutdownWithTimeout, GracefulStop): the os/signal documentation says SIGTERM then makes"
                + " the program exit, and as PID 1, where the kernel ignores the signal the runtime raises again to"
                + " die of it, the runtime exits with status 2; reported at the serve call, with or without an init,"
                + " and quiet when drydock cannot read the code; likewise a PHP queue worker (Laravel's queue:work, Symfony's messenger:consume) on an"
                + " image built on the official php image, which compiles PHP without the pcntl extension, when nothing"
                + " in the build adds pcntl (no Dockerfile line names it, composer.json does not require ext-pcntl): the"
                + " worker installs its signal handlers only through pcntl; or a PHP worker that leaves the stop signal"
                + " of the php image's variant unhandled: SIGWINCH of the apache variants (every worker), SIGQUIT of"
                + " the fpm variants (Horizon, messenger:consume of symfony/messenger before 7.1); (4) the server drains longer than the grace period allows (gunicorn's"
                + " --graceful-timeout, 30 s by default; uvicorn's --timeout-graceful-shutdown; hypercorn's"
                + " --graceful-timeout) without a stop_grace_period to match, for compose services (a lone image's stop"
                + " timeout is chosen where it is deployed), and likewise a queue worker that finishes its running tasks on"
                + " SIGTERM (a Celery worker's warm shutdown, an RQ worker, a Dramatiq worker, Laravel's queue:work and"
                + " Horizon, Symfony's messenger:consume, a Sidekiq process, which waits its -t timeout, 25 s by default"
                + " or :timeout: in the -C file or config/sidekiq.yml, before it pushes unfinished jobs back to Redis;"
                + " Solid Queue's supervisor (bin/jobs), which waits its shutdown_timeout, 5 s by default, before its"
                + " workers hand unfinished jobs back; a GoodJob worker, which waits --shutdown-timeout or"
                + " GOOD_JOB_SHUTDOWN_TIMEOUT, forever by default; either timeout also read from"
                + " config.solid_queue/config.good_job in the Rails configuration;"
                + " not arq, which cancels its jobs) in a compose service whose stop grace period (10 s when unset) is"
                + " below the task limit its command or configuration sets (--time-limit, --soft-time-limit,"
                + " --worker-shutdown-timeout, -t, queue:work's --timeout, 60 s by default, the largest supervisor"
                + " 'timeout' of config/horizon.php for Horizon), or with no"
                + " stop_grace_period when nothing bounds the tasks; a script ending in a loop is told how to stop it,"
                + " since exec cannot replace a loop; before that, (5) gunicorn stopped with SIGINT or SIGQUIT"
                + " (compose stop_signal or STOPSIGNAL), its quick shutdown. Under supervisord: a supervised gunicorn,"
                + " uvicorn or hypercorn that drains longer than its program's stopwaitsecs (10 s by default), a"
                + " supervised queue worker whose job time limit is above its stopwaitsecs, or, for"
                + " compose services, a program whose stopwaitsecs is set above the default and reaches the grace"
                + " period. The worker cases apply as well to a worker that the container's start script execs after"
                + " its setup steps (`command: [\"/usr/local/bin/queue.sh\"]` ending in `exec php artisan"
                + " queue:work`). One finding per container, the first case"
                + " that applies; none for a compose job that other services wait to complete (condition:"
                + " service_completed_successfully: migrations, a prestart script), which serves nothing to drain, and"
                + " none for a short job that ends by itself: a compose task (a migration, a seed) with restart: \"no\","
                + " an image the Kubernetes manifests run only as a Job or CronJob, or a Python or Node script run"
                + " directly whose code drydock reads in full and that serves nothing and neither loops nor waits (no"
                + " while loop, sleep, server, consumer, scheduler or event handler); a compose service restarted"
                + " whenever it ends (restart: always or unless-stopped) is a service all the same. None either for a"
                + " compose service that runs the test suite (a package.json test script such as `yarn test` or"
                + " `npm run test:e2e`, jest, vitest run, pytest, go test), not in watch mode, which ends with the suite;"
                + " cross-env, which passes SIGTERM on to the program it starts, counts as an init. Low where only"
                + " development runs the container: the finding's place is a development compose file"
                + " (compose.dev.yaml, compose.test.yaml, compose.override.yaml ...), or every service that runs the"
                + " image is declared in such files only.",
        problem = "Docker sends SIGTERM to PID 1 and kills everything with SIGKILL when the grace period ends. A shell"
                + " does not forward the signal to its child, PID 1 without a handler does not act on it, a Go server"
                + " without one exits at once (as PID 1 with status 2) without finishing its requests, and a server"
                + " that drains longer than the grace period is cut off.",
        impact = "Every stop, restart and deployment waits out the grace period and then kills the application"
                + " mid-request: requests in flight fail, transactions and uploads are cut, connections are not closed.",
        recommendation = "Use the exec form (or `exec` the server), start node itself rather than npm, run a server that drains on SIGTERM (or handle it:"
                + " in Go, signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt), then http.Server.Shutdown, Echo's"
                + " or Fiber's Shutdown, or grpc-go's GracefulStop),"
                + " run under an init when the program does not, and set stop_grace_period (under Kubernetes the pod's"
                + " terminationGracePeriodSeconds) above the server's graceful timeout.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
                "https://docs.docker.com/reference/cli/docker/container/stop/",
                "https://docs.docker.com/reference/compose-file/services/#stop_grace_period",
                "https://docs.docker.com/reference/compose-file/services/#init",
                "https://docs.gunicorn.org/en/stable/settings.html#graceful-timeout",
                "https://github.com/nodejs/docker-node/blob/main/docs/BestPractices.md#handling-kernel-signals",
                "https://pkg.go.dev/os/signal#hdr-Default_behavior_of_signals_in_Go_programs",
                "https://pkg.go.dev/net/http#Server.Shutdown"},
        aliases = {},
        fix = FixSafety.SAFE,
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        CMD gunicorn --bind 0.0.0.0:8000 app:app
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """))
public final class GracefulShutdownMissing implements Rule {

    private static final Set<Runtime> NO_SIGTERM_HANDLER = EnumSet.of(Runtime.PYTHON, Runtime.FLASK_RUN, Runtime.NODE,
            Runtime.TS_NODE, Runtime.DJANGO_RUNSERVER);
    private static final int DOCKER_DEFAULT_SECONDS = 10;
    /** How a command names BusyBox's shell on an image whose /bin/sh it is. */
    private static final Set<String> BUSYBOX_SH = Set.of("sh -c", "/bin/sh -c", "ash -c", "/bin/ash -c");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EffectiveCommand command = c.command();
            EntryPoint ep = c.entryPoint();
            if (command == null || ep == null || command.isEmpty()) {
                continue;
            }
            Service s = c.service();
            if (s != null && ComposeServices.runsToCompletion(context, s)) {
                continue; // a job other services wait to complete: nothing to drain when it is stopped
            }
            if (OneShotJobs.of(context, c).isPresent()) {
                continue; // a short job that ends by itself: nobody stops it, so there is no shutdown to make graceful
            }
            boolean init = s != null && s.init() != null && Boolean.TRUE.equals(s.init().value())
                    || ep.wrappedBy("tini") || ep.wrappedBy("dumb-init") || ep.wrappedBy("catatonit")
                    // cross-env passes SIGTERM on to the program it starts as its child, which is then not PID 1
                    || ep.wrappedBy("cross-env");
            Located<Service.DurationValue> grace = s == null ? null : s.stopGracePeriod();
            long stopSeconds = grace == null || grace.value().duration() == null ? DOCKER_DEFAULT_SECONDS
                    : grace.value().duration().toSeconds();
            String stopSignal = StopSignals.of(c).map(StopSignals.Written::value).orElse(null);
            if (command.shellForm() && command.script() != null && AttemptedJsonList.of(command.script()).isPresent()) {
                continue; // a list that is not JSON never starts its program: exec-form-malformed reports it
            }
            if (command.shellForm() && command.entrypoint().isEmpty() && c.build() != null && c.build().stage() != null
                    && JavaEntrypointImages.entrypoint(Stages.rootBase(c.build().model(), c.build().stage())).isPresent()) {
                continue; // java -jar /bin/sh -c ...: java stops at once, which cmd-repeats-base-entrypoint reports
            }
            if (torchServeEntrypointPid1(context, c, command, ep)) {
                continue;
            }
            if (shellPid1(context, c, command, ep)) {
                continue;
            }
            if (packageManagerPid1(context, c, command, ep)) {
                continue;
            }
            if (taskRunnerWithoutForwarding(context, c, command, ep, stopSeconds)) {
                continue;
            }
            if (goServerWithoutStop(context, c, command, ep, stopSeconds)) {
                continue;
            }
            // a worker its start script execs is the container's main process as much as a worker in the command
            WorkerCommand worker = WorkerCommand.of(context, c).filter(WorkerCommand::pid1).orElse(null);
            EntryPoint workerEp = worker == null ? ep : worker.entryPoint();
            String script = worker == null ? null : worker.script();
            if (phpWorkerWithoutHandler(context, c, command, workerEp, script, init, stopSeconds)) {
                continue;
            }
            if (!init && ignoresSigterm(context, c, command, ep, stopSignal, grace, stopSeconds)) {
                continue;
            }
            if (quitsWithoutDraining(context, c, ep)) {
                continue;
            }
            if (DrainTime.supervisedDrain(this, context, c, command, grace, stopSeconds)) {
                continue;
            }
            if (c.isComposeService()) {
                DrainTime.drainTooLong(this, context, c, command, ep, grace, stopSeconds);
                DrainTime.workerDrain(this, context, c, command, workerEp, worker == null ? "" : worker.from(), grace,
                        stopSeconds);
            }
        }
    }

    // (1) a shell is PID 1

    /**
     * The entry-point script of TorchServe's image ({@link TorchServeImages}) runs the program with eval, without
     * exec, and stays PID 1; a program that daemonizes is main-process-daemonizes' (which names the keep-alive).
     */
    private boolean torchServeEntrypointPid1(ReviewContext context, Container c, EffectiveCommand command,
            EntryPoint ep) {
        if (!command.inheritsEntrypoint() || !TorchServeImages.runsEntrypoint(command.entrypoint())
                || ep.args().isEmpty() || command.cmdOrigin() == null) {
            return false;
        }
        ServerModes.Mode mode = ServerModes.of(ep.args().get(0), ep.args().subList(1, ep.args().size()));
        if (mode == ServerModes.Mode.BACKGROUND || mode == ServerModes.Mode.REMOVED_DAEMON_OPTION) {
            return false;
        }
        String program = String.join(" ", ep.args());
        finding(context, c, command.cmdOrigin(), command.entrypointImage() + "'s entry-point script "
                        + TorchServeImages.ENTRYPOINT + " runs `" + ShortText.of(program, 90) + "` with eval, without"
                        + " exec, as its child and stays PID 1 (bash, which would run `" + TorchServeImages.KEEP_ALIVE
                        + "` next): docker stop's SIGTERM goes to the script's bash, which does not pass it on, so "
                        + PathNames.fileName(ep.args().get(0)) + " is killed with SIGKILL when the grace period ends")
                .recommendation("Replace the image's entry-point script so that the program is the container's main"
                        + " process: ENTRYPOINT " + Probes.json(ep.args()) + " (exec form), in place of the CMD.")
                .add();
        return true;
    }

    private boolean shellPid1(ReviewContext context, Container c, EffectiveCommand command, EntryPoint ep) {
        String stop = StopSignals.sent(c);
        long shells = ep.wrappers().stream().filter(w -> w.name().endsWith(" -c")).count();
        // BusyBox's sh (Alpine) and bash (Red Hat family) replace themselves with the only command of a shell-form script: unless that command
        // is another sh -c, no shell stays in between
        String script = command.shellForm() && command.script() != null ? command.script()
                : ep.wrappers().stream().filter(w -> w.name().endsWith(" -c")).findFirst()
                        .map(w -> w.args().isEmpty() ? "" : w.args().get(0)).orElse(null);
        // also a shell-form CMD after an exec-form ENTRYPOINT (tini --): its sh -c holds one lone command
        boolean busyBoxExecs = command.shellForm()
                ? LoneCommandExec.of(c).isPresent() || LoneCommandExec.busyBox(c).isPresent()
                        && c.build().stage().config().shell() == null && LoneCommandExec.busyBoxExecsLast(script)
                : shells == 1 && (LoneCommandExec.handsOver(c, script) || LoneCommandExec.busyBox(c).isPresent()
                        && ep.wrappers().stream().map(Wrapper::name).anyMatch(BUSYBOX_SH::contains)
                        && LoneCommandExec.busyBoxExecsLast(script));
        boolean viaShell = busyBoxExecs ? shells > 1 : command.shellForm() || shells > 0;
        Optional<InitForwarding> init = InitForwarding.beforeShell(ep);
        if (init.isPresent() && init.get().wholeGroup()) {
            return false;
        }
        boolean bashExecsLast = !command.shellForm() && shells == 1 && ep.wrappedBy("bash -c") && script != null
                && ShellPid1.bashExecsLastCommand(script);
        if (viaShell && script != null && !bashExecsLast && !ep.wrappedBy("exec") && !ShellPid1.execsInScript(script)) {
            String wrapper = ep.wrappers().stream().map(w -> w.name()).filter(n -> n.endsWith(" -c")).findFirst()
                    .orElse("sh -c");
            String form = command.shellForm() ? "is in shell form, so /bin/sh -c" : "runs `" + wrapper + "`, so the shell";
            boolean inCmd = command.shellForm() ? command.entrypoint().isEmpty() : !ShellPid1.shellInEntrypoint(command);
            String which = inCmd ? "CMD" : "ENTRYPOINT";
            Service s = c.service();
            String written = s != null && (inCmd ? s.command() != null : s.entrypoint() != null)
                    ? "compose " + (inCmd ? "command" : "entrypoint") : which;
            ShellScript parsedScript = ShellScript.parse(script);
            List<Command> jobs = parsedScript.hasProblems() ? List.of() : BackgroundJobs.of(parsedScript);
            Optional<Command> foreground = BackgroundJobs.lastForeground(parsedScript);
            Optional<FinalPipeline> tail = jobs.isEmpty() ? FinalPipeline.of(script) : Optional.empty();
            String last = jobs.isEmpty() ? tail.map(FinalPipeline::text).orElse(script.strip())
                    : foreground.map(f -> BackgroundJobs.text(script, f)).orElse("");
            Optional<String> loop = tail.flatMap(FinalPipeline::compoundKeyword);
            boolean compound = loop.isPresent();
            String what = compound ? "the `" + loop.get() + "` it runs"
                    : AppFacts.runsServer(ep) && jobs.isEmpty() || last.isEmpty() ? "the server"
                    : "`" + ShortText.of(last, 70) + "`";
            String signal = init.map(i -> "` as its child under " + i.init() + ": " + i.init() + " passes docker"
                            + " stop's " + stop + " to the shell only, which ends without passing it on, so " + what + " is"
                            + " killed with the container")
                    .orElse("` as its child and stays PID 1: docker stop's " + stop + " goes to the shell, which does not"
                            + " pass it on, so " + what + " is killed with SIGKILL when the grace period ends");
            Origin origin = inCmd && command.cmdOrigin() != null ? command.cmdOrigin() : command.origin();
            if (!jobs.isEmpty()) {
                // exec cannot hand PID 1 to a job the shell sent to the background, nor to the command beside it
                Command first = BackgroundJobs.first(parsedScript).orElseThrow();
                String job = "`" + ShortText.of(BackgroundJobs.text(script, first), 70) + "`";
                String message = last.isEmpty()
                        ? "the " + written + " " + form + " starts `" + ShortText.of(script, 70) + "` and sends "
                                + job + " to the background (`&`): docker stop's " + stop + " goes to PID 1 only, so "
                                + job + " never gets it and is killed with SIGKILL when the grace period ends"
                        : "the " + written + " " + form + " starts `" + ShortText.of(script, 70) + signal + "; "
                                + job + ", started in the background with `&`, never gets the signal either";
                finding(context, c, origin, message)
                        .recommendation(ShellPid1.backgroundRecommendation(first, last.isEmpty() ? null : foreground.get(),
                                job))
                        .add();
                return true;
            }
            finding(context, c, origin, "the " + written + " " + form + " starts `" + ShortText.of(script, 70) + signal)
                    .recommendation(compound ? ShellPid1.compoundRecommendation(script)
                            : ShellPid1.shellRecommendation(command, script,
                            written.startsWith("compose ") ? written.substring("compose ".length()) + ":" : which, what,
                            init.map(InitForwarding::init).orElse(null)))
                    .fix(compound ? null : command.shellForm() ? ShellPid1.execFormFix(c, command, script)
                            : ShellPid1.execInScriptFix(c, command, script, inCmd))
                    .add();
            return true;
        }
        if (ep.runtime() == Runtime.SCRIPT || !ep.scripts().isEmpty()) {
            for (String script2 : ep.scripts()) {
                ShellScript parsed = c.scripts().parsed(script2).orElse(null);
                if (parsed == null) {
                    continue;
                }
                SourceFile file = parsed.text().file();
                Optional<Command> handOver = ShellPid1.handOverWithoutExec(parsed);
                if (ShellPid1.forwardsTerm(parsed)) {
                    continue;
                }
                String becomes = init.map(i -> " replaces the shell as " + i.init() + "'s child").orElse(" replaces the shell as PID 1");
                if (handOver.isPresent() || !ScriptArguments.runsCommandArguments(parsed) && !ShellPid1.execsProgram(parsed)) {
                    Optional<Command> last = handOver.isPresent() ? Optional.empty() : ScriptArguments.lastForegroundCommand(parsed, ep, c.scripts());
                    String how = handOver.map(h -> " runs the container's command without exec (line "
                            + h.span().startLine() + ": `" + ShortText.of(ScriptArguments.text(file, h), 70) + "`)")
                            .or(() -> last.map(l -> " runs `" + ShortText.of(ScriptArguments.text(file, l), 70) + "` (line " + l.span().startLine()
                                    + ") without exec"))
                            .orElse(" runs the server without exec");
                    String what = last.map(l -> l.name()).orElse("the server");
                    Location at = handOver.or(() -> last).map(h -> new Location(file.path(), h.span())).orElse(null);
                    List<Command> jobs = handOver.or(() -> last).map(h -> BackgroundJobs.before(parsed, h)).orElse(List.of());
                    Command firstJob = jobs.stream().filter(j -> j.followedBy() == Connector.BACKGROUND).findFirst()
                            .orElse(jobs.isEmpty() ? null : jobs.get(0));
                    String job = firstJob == null ? null : "`" + ShortText.of(ScriptArguments.text(file, firstJob), 70) + "`";
                    String message = "the entry-point script " + file.path() + how + ", so "
                            + init.map(i -> "the script's shell stands between " + i.init() + " and " + what)
                                    .orElse("the script's shell stays PID 1")
                            + " and docker stop's " + stop + " never reaches " + what
                            + (job == null ? "" : "; " + job + " (line " + firstJob.span().startLine() + "), started"
                                    + " in the background with `&`, never gets the signal either");
                    if (job != null) {
                        (at != null ? finding(context, c, at, message) : finding(context, c, command.origin(), message))
                                .recommendation(ShellPid1.backgroundRecommendation(firstJob, handOver.or(() -> last).get(), job))
                                .add();
                        return true;
                    }
                    (at != null ? finding(context, c, at, message) : finding(context, c, command.origin(), message))
                            .recommendation(last.filter(l -> ShellPid1.PACKAGE_MANAGER_COMMANDS.contains(l.name()))
                                    .map(l -> "Replace `" + ShortText.of(ScriptArguments.text(file, l), 70) + "` in " + file.path() + " with exec"
                                            + " and the command its package.json script runs (`exec node ...`): with"
                                            + " exec alone " + l.name() + " would be PID 1, and it does not pass"
                                            + " SIGTERM on to the program either.")
                                    .or(() -> handOver.or(() -> last).map(h -> "Write exec before it (`exec "
                                    + ShortText.of(ScriptArguments.text(file, h), 70) + "`) in " + file.path() + ", so " + what
                                    + becomes + " and receives the signals."))
                                    .orElse("End " + file.path() + " with `exec \"$@\"` (or exec the server command),"
                                            + " so the server" + becomes + " and receives the signals."))
                            .add();
                    return true;
                }
                Optional<Command> branch = ShellPid1.serverWithoutExecInBranch(parsed, ep, c.scripts());
                if (branch.isPresent()) {
                    Command b = branch.get();
                    String text = ShortText.of(ScriptArguments.text(file, b), 70);
                    Command job = b.precededBy() == Connector.BACKGROUND ? BackgroundJobs.before(parsed, b).stream()
                            .reduce((first, second) -> second).orElse(null) : null;
                    if (job != null) {
                        String jobText = "`" + ShortText.of(ScriptArguments.text(file, job), 70) + "`";
                        finding(context, c, new Location(file.path(), b.span()), "the entry-point script "
                                        + file.path() + " runs `" + text + "` (line " + b.span().startLine() + ") without"
                                        + " exec beside " + jobText + ", which it sends to the background with `&`, so"
                                        + " the script's shell stays between docker stop's " + stop + " and both")
                                .recommendation(ShellPid1.backgroundRecommendation(job, b, jobText))
                                .add();
                        return true;
                    }
                    finding(context, c, new Location(file.path(), b.span()), "the entry-point script " + file.path()
                                    + " runs `" + text + "` (line " + b.span().startLine() + ") without exec, while"
                                    + " another way through the script execs its program, so when the script ends there "
                                    + init.map(i -> "the script's shell stands between " + i.init() + " and " + b.name())
                                            .orElse("the script's shell stays PID 1")
                                    + " and docker stop's " + stop + " never reaches " + b.name())
                            .recommendation("Write exec before it (`exec " + text + "`) in " + file.path() + ", as the"
                                    + " other way does, so " + b.name() + becomes + " and receives the signals.")
                            .add();
                    return true;
                }
            }
        }
        return false;
    }

    // (2) a package manager is PID 1

    private boolean packageManagerPid1(ReviewContext context, Container c, EffectiveCommand command, EntryPoint ep) {
        PackageManagerPid1 found = PackageManagerPid1.of(context, c, ep).orElse(null);
        if (found == null) {
            return false;
        }
        finding(context, c, found.origin(), found.message())
                .recommendation(found.recommendation())
                .fix(found.fix())
                .add();
        return true;
    }

    /**
     * npm-run-all (run-p, run-s) as the container's own command: it installs no signal handler, so as PID 1 it
     * ignores SIGTERM, and under tini it dies of it at once and leaves the scripts it started to the SIGKILL that ends
     * the container. dumb-init and {@code tini -g} signal the whole process group, which reaches every script.
     */
    private boolean taskRunnerWithoutForwarding(ReviewContext context, Container c, EffectiveCommand command,
            EntryPoint ep, long stopSeconds) {
        if (c.supervision() == null || c.supervision().manager() != Manager.NPM_RUN_ALL || ep.runtime() != Runtime.BINARY
                || ep.wrappedBy("dumb-init") || ep.wrappers().stream()
                        .anyMatch(w -> w.name().equals("tini") && (w.args().contains("-g") || w.args().contains("-pg")))) {
            return false;
        }
        List<Processes.Process> started = Processes.supervised(c);
        boolean init = ep.wrappedBy("tini") || ep.wrappedBy("catatonit")
                || c.service() != null && c.service().init() != null && Boolean.TRUE.equals(c.service().init().value());
        String scripts = String.join(", ", started.stream().map(p -> "\"" + p.program().name() + "\"").toList());
        finding(context, c, command.originOf(programWord(ep)), "`" + String.join(" ", ep.args()) + "` starts "
                        + scripts + " and handles no signal: " + (init
                        ? "under the init, SIGTERM ends npm-run-all at once, and the scripts it started are killed with"
                                + " the container, without a signal to finish their work"
                        : "as PID 1 it ignores docker stop's SIGTERM (Linux ignores a signal PID 1 has no handler for),"
                                + " so the container is killed with SIGKILL after the whole " + stopSeconds + " s grace"
                                + " period, and the scripts it started with it"))
                .implicit()
                .recommendation(PackageManagerPid1.oneProcessPerContainer(started.stream()
                        .map(p -> "\"" + p.program().name() + "\" (`" + p.program().commandLine() + "`)").toList()))
                .add();
        return true;
    }

    // (3) a PHP worker that cannot handle the stop signal: no pcntl, or the php image's STOPSIGNAL left unhandled

    private boolean phpWorkerWithoutHandler(ReviewContext context, Container c, EffectiveCommand command, EntryPoint ep,
            String script, boolean init, long stopSeconds) {
        String from = script == null ? "" : " (from its start script " + script + ")";
        String cutOff = TaskWorkers.drain(ep).map(TaskWorkers.Drain::cutOff).orElse(TaskWorkers.CUT_OFF);
        String who = c.isComposeService() ? c.service().name() + " runs " : "the image runs ";
        // the line that names the worker: the CMD (or compose command) after an ENTRYPOINT such as tini --
        Origin at = command.cmdOrigin() != null && command.cmd().stream()
                .anyMatch(a -> a.contains("artisan") || a.contains("console")) ? command.cmdOrigin() : command.origin();
        String signal = PhpWorkerSignals.imageStopSignal(c).orElse(null);
        String killed = "works on until the " + stopSeconds + " s grace period ends and is killed with SIGKILL";
        String ignoresWinch = "docker stop sends the image's STOPSIGNAL SIGWINCH (Apache's graceful stop), which a"
                + " process ignores unless it handles it, so the worker " + killed;
        Optional<String> worker = PhpWorkerSignals.pcntlWorker(ep);
        if (worker.isPresent() && PhpWorkerSignals.pcntlMissing(context, c)) {
            String image = PhpWorkerSignals.rootImage(c.build().model(), c.build().stage());
            boolean winch = "SIGWINCH".equals(signal);
            String fate = winch ? "and a process ignores SIGWINCH unless it handles it, so it " + killed
                    : init ? "without them the stop signal ends it at once"
                    : "without them Linux ignores a signal PID 1 has no handler for, so it " + killed;
            boolean alsoSignal = signal != null && PhpWorkerSignals.unhandled(context, c, ep, signal).isPresent();
            finding(context, c, at, who + worker.get() + " (`" + ShortText.of(String.join(" ", ep.args()), 70)
                            + "`" + (script == null ? "" : ", from its start script " + script) + ") on " + image + ", whose PHP has no pcntl extension (nothing in the build adds it)"
                            + (winch ? " and whose STOPSIGNAL SIGWINCH (Apache's graceful stop) is what docker stop"
                            + " sends" : "") + ": the worker finishes its job on SIGTERM only through handlers it"
                            + " installs with pcntl" + (winch ? ", " : "; ") + fate + ", in the middle of a job; " + cutOff)
                    .recommendation("Install pcntl in the image: " + PhpWorkerSignals.pcntlInstall(c) + (alsoSignal
                            ? "; and stop the worker with SIGTERM, which it handles, instead of the image's " + signal
                                    + ": `stop_signal: SIGTERM` on the compose service (or STOPSIGNAL SIGTERM in the"
                                    + " Dockerfile)" : "") + ". The worker then stops taking jobs on the signal and"
                            + " exits after the current one; give the service a stop_grace_period above its longest"
                            + " job.")
                    .add();
            return true;
        }
        if (signal == null) {
            return false;
        }
        Optional<String> unhandled = PhpWorkerSignals.unhandled(context, c, ep, signal);
        if (unhandled.isEmpty()) {
            return false;
        }
        String image = PhpWorkerSignals.rootImage(c.build().model(), c.build().stage());
        String fate = signal.equals("SIGWINCH") ? ignoresWinch
                : "docker stop sends the image's STOPSIGNAL SIGQUIT (php-fpm's graceful stop) instead of SIGTERM; "
                        + (init ? "SIGQUIT's default action ends the worker at once"
                        : "Linux ignores a signal PID 1 has no handler for, so the worker " + killed);
        finding(context, c, at, who.replace(" runs ", " runs, on " + image + ", ") + unhandled.get() + from + ": " + fate + ", in the middle of a job; "
                        + cutOff)
                .recommendation("Stop the worker with SIGTERM, which it handles: `stop_signal: SIGTERM` on the compose"
                        + " service (or STOPSIGNAL SIGTERM in the Dockerfile), or build the worker on the php image's"
                        + " cli variant" + (unhandled.get().contains("symfony/messenger")
                        ? "; symfony/messenger 7.1 and later handle SIGQUIT too" : "") + ".")
                .add();
        return true;
    }

    // (3) PID 1 without a SIGTERM handler

    private boolean ignoresSigterm(ReviewContext context, Container c, EffectiveCommand command, EntryPoint ep,
            String stopSignal, Located<Service.DurationValue> grace, long stopSeconds) {
        Runtime r = ep.runtime();
        if (!NO_SIGTERM_HANDLER.contains(r)) {
            return false;
        }
        // development reloaders install a SIGTERM handler in the parent process
        if ((r == Runtime.FLASK_RUN && (ep.flag("reload") || ep.flag("debug")))
                || r == Runtime.DJANGO_RUNSERVER && !"false".equals(ep.option("reload"))) {
            return false;
        }
        boolean python = r.language() == dev.drydock.core.discovery.Language.PYTHON;
        if (python && stopSignal != null && (stopSignal.equalsIgnoreCase("SIGINT") || stopSignal.equals("2"))) {
            return false;
        }
        AppSource app = Apps.of(context, c);
        if (app.handlesSigterm()) {
            return false;
        }
        for (ServerCall call : app.serverCalls()) {
            if (python && !call.development()) {
                return false; // uvicorn.run, aiohttp's run_app: the server handles SIGTERM
            }
        }
        if (r != Runtime.FLASK_RUN && r != Runtime.DJANGO_RUNSERVER && app.files().isEmpty()
                || r == Runtime.PYTHON && c.entryFiles().stream().noneMatch(app.files()::contains)) {
            return false; // the code it runs was not read (a module guessed by its name is not it): it may handle the signal
        }
        String program = "`" + String.join(" ", ep.args()) + "`";
        String read = app.files().isEmpty() ? "" : " and nothing in " + app.files().get(0)
                + (app.files().size() > 1 ? " or the modules it imports" : "") + " handles SIGTERM";
        String config = grace == null ? " (no init, STOPSIGNAL, stop_grace_period or server graceful timeout is configured)"
                : "";
        boolean serves = AppFacts.servesEvidence(c, app) != null;
        Optional<String> grpc = r == Runtime.PYTHON || r == Runtime.NODE ? AppFacts.grpcServer(c, app) : Optional.empty();
        finding(context, c, command.originOf(programWord(ep)), program + " runs as PID 1" + read + ": Linux ignores a signal PID 1 has"
                + " no handler for, so docker stop waits the whole " + stopSeconds + " s grace period and then kills it"
                + " with SIGKILL, cutting off " + (serves ? "requests in flight" : "whatever it is doing")
                + config + StopGrace.kubernetesStop(context, c, command))
                .implicit()
                .recommendation(grpc.isPresent() ? StopGrace.grpcDrain(python, grpc.get(), StopGrace.podGrace(context, c, command))
                        : !serves
                        ? (python
                                ? "Handle SIGTERM in the program (signal.signal(signal.SIGTERM, handler) that finishes or"
                                        + " checkpoints the current item and exits), or STOPSIGNAL SIGINT, which Python turns"
                                        + " into KeyboardInterrupt; at the least run it under an init (`init: true` in compose,"
                                        + " or tini as ENTRYPOINT) so the signal stops it at once."
                                : "Handle SIGTERM in the program (finish or checkpoint the current item, then exit), or at"
                                        + " the least run it under an init (`init: true` in compose, or tini as ENTRYPOINT) so"
                                        + " the signal stops it at once.")
                        : python
                        ? "Run a production server that drains on SIGTERM and give it the time to: gunicorn lets workers"
                                + " finish their requests within --graceful-timeout ("
                                + StopGrace.gunicornGrace(StopGrace.podGrace(context, c, command)) + "). Keeping this command, set `init: true` (or tini as"
                                + " ENTRYPOINT) so the signal at least stops it at once, or STOPSIGNAL SIGINT, which Python"
                                + " turns into KeyboardInterrupt."
                        : "Handle SIGTERM in the server (process.on('SIGTERM', () => server.close(() => process.exit(0))))"
                                + " and run it under an init (`init: true` in compose, or tini as ENTRYPOINT), with a"
                                + " stop_grace_period that covers the longest request.")
                .fix(stopFix(c, command))
                .add();
        return true;
    }

    // (3) a Go server that leaves SIGTERM to the runtime

    /**
     * A Go program built from the project's code that serves but neither takes SIGTERM over nor stops its server
     * gracefully: Go's runtime ends it on the signal, as PID 1 with exit status 2 (it cannot die of a signal PID 1 has
     * no kernel default for), under an init by the signal itself; either way the requests in flight are cut.
     */
    private boolean goServerWithoutStop(ReviewContext context, Container c, EffectiveCommand command, EntryPoint ep,
            long stopSeconds) {
        if (!GoPrograms.runsBuiltProgram(c)) {
            return false;
        }
        AppSource app = Apps.of(context, c);
        // the stop signal is the one STOPSIGNAL or stop_signal sets: under SIGINT, os.Interrupt is the one to handle
        String signal = StopSignals.of(c).map(StopSignals.Written::value).orElse("SIGTERM");
        boolean interrupt = StopSignals.interrupt(signal);
        if (app.goServes().isEmpty() || (interrupt ? app.goInterruptAt() != null : app.handlesSigterm())) {
            return false;
        }
        GoServe serve = app.goServes().get(0);
        boolean init = c.service() != null && c.service().init() != null && Boolean.TRUE.equals(c.service().init().value())
                || ep.wrappedBy("tini") || ep.wrappedBy("dumb-init") || ep.wrappedBy("catatonit");
        StopGrace.PodGrace pod = StopGrace.podGrace(context, c, command);
        long grace = pod == null ? stopSeconds : Math.min(stopSeconds, pod.seconds());
        dev.drydock.core.source.Span span = context.project().source(serve.file())
                .map(f -> f.lines(serve.line(), serve.line())).orElse(null);
        finding(context, c, new Location(serve.file(), span), "`" + String.join(" ", ep.args())
                        + "` is built from this Go code, which serves with " + serve.kind().display() + " ("
                        + serve.call() + ") but never handles " + (interrupt ? "SIGINT" : "SIGTERM")
                        + " (no signal.Notify or signal.NotifyContext for it)"
                        + " nor stops the server gracefully: on docker stop's " + signal + " Go's runtime ends the"
                        + " program at once, " + (init ? "killed by the signal"
                                : "as PID 1 with exit status 2, which the engine and orchestrators count as a failure")
                        + ", and the requests in flight are cut")
                .recommendation(GoServerStops.recommendation(serve, Math.max(1, grace - 2)))
                .add();
        return true;
    }

    // (5) the stop signal is one on which the server quits without draining

    private boolean quitsWithoutDraining(ReviewContext context, Container c, EntryPoint ep) {
        if (ep.runtime() != Runtime.GUNICORN) {
            return false;
        }
        StopSignals.Written signal = StopSignals.of(c).filter(StopSignals::quickShutdownForGunicorn).orElse(null);
        if (signal == null) {
            return false;
        }
        String where = signal.origin().file().endsWith(".yml") || signal.origin().file().endsWith(".yaml")
                ? "stop_signal: " + signal.value() : "STOPSIGNAL " + signal.value();
        finding(context, c, signal.origin(), where + " stops gunicorn with its quick shutdown: the workers quit at"
                        + " once and requests in flight are cut; gunicorn lets them finish only on SIGTERM")
                .recommendation("Stop it with SIGTERM (remove the setting, or write SIGTERM): gunicorn then drains"
                        + " for up to --graceful-timeout before it exits.")
                .fix(StopSignals.toSigterm(c).map(e -> Fix.of("stop gunicorn with SIGTERM", FixSafety.SAFE, e))
                        .orElse(null))
                .add();
        return true;
    }

    /** How long a gunicorn program drains: its graceful_timeout, 30 s by default; null when drydock cannot tell. */
    static Double gunicornGraceful(ReviewContext context, Container c, EntryPoint program) {
        GunicornSettings.Value timeout = GunicornSettings.of(context, c, program).get("graceful_timeout").orElse(null);
        if (timeout == null) {
            return null;
        }
        return timeout.source() == GunicornSettings.Source.DEFAULT ? Double.valueOf(30.0) : timeout.seconds();
    }

    ReviewContext.FindingBuilder finding(ReviewContext context, Container c, Origin at, String message) {
        return finding(context, c, at == null ? Location.PROJECT : new Location(at.file(), at.span()), message);
    }

    /**
     * A finding of this rule, low where only development runs it: its place is a development compose file (the
     * command of docker-compose.dev.yml), or the container is a service of development files only. There a stop
     * waits out the grace period and then kills a process that holds nothing a user waits for.
     */
    ReviewContext.FindingBuilder finding(ReviewContext context, Container c, Location at, String message) {
        if (!developmentOnly(context, c, at)) {
            return context.finding(this, at, message);
        }
        String file = at.file() != null && composeFile(context, at.file()) ? at.file() : c.composeFile();
        return context.finding(this, at, message + "; " + file + " is meant for development, where a slow stop"
                        + " (`docker compose down` waits out the grace period) costs time but loses no one's request")
                .severity(Severity.LOW);
    }

    private static boolean developmentOnly(ReviewContext context, Container c, Location at) {
        if (c.service() == null) {
            return false;
        }
        if (at.file() != null && composeFile(context, at.file())) {
            return ComposeServices.isDevelopmentFile(context, at.file());
        }
        // a Dockerfile or a script: development only when every service that runs the image is
        return c.build() != null && context.project().containers().stream()
                .filter(o -> o.build() != null && o.build().dockerfile().equals(c.build().dockerfile()))
                .allMatch(o -> o.service() != null && o.composeFile() != null
                        && ComposeServices.isDevelopmentFile(context, o.composeFile())
                        && !ComposeServices.declaredOutsideDevelopmentFiles(context, o.service()));
    }

    private static boolean composeFile(ReviewContext context, String path) {
        return context.project().composeProjects().stream().flatMap(p -> p.files().stream())
                .anyMatch(f -> f.source().path().equals(path));
    }

    /** An init in the image itself (it then stops under any engine), else {@code init: true} on the compose service. */
    private static Fix stopFix(Container c, EffectiveCommand command) {
        Fix tini = StopSignalFixes.tini(c, command);
        return tini != null ? tini : init(c);
    }

    /**
     * {@code init: true} on the compose service: Docker's init runs as PID 1 and passes SIGTERM on, so the
     * program stops when asked instead of at the SIGKILL; null for a lone image (its init is chosen where it runs).
     */
    private static Fix init(Container c) {
        if (!c.isComposeService() || c.service() == null) {
            return null;
        }
        TextEdit edit = ComposeEdits.addEntry(c.service().node(), List.of("restart"), "init: true");
        return edit == null ? null : Fix.of("run " + c.service().name() + " under Docker's init", FixSafety.SAFE, edit);
    }

    /** stop_grace_period set to {@code seconds}: the value replaced, or the key added after init or restart. */
    static Fix gracePeriod(Container c, Located<Service.DurationValue> grace, long seconds) {
        TextEdit edit;
        if (grace != null) {
            edit = grace.node() instanceof ScalarNode s && s.substitutions().isEmpty() && s.hasExactText()
                    ? TextEdit.replace(grace.file().path(), grace.span(), seconds + "s") : null;
        } else {
            edit = ComposeEdits.addEntry(c.service().node(), List.of("init", "restart"), "stop_grace_period: " + seconds + "s");
        }
        return edit == null ? null : Fix.of("give " + c.service().name() + " " + seconds + "s to stop", FixSafety.SAFE, edit);
    }

    static Double seconds(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value.replaceAll("s$", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The word that names the program the wrappers start, to find the line that names it; null when unknown. */
    static String programWord(EntryPoint ep) {
        return ep.args().isEmpty() ? null : ep.args().get(0);
    }
}
