package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.image.ImageReference;
import java.util.Map;
import java.util.Optional;

/**
 * Databases, caches and brokers among compose services: by the image they pull (the last part of its
 * name: postgres, bitnami/redis, mcr.microsoft.com/mssql/server...) or by the well-known port a
 * published container port is.
 */
public final class DataStores {

    private static final Map<String, String> BY_IMAGE = Map.ofEntries(
            Map.entry("postgres", "PostgreSQL"), Map.entry("postgresql", "PostgreSQL"), Map.entry("postgis", "PostgreSQL"),
            Map.entry("timescaledb", "PostgreSQL"), Map.entry("mysql", "MySQL"), Map.entry("mariadb", "MariaDB"),
            Map.entry("mongo", "MongoDB"), Map.entry("mongodb", "MongoDB"), Map.entry("redis", "Redis"),
            Map.entry("redis-stack", "Redis"), Map.entry("valkey", "Valkey"), Map.entry("keydb", "KeyDB"),
            Map.entry("memcached", "Memcached"), Map.entry("elasticsearch", "Elasticsearch"),
            Map.entry("opensearch", "OpenSearch"), Map.entry("cassandra", "Cassandra"), Map.entry("couchdb", "CouchDB"),
            Map.entry("rabbitmq", "RabbitMQ"), Map.entry("influxdb", "InfluxDB"), Map.entry("neo4j", "Neo4j"),
            Map.entry("clickhouse-server", "ClickHouse"), Map.entry("etcd", "etcd"),
            Map.entry("zookeeper", "ZooKeeper"), Map.entry("kafka", "Kafka"), Map.entry("nats", "NATS"),
            Map.entry("minio", "MinIO"), Map.entry("arangodb", "ArangoDB"), Map.entry("cockroach", "CockroachDB"));

    private static final Map<Integer, String> BY_PORT = Map.ofEntries(
            Map.entry(5432, "PostgreSQL"), Map.entry(3306, "MySQL"), Map.entry(33060, "MySQL"),
            Map.entry(27017, "MongoDB"), Map.entry(6379, "Redis"), Map.entry(11211, "Memcached"),
            Map.entry(9200, "Elasticsearch"), Map.entry(9300, "Elasticsearch"), Map.entry(9042, "Cassandra"),
            Map.entry(5984, "CouchDB"), Map.entry(5672, "RabbitMQ"), Map.entry(15672, "RabbitMQ"),
            Map.entry(8086, "InfluxDB"), Map.entry(7687, "Neo4j"), Map.entry(1433, "SQL Server"),
            Map.entry(1521, "Oracle Database"), Map.entry(2379, "etcd"), Map.entry(2181, "ZooKeeper"),
            Map.entry(9092, "Kafka"), Map.entry(4222, "NATS"), Map.entry(26257, "CockroachDB"),
            Map.entry(8123, "ClickHouse"), Map.entry(8529, "ArangoDB"));

    private DataStores() {}

    /** The data store a service's image runs ("PostgreSQL", "Redis"...), if it is a well-known one. */
    public static Optional<String> ofImage(Service service) {
        if (service.image() == null) {
            return Optional.empty();
        }
        Optional<ImageReference> ref = ImageReference.tryParse(service.image().value());
        if (ref.isEmpty() || !ref.get().isImage()) {
            return Optional.empty();
        }
        String name = ref.get().familiarName();
        if (name.endsWith("mssql/server")) {
            return Optional.of("SQL Server");
        }
        return Optional.ofNullable(BY_IMAGE.get(name.substring(name.lastIndexOf('/') + 1)));
    }

    /** The data store that listens on a container port by convention, if any. */
    public static Optional<String> ofPort(int port) {
        return Optional.ofNullable(BY_PORT.get(port));
    }

    /** The data store a published port leads to: the service's image first, then the container port. */
    public static Optional<String> behind(Service service, Service.Port port) {
        Optional<String> image = ofImage(service);
        if (image.isPresent()) {
            return image;
        }
        return port.targetStart() == port.targetEnd() ? ofPort(port.targetStart()) : Optional.empty();
    }
}
