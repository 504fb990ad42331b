package dev.drydock.core.rules.support;

import dev.drydock.core.app.NodePackage;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellCommands;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compose services that apply database migrations ({@link MigrationCommands#of}) and then exit: the program their
 * command ends with (read through the image's entry point and the project's start scripts, or the {@code sh -c} script
 * of a pulled image's command) is the migration itself or another task that ends ({@link ComposeJobs#isTask}: a seed, a
 * data load), and no server runs after it. For images the project does not build, the command is read as the
 * arguments of the migration tools' own images: Flyway's ({@code ENTRYPOINT ["flyway"]}), golang-migrate's
 * ({@code ENTRYPOINT ["migrate"]}), dbmate's ({@code ENTRYPOINT ["dbmate"]}) and Liquibase's (its entry point runs
 * liquibase with the arguments).
 */
public final class MigrationJobs {

    /**
     * A migration job.
     *
     * @param command the migration command as it runs ({@code python manage.py migrate --noinput})
     * @param tool the tool's migration as a message names it ("Django's migrate")
     * @param where where it is written, for messages ({@code compose.yaml line 8}, {@code scripts/migrate.sh})
     */
    public record Job(Service service, String command, String tool, String where) {}

    /** The images of migration tools by familiar name, with the program their entry point runs. */
    private static final Map<String, String> TOOL_IMAGES = Map.of("flyway/flyway", "flyway", "redgate/flyway", "flyway",
            "migrate/migrate", "migrate", "liquibase", "liquibase", "liquibase/liquibase", "liquibase",
            "amacneil/dbmate", "dbmate", "ghcr.io/amacneil/dbmate", "dbmate");

    private MigrationJobs() {}

    /** The migrations the service applies before it exits; empty when it runs anything else last, or may serve. */
    public static Optional<Job> of(ReviewContext context, Service service) {
        return context.memo("migration-job", service, () -> find(context, service));
    }

    private static Optional<Job> find(ReviewContext context, Service service) {
        Container c = context.builtContainers().stream().filter(x -> x.service() == service && x.entryPoint() != null)
                .findFirst().orElse(null);
        NodePackage script = c == null ? null : PackageScripts.of(context, c, c.entryPoint()).orElse(null);
        List<List<String>> steps = script != null ? steps(script.entryPoint())
                : c != null ? steps(c.entryPoint()) : pulledSteps(service);
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        List<String> last = steps.get(steps.size() - 1);
        if (MigrationCommands.of(last).isEmpty() && !ComposeJobs.isTask(last)) {
            return Optional.empty();
        }
        for (List<String> step : steps) {
            Optional<MigrationCommands.Migration> migration = MigrationCommands.of(step);
            if (migration.isPresent()) {
                String command = c == null && steps.size() == 1 ? asWritten(service, step) : String.join(" ", step);
                String where = (script == null ? "" : "the \"" + script.name() + "\" script of " + script.packageFile()
                        + ", run by ") + where(context, service, c);
                return Optional.of(new Job(service, command, migration.get().tool(), where));
            }
        }
        return Optional.empty();
    }

    /** The commands a built container runs in order, its program last; none when its start script branches. */
    private static List<List<String>> steps(EntryPoint ep) {
        if (!ep.branches().isEmpty() || ep.shellScript() != null || ep.args().isEmpty()) {
            return List.of();
        }
        List<List<String>> steps = new ArrayList<>(ep.otherCommands());
        steps.add(ep.args());
        return steps;
    }

    /**
     * The commands a pulled image runs: the service's entrypoint, else the tool a migration tool's image runs, with the
     * service's command as its arguments; the commands of an {@code sh -c} script in order.
     */
    private static List<List<String>> pulledSteps(Service service) {
        List<String> words = new ArrayList<>();
        if (service.entrypoint() != null) {
            words.addAll(service.entrypoint().argv());
        } else {
            DataStores.imageName(service).map(TOOL_IMAGES::get).ifPresent(words::add);
        }
        if (service.command() != null) {
            words.addAll(service.command().argv());
        }
        if (words.size() == 3 && ShellCommands.isShell(words.get(0)) && words.get(1).equals("-c")) {
            List<List<String>> steps = new ArrayList<>();
            for (Command command : ShellScript.parse(words.get(2)).commands()) {
                steps.add(command.words().stream().map(Word::value).toList());
            }
            return steps;
        }
        return words.isEmpty() ? List.of() : List.of(words);
    }

    /**
     * The command of a pulled image as written, its variables not replaced: the tool its image runs, then the
     * service's command when it is one string; else the words.
     */
    private static String asWritten(Service service, List<String> words) {
        if (service.entrypoint() != null || service.command() == null
                || !(service.command().node() instanceof ScalarNode scalar)) {
            return String.join(" ", words);
        }
        return DataStores.imageName(service).map(TOOL_IMAGES::get).map(tool -> tool + " ").orElse("") + scalar.raw();
    }

    /** Where the migration is written: the compose command, the start script, or the Dockerfile's command. */
    private static String where(ReviewContext context, Service service, Container c) {
        if (c != null && c.entryPoint().startedBy() != null) {
            String script = c.entryPoint().startedBy();
            return c.scripts().find(script).map(f -> f.path()).orElse(script);
        }
        Node node = service.command() != null ? service.command().node()
                : service.entrypoint() != null ? service.entrypoint().node() : null;
        if (node != null) {
            return node.file().path() + " line " + node.line();
        }
        Origin origin = c == null || c.command() == null ? null
                : c.command().cmdOrigin() != null ? c.command().cmdOrigin() : c.command().origin();
        return origin == null ? service.name() + "'s image" : origin.file() + " line " + origin.line();
    }
}
