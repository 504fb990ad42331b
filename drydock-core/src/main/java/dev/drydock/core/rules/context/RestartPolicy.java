package dev.drydock.core.rules.context;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeEdits;
import dev.drydock.core.rules.support.ComposeJobs;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "restart-policy",
        title = "A compose service has no restart policy",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The restart policy of every compose service (restart, or deploy.restart_policy). A strength for"
                + " always, unless-stopped and on-failure. A finding for a service with no policy at all, declared"
                + " outside development files, that is not a one-off job: one that another service waits for with"
                + " `condition: service_completed_successfully`, that is named or commanded as a task (migrate, seed,"
                + " `alembic upgrade head`, `rails db:migrate` with no server after it), that belongs to a profile, or that `docker compose up`"
                + " never starts (`deploy.replicas: 0`, `scale: 0`) is left alone, as is a service that wraps a"
                + " command-line tool for `docker compose run` (entrypoint composer, npm, yarn, mvn, cargo, or php with"
                + " artisan or bin/console, given options only and no command: `up` starts the bare tool, which prints"
                + " its usage and exits, and a restart policy would run it again and again), and so is an explicit"
                + " `restart: \"no\"`.",
        problem = "Docker's default policy is \"no\": a container that exits, is killed by the OOM killer or was"
                + " running when the host rebooted stays stopped.",
        impact = "One crash or reboot means an outage until someone notices and runs `docker compose up` again.",
        recommendation = "Set `restart: unless-stopped` on long-running services (or on-failure with a retry limit for"
                + " services that must not loop on a fatal error).",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#restart",
                "https://docs.docker.com/engine/containers/start-containers-automatically/",
                "https://docs.docker.com/compose/how-tos/production/"},
        aliases = {"Restart Policy On Failure Not Set To 5"},
        fix = FixSafety.UNSAFE,
        effort = "2 min",
        strength = "Restart policy",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          web:
                            image: ghcr.io/example/web:1.4.2
                        """,
                good = """
                        services:
                          web:
                            image: ghcr.io/example/web:1.4.2
                            restart: unless-stopped
                        """))
public final class RestartPolicy implements Rule {

    @Override
    public void check(ReviewContext context) {
        Map<ComposeProject, Set<String>> awaitedByProject = new IdentityHashMap<>();
        List<Strength> strengths = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            if (service.restart() != null) {
                String value = service.restart().value();
                String effect = effect(value);
                Location at = ComposeServices.keyed(service.node(), "restart");
                if (effect != null && at != null) {
                    strengths.add(new Strength(at, "restart: " + value + " " + effect, service.name()));
                }
                continue;
            }
            Service.RestartPolicy policy = service.deploy() == null ? null : service.deploy().restartPolicy();
            if (policy != null) {
                String condition = policy.condition() == null ? "any" : policy.condition().value();
                Location at = ComposeServices.keyed(service.deploy().node(), "restart_policy");
                if (!condition.equals("none") && at != null) {
                    strengths.add(new Strength(at, "deploy.restart_policy (" + condition + ") restarts %s when"
                            + " {it stops}" + (condition.equals("on-failure") ? " with an error" : ""), service.name()));
                }
                continue;
            }
            if (ref.inDevelopmentFile()
                    || oneOff(ref, awaitedByProject.computeIfAbsent(ref.compose(), ComposeServices::awaitedToComplete))) {
                continue;
            }
            context.finding(this, ref.nameLocation(), service.name() + " (" + ref.file() + ") has no restart policy:"
                            + " after a crash, an OOM kill or a reboot of the host it stays down until someone runs"
                            + " `docker compose up` again")
                    .implicit()
                    .recommendation("Add `restart: unless-stopped` to " + service.name() + " in " + ref.file() + ".")
                    .fix(restart(service, ref.file()))
                    .add();
        }
        // services that merge one anchor share its restart key: one strength there names them all
        for (List<Strength> group : ComposeServices.byLocation(strengths, Strength::at)) {
            Map<String, List<String>> byText = new LinkedHashMap<>();
            group.forEach(s -> byText.computeIfAbsent(s.text(), t -> new ArrayList<>()).add(s.service()));
            byText.forEach((text, names) -> context.strength(this, group.get(0).at(), text
                    .replace("%s", ComposeServices.names(names))
                    .replace("{it stops}", names.size() > 1 ? "they stop" : "it stops")
                    .replace("{it was}", names.size() > 1 ? "they were" : "it was")
                    .replace("{it exits}", names.size() > 1 ? "one of them exits" : "it exits")
                    .replace("{it}", names.size() > 1 ? "them" : "it")));
        }
    }

    /**
     * A restart policy in effect: where it is written and what it does, with {@code %s} for the services it covers
     * and a braced pronoun ({it}, {it was}...) that agrees with their number.
     */
    private record Strength(Location at, String text, String service) {}

    /**
     * {@code restart: unless-stopped} at the end of the service in the file that declares it (a variant's, when the
     * finding is the variant's: in the base file it would restart the other variants' one-off commands too); null
     * where it cannot be written.
     */
    private static Fix restart(Service service, String file) {
        TextEdit edit = ComposeEdits.addEntryIn(service.node(), file, "restart: unless-stopped");
        return edit == null ? null : Fix.of("restart " + service.name() + " unless stopped", FixSafety.UNSAFE, edit);
    }

    private static String effect(String value) {
        if (value.equals("always")) {
            return "brings %s back after a crash and after a restart of the Docker daemon";
        }
        if (value.equals("unless-stopped")) {
            return "brings %s back after a crash or a restart of the Docker daemon, and leaves {it} down when {it was}"
                    + " stopped on purpose";
        }
        if (value.startsWith("on-failure")) {
            return "restarts %s when {it exits} with an error";
        }
        return null;
    }

    private static boolean oneOff(ComposeServices.Ref ref, Set<String> awaitedToComplete) {
        return !ref.service().profiles().isEmpty() || ComposeServices.scaledToZero(ref.service())
                || awaitedToComplete.contains(ref.name())
                || ComposeJobs.isOneOff(ref.service()) || ComposeJobs.isCommandLineTool(ref.service());
    }
}
