package dev.drydock.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.image.ServerImagePorts.Listening;
import dev.drydock.core.image.ServerImagePorts.Start;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerImagePortsTest {

    private static Optional<Listening> listening(String image, Start start) {
        ImageReference ref = ImageReference.parse(image);
        return ServerImagePorts.of(ref).orElseThrow().listening(ref, start);
    }

    private static Start command(String... words) {
        return new Start(null, List.of(words), Map.of(), false, List.of());
    }

    private static Start environment(String name, String value) {
        Map<String, String> env = new HashMap<>();
        env.put(name, value);
        return new Start(null, null, env, false, List.of());
    }

    private static Start mounted(String... paths) {
        return new Start(null, null, Map.of(), false, List.of(paths));
    }

    private static final Start AS_PUBLISHED = new Start(null, null, Map.of(), false, List.of());

    private static List<Integer> ports(String image, Start start) {
        return listening(image, start).orElseThrow().ports();
    }

    @Test
    void defaultPortsOfTheImagesAsPublished() {
        assertThat(ports("nginx:1.27", AS_PUBLISHED)).containsExactly(80);
        assertThat(ports("nginxinc/nginx-unprivileged:1.27-alpine", AS_PUBLISHED)).containsExactly(8080);
        assertThat(ports("ghcr.io/nginxinc/nginx-unprivileged:stable", AS_PUBLISHED)).containsExactly(8080);
        assertThat(ports("bitnami/nginx:1.27", AS_PUBLISHED)).containsExactly(8080);
        assertThat(ports("httpd:2.4", AS_PUBLISHED)).containsExactly(80);
        assertThat(ports("redis:7.2", AS_PUBLISHED)).containsExactly(6379);
        assertThat(ports("postgres:16", AS_PUBLISHED)).containsExactly(5432);
        assertThat(ports("mysql:8.4", AS_PUBLISHED)).containsExactly(3306, 33060);
        assertThat(ports("mariadb:11", AS_PUBLISHED)).containsExactly(3306);
        assertThat(ports("mongo:7", AS_PUBLISHED)).containsExactly(27017);
        assertThat(ports("memcached:1.6", AS_PUBLISHED)).containsExactly(11211);
        assertThat(ports("grafana/grafana:11.2.0", AS_PUBLISHED)).containsExactly(3000);
        assertThat(ports("prom/prometheus:v2.54.1", AS_PUBLISHED)).containsExactly(9090);
        assertThat(ports("rabbitmq:3.13", AS_PUBLISHED)).containsExactly(5672, 4369, 25672, 15692);
        assertThat(ports("rabbitmq:3.13-management", AS_PUBLISHED)).containsExactly(5672, 4369, 25672, 15692, 15672);
        assertThat(ports("docker.elastic.co/elasticsearch/elasticsearch:8.15.0", AS_PUBLISHED))
                .containsExactly(9200, 9300);
        assertThat(ports("elasticsearch:8.15.0", AS_PUBLISHED)).containsExactly(9200, 9300);
    }

    @Test
    void otherImagesAreNotKnown() {
        assertThat(ServerImagePorts.of(ImageReference.parse("ghcr.io/acme/redis:7"))).isEmpty();
        assertThat(ServerImagePorts.of(ImageReference.parse("bitnami/redis:7"))).isEmpty();
        assertThat(ServerImagePorts.of(ImageReference.parse("bitnami/nginx:1.12"))).isEmpty(); // root, on 80
        assertThat(ServerImagePorts.of(ImageReference.parse("docker.io/library/redis:7")))
                .contains(ServerImagePorts.REDIS);
    }

    @Test
    void redisPortOption() {
        assertThat(ports("redis:7", command("redis-server", "--port", "6380"))).containsExactly(6380);
        assertThat(ports("redis:7", command("--port", "6380", "--save", "60", "1"))).containsExactly(6380);
        assertThat(listening("redis:7", command("redis-server", "--port", "6380")).orElseThrow().because())
                .isEqualTo("`--port 6380` in its command");
        assertThat(ports("redis:7", command("redis-server", "--requirepass", "${REDIS_PASSWORD}")))
                .containsExactly(6379);
        // Kubernetes: command replaces the entrypoint script, without args
        assertThat(ports("redis:7", new Start(List.of("redis-server", "--port", "6381"), null, Map.of(), false,
                List.of()))).containsExactly(6381);
    }

    @Test
    void redisConfigurationFileOrUnreadablePortIsUnknown() {
        assertThat(listening("redis:7", command("redis-server", "/usr/local/etc/redis/redis.conf"))).isEmpty();
        assertThat(listening("redis:7", command("/usr/local/etc/redis/redis.conf"))).isEmpty();
        assertThat(listening("redis:7", command("redis-server", "--port", "${REDIS_PORT}"))).isEmpty();
        assertThat(listening("redis:7", command("sh", "-c", "redis-server --port 6380"))).isEmpty();
    }

    @Test
    void postgresPortFromItsEnvironmentOrOptions() {
        assertThat(ports("postgres:16", environment("PGPORT", "5433"))).containsExactly(5433);
        assertThat(listening("postgres:16", environment("PGPORT", "5433")).orElseThrow().because())
                .isEqualTo("PGPORT=5433 in its environment");
        assertThat(ports("postgres:16", command("postgres", "-p", "5434"))).containsExactly(5434);
        assertThat(ports("postgres:16", command("-c", "port=5435", "-c", "max_connections=200")))
                .containsExactly(5435);
        assertThat(ports("postgres:16", command("postgres", "--port=5436"))).containsExactly(5436);
        assertThat(ports("postgres:16", command("postgres", "-c", "shared_buffers=256MB"))).containsExactly(5432);
        Map<String, String> both = Map.of("PGPORT", "5433");
        assertThat(ports("postgres:16", new Start(null, List.of("-p", "5440"), both, false, List.of())))
                .containsExactly(5440);
    }

    @Test
    void postgresConfigurationItCannotReadIsUnknown() {
        assertThat(listening("postgres:16", command("postgres", "-c", "config_file=/etc/postgresql/postgresql.conf")))
                .isEmpty();
        assertThat(listening("postgres:16", mounted("/var/lib/postgresql/data/postgresql.conf"))).isEmpty();
        assertThat(listening("postgres:16", environment("PGPORT", null))).isEmpty();
        assertThat(listening("postgres:16", new Start(null, null, Map.of(), true, List.of()))).isEmpty();
        assertThat(ports("postgres:16", mounted("/var/lib/postgresql/data", "/docker-entrypoint-initdb.d")))
                .containsExactly(5432);
    }

    @Test
    void mysqlPortsAndOptionFiles() {
        assertThat(ports("mysql:8.4", environment("MYSQL_TCP_PORT", "3307"))).containsExactly(3307, 33060);
        assertThat(ports("mysql:8.4", command("--port=3308"))).containsExactly(3308, 33060);
        assertThat(ports("mysql:8.4", command("mysqld", "--mysqlx=OFF"))).containsExactly(3306);
        assertThat(ports("mysql:8.4", command("--mysqlx_port=33070"))).containsExactly(3306, 33070);
        assertThat(ports("mariadb:11", command("--port", "3310"))).containsExactly(3310);
        assertThat(ports("mysql:8.4", command("--character-set-server=utf8mb4"))).containsExactly(3306, 33060);
        assertThat(listening("mysql:8.4", mounted("/etc/mysql/conf.d"))).isEmpty();
        assertThat(listening("mariadb:11", mounted("/etc/mysql/mariadb.conf.d/50-server.cnf"))).isEmpty();
        assertThat(listening("mysql:8.4", mounted("/config/custom.cnf"))).isEmpty();
        assertThat(listening("mysql:8.4", command("--defaults-file=/etc/custom.cnf"))).isEmpty();
    }

    @Test
    void mongoPortAndClusterRoles() {
        assertThat(ports("mongo:7", command("--port", "27018"))).containsExactly(27018);
        assertThat(ports("mongo:7", command("mongod", "--replSet", "rs0", "--bind_ip_all"))).containsExactly(27017);
        assertThat(ports("mongo:7", command("mongod", "--shardsvr"))).containsExactly(27018);
        assertThat(ports("mongo:7", command("mongod", "--configsvr", "--replSet", "cfg"))).containsExactly(27019);
        assertThat(listening("mongo:7", command("mongod", "--config", "/etc/mongod.conf"))).isEmpty();
    }

    @Test
    void memcachedPortAndSocket() {
        assertThat(ports("memcached:1.6", command("-p", "11212"))).containsExactly(11212);
        assertThat(ports("memcached:1.6", command("memcached", "-m", "64"))).containsExactly(11211);
        assertThat(listening("memcached:1.6", command("-s", "/run/memcached.sock"))).isEmpty();
    }

    @Test
    void grafanaPortVariableAndConfiguration() {
        assertThat(ports("grafana/grafana-oss:11.2.0", environment("GF_SERVER_HTTP_PORT", "3001")))
                .containsExactly(3001);
        assertThat(ports("grafana/grafana:11.2.0", mounted("/etc/grafana/provisioning", "/var/lib/grafana")))
                .containsExactly(3000);
        assertThat(listening("grafana/grafana:11.2.0", mounted("/etc/grafana"))).isEmpty();
        assertThat(listening("grafana/grafana:11.2.0", mounted("/etc/grafana/grafana.ini"))).isEmpty();
        assertThat(listening("grafana/grafana:11.2.0", environment("GF_SERVER_PROTOCOL", "socket"))).isEmpty();
        assertThat(listening("grafana/grafana:11.2.0", command("cfg:server.http_port=3001"))).isEmpty();
    }

    @Test
    void prometheusListenAddresses() {
        assertThat(ports("prom/prometheus:v2.54.1", command("--config.file=/etc/prometheus/prometheus.yml",
                "--web.listen-address=:9091"))).containsExactly(9091);
        assertThat(ports("prom/prometheus:v2.54.1", command("--config.file=/etc/prometheus/prometheus.yml")))
                .containsExactly(9090);
        assertThat(ports("quay.io/prometheus/prometheus:v3.0.0", command("--web.listen-address", "0.0.0.0:9095")))
                .containsExactly(9095);
        assertThat(listening("prom/prometheus:v2.54.1", new Start(List.of("/bin/sh", "-c"), List.of("prometheus"),
                Map.of(), false, List.of()))).isEmpty();
    }

    @Test
    void rabbitmqAndElasticsearchSettingsAreUnknown() {
        assertThat(ports("rabbitmq:3.13-management", environment("RABBITMQ_DEFAULT_USER", "app")))
                .containsExactly(5672, 4369, 25672, 15692, 15672);
        assertThat(listening("rabbitmq:3.13", environment("RABBITMQ_NODE_PORT", "5673"))).isEmpty();
        assertThat(listening("rabbitmq:3.13", mounted("/etc/rabbitmq/enabled_plugins"))).isEmpty();
        assertThat(listening("elasticsearch:8.15.0", environment("http.port", "9201"))).isEmpty();
        assertThat(ports("elasticsearch:8.15.0", environment("discovery.type", "single-node")))
                .containsExactly(9200, 9300);
        assertThat(listening("elasticsearch:8.15.0", mounted("/usr/share/elasticsearch/config/elasticsearch.yml")))
                .isEmpty();
    }

    @Test
    void minioConsoleOnlyWhereAnAddressIsGiven() {
        Listening plain = listening("minio/minio:RELEASE.2024-06-13T22-53-53Z", command("server", "/data"))
                .orElseThrow();
        assertThat(plain.ports()).containsExactly(9000);
        assertThat(plain.because()).contains("picks at random");
        assertThat(ports("minio/minio:latest", command("server", "/data", "--console-address", ":9001")))
                .containsExactly(9000, 9001);
        assertThat(ports("quay.io/minio/minio:latest", new Start(null, List.of("server", "/data"),
                Map.of("MINIO_CONSOLE_ADDRESS", ":9090"), false, List.of()))).containsExactly(9000, 9090);
        assertThat(listening("minio/minio:latest", AS_PUBLISHED)).isEmpty(); // minio alone serves nothing
    }

    @Test
    void nginxConfigurationMountsAndOptions() {
        assertThat(listening("nginx:1.27", mounted("/etc/nginx/conf.d/default.conf"))).isEmpty();
        assertThat(listening("nginx:1.27", mounted("/etc/nginx/templates"))).isEmpty();
        assertThat(listening("nginx:1.27", mounted("/etc/nginx"))).isEmpty();
        assertThat(ports("nginx:1.27", mounted("/usr/share/nginx/html", "/etc/nginx/certs"))).containsExactly(80);
        assertThat(ports("nginx:1.27", command("nginx", "-g", "daemon off;"))).containsExactly(80);
        assertThat(listening("nginx:1.27", command("nginx", "-c", "/etc/nginx/other.conf"))).isEmpty();
        assertThat(listening("nginx:1.27", environment("NGINX_ENVSUBST_TEMPLATE_DIR", "/templates"))).isEmpty();
        assertThat(listening("httpd:2.4", mounted("/usr/local/apache2/conf/httpd.conf"))).isEmpty();
        assertThat(ports("httpd:2.4", mounted("/usr/local/apache2/htdocs"))).containsExactly(80);
        assertThat(ports("bitnami/nginx:latest", environment("NGINX_HTTP_PORT_NUMBER", "8081")))
                .containsExactly(8081);
        assertThat(listening("bitnami/nginx:latest", mounted("/opt/bitnami/nginx/conf/server_blocks/app.conf")))
                .isEmpty();
    }
}
