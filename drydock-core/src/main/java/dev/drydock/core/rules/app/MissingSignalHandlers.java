package dev.drydock.core.rules.app;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.GoServe;
import dev.drydock.core.app.ServerCall;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.Language;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.ComposeEdits;
import dev.drydock.core.rules.support.GoPrograms;
import dev.drydock.core.rules.support.PhpWorkerSignals;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.StopSignals;
import dev.drydock.core.rules.support.TaskWorkers;
import dev.drydock.core.source.Span;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * graceful-shutdown-missing's findings for a main process that has no handler for the signal docker stop sends: a
 * PHP queue worker without pcntl or under the php image's STOPSIGNAL, a python or node program as PID 1, and a Go
 * server that leaves SIGTERM to the runtime; with the fixes that put an init in front of such a program.
 */
final class MissingSignalHandlers {

    private static final Set<Runtime> NO_SIGTERM_HANDLER = EnumSet.of(Runtime.PYTHON, Runtime.FLASK_RUN, Runtime.NODE,
            Runtime.TS_NODE, Runtime.DJANGO_RUNSERVER);

    private MissingSignalHandlers() {}

    /**
     * A PHP queue worker that cannot handle the stop signal: the php image's PHP has no pcntl, through which the worker
     * installs its handlers, or the image's STOPSIGNAL (SIGWINCH, SIGQUIT) is one the worker leaves unhandled.
     */
    static boolean phpWorkerWithoutHandler(GracefulShutdownMissing rule, ReviewContext context, Container c,
            EffectiveCommand command, EntryPoint ep, String script, boolean init, long stopSeconds) {
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
            rule.finding(context, c, at, who + worker.get() + " (`" + ShortText.of(String.join(" ", ep.args()), 70)
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
        rule.finding(context, c, at, who.replace(" runs ", " runs, on " + image + ", ") + unhandled.get() + from + ": " + fate + ", in the middle of a job; "
                        + cutOff)
                .recommendation("Stop the worker with SIGTERM, which it handles: `stop_signal: SIGTERM` on the compose"
                        + " service (or STOPSIGNAL SIGTERM in the Dockerfile), or build the worker on the php image's"
                        + " cli variant" + (unhandled.get().contains("symfony/messenger")
                        ? "; symfony/messenger 7.1 and later handle SIGQUIT too" : "") + ".")
                .add();
        return true;
    }

    /**
     * A program that installs no SIGTERM handler (python, node, ts-node, flask run, Django's runserver) as PID 1, with
     * nothing in the code it runs that handles the signal: Linux ignores it, and docker stop waits out the grace period.
     */
    static boolean ignoresSigterm(GracefulShutdownMissing rule, ReviewContext context, Container c,
            EffectiveCommand command, EntryPoint ep, String stopSignal, Located<Service.DurationValue> grace,
            long stopSeconds) {
        Runtime r = ep.runtime();
        if (!NO_SIGTERM_HANDLER.contains(r)) {
            return false;
        }
        // development reloaders install a SIGTERM handler in the parent process
        if ((r == Runtime.FLASK_RUN && (ep.flag("reload") || ep.flag("debug")))
                || r == Runtime.DJANGO_RUNSERVER && !"false".equals(ep.option("reload"))) {
            return false;
        }
        boolean python = r.language() == Language.PYTHON;
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
        rule.finding(context, c, command.originOf(GracefulShutdownMissing.programWord(ep)), program + " runs as PID 1" + read + ": Linux ignores a signal PID 1 has"
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

    /**
     * A Go program built from the project's code that serves but neither takes SIGTERM over nor stops its server
     * gracefully: Go's runtime ends it on the signal, as PID 1 with exit status 2 (it cannot die of a signal PID 1 has
     * no kernel default for), under an init by the signal itself; either way the requests in flight are cut.
     */
    static boolean goServerWithoutStop(GracefulShutdownMissing rule, ReviewContext context, Container c,
            EffectiveCommand command, EntryPoint ep, long stopSeconds) {
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
        boolean init = GracefulShutdownMissing.composeInit(c)
                || ep.wrappedBy("tini") || ep.wrappedBy("dumb-init") || ep.wrappedBy("catatonit");
        StopGrace.PodGrace pod = StopGrace.podGrace(context, c, command);
        long grace = pod == null ? stopSeconds : Math.min(stopSeconds, pod.seconds());
        Span span = context.project().source(serve.file())
                .map(f -> f.lines(serve.line(), serve.line())).orElse(null);
        // worded without the container's command: the program of a compose target and of the final stage is one
        rule.finding(context, c, new Location(serve.file(), span), "the server built from this Go code serves with "
                        + serve.kind().display() + " (" + serve.call() + ") but never handles " + (interrupt ? "SIGINT" : "SIGTERM")
                        + " (no signal.Notify or signal.NotifyContext for it)"
                        + " nor stops the server gracefully: on docker stop's " + signal + " Go's runtime ends the"
                        + " program at once, " + (init ? "killed by the signal"
                                : "as PID 1 with exit status 2, which the engine and orchestrators count as a failure")
                        + ", and the requests in flight are cut")
                .recommendation(GoServerStops.recommendation(serve, Math.max(1, grace - 2)))
                .add();
        return true;
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
}
