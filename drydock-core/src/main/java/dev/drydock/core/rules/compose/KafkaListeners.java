package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.review.Location;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The listeners of a Kafka broker run from apache/kafka, bitnami/kafka or Confluent's cp-kafka and cp-server images,
 * as their environment sets them: the images write KAFKA_LISTENERS (bitnami: KAFKA_CFG_LISTENERS) into listeners and
 * KAFKA_LISTENER_SECURITY_PROTOCOL_MAP into listener.security.protocol.map. Without the variable, apache/kafka and
 * bitnami/kafka listen with PLAINTEXT on 9092 (and CONTROLLER on 9093); cp-kafka derives its listeners from
 * KAFKA_ADVERTISED_LISTENERS, its hosts replaced by 0.0.0.0.
 */
final class KafkaListeners {

    /** The image's variable names, the folder a mounted configuration goes to, and the listeners it has by default. */
    private record Image(String prefix, String configFolder, String defaults) {}

    private static final Image APACHE = new Image("KAFKA_", "/mnt/shared/config", "PLAINTEXT://:9092,CONTROLLER://:9093");

    private static final Map<String, Image> IMAGES = Map.of(
            "apache/kafka", APACHE, "apache/kafka-native", APACHE,
            "bitnami/kafka", new Image("KAFKA_CFG_", "/opt/bitnami/kafka/config", "PLAINTEXT://:9092,CONTROLLER://:9093"),
            "confluentinc/cp-kafka", new Image("KAFKA_", "/etc/kafka", null),
            "confluentinc/cp-server", new Image("KAFKA_", "/etc/kafka", null));

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    /** A listener: its name, the host it binds ("" for every interface), its port and its security protocol. */
    record Listener(String name, String host, int port, String protocol) {

        String written() {
            return name + "://" + host + ":" + port;
        }
    }

    /**
     * The broker's listeners and the entry that sets them (null for the image's defaults); empty when the service
     * does not run a known Kafka image's broker as drydock can follow it: an entrypoint or command of its own, a
     * configuration mounted into the image's folder, an authorizer (ACLs may keep anonymous clients out), or a
     * value a variable gives.
     */
    record Broker(List<Listener> listeners, Service.EnvVar setBy, String mapVariable, String prefix) {}

    private KafkaListeners() {}

    static boolean isKafka(String image) {
        return IMAGES.containsKey(image);
    }

    static Optional<Broker> of(Service service, String imageName) {
        Image image = IMAGES.get(imageName);
        if (image == null || service.entrypoint() != null || service.command() != null
                || mountsUnder(service, image.configFolder())) {
            return Optional.empty();
        }
        List<String> prefixes = image.prefix().equals("KAFKA_") ? List.of("KAFKA_") : List.of(image.prefix(), "KAFKA_");
        if (prefixes.stream().anyMatch(p -> service.env(p + "AUTHORIZER_CLASS_NAME").isPresent())) {
            return Optional.empty();
        }
        Service.EnvVar setBy = first(service, prefixes, "LISTENERS")
                .or(() -> image.defaults() == null ? first(service, prefixes, "ADVERTISED_LISTENERS") : Optional.empty())
                .orElse(null);
        String listeners = setBy == null ? image.defaults() : value(setBy);
        Optional<Service.EnvVar> mapEntry = first(service, prefixes, "LISTENER_SECURITY_PROTOCOL_MAP");
        String map = mapEntry.map(KafkaListeners::value).orElse("");
        if (listeners == null || listeners.contains("$") || map == null || map.contains("$")) {
            return Optional.empty();
        }
        Map<String, String> protocols = new LinkedHashMap<>();
        for (String pair : map.split(",")) {
            String[] parts = pair.strip().split(":");
            if (parts.length == 2) {
                protocols.put(parts[0].strip().toUpperCase(Locale.ROOT), parts[1].strip().toUpperCase(Locale.ROOT));
            }
        }
        List<Listener> out = new ArrayList<>();
        for (String written : listeners.split(",")) {
            java.util.regex.Matcher m = LISTENER.matcher(written.strip());
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1).toUpperCase(Locale.ROOT);
            String protocol = protocols.getOrDefault(name, PROTOCOLS.contains(name) ? name : null);
            // a listener on the container's loopback cannot be reached through a published port
            String host = setBy != null && setBy.name().endsWith("ADVERTISED_LISTENERS") ? "" : m.group(2);
            out.add(new Listener(name, host, Integer.parseInt(m.group(3)), protocol));
        }
        String mapVariable = mapEntry.map(Service.EnvVar::name).orElse(prefixes.get(0) + "LISTENER_SECURITY_PROTOCOL_MAP");
        return Optional.of(new Broker(out, setBy, mapVariable, prefixes.get(0)));
    }

    private static final java.util.regex.Pattern LISTENER = java.util.regex.Pattern.compile(
            "([A-Za-z0-9_]+)://(\\[[^\\]]*\\]|[^:/]*):(\\d{1,5})");

    /** Whether a listener listens only on the container's own loopback. */
    static boolean loopback(Listener listener) {
        return Set.of("localhost", "127.0.0.1", "[::1]").contains(listener.host().toLowerCase(Locale.ROOT));
    }

    /** Where the listeners are set, else the image. */
    static Location at(Service service, Broker broker) {
        return broker.setBy() == null ? ComposeServices.keyed(service.image())
                : ComposeServices.envEntry(service, broker.setBy());
    }

    private static Optional<Service.EnvVar> first(Service service, List<String> prefixes, String setting) {
        return prefixes.stream().map(p -> service.env(p + setting)).flatMap(Optional::stream)
                .filter(e -> e.value() != null).findFirst();
    }

    private static String value(Service.EnvVar env) {
        if (env.value().node() instanceof ScalarNode s && s.raw().contains("$")) {
            return "$";
        }
        return env.value().value();
    }

    private static boolean mountsUnder(Service service, String folder) {
        return service.volumes().stream().map(Service.Volume::target).filter(t -> t != null)
                .map(t -> t.replaceAll("/+$", "")).anyMatch(t -> PathNames.isUnder(t, folder) || PathNames.isUnder(folder, t));
    }
}
