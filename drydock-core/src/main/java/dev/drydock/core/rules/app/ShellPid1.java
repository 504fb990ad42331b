package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.ScriptArguments;
import dev.drydock.core.entrypoint.ScriptEnds;
import dev.drydock.core.entrypoint.ScriptFiles;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.FinalPipeline;
import dev.drydock.core.rules.support.LoneCommandExec;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.TaskWorkers;
import dev.drydock.core.rules.support.WrittenInstructions;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellCommands;
import dev.drydock.core.shell.ShellScript;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether the shell a container's command or entry-point script runs stays PID 1 in front of its program, and how to
 * make the program PID 1 instead: exec in the script, the exec form, or a handover the shell does itself.
 */
final class ShellPid1 {

    private ShellPid1() {}

    static final Pattern EXEC = Pattern.compile("(^|[\\s;&|(])exec\\s");

    /**
     * A server or queue worker that an entry-point script which execs elsewhere ends with without exec, in a branch
     * ({@code if [ "$1" = web ]; then exec gunicorn ...; else celery -A app worker; fi}), after one, or in a function a
     * branch calls: the shell waits for it there ({@link ScriptEnds}). Other final commands without exec
     * ({@code echo usage; exit 1}, a migration) end by themselves.
     */
    static Optional<Command> serverWithoutExecInBranch(ShellScript script, EntryPoint ep, ScriptFiles files) {
        return ScriptEnds.of(script, ep, files).stream().filter(cmd -> cmd.program().isPresent()
                        && cmd.wrappers().stream().noneMatch(w -> w.value().equals("exec")))
                .filter(cmd -> {
                    List<String> argv = cmd.node().words().stream().map(dev.drydock.core.shell.Word::value).toList();
                    EntryPoint started = dev.drydock.core.entrypoint.EntryPoints.interpret(argv, false, ep.environment(),
                            ep.workdir());
                    return AppFacts.runsServer(started) || dev.drydock.core.rules.support.TaskWorkers.of(started).isPresent()
                            || dev.drydock.core.rules.support.TaskWorkers.scheduler(started).isPresent();
                })
                .findFirst();
    }

    /**
     * Whether a command's shell script hands its place to a program with the exec builtin somewhere; not an exec that
     * is another program's sub-command ({@code bundle exec puma}, {@code npm exec}), which the shell waits for.
     */
    static boolean execsInScript(String script) {
        ShellScript parsed = ShellScript.parse(script);
        return parsed.hasProblems() ? EXEC.matcher(" " + script).find() : execsProgram(parsed);
    }

    /**
     * Whether an entry-point script execs a program anywhere: {@code exec} in front of a command, not {@code exec 2>&1},
     * which only redirects the shell's own output.
     */
    static boolean execsProgram(ShellScript script) {
        return script.commands().stream().anyMatch(cmd -> cmd.program().isPresent()
                && cmd.wrappers().stream().anyMatch(w -> w.value().equals("exec")));
    }

    /**
     * Whether the script's last step sources a file drydock cannot read ({@code source /docker-entrypoint.sh}, the
     * base image's own entry point): that file runs in the script's shell with the script's arguments and may exec
     * them, as such entry points do, so whether the server replaces the shell is not known from the project.
     */
    static boolean endsSourcingUnseenScript(ShellScript script, EntryPoint ep, ScriptFiles files) {
        List<Command> ends = ScriptEnds.of(script, ep, files);
        if (ends.isEmpty()) {
            return false;
        }
        Command last = ends.get(ends.size() - 1);
        List<String> args = last.argumentValues();
        if (!last.is("source", ".") || args.isEmpty() || args.get(0).endsWith("/bin/activate")) {
            return false;
        }
        String path = args.get(0);
        return path.contains("$")
                || files.find(dev.drydock.core.discovery.PathNames.normalizeAbsolute(ep.workdir(), path)).isEmpty();
    }

    /**
     * A command of an entry-point script that runs the container's command ({@code "$@"}, also through gosu or
     * su-exec) in the foreground without exec, so the script's shell waits for it.
     */
    static Optional<Command> handOverWithoutExec(ShellScript script) {
        return ScriptArguments.handOvers(script).stream().filter(cmd -> !cmd.background()
                && cmd.wrappers().stream().noneMatch(w -> w.value().equals("exec"))).findFirst();
    }

    static final Set<String> PACKAGE_MANAGER_COMMANDS = Set.of("npm", "pnpm", "yarn", "npx");

    /**
     * Whether an entry-point script passes docker stop's SIGTERM on to the server it starts: it traps TERM with a
     * handler that kills (a function or the trap's own string) and waits for its child, as PID 1 may, since a
     * signal with a handler reaches PID 1 too.
     */
    static boolean forwardsTerm(ShellScript script) {
        List<Command> commands = script.commands();
        boolean trapsTerm = false;
        boolean kills = commands.stream().anyMatch(cmd -> cmd.is("kill"));
        for (Command cmd : commands) {
            List<String> args = cmd.argumentValues();
            if (cmd.is("trap") && args.size() >= 2 && args.subList(1, args.size()).stream()
                    .anyMatch(a -> a.equals("TERM") || a.equals("SIGTERM") || a.equals("15"))) {
                trapsTerm = true;
                kills |= args.get(0).contains("kill ");
            }
        }
        return trapsTerm && kills && commands.stream().anyMatch(cmd -> cmd.is("wait"));
    }

    /**
     * Whether bash (5.1 and later) runs the last command of a {@code bash -c} string in its own place: a simple
     * command, without redirections, after the string's last top-level {@code ;}, {@code &&} or {@code ||} (or
     * alone), and no trap that would need the shell afterwards.
     */
    static boolean bashExecsLastCommand(String script) {
        Optional<FinalPipeline> tail = FinalPipeline.of(script);
        return tail.flatMap(FinalPipeline::simple).filter(LoneCommandExec::execable).isPresent()
                && ShellScript.parse(script).commands("trap").isEmpty()
                && tail.get().text().chars().noneMatch(ch -> "|&;(){}`<>".indexOf(ch) >= 0);
    }

    /** Whether the {@code sh -c} the command goes through is written in the ENTRYPOINT. */
    static boolean shellInEntrypoint(EffectiveCommand command) {
        List<String> entrypoint = command.entrypoint();
        for (int i = 0; i + 1 < entrypoint.size(); i++) {
            String program = entrypoint.get(i).substring(entrypoint.get(i).lastIndexOf('/') + 1);
            if (ShellCommands.isShell(program) && entrypoint.get(i + 1).startsWith("-")
                    && entrypoint.get(i + 1).contains("c")) {
                return true;
            }
        }
        return false;
    }

    /** {@code init}: the init the shell runs under as its child (tini), or null when the shell is PID 1. */
    static String shellRecommendation(EffectiveCommand command, String script, String which, String what,
            String init) {
        return shellRecommendation(command.shellForm(),
                command.entrypoint().isEmpty() ? command.cmd() : command.entrypoint(), script,
                StopSignalFixes.literalCommand(script), which, what, init);
    }

    /**
     * As {@link #shellRecommendation(EffectiveCommand, String, String, String, String)} for a command given as
     * written ({@code argv}, {@code script}), with {@code words} the script's words when it is one plain command.
     */
    static String shellRecommendation(boolean shellForm, List<String> argv, String script, List<String> words,
            String which, String what, String init) {
        String place = init == null ? "PID 1" : init + "'s child";
        if (!words.isEmpty()) {
            return "Use the exec form, which makes " + what + " " + place + ": " + which + " " + Probes.json(words) + ".";
        }
        String execd = FinalPipeline.of(script).map(FinalPipeline::withExec).orElse("exec " + script.strip());
        String rewritten;
        if (shellForm) {
            rewritten = which + " " + execd.strip();
        } else {
            List<String> written = new java.util.ArrayList<>(argv);
            written.replaceAll(a -> a.equals(script) ? execd : a);
            rewritten = which + " " + Probes.json(written);
        }
        return "Start the last command with `exec`, so " + what + " replaces the shell as " + place + ": " + rewritten
                + " (or move the setup into an entry-point script that ends with `exec \"$@\"`).";
    }

    /**
     * For a script that sends a program to the background: exec can make neither that job nor the command beside it
     * ({@code a & b}) the one process that receives docker stop's signal; each long-running program needs a container
     * of its own, or something that passes the signal on to all of them.
     */
    static String backgroundRecommendation(Command job, Command foreground, String jobText) {
        String beside = foreground == null ? "" : " and `" + foreground.name() + "`";
        return jobText + " runs as a background job (`&`), which `exec` cannot make the container's main process, so"
                + " docker stop's SIGTERM never reaches it. Run one program per container: `" + job.name() + "`"
                + beside + " each as its own container (a compose service of its own), started in exec form; or,"
                + " where they must share one, start them under a process manager that passes the signal on"
                + " (supervisord, s6-overlay), or a script that traps TERM, passes it to each job and waits for"
                + " them (`trap 'kill -TERM $pid' TERM`, then `wait`).";
    }

    /**
     * For a script that ends in a loop or another compound command, which exec cannot replace: Laravel's schedule:run
     * loop has schedule:work, which repeats it in one PHP process (with no SIGTERM handler, so under an init); otherwise the shell has to act on
     * the signal itself, and it runs a trap only after its foreground command ends, so the sleep goes to the
     * background and the shell waits for it.
     */
    static String compoundRecommendation(String script) {
        if (script.matches("(?s).*\\bartisan\\s+schedule:run\\b.*")) {
            return "Run `php artisan schedule:work` instead of the loop (Laravel 8 and later), which starts schedule:run"
                    + " every minute itself, under an init (`init: true` in compose): schedule:work installs no"
                    + " SIGTERM handler, so as PID 1 it would ignore docker stop too, while under an init the signal"
                    + " ends it at once.";
        }
        return "The script ends in a compound command, which `exec` cannot replace: run a program that repeats the"
                + " work itself, or make the shell stop on the signal, with `trap 'exit 0' TERM` at the start and any"
                + " `sleep N` written `sleep N & wait $!` (a shell runs its trap only after the command in the"
                + " foreground ends; `wait` ends at once).";
    }

    /** The exec form of a shell-form CMD or ENTRYPOINT that is one plain command. */
    static Fix execFormFix(Container c, EffectiveCommand command, String script) {
        List<String> words = StopSignalFixes.literalCommand(script);
        return words.isEmpty() ? null : StopSignalFixes.execForm(c, command, words);
    }

    /**
     * {@code exec } written before the script's last command, in the compose file's list-form command or entrypoint
     * whose script word ({@code script}, as written) the file holds as plain text.
     */
    static Fix execInComposeScriptFix(Service.Command command, String script) {
        if (command == null || !(command.node() instanceof SeqNode)) {
            return null;
        }
        Optional<FinalPipeline> tail = execableTail(script);
        for (Located<String> word : command.words()) {
            if (tail.isPresent() && word.node() instanceof ScalarNode scalar && scalar.hasExactText()
                    && scalar.raw().equals(script)) {
                int at = tail.get().pipeline().span().start();
                return Fix.of("exec the server from the shell, so that it becomes PID 1", FixSafety.SAFE,
                        SourceEdits.replace(scalar.file(), scalar.spanOf(at, at), "exec "));
            }
        }
        return null;
    }

    private static final Pattern PARAMETER_EXPANSION = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+=-][^}$`]*)?}");

    /** The script's last command when exec can take it over: one simple command, nothing the shell must run after. */
    private static Optional<FinalPipeline> execableTail(String script) {
        if (script == null || script.contains("<<") || script.chars().anyMatch(ch -> ch < 0x20 && ch != '\t')) {
            return Optional.empty();
        }
        Optional<FinalPipeline> tail = FinalPipeline.of(script);
        if (tail.flatMap(FinalPipeline::simple).filter(LoneCommandExec::execable).isEmpty()
                || PARAMETER_EXPANSION.matcher(tail.get().text()).replaceAll("").chars()
                        .anyMatch(ch -> "|&;(){}`".indexOf(ch) >= 0)) {
            return Optional.empty();
        }
        return tail;
    }

    /**
     * {@code exec} written before the last command of an exec-form {@code sh -c} script of the image's own final
     * stage, when that command is a plain one: a compound command, a pipeline, a background job or a leading
     * assignment cannot take exec in front.
     */
    static Fix execInScriptFix(Container c, EffectiveCommand command, String script, boolean inCmd) {
        Optional<FinalPipeline> tail = execableTail(script);
        if (tail.isEmpty()) {
            return null;
        }
        String execd = tail.get().withExec();
        Instruction own = WrittenInstructions.ownAt(c, inCmd ? command.cmdOrigin() : command.entrypointOrigin());
        if (own == null || !(own.arguments() instanceof ExecForm exec)) {
            return null;
        }
        for (dev.drydock.core.dockerfile.syntax.Word element : exec.elements()) {
            if (element.value().equals(script)) {
                String json = Probes.json(List.of(execd));
                return Fix.of("exec the server from the shell, so that it becomes PID 1", FixSafety.SAFE,
                        TextEdit.replace(own.file().path(), element.span(), json.substring(1, json.length() - 1)));
            }
        }
        return null;
    }
}
