package dev.drydock.core.rules.context;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Location;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.WrittenEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The other services of the stack a service's environment names as the host it connects to: the host of a URL
 * ({@code postgresql://app@db:5432/app}, {@code redis://cache:6379/0}) or the value of a host or server variable
 * ({@code DB_HOST=db}, {@code KAFKA_BOOTSTRAP_SERVERS=kafka:9092}).
 */
final class StoreConnections {

    /** Words of a variable whose bare value is a host (or a list of host:port). */
    private static final Set<String> HOST_WORDS = Set.of("HOST", "HOSTS", "HOSTNAME", "SERVER", "SERVERS", "ADDR",
            "ADDRESS", "ADDRESSES", "BROKER", "BROKERS", "NODES", "ENDPOINT");

    /**
     * A connection: the setting that names the target, and where in it the target's name is written.
     */
    record Connection(Service target, WrittenEnvironment.Setting setting, Location at) {}

    private StoreConnections() {}

    /** The first setting of {@code service} that connects to each service {@code isTarget} accepts, in the order written. */
    static List<Connection> of(Project project, ComposeProject compose, Service service, Predicate<Service> isTarget) {
        List<Connection> out = new ArrayList<>();
        List<WrittenEnvironment.Setting> settings = WrittenEnvironment.of(project, service);
        for (Service target : compose.services().values()) {
            if (target == service || target.name().equals(service.name()) || !isTarget.test(target)) {
                continue;
            }
            Pattern host = Pattern.compile("(^|//|@|[,;=\\s\"'(])" + Pattern.quote(target.name())
                    + "(?=$|[:/,;?\\s\"')])");
            for (WrittenEnvironment.Setting setting : settings) {
                Location at = named(setting, host);
                if (at != null) {
                    out.add(new Connection(target, setting, at));
                    break;
                }
            }
        }
        return out;
    }

    private static Location named(WrittenEnvironment.Setting setting, Pattern host) {
        if (!WrittenEnvironment.isClientAddress(setting.name())) {
            return null;
        }
        List<String> words = List.of(setting.name().toUpperCase(Locale.ROOT).split("[_.-]+"));
        boolean hostVariable = words.stream().anyMatch(HOST_WORDS::contains);
        Matcher m = host.matcher(setting.value());
        while (m.find()) {
            String before = m.group(1);
            if (before.equals("//") || before.equals("@") || hostVariable) {
                int start = m.end(1);
                String name = setting.value().substring(start, m.end());
                int raw = setting.rawIndexOf(name, start);
                return new Location(setting.file(), raw < 0 ? setting.span(setting.rawFrom(), setting.raw().length())
                        : setting.span(raw, raw + name.length()));
            }
        }
        return null;
    }

    /**
     * Whether Compose starts the target before the service: a depends_on or a legacy {@code links} entry names it
     * ({@code db} or {@code db:alias}); also true when the target never runs (scaled to zero).
     */
    static boolean dependsOn(Service service, Service target) {
        if (service.dependsOn().stream().anyMatch(d -> d.service().equals(target.name()))
                || ComposeServices.scaledToZero(target)) {
            return true;
        }
        SeqNode links = service.node().seq("links");
        return links != null && links.items().stream().anyMatch(item -> item instanceof ScalarNode link
                && link.value() != null && link.value().split(":")[0].strip().equals(target.name()));
    }
}
