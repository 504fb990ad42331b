package dev.drydock.core.rules.support;

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

    private CronDaemons() {}

    /** The cron daemon the container starts ({@code cron}, {@code crond}), or empty when it starts none. */
    public static Optional<String> started(ReviewContext context, Container c) {
        EffectiveCommand command = c.command();
        if (command == null) {
            return Optional.empty();
        }
        String script = command.shellForm() && command.script() != null ? command.script()
                : command.argv().stream().map(CronDaemons::quoted).collect(Collectors.joining(" "));
        Optional<String> direct = in(script);
        if (direct.isPresent()) {
            return direct;
        }
        for (String file : c.entryFiles()) {
            Optional<SourceFile> source = context.project().source(file);
            if (source.isPresent() && source.get().text().startsWith("#!") && source.get().text().contains("sh")) {
                Optional<String> fromScript = in(source.get().text());
                if (fromScript.isPresent()) {
                    return fromScript;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> in(String script) {
        ShellScript parsed = ShellScript.parse(script);
        for (Command command : parsed.commands()) {
            if (DAEMONS.contains(command.name())) {
                return Optional.of(command.name());
            }
            List<String> args = command.argumentValues();
            if (command.is("service", "busybox") && !args.isEmpty() && DAEMONS.contains(args.get(0))) {
                return Optional.of(args.get(0));
            }
        }
        return Optional.empty();
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
