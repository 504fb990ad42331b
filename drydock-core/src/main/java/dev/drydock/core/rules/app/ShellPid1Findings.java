package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.ScriptArguments;
import dev.drydock.core.entrypoint.Wrapper;
import dev.drydock.core.image.TorchServeImages;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.BackgroundJobs;
import dev.drydock.core.rules.support.FinalPipeline;
import dev.drydock.core.rules.support.InitForwarding;
import dev.drydock.core.rules.support.LoneCommandExec;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.ServerModes;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.StopSignals;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Connector;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * graceful-shutdown-missing's findings for a shell that stays between docker stop and the program ({@link ShellPid1}
 * reads the scripts): a shell-form or {@code sh -c} command whose last command is not exec'd, an entry-point script of
 * the project that runs the program without exec (on every way through it or in one branch), and the entry-point
 * script of TorchServe's image, which runs its CMD with eval.
 */
final class ShellPid1Findings {

    /** How a command names BusyBox's shell on an image whose /bin/sh it is. */
    private static final Set<String> BUSYBOX_SH = Set.of("sh -c", "/bin/sh -c", "ash -c", "/bin/ash -c");

    private ShellPid1Findings() {}

    /**
     * The entry-point script of TorchServe's image ({@link TorchServeImages}) runs the program with eval, without
     * exec, and stays PID 1; a program that daemonizes is main-process-daemonizes' (which names the keep-alive).
     */
    static boolean torchServeEntrypoint(GracefulShutdownMissing rule, ReviewContext context, Container c,
            EffectiveCommand command, EntryPoint ep) {
        if (!command.inheritsEntrypoint() || !TorchServeImages.runsEntrypoint(command.entrypoint())
                || ep.args().isEmpty() || command.cmdOrigin() == null) {
            return false;
        }
        ServerModes.Mode mode = ServerModes.of(ep.args().get(0), ep.args().subList(1, ep.args().size()));
        if (mode == ServerModes.Mode.BACKGROUND || mode == ServerModes.Mode.REMOVED_DAEMON_OPTION) {
            return false;
        }
        String program = String.join(" ", ep.args());
        rule.finding(context, c, command.cmdOrigin(), command.entrypointImage() + "'s entry-point script "
                        + TorchServeImages.ENTRYPOINT + " runs `" + ShortText.of(program, 90) + "` with eval, without"
                        + " exec, as its child and stays PID 1 (bash, which would run `" + TorchServeImages.KEEP_ALIVE
                        + "` next): docker stop's SIGTERM goes to the script's bash, which does not pass it on, so "
                        + PathNames.fileName(ep.args().get(0)) + " is killed with SIGKILL when the grace period ends")
                .recommendation("Replace the image's entry-point script so that the program is the container's main"
                        + " process: ENTRYPOINT " + Probes.json(ep.args()) + " (exec form), in place of the CMD.")
                .add();
        return true;
    }

    /** Reports a shell that stands between PID 1 (or its init) and the program, in the command or a start script. */
    static boolean report(GracefulShutdownMissing rule, ReviewContext context, Container c, EffectiveCommand command,
            EntryPoint ep) {
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
            shellCommand(rule, context, c, command, ep, script, init, stop);
            return true;
        }
        if (ep.runtime() == Runtime.SCRIPT || !ep.scripts().isEmpty()) {
            for (String script2 : ep.scripts()) {
                ShellScript parsed = c.scripts().parsed(script2).orElse(null);
                if (parsed != null && entryPointScript(rule, context, c, command, ep, parsed, init, stop)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A shell-form command, or an {@code sh -c} one, whose shell stays PID 1 with the program as its child. */
    private static void shellCommand(GracefulShutdownMissing rule, ReviewContext context, Container c,
            EffectiveCommand command, EntryPoint ep, String script, Optional<InitForwarding> init, String stop) {
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
            rule.finding(context, c, origin, message)
                    .recommendation(ShellPid1.backgroundRecommendation(first, last.isEmpty() ? null : foreground.get(),
                            job))
                    .add();
            return;
        }
        Optional<ComposeCommandText> asWritten = s == null ? Optional.empty()
                : ComposeCommandText.of(inCmd ? s.command() : s.entrypoint(), script);
        String shown = asWritten.map(ComposeCommandText::script).orElse(script);
        String key = written.startsWith("compose ") ? written.substring("compose ".length()) + ":" : which;
        String initName = init.map(InitForwarding::init).orElse(null);
        rule.finding(context, c, origin, "the " + written + " " + form + " starts `" + ShortText.of(shown, 70) + signal)
                .recommendation(compound ? ShellPid1.compoundRecommendation(shown)
                        : asWritten.map(w -> ShellPid1.shellRecommendation(false, w.argv(), w.script(),
                                w.literalWords(script), key, what, initName))
                        .orElseGet(() -> ShellPid1.shellRecommendation(command, script, key, what, initName)))
                .fix(compound ? null : command.shellForm() ? ShellPid1.execFormFix(c, command, script)
                        : written.startsWith("compose ") ? ShellPid1.execInComposeScriptFix(
                                inCmd ? s.command() : s.entrypoint(), asWritten.map(ComposeCommandText::script)
                                        .orElse(script))
                        : ShellPid1.execInScriptFix(c, command, script, inCmd))
                .add();
    }

    /**
     * An entry-point script of the project that runs the container's command or the server without exec, or sends a
     * job to the background beside it; false when it execs its program or forwards SIGTERM itself.
     */
    private static boolean entryPointScript(GracefulShutdownMissing rule, ReviewContext context, Container c,
            EffectiveCommand command, EntryPoint ep, ShellScript parsed, Optional<InitForwarding> init, String stop) {
        SourceFile file = parsed.text().file();
        Optional<Command> handOver = ShellPid1.handOverWithoutExec(parsed);
        if (ShellPid1.forwardsTerm(parsed)
                || handOver.isEmpty() && ShellPid1.endsSourcingUnseenScript(parsed, ep, c.scripts())) {
            return false;
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
                (at != null ? rule.finding(context, c, at, message) : rule.finding(context, c, command.origin(), message))
                        .recommendation(ShellPid1.backgroundRecommendation(firstJob, handOver.or(() -> last).get(), job))
                        .add();
                return true;
            }
            (at != null ? rule.finding(context, c, at, message) : rule.finding(context, c, command.origin(), message))
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
        return branchWithoutExec(rule, context, c, ep, parsed, init, stop, becomes);
    }

    /** An entry-point script that execs its program on one way through it but runs it without exec on another. */
    private static boolean branchWithoutExec(GracefulShutdownMissing rule, ReviewContext context, Container c,
            EntryPoint ep, ShellScript parsed, Optional<InitForwarding> init, String stop, String becomes) {
        SourceFile file = parsed.text().file();
        Optional<Command> branch = ShellPid1.serverWithoutExecInBranch(parsed, ep, c.scripts());
        if (branch.isEmpty()) {
            return false;
        }
        Command b = branch.get();
        String text = ShortText.of(ScriptArguments.text(file, b), 70);
        Command job = b.precededBy() == Connector.BACKGROUND ? BackgroundJobs.before(parsed, b).stream()
                .reduce((first, second) -> second).orElse(null) : null;
        if (job != null) {
            String jobText = "`" + ShortText.of(ScriptArguments.text(file, job), 70) + "`";
            rule.finding(context, c, new Location(file.path(), b.span()), "the entry-point script "
                            + file.path() + " runs `" + text + "` (line " + b.span().startLine() + ") without"
                            + " exec beside " + jobText + ", which it sends to the background with `&`, so"
                            + " the script's shell stays between docker stop's " + stop + " and both")
                    .recommendation(ShellPid1.backgroundRecommendation(job, b, jobText))
                    .add();
            return true;
        }
        rule.finding(context, c, new Location(file.path(), b.span()), "the entry-point script " + file.path()
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
