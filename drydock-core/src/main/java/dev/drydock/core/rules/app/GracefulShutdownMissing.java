package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.image.JavaEntrypointImages;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AttemptedJsonList;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.OneShotJobs;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StopSignals;
import dev.drydock.core.rules.support.WorkerCommand;

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

    private static final int DOCKER_DEFAULT_SECONDS = 10;

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
            boolean init = composeInit(c) || ep.wrappedBy("tini") || ep.wrappedBy("dumb-init") || ep.wrappedBy("catatonit")
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
            if (ShellPid1Findings.torchServeEntrypoint(this, context, c, command, ep)) {
                continue;
            }
            if (ShellPid1Findings.report(this, context, c, command, ep)) {
                continue;
            }
            if (PackageScriptRunners.packageManagerPid1(this, context, c, ep)) {
                continue;
            }
            if (PackageScriptRunners.taskRunnerWithoutForwarding(this, context, c, command, ep, stopSeconds)) {
                continue;
            }
            if (MissingSignalHandlers.goServerWithoutStop(this, context, c, command, ep, stopSeconds)) {
                continue;
            }
            // a worker its start script execs is the container's main process as much as a worker in the command
            WorkerCommand worker = WorkerCommand.of(context, c).filter(WorkerCommand::pid1).orElse(null);
            EntryPoint workerEp = worker == null ? ep : worker.entryPoint();
            String script = worker == null ? null : worker.script();
            if (MissingSignalHandlers.phpWorkerWithoutHandler(this, context, c, command, workerEp, script, init,
                    stopSeconds)) {
                continue;
            }
            if (!init && MissingSignalHandlers.ignoresSigterm(this, context, c, command, ep, stopSignal, grace,
                    stopSeconds)) {
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

    /** The stop signal is one on which gunicorn quits without draining (SIGINT, SIGQUIT). */
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

    /** Whether the container is a compose service with {@code init: true}: Docker's init runs as PID 1. */
    static boolean composeInit(Container c) {
        return c.service() != null && c.service().runsInit();
    }

    /** The word that names the program the wrappers start, to find the line that names it; null when unknown. */
    static String programWord(EntryPoint ep) {
        return ep.args().isEmpty() ? null : ep.args().get(0);
    }
}
