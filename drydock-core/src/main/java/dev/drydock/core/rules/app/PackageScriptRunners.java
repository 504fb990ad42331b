package dev.drydock.core.rules.app;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.supervisor.Manager;
import java.util.List;

/**
 * graceful-shutdown-missing's findings for a runner of package.json scripts as the container's main process: npm,
 * yarn or pnpm, which pass SIGTERM on to the script only in some versions, and npm-run-all, which handles no signal.
 */
final class PackageScriptRunners {

    private PackageScriptRunners() {}

    /** npm, yarn or pnpm as PID 1 running a package.json script ({@link PackageManagerPid1}). */
    static boolean packageManagerPid1(GracefulShutdownMissing rule, ReviewContext context, Container c, EntryPoint ep) {
        PackageManagerPid1 found = PackageManagerPid1.of(context, c, ep).orElse(null);
        if (found == null) {
            return false;
        }
        rule.finding(context, c, found.origin(), found.message())
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
    static boolean taskRunnerWithoutForwarding(GracefulShutdownMissing rule, ReviewContext context, Container c,
            EffectiveCommand command, EntryPoint ep, long stopSeconds) {
        if (c.supervision() == null || c.supervision().manager() != Manager.NPM_RUN_ALL || ep.runtime() != Runtime.BINARY
                || ep.wrappedBy("dumb-init") || ep.wrappers().stream()
                        .anyMatch(w -> w.name().equals("tini") && (w.args().contains("-g") || w.args().contains("-pg")))) {
            return false;
        }
        List<Processes.Process> started = Processes.supervised(c);
        boolean init = ep.wrappedBy("tini") || ep.wrappedBy("catatonit")
                || GracefulShutdownMissing.composeInit(c);
        String scripts = String.join(", ", started.stream().map(p -> "\"" + p.program().name() + "\"").toList());
        rule.finding(context, c, command.originOf(GracefulShutdownMissing.programWord(ep)), "`" + String.join(" ", ep.args()) + "` starts "
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
}
