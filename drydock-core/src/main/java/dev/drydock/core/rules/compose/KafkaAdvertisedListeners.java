package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.WrittenEnvironment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kafka broker's advertised listeners (KAFKA_ADVERTISED_LISTENERS for the Apache and Confluent images,
 * KAFKA_CFG_ADVERTISED_LISTENERS for Bitnami's) that give localhost for a port other services of the stack connect
 * to by the broker's name: a client fetches the metadata from its bootstrap address, then connects to the address the
 * broker advertises for that listener, which inside the client's container is the client itself.
 */
final class KafkaAdvertisedListeners {

    private static final Pattern LISTENER = Pattern.compile(
            "(?:^|,)\\s*([A-Za-z0-9_]+)://(\\[[^\\]]*]|[^,:\\s]*):(\\d{1,5})");

    private static final Pattern LOOPBACK = Pattern.compile("(?i)localhost|127(\\.\\d{1,3}){3}|\\[::1]");

    /** One advertised listener: its name, host and port, and where the host starts in the value. */
    private record Listener(String name, String host, int port, int hostAt) {}

    private KafkaAdvertisedListeners() {}

    static boolean isOne(String variable) {
        return variable.equals("KAFKA_ADVERTISED_LISTENERS") || variable.equals("KAFKA_CFG_ADVERTISED_LISTENERS");
    }

    /** Reports each listener that advertises localhost on a port the stack's other services connect to by name. */
    static void check(ReviewContext context, Rule rule, ComposeServices.Ref ref, WrittenEnvironment.Setting setting) {
        Service broker = ref.service();
        List<Listener> loopback = new ArrayList<>();
        Set<Integer> reachable = new HashSet<>();
        Matcher m = LISTENER.matcher(setting.value());
        while (m.find()) {
            int port = Integer.parseInt(m.group(3));
            if (LOOPBACK.matcher(m.group(2)).matches()) {
                loopback.add(new Listener(m.group(1), m.group(2), port, m.start(2)));
            } else {
                reachable.add(port);
            }
        }
        Set<String> names = names(broker);
        for (Listener listener : loopback) {
            int port = listener.port();
            if (reachable.contains(port)) {
                continue; // another listener advertises an address the containers reach on that port
            }
            List<String> clients = clients(context, ref, names, port);
            if (clients.isEmpty()) {
                continue;
            }
            String host = listener.host();
            int at = setting.rawIndexOf(host + ":" + port, listener.hostAt());
            Location where = new Location(setting.file(), at < 0
                    ? setting.span(setting.rawFrom(), setting.raw().length()) : setting.span(at, at + host.length()));
            String prefix = setting.name().substring(0, setting.name().indexOf("ADVERTISED_LISTENERS"));
            String name = listener.name();
            context.finding(rule, where, broker.name() + " advertises " + name + "://" + host + ":" + port + " and "
                            + String.join(", ", clients) + ": a Kafka client only fetches the cluster's metadata"
                            + " there, then connects to the advertised " + host + ":" + port + ", which inside its"
                            + " container is the container itself, so producing and consuming fail")
                    .recommendation("Give the compose network a listener of its own that advertises the service name,"
                            + " and keep localhost on a second one for clients on the host: " + prefix
                            + "LISTENERS=INTERNAL://:29092," + name + "://:" + port + ", " + prefix
                            + "ADVERTISED_LISTENERS=INTERNAL://" + broker.name() + ":29092," + name + "://" + host + ":"
                            + port + ", INTERNAL:PLAINTEXT in " + prefix + "LISTENER_SECURITY_PROTOCOL_MAP, and point the"
                            + " services at " + broker.name() + ":29092. When nothing on the host connects, advertising "
                            + name + "://" + broker.name() + ":" + port + " is enough.")
                    .add();
        }
    }

    /** The names the broker's container answers to on the compose network: service name, hostname, container name, aliases. */
    private static Set<String> names(Service broker) {
        Set<String> out = new LinkedHashSet<>();
        out.add(broker.name());
        if (broker.hostname() != null) {
            out.add(broker.hostname().value());
        }
        if (broker.containerName() != null) {
            out.add(broker.containerName().value());
        }
        for (Service.Network n : broker.networks()) {
            for (Located<String> alias : n.aliases()) {
                out.add(alias.value());
            }
        }
        return out;
    }

    /** "api connects to kafka:9092 (KAFKA_BROKERS)" for each other service whose environment names the broker and port. */
    private static List<String> clients(ReviewContext context, ComposeServices.Ref ref, Set<String> names, int port) {
        List<String> out = new ArrayList<>();
        for (Service other : ref.compose().services().values()) {
            if (other.name().equals(ref.service().name())) {
                continue;
            }
            for (WrittenEnvironment.Setting s : WrittenEnvironment.of(context.project(), other)) {
                for (String name : names) {
                    Pattern address = Pattern.compile("(?<![\\w.-])" + Pattern.quote(name) + ":" + port + "(?!\\d)");
                    if (address.matcher(s.value()).find()) {
                        out.add(other.name() + " connects to " + name + ":" + port + " (" + s.name() + ")");
                        break;
                    }
                }
            }
        }
        return out.size() > 3 ? List.of(out.get(0), out.get(1), "others of the stack connect there too") : out;
    }
}
