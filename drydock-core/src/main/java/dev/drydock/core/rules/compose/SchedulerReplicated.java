package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.CronDaemons;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.rules.support.TaskWorkers;
import dev.drydock.core.rules.support.WorkerCommand;
import java.util.Optional;

@RuleDefinition(
        id = "scheduler-replicated",
        title = "A task scheduler runs in more than one replica",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Compose services whose command runs a scheduler with `deploy.replicas` or `scale` above 1: Celery"
                + " beat (`celery beat`, or a worker with -B/--beat that embeds it), Laravel's `php artisan"
                + " schedule:work` or a shell loop that runs `php artisan schedule:run` every minute; as the"
                + " container's command, the program its start script runs, a program its supervisord starts, or a cron"
                + " daemon whose crontab (a cron file of the build context, or one the Dockerfile writes) runs"
                + " `artisan schedule:run`. Quiet for Laravel"
                + " when every task the schedule files define (routes/console.php, app/Console/Kernel.php,"
                + " bootstrap/app.php in the build context) is marked onOneServer(), which takes a lock in the shared"
                + " cache so that one replica runs it.",
        problem = "Every Celery beat process keeps its own schedule and sends each periodic task when it falls due:"
                + " beat takes no lock, so two replicas send every task twice. Laravel's scheduler runs every task"
                + " that is due in each process that runs it, unless the task asks for onOneServer().",
        impact = "Periodic jobs run once per replica: reports, e-mails and charges are sent twice, cleanups race each"
                + " other.",
        recommendation = "Run beat in a service of its own with one replica, and scale the worker service instead;"
                + " drop -B from workers that run in several replicas. Run Laravel's scheduler in one replica, or mark"
                + " each task onOneServer() with a cache every replica shares (redis, memcached, database, dynamodb).",
        references = {
                "https://docs.celeryq.dev/en/stable/userguide/periodic-tasks.html#starting-the-scheduler",
                "https://laravel.com/docs/scheduling#running-tasks-on-one-server",
                "https://docs.docker.com/reference/compose-file/deploy/#replicas"},
        effort = "10 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          beat:
                            image: example/shop:1.4.0
                            command: ["celery", "-A", "shop", "beat"]
                            deploy:
                              replicas: 2
                        """,
                good = """
                        services:
                          beat:
                            image: example/shop:1.4.0
                            command: ["celery", "-A", "shop", "beat"]
                          worker:
                            image: example/shop:1.4.0
                            command: ["celery", "-A", "shop", "worker"]
                            deploy:
                              replicas: 2
                        """))
public final class SchedulerReplicated implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            Location at = replicasAbove1(service);
            if (at == null) {
                continue;
            }
            Container c = context.project().containers().stream().filter(x -> x.service() == service)
                    .filter(x -> x.entryPoint() != null).findFirst().orElse(null);
            Scheduler found = c == null ? null : scheduler(context, c);
            if (found == null) {
                continue;
            }
            EntryPoint ep = found.entryPoint();
            String scheduler = found.display();
            String n = replicas(service);
            if (TaskWorkers.laravelScheduler(scheduler)) {
                LaravelSchedule schedule = LaravelSchedule.read(context, c);
                if (schedule.tasks() > 0 && schedule.onOneServer() >= schedule.tasks()) {
                    continue; // each task takes the shared cache's lock: one replica runs it
                }
                context.finding(this, at, service.name() + " runs " + n + " replicas of " + scheduler + ": each"
                                + " process runs every task that falls due, so each task runs " + n + " times"
                                + schedule.describe())
                        .recommendation("Run one replica of " + service.name() + " (and scale the queue workers"
                                + " instead), or mark every task ->onOneServer(), which needs a cache all replicas share"
                                + " (redis, memcached, database or dynamodb as the default cache store).")
                        .add();
                continue;
            }
            boolean beat = scheduler.equals("Celery beat");
            context.finding(this, at, service.name() + " runs " + n + " replicas of "
                            + scheduler + ": each keeps its own"
                            + " schedule and sends every periodic task when it falls due, so each task runs "
                            + n + " times")
                    .recommendation(beat ? "Run one replica of " + service.name() + " and scale the worker service"
                            + " instead." : "Drop -B from " + service.name() + " and run `celery"
                            + (ep.option("app") == null ? "" : " -A " + ep.option("app")) + " beat` in a service of"
                            + " its own with one replica.")
                    .add();
        }
    }

    /** A scheduler the container runs, as a message names it, and its command (null for cron's). */
    private record Scheduler(String display, EntryPoint entryPoint) {}

    /**
     * The scheduler the container runs: its command, the program its start script runs, a program its supervisord
     * starts, or a cron daemon whose crontab runs Laravel's schedule:run; null when none.
     */
    private static Scheduler scheduler(ReviewContext context, Container c) {
        Optional<WorkerCommand> command = WorkerCommand.of(context, c);
        Optional<String> own = command.flatMap(w -> TaskWorkers.scheduler(w.entryPoint()));
        if (own.isPresent()) {
            return new Scheduler(own.get() + command.get().from(), command.get().entryPoint());
        }
        for (Processes.Process p : Processes.supervised(c)) {
            Optional<String> supervised = TaskWorkers.scheduler(p.entryPoint());
            if (supervised.isPresent()) {
                return new Scheduler(supervised.get() + " (" + p.label() + ")", p.entryPoint());
            }
        }
        return CronDaemons.laravelSchedule(context, c)
                .map(file -> new Scheduler("the Laravel scheduler (schedule:run every minute from "
                        + CronDaemons.crontabRunner(context, c).orElseThrow() + ", " + file + ")", null))
                .orElse(null);
    }

    /** Where the service asks for more than one replica, or null. */
    private static Location replicasAbove1(Service service) {
        if (service.deploy() != null && service.deploy().replicas() != null
                && service.deploy().replicas().value() != null && service.deploy().replicas().value() > 1) {
            return ComposeServices.keyed(service.deploy().replicas());
        }
        ScalarNode scale = service.node().scalar("scale");
        return scale != null && scale.value().strip().matches("0*[2-9]\\d*|0*1\\d+")
                ? ComposeServices.keyed(service.node(), "scale") : null;
    }

    private static String replicas(Service service) {
        if (service.deploy() != null && service.deploy().replicas() != null && service.deploy().replicas().value() != null) {
            return service.deploy().replicas().value().toString();
        }
        return service.node().scalar("scale").value().strip();
    }
}
