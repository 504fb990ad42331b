package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.ShellForm;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.entrypoint.Runtime;
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
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.BackgroundJobs;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.TaskWorkers;
import dev.drydock.core.rules.support.WrittenInstructions;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "server-started-in-background",
        title = "A server or worker runs as an unsupervised background job beside the container's main process",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The shell script the container starts (a shell-form CMD or ENTRYPOINT, an `sh -c` or `bash -c` in"
                + " exec form or in a compose command, and the project's entry-point scripts it runs), when it sends"
                + " a long-running program drydock recognises to the background with `&` (a web server such as"
                + " gunicorn, uvicorn, puma, nginx, php-fpm or a Node app server; a queue worker or scheduler such as"
                + " a Celery worker or beat, an RQ worker, Sidekiq, Laravel's queue:work; a cron that stays in the"
                + " foreground: supercronic, go-crond, cron -f, crond -f) and then runs another"
                + " program in the foreground as the container's main process (`gunicorn app:app & celery -A app"
                + " worker`, `nginx & exec gunicorn ...`). Reported at the background job. Left alone: a script that"
                + " waits for its jobs (`wait`, `wait -n`, `fg`), as a wrapper that traps TERM, passes it on and"
                + " waits does; a main process that is a process manager (supervisord, s6, runit, honcho); a"
                + " background job that ends by itself or that drydock does not know as a server (a migration, a"
                + " sleep, tail -f); a script that ends with its only server in the background. The message names"
                + " the compose service that already runs the same program, when there is one.",
        problem = "A container lives as long as its main process, and docker stop signals that process alone. A"
                + " program started with `&` is nobody's concern: the shell does not wait for it, and once the last"
                + " command is exec'd nothing is left that would.",
        impact = "When the background server crashes the container keeps running on the other program and looks"
                + " healthy, so no restart policy brings it back; docker stop's SIGTERM never reaches it, so it is"
                + " killed with SIGKILL mid-request at the end of the grace period; its exit code is lost; and the two"
                + " programs can only be scaled, restarted and updated together.",
        recommendation = "Run one service per container: give the background program a container (a compose service)"
                + " of its own, built from the same image with its own command, and keep the other as this"
                + " container's only program, in exec form. Where they must share a container, start them under a"
                + " process manager (supervisord, s6-overlay), or a wrapper script that traps TERM, passes it to each"
                + " job and ends when one of them ends (`wait -n`).",
        references = {
                "https://docs.docker.com/engine/containers/multi-service_container/",
                "https://docs.docker.com/reference/cli/docker/container/stop/",
                "https://docs.docker.com/reference/compose-file/services/#command"},
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir gunicorn==23.0.0 celery==5.4.0
                        CMD gunicorn app:app -b 0.0.0.0:8000 & celery -A app worker
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir gunicorn==23.0.0 celery==5.4.0
                        CMD ["gunicorn", "app:app", "-b", "0.0.0.0:8000"]
                        """))
public final class ServerStartedInBackground implements Rule {

    /** Main programs that supervise what runs beside them. */
    private static final Set<String> PROCESS_MANAGERS = Set.of("supervisord", "s6-svscan", "runsvdir", "pm2-runtime",
            "honcho", "overmind", "foreman", "circusd", "hivemind");
    /** Commands with which a script waits for its background jobs (and so can pass a signal on to them). */
    private static final Set<String> WAITS = Set.of("wait", "fg");

    /** A script the container runs, with where its commands are written. */
    private record Source(ShellScript script, SourceFile file, String text, Origin fallback, String what) {

        String written(Command command) {
            String raw = file != null ? file.text().substring(command.span().start(), command.span().end())
                    : BackgroundJobs.text(text, command);
            return ShortText.of(raw.replaceAll("\\\\\\r?\\n\\s*", " ").strip(), 70);
        }

        Location at(Command command) {
            return file != null ? new Location(file.path(), command.span())
                    : new Location(fallback.file(), fallback.span());
        }
    }

    @Override
    public void check(ReviewContext context) {
        Set<Location> reported = new HashSet<>();
        for (Container c : context.project().containers()) {
            EffectiveCommand command = c.command();
            EntryPoint ep = c.entryPoint();
            if (command == null || ep == null || command.isEmpty() || c.supervision() != null || ep.underS6OverlayInit()) {
                continue;
            }
            for (Source source : sources(c, command, ep)) {
                check(context, c, ep, source, reported);
            }
        }
    }

    private void check(ReviewContext context, Container c, EntryPoint ep, Source source, Set<Location> reported) {
        ShellScript script = source.script();
        if (script.hasProblems() || script.commands().stream().anyMatch(cmd -> WAITS.contains(cmd.name()))) {
            return;
        }
        Command main = BackgroundJobs.lastForeground(script).orElse(null);
        if (main == null) {
            return;
        }
        String mainName = mainName(main, ep);
        if (mainName == null || PROCESS_MANAGERS.contains(mainName)) {
            return;
        }
        for (Command job : BackgroundJobs.before(script, main)) {
            EntryPoint started = EntryPoints.interpret(job.words().stream().map(Word::value).toList(), false,
                    ep.environment(), ep.workdir());
            if (!longRunning(started) || started.args().isEmpty()) {
                continue;
            }
            Location at = source.at(job);
            if (!reported.add(at)) {
                return;
            }
            String name = PathNames.fileName(started.args().get(0));
            String jobText = "`" + source.written(job) + "`";
            List<String> elsewhere = runningElsewhere(context, c, started);
            List<String> mainElsewhere = runningElsewhere(context, c, mainEntryPoint(main, ep));
            String message = source.what() + " starts " + jobText + " in the background (`&`) and runs `"
                    + source.written(main) + "` in the foreground as the container's main process: nothing supervises "
                    + name + ", so if it dies the container keeps running on " + mainName + " alone and nothing"
                    + " restarts it, docker stop's SIGTERM never reaches it (it is killed with SIGKILL at the end of"
                    + " the grace period), and its exit code is lost";
            context.finding(this, at, message)
                    .recommendation(recommendation(name, source.written(job), mainName, elsewhere, mainElsewhere))
                    .add();
            return;
        }
    }

    private static String recommendation(String job, String jobText, String main, List<String> jobElsewhere,
            List<String> mainElsewhere) {
        String split;
        if (!jobElsewhere.isEmpty()) {
            split = "The compose service " + names(jobElsewhere) + " already runs " + job + ": drop `" + jobText + " &`"
                    + " from this command and keep " + main + " as its only program, in exec form.";
        } else if (!mainElsewhere.isEmpty()) {
            split = "The compose service " + names(mainElsewhere) + " already runs " + main + ": make " + job
                    + " this container's only program, in exec form, in place of both.";
        } else {
            split = "Give " + job + " a container of its own (a compose service built from the same image with `"
                    + jobText + "` as its command) and keep " + main + " as this container's only program, in exec form.";
        }
        return "Run one service per container. " + split + " Where the two must share a container, start them under"
                + " a process manager (supervisord, s6-overlay) or a wrapper script that traps TERM, passes it to both"
                + " and ends when either ends (`wait -n`).";
    }

    private static String names(List<String> services) {
        return String.join(", ", services.stream().map(s -> "`" + s + "`").toList());
    }

    /**
     * The shell scripts the container runs: its command's own script (shell form, or {@code sh -c}), and the project's
     * entry-point scripts the command passes through or starts.
     */
    private static List<Source> sources(Container c, EffectiveCommand command, EntryPoint ep) {
        List<Source> sources = new ArrayList<>();
        String where = c.service() != null && (c.service().command() != null || c.service().entrypoint() != null)
                ? "the compose " + (c.service().command() != null ? "command" : "entrypoint") + " of " + c.name()
                : command.shellForm() && !command.entrypoint().isEmpty() && command.cmdOrigin() == null ? "the ENTRYPOINT"
                : "the CMD";
        if (command.shellForm() && command.script() != null) {
            Origin origin = command.entrypoint().isEmpty() && command.cmdOrigin() != null ? command.cmdOrigin()
                    : command.origin();
            Instruction own = WrittenInstructions.ownAt(c, origin);
            if (own != null && own.arguments() instanceof ShellForm shell) {
                sources.add(new Source(ShellScript.parse(shell.script()), own.file(), null, origin, where));
            } else {
                sources.add(new Source(ShellScript.parse(command.script()), null, command.script(), origin, where));
            }
        } else {
            ep.wrappers().stream().filter(w -> w.name().endsWith(" -c") && !w.args().isEmpty()).findFirst()
                    .ifPresent(w -> sources.add(new Source(ShellScript.parse(w.args().get(0)), null, w.args().get(0),
                            command.origin(), where + "'s `" + w.name() + "`")));
        }
        Set<String> scripts = new LinkedHashSet<>(ep.scripts());
        if (ep.startedBy() != null) {
            scripts.add(ep.startedBy());
        }
        for (String path : scripts) {
            c.scripts().parsed(path).ifPresent(parsed -> sources.add(new Source(parsed, parsed.text().file(), null,
                    command.origin(), "the entry-point script " + parsed.text().file().path())));
        }
        return sources;
    }

    /** A program that runs until it is stopped: a server, or a queue worker or scheduler. */
    private static boolean longRunning(EntryPoint ep) {
        return AppFacts.runsServer(ep) || TaskWorkers.of(ep).isPresent() || ep.runtime() == Runtime.PHP_FPM
                || cronInForeground(ep.args());
    }

    /**
     * A cron that stays in the foreground of its job: supercronic and go-crond always, cron and crond with -f (or
     * cronie's -n); a plain {@code cron} forks a daemon and returns at once.
     */
    private static boolean cronInForeground(List<String> args) {
        if (args.isEmpty()) {
            return false;
        }
        String name = PathNames.fileName(args.get(0));
        return name.equals("supercronic") || name.equals("go-crond")
                || (name.equals("cron") || name.equals("crond"))
                        && args.stream().skip(1).anyMatch(a -> a.matches("-[a-zA-Z]*[fn][a-zA-Z]*"));
    }

    /**
     * The program the main command runs: the container's command for {@code exec "$@"}; null when it is neither a
     * program nor the command ({@code exit}, an assignment).
     */
    private static String mainName(Command main, EntryPoint ep) {
        String name = main.name();
        if (name.isEmpty() || name.equals("exit") || name.equals("true") || name.equals(":")) {
            return null;
        }
        if (name.startsWith("$")) {
            return ep.args().isEmpty() || ep.runtime() == Runtime.SCRIPT || ep.runtime() == Runtime.SHELL ? null
                    : PathNames.fileName(ep.args().get(0));
        }
        return name;
    }

    private static EntryPoint mainEntryPoint(Command main, EntryPoint ep) {
        return main.name().startsWith("$") ? ep : EntryPoints.interpret(main.words().stream().map(Word::value).toList(),
                false, ep.environment(), ep.workdir());
    }

    /** The other services of the container's compose file whose main program is the same server or worker. */
    private static List<String> runningElsewhere(ReviewContext context, Container c, EntryPoint program) {
        if (c.service() == null || program == null || !longRunning(program)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Container other : context.project().containers()) {
            EntryPoint ep = other.entryPoint();
            if (other == c || other.service() == null || ep == null || !Optional.ofNullable(other.composeFile())
                    .equals(Optional.ofNullable(c.composeFile()))) {
                continue;
            }
            if (ep.runtime() == program.runtime() && java.util.Objects.equals(ep.option("command"), program.option("command"))
                    && !sameCommand(other, c)) {
                names.add(other.name());
            }
        }
        return names;
    }

    /** Whether two services run the very same command (both take the image's CMD): the same mixed pair. */
    private static boolean sameCommand(Container a, Container b) {
        return a.command() != null && b.command() != null && a.command().argv().equals(b.command().argv());
    }
}
