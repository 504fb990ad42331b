package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;

@RuleDefinition(
        id = "scheduler-replicated",
        title = "Celery beat runs in more than one replica",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Compose services whose command runs Celery beat (`celery beat`, or a worker with -B/--beat that"
                + " embeds it) with `deploy.replicas` or `scale` above 1.",
        problem = "Every Celery beat process keeps its own schedule and sends each periodic task when it falls due:"
                + " beat takes no lock, so two replicas send every task twice.",
        impact = "Periodic jobs run once per replica: reports, e-mails and charges are sent twice, cleanups race each"
                + " other.",
        recommendation = "Run beat in a service of its own with one replica, and scale the worker service instead;"
                + " drop -B from workers that run in several replicas.",
        references = {
                "https://docs.celeryq.dev/en/stable/userguide/periodic-tasks.html#starting-the-scheduler",
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
            EntryPoint ep = context.project().containers().stream().filter(c -> c.service() == service)
                    .map(Container::entryPoint).filter(e -> e != null).findFirst().orElse(null);
            if (ep == null || ep.runtime() != Runtime.CELERY) {
                continue;
            }
            boolean beat = "beat".equals(ep.option("command"));
            boolean embedded = "worker".equals(ep.option("command")) && ep.flag("beat");
            if (!beat && !embedded) {
                continue;
            }
            context.finding(this, at, service.name() + " runs " + replicas(service) + " replicas of "
                            + (beat ? "Celery beat" : "a Celery worker with beat embedded (-B)") + ": each keeps its own"
                            + " schedule and sends every periodic task when it falls due, so each task runs "
                            + replicas(service) + " times")
                    .recommendation(beat ? "Run one replica of " + service.name() + " and scale the worker service"
                            + " instead." : "Drop -B from " + service.name() + " and run `celery"
                            + (ep.option("app") == null ? "" : " -A " + ep.option("app")) + " beat` in a service of"
                            + " its own with one replica.")
                    .add();
        }
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
