package dev.drydock.core.rules.support;

import dev.drydock.core.entrypoint.ScriptRuns;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A container whose command starts a system cron daemon: Debian's and Ubuntu's cron, BusyBox's or cronie's
 * crond, directly, through {@code service cron start} or {@code /etc/init.d/cron}, or from a start script of the
 * project. Such a daemon runs each job as the user its crontab names, which takes root; as another user it
 * cannot write its pid file or change to the jobs' users, and Debian's cron skips files in /etc/cron.d that
 * root does not own (cron(8)).
 */
public final class CronDaemons {

    private static final List<String> DAEMONS = List.of("cron", "crond");
    /** supercronic runs the crontab it is given as its own user, so it needs no root. */
    private static final List<String> USER_SCHEDULERS = List.of("supercronic");

    private CronDaemons() {}

    /** The cron daemon the container starts ({@code cron}, {@code crond}), or empty when it starts none. */
    public static Optional<String> started(ReviewContext context, Container c) {
        return startedOf(context, c, DAEMONS);
    }

    /** The cron daemon or supercronic the container starts, or empty when it starts none: what runs a crontab. */
    public static Optional<String> crontabRunner(ReviewContext context, Container c) {
        return startedOf(context, c, DAEMONS).or(() -> startedOf(context, c, USER_SCHEDULERS));
    }

    private static Optional<String> startedOf(ReviewContext context, Container c, List<String> daemons) {
        EffectiveCommand command = c.command();
        if (command == null) {
            return Optional.empty();
        }
        String script = command.shellForm() && command.script() != null ? command.script()
                : command.argv().stream().map(CronDaemons::quoted).collect(Collectors.joining(" "));
        Optional<String> direct = in(ShellScript.parse(script), daemons);
        if (direct.isPresent()) {
            return direct;
        }
        for (String file : c.entryFiles()) {
            Optional<SourceFile> source = context.project().source(file);
            if (source.isPresent() && source.get().text().startsWith("#!") && source.get().text().contains("sh")) {
                Optional<String> fromScript = in(c.scripts().parsed(source.get()), daemons);
                if (fromScript.isPresent()) {
                    return fromScript;
                }
            }
        }
        return Optional.empty();
    }

    /** A crontab entry that runs Laravel's scheduler: {@code * * * * * cd /app && php artisan schedule:run}. */
    private static final java.util.regex.Pattern SCHEDULE_RUN_ENTRY = java.util.regex.Pattern.compile(
            "(?m)^[^#\\n]*\\bartisan\\s+schedule:run\\b");

    /**
     * The file with the crontab entry that runs Laravel's scheduler every minute, when the container starts a cron
     * daemon or supercronic ({@code supercronic /etc/crontab}): a file the image copies from the build context that names cron (copied to /etc/cron.d, or a crontab
     * file), or the Dockerfile that writes the entry; empty when none does.
     */
    public static Optional<String> laravelSchedule(ReviewContext context, Container c) {
        if (c.build() == null || crontabRunner(context, c).isEmpty()) {
            return Optional.empty();
        }
        if (c.build().model() != null) {
            String dockerfile = c.build().model().syntax().file().text();
            java.util.regex.Matcher m = SCHEDULE_RUN_ENTRY.matcher(dockerfile);
            while (m.find()) {
                if (m.group().contains("crontab") || m.group().contains("/etc/cron") || m.group().contains("* * *")) {
                    return Optional.of(c.build().model().syntax().file().path());
                }
            }
        }
        String buildContext = c.build().context();
        String dir = buildContext == null || buildContext.isEmpty() || buildContext.equals(".") ? "" : buildContext + "/";
        if (c.build().model() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        for (var stage : Stages.inImage(c.build().model(), c.build().stage())) {
            for (var copy : stage.copies()) {
                if (copy.from() != null || !(copy.destination() + copy.sources()).contains("cron")) {
                    continue;
                }
                for (String source : copy.sources()) {
                    String path = dir + source.replaceFirst("^\\./", "");
                    if (context.project().source(path).map(f -> SCHEDULE_RUN_ENTRY.matcher(f.text()).find())
                            .orElse(false)) {
                        return Optional.of(path);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The daemon the script may start: not one in a comment, a string or a function it never calls. */
    private static Optional<String> in(ShellScript script, List<String> daemons) {
        for (Command command : ScriptRuns.commands(script)) {
            if (daemons.contains(command.name())) {
                return Optional.of(command.name());
            }
            List<String> args = command.argumentValues();
            if (command.is("service", "busybox") && !args.isEmpty() && daemons.contains(args.get(0))) {
                return Optional.of(args.get(0));
            }
        }
        return Optional.empty();
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
