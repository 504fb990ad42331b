package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.rules.support.DataStores;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The databases, caches and brokers of a compose stack by family (the servers that speak one protocol: Redis, Valkey
 * and KeyDB are Redis; MariaDB is MySQL; OpenSearch is Elasticsearch), and the family a client setting names by its
 * variable's words (REDIS_HOST, SPRING_DATASOURCE_URL) or its URL's scheme (postgresql+psycopg://, jdbc:mysql://).
 */
final class StackStores {

    static final String SQL = "an SQL database";

    private static final Map<String, String> FAMILIES = Map.of("Valkey", "Redis", "KeyDB", "Redis", "MariaDB", "MySQL",
            "OpenSearch", "Elasticsearch");

    /** The words of a variable name that say which server it reaches. */
    private static final Map<String, Set<String>> WORDS = Map.ofEntries(
            Map.entry("POSTGRES", Set.of("PostgreSQL")), Map.entry("POSTGRESQL", Set.of("PostgreSQL")),
            Map.entry("PG", Set.of("PostgreSQL")), Map.entry("PGHOST", Set.of("PostgreSQL")),
            Map.entry("MYSQL", Set.of("MySQL")), Map.entry("MARIADB", Set.of("MySQL")),
            Map.entry("MONGO", Set.of("MongoDB")), Map.entry("MONGODB", Set.of("MongoDB")),
            Map.entry("REDIS", Set.of("Redis")), Map.entry("VALKEY", Set.of("Redis")),
            Map.entry("MEMCACHED", Set.of("Memcached")), Map.entry("MEMCACHE", Set.of("Memcached")),
            Map.entry("CACHE", Set.of("Redis", "Memcached")), Map.entry("AMQP", Set.of("RabbitMQ")),
            Map.entry("RABBIT", Set.of("RabbitMQ")), Map.entry("RABBITMQ", Set.of("RabbitMQ")),
            Map.entry("KAFKA", Set.of("Kafka")), Map.entry("ELASTIC", Set.of("Elasticsearch")),
            Map.entry("ELASTICSEARCH", Set.of("Elasticsearch")), Map.entry("OPENSEARCH", Set.of("Elasticsearch")),
            Map.entry("ES", Set.of("Elasticsearch")), Map.entry("CASSANDRA", Set.of("Cassandra")),
            Map.entry("NEO4J", Set.of("Neo4j")), Map.entry("INFLUX", Set.of("InfluxDB")),
            Map.entry("INFLUXDB", Set.of("InfluxDB")), Map.entry("CLICKHOUSE", Set.of("ClickHouse")),
            Map.entry("NATS", Set.of("NATS")), Map.entry("ZOOKEEPER", Set.of("ZooKeeper")),
            Map.entry("ETCD", Set.of("etcd")), Map.entry("COUCHDB", Set.of("CouchDB")),
            Map.entry("MSSQL", Set.of("SQL Server")), Map.entry("SQLSERVER", Set.of("SQL Server")),
            Map.entry("DB", Set.of(SQL, "MongoDB")), Map.entry("DATABASE", Set.of(SQL, "MongoDB")),
            Map.entry("DATASOURCE", Set.of(SQL)), Map.entry("SQL", Set.of(SQL)), Map.entry("SQLALCHEMY", Set.of(SQL)),
            Map.entry("JDBC", Set.of(SQL)));

    private static final Set<String> GENERIC_WORDS = Set.of("DB", "DATABASE", "DATASOURCE", "SQL", "SQLALCHEMY",
            "JDBC", "CACHE");

    private static final Set<String> SQL_FAMILIES = Set.of("PostgreSQL", "MySQL", "SQL Server", "CockroachDB",
            "Oracle Database");

    /** URL schemes of clients (the part before any {@code +driver}, after any {@code jdbc:}). */
    private static final Map<String, String> SCHEMES = Map.ofEntries(
            Map.entry("postgres", "PostgreSQL"), Map.entry("postgresql", "PostgreSQL"), Map.entry("pgsql", "PostgreSQL"),
            Map.entry("mysql", "MySQL"), Map.entry("mariadb", "MySQL"), Map.entry("mysqlx", "MySQL"),
            Map.entry("mongodb", "MongoDB"), Map.entry("redis", "Redis"), Map.entry("rediss", "Redis"),
            Map.entry("valkey", "Redis"), Map.entry("amqp", "RabbitMQ"), Map.entry("amqps", "RabbitMQ"),
            Map.entry("nats", "NATS"), Map.entry("sqlserver", "SQL Server"), Map.entry("mssql", "SQL Server"),
            Map.entry("neo4j", "Neo4j"), Map.entry("bolt", "Neo4j"), Map.entry("memcached", "Memcached"),
            Map.entry("cockroachdb", "CockroachDB"), Map.entry("clickhouse", "ClickHouse"));

    /** Schemes that say nothing of the server: the port or the variable's name does. */
    private static final Set<String> GENERIC_SCHEMES = Set.of("http", "https", "tcp", "ws", "wss", "plaintext", "ssl",
            "sasl_plaintext", "sasl_ssl");

    private StackStores() {}

    /** The family of a data store ("Valkey": "Redis"). */
    static String family(String store) {
        return FAMILIES.getOrDefault(store, store);
    }

    /** Whether a family is one of the kinds a setting names ({@link #SQL} stands for every SQL database). */
    static boolean named(Set<String> kinds, String family) {
        return kinds.contains(family) || kinds.contains(SQL) && SQL_FAMILIES.contains(family);
    }

    /** The kinds of server a variable's name says it reaches: REDIS_URL, SPRING_DATA_MONGODB_URI, DB_HOST. */
    static Set<String> ofName(String variable) {
        Set<String> specific = new LinkedHashSet<>();
        Set<String> generic = new LinkedHashSet<>();
        for (String word : variable.toUpperCase(Locale.ROOT).split("[_.-]+")) {
            Set<String> kinds = WORDS.getOrDefault(word, Set.of());
            (GENERIC_WORDS.contains(word) ? generic : specific).addAll(kinds);
        }
        return specific.isEmpty() ? generic : specific; // MONGO_DB_URL, REDIS_DB: the specific word decides
    }

    /**
     * The family a URL's scheme names: empty for one that says nothing (http, tcp), null for one of another kind of
     * server (smtp, ldap, s3), which no data store of the stack answers.
     */
    static Optional<String> ofScheme(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        if (s.startsWith("jdbc:")) {
            s = s.substring(5);
        }
        int plus = s.indexOf('+');
        if (plus > 0) {
            s = s.substring(0, plus);
        }
        if (GENERIC_SCHEMES.contains(s)) {
            return Optional.empty();
        }
        return SCHEMES.containsKey(s) ? Optional.of(SCHEMES.get(s)) : null;
    }

    /** The family a service runs: by its image, else by the conventional ports it exposes or publishes. */
    static Set<String> ofService(Service service) {
        Optional<String> image = DataStores.ofImage(service).or(() -> fallback(service));
        if (image.isPresent()) {
            return Set.of(family(image.get()));
        }
        Set<String> out = new HashSet<>();
        for (int port : declaredPorts(service)) {
            DataStores.ofPort(port).ifPresent(store -> out.add(family(store)));
        }
        return out;
    }

    /** Images the data store table leaves out, of a family this rule still tells: redis/redis-stack-server. */
    private static Optional<String> fallback(Service service) {
        return DataStores.imageName(service).map(name -> name.substring(name.lastIndexOf('/') + 1))
                .filter(base -> base.startsWith("redis-stack")).map(base -> "Redis");
    }

    /** The container ports a service serves: what it exposes or publishes, and its family's conventional ports. */
    static Set<Integer> servedPorts(Service service) {
        Set<Integer> out = new HashSet<>(declaredPorts(service));
        Optional<String> image = DataStores.ofImage(service).or(() -> fallback(service));
        image.ifPresent(store -> out.addAll(DataStores.conventionalPorts(family(store))));
        return out;
    }

    /** The single container ports of {@code expose} and of {@code ports}. */
    static Set<Integer> declaredPorts(Service service) {
        Set<Integer> out = new HashSet<>();
        for (Located<String> e : service.expose()) {
            String text = e.value().strip();
            int slash = text.indexOf('/');
            String number = slash < 0 ? text : text.substring(0, slash);
            if (number.matches("\\d{1,5}")) {
                out.add(Integer.parseInt(number));
            }
        }
        for (Service.Port p : service.ports()) {
            if (p.targetStart() == p.targetEnd() && p.targetStart() > 0) {
                out.add(p.targetStart());
            }
        }
        return out;
    }
}
