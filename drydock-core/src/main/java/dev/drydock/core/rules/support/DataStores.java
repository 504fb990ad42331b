package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.image.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Databases, caches and brokers among compose services: by the image they pull (the last part of its
 * name: postgres, bitnami/redis, mcr.microsoft.com/mssql/server...) or by the well-known port a
 * published container port is; and where the well-known images keep their data.
 */
public final class DataStores {

    private static final Map<String, String> BY_IMAGE = Map.ofEntries(
            Map.entry("postgres", "PostgreSQL"), Map.entry("postgresql", "PostgreSQL"), Map.entry("postgis", "PostgreSQL"),
            Map.entry("timescaledb", "PostgreSQL"), Map.entry("timescaledb-ha", "PostgreSQL"),
            Map.entry("pgvector", "PostgreSQL"), Map.entry("pgvecto-rs", "PostgreSQL"), Map.entry("mysql", "MySQL"), Map.entry("mariadb", "MariaDB"),
            Map.entry("mongo", "MongoDB"), Map.entry("mongodb", "MongoDB"), Map.entry("redis", "Redis"),
            Map.entry("redis-stack", "Redis"), Map.entry("valkey", "Valkey"), Map.entry("keydb", "KeyDB"),
            Map.entry("memcached", "Memcached"), Map.entry("elasticsearch", "Elasticsearch"),
            Map.entry("opensearch", "OpenSearch"), Map.entry("cassandra", "Cassandra"), Map.entry("couchdb", "CouchDB"),
            Map.entry("rabbitmq", "RabbitMQ"), Map.entry("influxdb", "InfluxDB"), Map.entry("neo4j", "Neo4j"),
            Map.entry("clickhouse-server", "ClickHouse"), Map.entry("etcd", "etcd"),
            Map.entry("zookeeper", "ZooKeeper"), Map.entry("kafka", "Kafka"), Map.entry("nats", "NATS"),
            Map.entry("minio", "MinIO"), Map.entry("arangodb", "ArangoDB"), Map.entry("cockroach", "CockroachDB"),
            Map.entry("qdrant", "Qdrant"));

    /**
     * Images that run a data store under a name of their own (Confluent Platform's Kafka images: cp-kafka, and
     * cp-server with Confluent's commercial components); bitnami/kafka and apache/kafka are named by their last part.
     */
    private static final Map<String, String> BY_FULL_NAME = Map.of(
            "confluentinc/cp-kafka", "Kafka", "confluentinc/cp-server", "Kafka");

    private static final Map<Integer, String> BY_PORT = Map.ofEntries(
            Map.entry(5432, "PostgreSQL"), Map.entry(3306, "MySQL"), Map.entry(33060, "MySQL"),
            Map.entry(27017, "MongoDB"), Map.entry(6379, "Redis"), Map.entry(11211, "Memcached"),
            Map.entry(9200, "Elasticsearch"), Map.entry(9300, "Elasticsearch"), Map.entry(9042, "Cassandra"),
            Map.entry(5984, "CouchDB"), Map.entry(5672, "RabbitMQ"), Map.entry(15672, "RabbitMQ"),
            Map.entry(8086, "InfluxDB"), Map.entry(7687, "Neo4j"), Map.entry(1433, "SQL Server"),
            Map.entry(1521, "Oracle Database"), Map.entry(2379, "etcd"), Map.entry(2181, "ZooKeeper"),
            Map.entry(9092, "Kafka"), Map.entry(4222, "NATS"), Map.entry(26257, "CockroachDB"),
            Map.entry(8123, "ClickHouse"), Map.entry(8529, "ArangoDB"));

    /**
     * Images built on the official postgres image, keeping its entry point, its settings (POSTGRES_PASSWORD,
     * POSTGRES_HOST_AUTH_METHOD, PGDATA) and its data directory: PostGIS's, TimescaleDB's and pgvector's.
     */
    private static final Set<String> BUILT_ON_OFFICIAL_POSTGRES = Set.of("postgis/postgis", "timescale/timescaledb",
            "pgvector/pgvector");

    /** Where a pulled data store image keeps its data, by the image's full familiar name. */
    private static final Map<String, String> DATA_DIRECTORIES = Map.ofEntries(
            Map.entry("bitnami/postgresql", "/bitnami/postgresql"),
            Map.entry("mysql", "/var/lib/mysql"),
            Map.entry("mariadb", "/var/lib/mysql"),
            Map.entry("bitnami/mysql", "/bitnami/mysql"),
            Map.entry("mongo", "/data/db"),
            Map.entry("redis", "/data"),
            Map.entry("valkey/valkey", "/data"),
            Map.entry("bitnami/redis", "/bitnami/redis"),
            Map.entry("elasticsearch", "/usr/share/elasticsearch/data"),
            Map.entry("docker.elastic.co/elasticsearch/elasticsearch", "/usr/share/elasticsearch/data"),
            Map.entry("opensearchproject/opensearch", "/usr/share/opensearch/data"),
            Map.entry("influxdb", "/var/lib/influxdb2"),
            Map.entry("clickhouse/clickhouse-server", "/var/lib/clickhouse"),
            Map.entry("neo4j", "/data"),
            Map.entry("cassandra", "/var/lib/cassandra"),
            Map.entry("couchdb", "/opt/couchdb/data"),
            Map.entry("mcr.microsoft.com/mssql/server", "/var/opt/mssql"),
            Map.entry("minio/minio", "/data"),
            Map.entry("qdrant/qdrant", "/qdrant/storage"));

    /**
     * An application image that keeps its state on disk: the folder its Dockerfile names, what it holds (for
     * messages about losing it; a database's data needs no words) and the variable that moves it, if any.
     */
    private record Application(String folder, String state, List<String> folderVariables, String folderOption,
            boolean downloadCache) {

        Application(String folder, String state, String folderVariable) {
            this(folder, state, folderVariable == null ? List.of() : List.of(folderVariable), null, false);
        }

        /** A model server that downloads weights from the Hugging Face Hub into its cache when it starts. */
        static Application huggingFaceCache(String folder, String folderOption) {
            return new Application(folder, HUGGING_FACE_WEIGHTS,
                    List.of("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HOME"), folderOption, true);
        }
    }

    private static final String HUGGING_FACE_WEIGHTS = "the model weights it downloaded from the Hugging Face Hub"
            + " (gigabytes, fetched again before it serves)";

    private static final String GRAFANA_STATE = "Grafana's SQLite database: users, dashboards and data sources made in"
            + " the UI";

    private static final Map<String, Application> APPLICATIONS = Map.ofEntries(
            Map.entry("wordpress", new Application("/var/www/html",
                    "the WordPress files: uploaded media, installed plugins and themes, wp-config.php", null)),
            Map.entry("nextcloud", new Application("/var/www/html",
                    "the Nextcloud installation: its config.php, installed apps and the users' files", null)),
            Map.entry("grafana/grafana", new Application("/var/lib/grafana", GRAFANA_STATE, "GF_PATHS_DATA")),
            Map.entry("grafana/grafana-oss", new Application("/var/lib/grafana", GRAFANA_STATE, "GF_PATHS_DATA")),
            Map.entry("grafana/grafana-enterprise", new Application("/var/lib/grafana", GRAFANA_STATE, "GF_PATHS_DATA")),
            Map.entry("gitea/gitea", new Application("/data",
                    "the Git repositories, app.ini and Gitea's SQLite database if it uses one", null)),
            Map.entry("prom/prometheus", new Application("/prometheus", "the collected metrics (the TSDB)", null)),
            Map.entry("quay.io/prometheus/prometheus", new Application("/prometheus", "the collected metrics (the TSDB)",
                    null)),
            Map.entry("jenkins/jenkins", new Application("/var/jenkins_home",
                    "the Jenkins home: jobs, build history, plugins and credentials", "JENKINS_HOME")),
            Map.entry("ghost", new Application("/var/lib/ghost/content",
                    "Ghost's content: images, themes and its SQLite database if it uses one", null)),
            Map.entry("registry", new Application("/var/lib/registry", "the pushed images", null)),
            Map.entry("ollama/ollama", new Application("/root/.ollama", "the models pulled with `ollama pull`",
                    List.of("OLLAMA_MODELS"), null, false)),
            Map.entry("vllm/vllm-openai", Application.huggingFaceCache("/root/.cache/huggingface", "--download-dir")),
            Map.entry("ghcr.io/huggingface/text-generation-inference", Application.huggingFaceCache("/data", null)));

    private DataStores() {}

    /** The application image known by this name; vLLM's by any of the names it is published under. */
    private static Application application(String familiarName) {
        return APPLICATIONS.get(ModelServers.isVllm(familiarName) ? "vllm/vllm-openai" : familiarName);
    }

    /** The familiar name of the image a service pulls (postgres, bitnami/redis...), if it names an image. */
    public static Optional<String> imageName(Service service) {
        if (service.image() == null) {
            return Optional.empty();
        }
        Optional<ImageReference> ref = ImageReference.tryParse(service.image().value());
        if (ref.isEmpty() || !ref.get().isImage()) {
            return Optional.empty();
        }
        return Optional.of(ref.get().familiarName());
    }

    /**
     * Whether the image (by its familiar name) is the official postgres image or one built on it (postgis/postgis,
     * timescale/timescaledb, pgvector/pgvector), with its entry point and settings.
     */
    public static boolean officialPostgres(String familiarName) {
        return familiarName.equals("postgres") || BUILT_ON_OFFICIAL_POSTGRES.contains(familiarName);
    }

    /** The data store a service's image runs ("PostgreSQL", "Redis"...), if it is a well-known one. */
    public static Optional<String> ofImage(Service service) {
        return imageName(service).flatMap(DataStores::ofImageName);
    }

    /** The data store an image runs by its familiar name (postgres, confluentinc/cp-kafka...), if it is a known one. */
    public static Optional<String> ofImageName(String familiarName) {
        if (familiarName.endsWith("mssql/server")) {
            return Optional.of("SQL Server");
        }
        String store = BY_FULL_NAME.get(familiarName);
        return store != null ? Optional.of(store) : named(familiarName.substring(familiarName.lastIndexOf('/') + 1));
    }

    /** The data store an image runs by the last part of its name (postgres: "PostgreSQL"), if it is a known one. */
    public static Optional<String> named(String imageBaseName) {
        return Optional.ofNullable(BY_IMAGE.get(imageBaseName));
    }

    /**
     * Where a data store image keeps its data, and the {@code VOLUME} its Dockerfile declares over it (null
     * when it declares none, or when that is not known): a mount above that volume does not hold the data,
     * since the engine mounts an anonymous volume at the declared path, inside it.
     *
     * @param directory where the data is written
     * @param imageVolume the image's {@code VOLUME} that contains {@code directory}, or null
     * @param why how the directory was found, for messages ("PGDATA", "PostgreSQL 18 and later"), or null
     */
    public record DataLocation(String directory, String imageVolume, String why) {}

    /** The images whose Dockerfile declares their data directory as a {@code VOLUME}. */
    private static final Set<String> VOLUME_AT_DATA_DIRECTORY = Set.of("mysql", "mariadb", "mongo", "redis",
            "wordpress", "nextcloud", "gitea/gitea", "prom/prometheus", "quay.io/prometheus/prometheus", "jenkins/jenkins",
            "ghost", "registry");

    /** What an application image keeps in its data directory ("the collected metrics"), if it is one known here. */
    public static Optional<String> applicationState(Service service) {
        return imageName(service).map(DataStores::application).map(Application::state);
    }

    /** Whether a service's image keeps only what it downloads again by itself (a model server's weights). */
    public static boolean keepsDownloadCache(Service service) {
        return imageName(service).map(DataStores::application).filter(Application::downloadCache).isPresent();
    }

    /**
     * Where the well-known data store image a service pulls keeps its data (/var/lib/postgresql/data...);
     * nothing for a service that builds its own image.
     */
    public static Optional<DataLocation> dataDirectory(Service service) {
        if (service.build() != null) {
            return Optional.empty();
        }
        if (service.image() == null || runsOtherProgram(service)) {
            return Optional.empty();
        }
        return ImageReference.tryParse(service.image().value()).filter(ImageReference::isImage)
                .flatMap(image -> dataDirectory(service, image));
    }

    /** The clients and backup tools a data store's image ships, which a service may run instead of its server. */
    private static final Set<String> CLIENTS = Set.of("psql", "pg_dump", "pg_dumpall", "pg_basebackup", "pg_restore",
            "mysql", "mysqldump", "mariadb", "mariadb-dump", "redis-cli", "mongosh", "mongo", "mongodump",
            "mongorestore", "influx", "cqlsh", "clickhouse-client");
    /** What may stand first in an entrypoint that still starts the image's server. */
    private static final Set<String> SERVER_ENTRYPOINTS = Set.of("docker-entrypoint.sh", "tini", "dumb-init",
            "entrypoint.sh");

    /**
     * Whether the service runs the data store's image for another program than its server: an entrypoint of its own
     * (a backup script: {@code entrypoint: ["/bin/bash", "/scripts/backup_db.sh"]}), or a command that starts one of
     * the image's clients ({@code command: pg_dump ...}); such a container keeps no data of the store.
     */
    private static boolean runsOtherProgram(Service service) {
        Service.Command entrypoint = service.entrypoint();
        if (entrypoint != null && !entrypoint.words().isEmpty() && entrypoint.words().get(0).value() != null
                && !SERVER_ENTRYPOINTS.contains(PathNames.fileName(entrypoint.words().get(0).value()))) {
            return true;
        }
        Service.Command command = service.command();
        return command != null && !command.words().isEmpty() && command.words().get(0).value() != null
                && CLIENTS.contains(PathNames.fileName(command.words().get(0).value()));
    }

    /**
     * The data directory of an image by name; for InfluxDB by major version: 1.x keeps its data in
     * /var/lib/influxdb, 2.x (and tags without a version) in /var/lib/influxdb2; 3.x is not known here.
     */
    private static Optional<DataLocation> dataDirectory(Service service, ImageReference image) {
        String name = image.familiarName();
        if (name.equals("postgres")) {
            return Optional.of(postgres(service, image, image.version() == null ? OptionalLong.empty()
                    : image.version().major()));
        }
        if (BUILT_ON_OFFICIAL_POSTGRES.contains(name)) {
            OptionalLong major = builtOnPostgresMajor(name, image);
            return Optional.of(major.isPresent() ? postgres(service, image, major)
                    : new DataLocation("/var/lib/postgresql/data", null, null));
        }
        if (name.equals("rabbitmq")) {
            return Optional.of(rabbitmq(service));
        }
        if (name.equals("influxdb")) {
            long major = image.version() == null ? 2 : image.version().major().orElse(2);
            String dir = major == 1 ? "/var/lib/influxdb" : major == 2 ? "/var/lib/influxdb2" : null;
            return Optional.ofNullable(dir).map(d -> new DataLocation(d, null, null));
        }
        Application application = application(name);
        String dir = application != null ? application.folder() : DATA_DIRECTORIES.get(name);
        if (dir == null || name.equals("gitea/gitea") && image.effectiveTagLowerCase().contains("rootless")) {
            return Optional.empty(); // the rootless Gitea images keep their data elsewhere
        }
        String volume = VOLUME_AT_DATA_DIRECTORY.contains(name) ? dir : null;
        for (String variable : application == null ? List.<String>of() : application.folderVariables()) {
            Optional<String> moved = service.env(variable).map(e -> e.value() == null ? null : e.value().value())
                    .filter(v -> v.startsWith("/"));
            if (moved.isPresent()) {
                return Optional.of(new DataLocation(moved.get(), volumeHolding(volume, moved.get()), variable));
            }
        }
        String option = name.endsWith("prometheus") ? "--storage.tsdb.path"
                : application == null ? null : application.folderOption();
        Optional<String> storage = option == null ? Optional.empty() : commandFolder(service, option);
        if (storage.isPresent()) {
            return Optional.of(new DataLocation(storage.get(), volumeHolding(volume, storage.get()), option));
        }
        return Optional.of(new DataLocation(dir, volume, null));
    }

    /** The image's VOLUME when it holds a data directory moved by the service's settings, else null. */
    private static String volumeHolding(String volume, String directory) {
        return volume != null && dev.drydock.core.discovery.PathNames.isUnder(directory, volume) ? volume : null;
    }

    /**
     * The folder an option of the service's command names ({@code --storage.tsdb.path} for Prometheus, vLLM's
     * {@code --download-dir}), if it names an absolute one.
     */
    private static Optional<String> commandFolder(Service service, String option) {
        if (service.command() == null) {
            return Optional.empty();
        }
        var words = service.command().words();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i).value();
            String value = word.startsWith(option + "=") ? word.substring(word.indexOf('=') + 1)
                    : word.equals(option) && i + 1 < words.size() ? words.get(i + 1).value() : null;
            if (value != null) {
                return Optional.of(value).filter(v -> v.startsWith("/"));
            }
        }
        return Optional.empty();
    }

    private static final String RABBITMQ_VOLUME = "/var/lib/rabbitmq";

    /**
     * The official RabbitMQ image: the node's data (its schema database, message stores and cluster state) is in
     * a folder named after the node under /var/lib/rabbitmq/mnesia (RABBITMQ_MNESIA_BASE), or in RABBITMQ_MNESIA_DIR
     * when that is set; the image's VOLUME is /var/lib/rabbitmq, its home.
     */
    private static DataLocation rabbitmq(Service service) {
        for (String variable : List.of("RABBITMQ_MNESIA_DIR", "RABBITMQ_MNESIA_BASE")) {
            Optional<String> moved = service.env(variable).map(e -> e.value() == null ? null : e.value().value())
                    .filter(v -> v.startsWith("/"));
            if (moved.isPresent()) {
                return new DataLocation(moved.get(), volumeHolding(RABBITMQ_VOLUME, moved.get()), variable);
            }
        }
        return new DataLocation(RABBITMQ_VOLUME + "/mnesia", RABBITMQ_VOLUME, null);
    }

    /**
     * Whether a service of the official RabbitMQ image keeps its node name when Compose re-creates its container:
     * the node is rabbit@HOSTNAME and names its data folder so, and the hostname Docker gives a container is its
     * ID unless the service sets {@code hostname:}, sets a node name with a host part of its own
     * (RABBITMQ_NODENAME=rabbit@broker) or takes the host's network (and its hostname). False for other images.
     */
    public static boolean rabbitmqNodeNameChanges(Service service) {
        if (!imageName(service).filter("rabbitmq"::equals).isPresent() || service.build() != null
                || service.hostname() != null || service.networkMode() != null
                        && service.networkMode().value().strip().equals("host")) {
            return false;
        }
        return service.env("RABBITMQ_NODENAME").map(e -> e.value() == null ? null : e.value().value())
                .filter(v -> v.contains("@") || v.contains("$")).isEmpty()
                && service.env("RABBITMQ_MNESIA_DIR").isEmpty();
    }

    /**
     * The official PostgreSQL image: up to 17 it keeps its data in /var/lib/postgresql/data, its declared
     * VOLUME; from 18 in /var/lib/postgresql/MAJOR/docker under a VOLUME at /var/lib/postgresql, and a tag
     * without a version (latest, alpine) is 18 or later. PGDATA set on the service moves the data; the
     * VOLUME stays. An image pinned by digest alone, of no known major version, declares a VOLUME that is
     * not known here.
     */
    private static DataLocation postgres(Service service, ImageReference image, OptionalLong major) {
        boolean versionUnknown = major.isEmpty() && image.version() == null && image.isPinnedByDigest();
        boolean modern = major.isEmpty() || major.getAsLong() >= 18;
        String volume = versionUnknown ? null : modern ? "/var/lib/postgresql" : "/var/lib/postgresql/data";
        Optional<String> pgdata = service.env("PGDATA").map(e -> e.value() == null ? null : e.value().value())
                .filter(v -> v.startsWith("/"));
        if (pgdata.isPresent()) {
            return new DataLocation(pgdata.get(), volume, "PGDATA");
        }
        if (versionUnknown || !modern) {
            return new DataLocation("/var/lib/postgresql/data", volume, null);
        }
        String version = major.isPresent() ? Long.toString(major.getAsLong()) : "18";
        return new DataLocation("/var/lib/postgresql/" + version + "/docker", volume,
                major.isPresent() ? "PostgreSQL " + version : "PostgreSQL 18 and later");
    }

    /**
     * The PostgreSQL major version an image built on the official one runs, when its tag tells: a part such as
     * {@code pg17} (pgvector's {@code 0.8.1-pg17}, timescaledb's {@code 2.17.2-pg17}), or PostGIS's leading
     * version ({@code 17-3.5}); empty otherwise (their latest does not say which).
     */
    private static OptionalLong builtOnPostgresMajor(String name, ImageReference image) {
        if (!image.hasExplicitTag()) {
            return OptionalLong.empty();
        }
        for (String part : image.tag().split("[-_]")) {
            if (ImageTags.isPostgresMajorPart(part)) {
                String digits = part.substring(2);
                int dot = digits.indexOf('.');
                return OptionalLong.of(Long.parseLong(dot < 0 ? digits : digits.substring(0, dot)));
            }
        }
        return name.equals("postgis/postgis") && image.version() != null ? image.version().major()
                : OptionalLong.empty();
    }

    /**
     * The conventional ports of the data stores and brokers above that speak their own protocol, not HTTP, with the
     * command of each that checks the server answers it (an HTTP request to them never succeeds).
     */
    private static final int MONGO_PORT = 27017;

    private static final Map<Integer, String> WIRE_CHECKS = Map.ofEntries(
            Map.entry(5432, "pg_isready -h localhost"), Map.entry(3306, "mysqladmin ping -h 127.0.0.1"),
            Map.entry(27017, MongoShell.commandLine("mongosh")),
            Map.entry(6379, "redis-cli ping"), Map.entry(11211, ""), Map.entry(9042, "cqlsh -e 'describe keyspaces'"),
            Map.entry(5672, "rabbitmq-diagnostics -q ping"), Map.entry(7687, ""), Map.entry(1433, ""),
            Map.entry(1521, ""), Map.entry(2181, ""),
            Map.entry(9092, "kafka-broker-api-versions.sh --bootstrap-server localhost:9092"),
            Map.entry(4222, ""), Map.entry(26257, "cockroach node status --insecure"));

    /**
     * For a container port that is a data store's or broker's by convention and not HTTP: the store's name and the
     * command that checks it ("" when drydock knows none); for MongoDB, with the shell of the mongo image it is built on.
     */
    public static Optional<Map.Entry<String, String>> wireProtocol(int port, BaseImage base) {
        String check = port == MONGO_PORT ? MongoShell.commandLine(MongoShell.of(base)) : WIRE_CHECKS.get(port);
        return check == null ? Optional.empty() : Optional.of(Map.entry(BY_PORT.get(port), check));
    }

    /** The container ports a data store listens on by convention (PostgreSQL: 5432), in no order; empty when none is known. */
    public static Set<Integer> conventionalPorts(String store) {
        Set<Integer> out = new java.util.HashSet<>();
        BY_PORT.forEach((port, name) -> {
            if (name.equals(store)) {
                out.add(port);
            }
        });
        return out;
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
