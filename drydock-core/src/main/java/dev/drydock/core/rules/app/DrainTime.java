package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.ComposeEdits;
import dev.drydock.core.rules.support.GunicornSettings;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.rules.support.TaskWorkers;
import dev.drydock.core.supervisor.Manager;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * graceful-shutdown-missing's findings for a server or worker that drains longer than the container is given to stop:
 * Docker's grace period (stop_grace_period, 10 s by default), or supervisord's stopwaitsecs for a program it runs.
 */
final class DrainTime {

    private DrainTime() {}

    static void drainTooLong(GracefulShutdownMissing rule, ReviewContext context, Container c,
            EffectiveCommand command, EntryPoint ep,
            Located<Service.DurationValue> grace, long stopSeconds) {
        Double graceful = null;
        String what = null;
        switch (ep.runtime()) {
            case GUNICORN -> {
                GunicornSettings.Value timeout = GunicornSettings.of(context, c, ep).get("graceful_timeout")
                        .orElse(null);
                if (timeout == null || timeout.computed()) {
                    return; // a configuration file drydock cannot read may set it, or it is computed where it runs
                }
                graceful = timeout.source() == GunicornSettings.Source.DEFAULT ? 30.0 : timeout.seconds();
                what = switch (timeout.source()) {
                    case CONFIG_FILE -> "graceful_timeout in " + timeout.location().file() + " line "
                            + timeout.location().line();
                    case GUNICORN_CMD_ARGS -> "--graceful-timeout in GUNICORN_CMD_ARGS";
                    case DEFAULT -> "its default --graceful-timeout";
                    default -> "--graceful-timeout";
                };
            }
            case UVICORN -> {
                graceful = seconds(ep.option("timeout-graceful-shutdown"));
                what = "--timeout-graceful-shutdown";
            }
            case HYPERCORN -> {
                graceful = seconds(ep.option("graceful-timeout"));
                what = "--graceful-timeout";
            }
            default -> { }
        }
        if (graceful == null || graceful <= stopSeconds) {
            return;
        }
        String server = ep.runtime().name().toLowerCase(java.util.Locale.ROOT);
        Origin at = grace != null ? new Origin(grace.file().path(), grace.span()) : command.originOf(GracefulShutdownMissing.programWord(ep));
        String limit = grace != null ? "stop_grace_period: " + grace.value().text()
                : "Docker's default of " + stopSeconds + " s (no stop_grace_period)";
        rule.finding(context, c, at, server + " waits up to " + AppFacts.number(graceful) + " s (" + what + ") for requests in flight,"
                + " but the container is killed after " + limit + ": a stop cuts the drain short")
                .recommendation("Set stop_grace_period: " + (long) Math.ceil(graceful + 5) + "s on the service"
                        + " (a few seconds above the graceful timeout), or lower the graceful timeout below "
                        + stopSeconds + " s if requests are short.")
                .fix(gracePeriod(c, grace, (long) Math.ceil(graceful + 5)))
                .add();
    }

    /**
     * (4) for a queue worker: it answers SIGTERM by finishing the tasks it runs, and Docker kills it when the grace
     * period ends; without stop_grace_period (or with one below the tasks' time limit) a longer task is cut off.
     */
    static void workerDrain(GracefulShutdownMissing rule, ReviewContext context, Container c,
            EffectiveCommand command, EntryPoint ep, String from,
            Located<Service.DurationValue> grace, long stopSeconds) {
        TaskWorkers.Drain drain = configuredDrain(context, c, ep);
        if (drain == null || drain.seconds() != null && drain.seconds() <= stopSeconds
                || grace != null && drain.seconds() == null) {
            return;
        }
        long suggested = drain.seconds() == null ? drain.otherwise() : drain.seconds() + 5;
        Origin at = grace != null ? new Origin(grace.file().path(), grace.span()) : command.originOf(GracefulShutdownMissing.programWord(ep));
        String limit = grace != null ? "stop_grace_period: " + grace.value().text()
                : "Docker's default of " + stopSeconds + " s (no stop_grace_period)";
        String tasks = drain.seconds() == null ? "the tasks it is running"
                : "the tasks it is running, which may take up to " + drain.seconds() + " s (" + drain.bound() + ")";
        rule.finding(context, c, at, c.service().name() + " runs " + drain.display() + from + ", which on docker stop's SIGTERM"
                        + " stops taking work and finishes " + tasks + ", but the container is killed after " + limit
                        + ": " + drain.cutOff())
                .recommendation("Set stop_grace_period: " + suggested + "s on the service"
                        + (drain.seconds() == null ? "; " + drain.reason() + "." : ", a few seconds above "
                                + drain.bound() + "."))
                .fix(gracePeriod(c, grace, suggested))
                .add();
    }

    /**
     * The drain of a worker command, with the time limit the application's configuration sets when the command
     * leaves it to the configuration (Celery's, Horizon's, Sidekiq's, Solid Queue's or GoodJob's); null for none.
     */
    static TaskWorkers.Drain configuredDrain(ReviewContext context, Container c, EntryPoint ep) {
        TaskWorkers.Drain drain = TaskWorkers.drain(ep).orElse(null);
        if (drain != null && drain.seconds() == null && ep.runtime() == Runtime.CELERY) {
            dev.drydock.core.app.SourceSet sources = dev.drydock.core.app.SourceSet.of(context.project(), c);
            for (String file : Apps.of(context, c).files()) {
                Optional<TaskWorkers.Drain> configured = sources.read(file)
                        .flatMap(f -> TaskWorkers.configuredTimeLimit(file, f.text()));
                if (configured.isPresent()) {
                    drain = configured.get();
                    break;
                }
            }
        }
        if (drain != null && TaskWorkers.horizon(drain) && c.build() != null) {
            String file = PathNames.join(c.build().context(), TaskWorkers.HORIZON_CONFIG);
            drain = context.project().source(file)
                    .flatMap(f -> TaskWorkers.horizonConfigured(TaskWorkers.HORIZON_CONFIG, f.text())).orElse(drain);
        }
        String sidekiqConfig = TaskWorkers.sidekiqConfig(ep);
        if (sidekiqConfig != null && c.build() != null) {
            String file = PathNames.join(c.build().context(), sidekiqConfig);
            drain = context.project().source(file)
                    .flatMap(f -> TaskWorkers.sidekiqConfigured(sidekiqConfig, f.text())).orElse(drain);
        }
        if (c.build() != null) {
            for (String config : TaskWorkers.railsConfigFiles(ep)) {
                String file = PathNames.join(c.build().context(), config);
                Optional<TaskWorkers.Drain> configured = context.project().source(file)
                        .flatMap(f -> TaskWorkers.railsConfigured(ep, config, f.text()));
                if (configured.isPresent()) {
                    drain = TaskWorkers.unreadable(configured.get()) ? null : configured.get();
                    break;
                }
            }
        }
        return drain;
    }

    /**
     * supervisord passes docker stop on to each program with its stopsignal and waits its stopwaitsecs (10 s by
     * default) before SIGKILL: a server that drains longer than that is cut off by supervisord, and a program whose
     * wait reaches the compose service's grace period is cut off by Docker, supervisord with it.
     */
    static boolean supervisedDrain(GracefulShutdownMissing rule, ReviewContext context, Container c,
            EffectiveCommand command,
            Located<Service.DurationValue> grace, long stopSeconds) {
        if (c.supervision() == null || c.supervision().manager() != Manager.SUPERVISORD) {
            return false; // stopwaitsecs is supervisord's; s6 and runit stop their services by their own settings
        }
        for (Processes.Process p : Processes.supervised(c)) {
            EntryPoint program = p.entryPoint();
            Double graceful = program.runtime() == Runtime.GUNICORN ? gunicornGraceful(context, c, program)
                    : program.runtime() == Runtime.UVICORN || program.runtime() == Runtime.HYPERCORN
                            ? seconds(program.option(program.runtime() == Runtime.UVICORN ? "timeout-graceful-shutdown"
                                    : "graceful-timeout")) : null;
            int wait = p.program().stopWaitSeconds();
            if (graceful != null && graceful > wait) {
                rule.finding(context, c, p.origin(), p.label() + " runs " + program.runtime().name().toLowerCase(
                                java.util.Locale.ROOT) + ", which drains requests for up to " + AppFacts.number(graceful) + " s, but"
                                + " supervisord kills it " + wait + " s after its stop signal (stopwaitsecs"
                                + (wait == 10 ? ", 10 by default" : "") + "): a stop cuts the drain short"
                                + c.supervision().assumptions())
                        .recommendation("Set stopwaitsecs=" + (long) Math.ceil(graceful + 5) + " in [program:"
                                + p.program().name() + "], and a stop_grace_period above it where the container runs"
                                + " (Docker stops supervisord after 10 s by default).")
                        .add();
                return true;
            }
        }
        for (Processes.Process p : Processes.supervised(c)) {
            TaskWorkers.Drain drain = configuredDrain(context, c, p.entryPoint());
            int wait = p.program().stopWaitSeconds();
            if (drain != null && drain.seconds() != null && drain.seconds() > wait) {
                rule.finding(context, c, p.origin(), p.label() + " runs " + drain.display() + ", which on its stop signal"
                                + " stops taking work and finishes the jobs it is running, which may take up to "
                                + drain.seconds() + " s (" + drain.bound() + "), but supervisord kills it " + wait
                                + " s after the signal (stopwaitsecs" + (wait == 10 ? ", 10 by default" : "") + "): "
                                + drain.cutOff() + c.supervision().assumptions())
                        .recommendation("Set stopwaitsecs=" + (drain.seconds() + 5) + " in [program:"
                                + p.program().name() + "], a few seconds above " + drain.bound() + ", and a"
                                + " stop_grace_period above it where the container runs (Docker stops supervisord after"
                                + " 10 s by default).")
                        .add();
                return true;
            }
        }
        if (!c.isComposeService()) {
            return false;
        }
        Processes.Process longest = Processes.supervised(c).stream()
                .max(java.util.Comparator.comparingInt(p -> p.program().stopWaitSeconds())).orElse(null);
        if (longest == null || longest.program().stopWaitSeconds() <= 10 || longest.program().stopWaitSeconds() < stopSeconds) {
            return false; // only a wait set above supervisord's default says a program takes that long to stop
        }
        int wait = longest.program().stopWaitSeconds();
        Origin at = grace != null ? new Origin(grace.file().path(), grace.span()) : command.origin();
        String limit = grace != null ? "stop_grace_period: " + grace.value().text()
                : "Docker's default of " + stopSeconds + " s (no stop_grace_period)";
        rule.finding(context, c, at, "supervisord waits up to " + wait + " s for " + longest.label() + " to stop (stopwaitsecs),"
                        + " but the container is killed after " + limit
                        + ": Docker's SIGKILL ends supervisord and every program before they finish"
                        + c.supervision().assumptions())
                .recommendation("Set stop_grace_period: " + (wait + 5) + "s on the service, a few seconds above the"
                        + " longest stopwaitsecs of its programs.")
                .fix(gracePeriod(c, grace, wait + 5))
                .add();
        return true;
    }

    /** How long a gunicorn program drains: its graceful_timeout, 30 s by default; null when drydock cannot tell. */
    private static Double gunicornGraceful(ReviewContext context, Container c, EntryPoint program) {
        GunicornSettings.Value timeout = GunicornSettings.of(context, c, program).get("graceful_timeout").orElse(null);
        if (timeout == null) {
            return null;
        }
        return timeout.source() == GunicornSettings.Source.DEFAULT ? Double.valueOf(30.0) : timeout.seconds();
    }

    /** stop_grace_period set to {@code seconds}: the value replaced, or the key added after init or restart. */
    private static Fix gracePeriod(Container c, Located<Service.DurationValue> grace, long seconds) {
        TextEdit edit;
        if (grace != null) {
            edit = grace.node() instanceof ScalarNode s && s.substitutions().isEmpty() && s.hasExactText()
                    ? TextEdit.replace(grace.file().path(), grace.span(), seconds + "s") : null;
        } else {
            edit = ComposeEdits.addEntry(c.service().node(), List.of("init", "restart"), "stop_grace_period: " + seconds + "s");
        }
        return edit == null ? null : Fix.of("give " + c.service().name() + " " + seconds + "s to stop", FixSafety.SAFE, edit);
    }

    /** A number of seconds as a server option writes it ({@code 30}, {@code 30s}), or null when it is none. */
    private static Double seconds(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value.replaceAll("s$", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
