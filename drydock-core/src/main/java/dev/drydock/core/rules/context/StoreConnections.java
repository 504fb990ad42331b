package dev.drydock.core.rules.context;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Location;
import dev.drydock.core.rules.support.WrittenEnvironment;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** A host where an address names one: after a URL's //, a user's @, or a list's delimiter; then its end. */
    private static final Pattern HOST = Pattern.compile("(^|//|@|[,;=\\s\"'(])([A-Za-z0-9][\\w.-]*)(?=$|[:/,;?\\s\"')])");

    /**
     * The first setting of {@code service} that connects to each other service {@code isTarget} accepts, in the
     * order written. One pass over the settings, looking each host up by name: linear in the stack's size.
     */
    static List<Connection> of(Project project, ComposeProject compose, Service service, Predicate<Service> isTarget) {
        Map<String, Connection> found = new LinkedHashMap<>();
        for (WrittenEnvironment.Setting setting : WrittenEnvironment.of(project, service)) {
            if (!WrittenEnvironment.isClientAddress(setting.name())) {
                continue;
            }
            boolean hostVariable = Arrays.stream(setting.name().toUpperCase(Locale.ROOT).split("[_.-]+"))
                    .anyMatch(HOST_WORDS::contains);
            Matcher m = HOST.matcher(setting.value());
            while (m.find()) {
                String name = m.group(2);
                boolean url = m.group(1).equals("//") || m.group(1).equals("@");
                if (!url && !hostVariable || found.containsKey(name)) {
                    continue;
                }
                Service target = compose.services().get(name);
                if (target != null && target != service && !target.name().equals(service.name()) && isTarget.test(target)) {
                    found.put(name, new Connection(target, setting, location(setting, name, m.start(2))));
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static Location location(WrittenEnvironment.Setting setting, String name, int valueIndex) {
        int raw = setting.rawIndexOf(name, valueIndex);
        return new Location(setting.file(), raw < 0 ? setting.span(setting.rawFrom(), setting.raw().length())
                : setting.span(raw, raw + name.length()));
    }
}
