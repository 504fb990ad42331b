package dev.drydock.core.rules.support;

import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Connector;
import dev.drydock.core.shell.Scope;
import dev.drydock.core.shell.ShellScript;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The jobs a shell script sends to the background with {@code &}, as the shell parser reads them. The shell does not
 * wait for such a job, and no {@code exec} can make it the container's main process: docker stop's SIGTERM, sent to
 * PID 1 alone, never reaches it.
 */
public final class BackgroundJobs {

    private BackgroundJobs() {}

    /** Where a command still runs in the script's own shell, in script order: the top level, a group or a branch. */
    private static final Set<Scope> OWN_SHELL = Set.of(Scope.BRACE_GROUP, Scope.IF_BRANCH, Scope.CASE_BRANCH);

    /**
     * The commands the script runs in the background in its own shell (not in a subshell, a function body, a loop or
     * a command substitution), in order; each command of {@code a && b &} or {@code a | b &} is one.
     */
    public static List<Command> of(ShellScript script) {
        return script.commands().stream().filter(Command::background).filter(BackgroundJobs::ownShell).toList();
    }

    /**
     * The first job: the command that ends the first list sent to the background ({@code gunicorn} in
     * {@code migrate && gunicorn app:app &}), or empty when there is none.
     */
    public static Optional<Command> first(ShellScript script) {
        List<Command> jobs = of(script);
        return jobs.stream().filter(job -> job.followedBy() == Connector.BACKGROUND).findFirst()
                .or(() -> jobs.stream().findFirst());
    }

    /** The background jobs written before {@code command}. */
    public static List<Command> before(ShellScript script, Command command) {
        return of(script).stream().filter(job -> job.span().start() < command.span().start()).toList();
    }

    /**
     * The last command the script runs in the foreground in its own shell, or empty when it ends with a background
     * job (or has no command).
     */
    public static Optional<Command> lastForeground(ShellScript script) {
        List<Command> own = script.commands().stream().filter(BackgroundJobs::ownShell).toList();
        if (own.isEmpty() || own.get(own.size() - 1).background()) {
            return Optional.empty();
        }
        return Optional.of(own.get(own.size() - 1));
    }

    /** The command as the script's text writes it. */
    public static String text(String script, Command command) {
        return script.substring(command.span().start(), command.span().end()).strip();
    }

    private static boolean ownShell(Command command) {
        return OWN_SHELL.containsAll(command.scopes());
    }
}
