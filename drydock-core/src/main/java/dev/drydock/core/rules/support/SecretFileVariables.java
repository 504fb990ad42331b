package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.image.ImageReference;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The variable through which a well-known image reads a secret from a file instead of its environment
 * ({@code POSTGRES_PASSWORD_FILE} for postgres' {@code POSTGRES_PASSWORD}), for the images whose entry point
 * is known to read it; nothing for the others, which need their own way of reading /run/secrets.
 */
public final class SecretFileVariables {

    /** What an image's entry point reads from a file: the variables it accepts, and the suffix it takes. */
    private record Reader(Predicate<String> variables, String suffix) {}

    private static final Set<String> POSTGRES = Set.of("POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB",
            "POSTGRES_INITDB_ARGS");
    private static final Set<String> MYSQL = Set.of("MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "MYSQL_USER",
            "MYSQL_DATABASE", "MYSQL_ROOT_HOST");
    private static final Set<String> MARIADB = Set.of("MARIADB_ROOT_PASSWORD", "MARIADB_PASSWORD", "MARIADB_USER",
            "MARIADB_DATABASE", "MARIADB_ROOT_HOST", "MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "MYSQL_USER",
            "MYSQL_DATABASE", "MYSQL_ROOT_HOST");
    private static final Set<String> MONGO = Set.of("MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD");
    /** Elastic's image (and the library copy of it) reads these two from NAME_FILE. */
    private static final Set<String> ELASTICSEARCH = Set.of("ELASTIC_PASSWORD", "KEYSTORE_PASSWORD");

    /** By the image's familiar name; n8n reads NAME_FILE for any of its variables, Grafana NAME__FILE for GF_*. */
    private static final Map<String, Reader> READERS = Map.ofEntries(
            Map.entry("postgres", new Reader(POSTGRES::contains, "_FILE")),
            Map.entry("postgis/postgis", new Reader(POSTGRES::contains, "_FILE")),
            Map.entry("timescale/timescaledb", new Reader(POSTGRES::contains, "_FILE")),
            Map.entry("pgvector/pgvector", new Reader(POSTGRES::contains, "_FILE")),
            Map.entry("mysql", new Reader(MYSQL::contains, "_FILE")),
            Map.entry("mariadb", new Reader(MARIADB::contains, "_FILE")),
            Map.entry("mongo", new Reader(MONGO::contains, "_FILE")),
            Map.entry("docker.elastic.co/elasticsearch/elasticsearch", new Reader(ELASTICSEARCH::contains, "_FILE")),
            Map.entry("elasticsearch", new Reader(ELASTICSEARCH::contains, "_FILE")),
            Map.entry("n8nio/n8n", new Reader(name -> true, "_FILE")),
            Map.entry("docker.n8n.io/n8nio/n8n", new Reader(name -> true, "_FILE")),
            Map.entry("grafana/grafana", new Reader(name -> name.startsWith("GF_"), "__FILE")),
            Map.entry("grafana/grafana-oss", new Reader(name -> name.startsWith("GF_"), "__FILE")),
            Map.entry("grafana/grafana-enterprise", new Reader(name -> name.startsWith("GF_"), "__FILE")));

    private SecretFileVariables() {}

    /** The variable that takes a file's path in place of {@code name} in the image the service pulls, if known. */
    public static Optional<String> of(Service service, String name) {
        return ComposeServices.pulledImage(service).map(ImageReference::familiarName).map(READERS::get)
                .filter(reader -> reader.variables().test(name)).map(reader -> name + reader.suffix());
    }
}
