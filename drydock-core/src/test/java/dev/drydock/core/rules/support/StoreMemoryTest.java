package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.compose.ComposeLoader;
import dev.drydock.core.compose.Service;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeEnvVar;
import dev.drydock.core.kubernetes.KubeResources;
import dev.drydock.core.kubernetes.KubeSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreMemoryTest {

    @TempDir
    Path dir;

    private static StoreMemory.Workload workload(String image, Map<String, String> env, String... argv) {
        return new StoreMemory.Workload(Optional.ofNullable(image), Optional.empty(),
                name -> Optional.ofNullable(env.get(name)), List.of(argv));
    }

    private static long suggested(StoreMemory.Workload workload) {
        return StoreMemory.toRecommend(workload).orElseThrow().suggestedMib();
    }

    @Test
    void postgresIsFourTimesItsSharedBuffersAndOneGigabyteAtLeast() {
        assertThat(suggested(workload("postgres", Map.of(), "postgres", "-c", "shared_buffers=512MB"))).isEqualTo(2048);
        assertThat(suggested(workload("postgres", Map.of(), "-c", "shared_buffers=${BUFFERS:-1GB}"))).isEqualTo(4096);
        assertThat(suggested(workload("postgres", Map.of(), "-c", "shared_buffers=16384"))).isEqualTo(1024);
        StoreMemory.Need defaults = StoreMemory.of(workload("postgres", Map.of())).orElseThrow();
        assertThat(defaults.suggestedMib()).isEqualTo(1024);
        assertThat(defaults.minimumMib()).isZero();
        assertThat(defaults.reason()).startsWith("shared_buffers is 128MB by default");
    }

    @Test
    void redisIsTwiceItsMaxmemoryAndUnsizedWithoutOne() {
        assertThat(suggested(workload("redis", Map.of(), "redis-server", "--maxmemory", "256mb"))).isEqualTo(512);
        assertThat(suggested(workload("valkey/valkey", Map.of(), "--maxmemory=1gb"))).isEqualTo(2048);
        StoreMemory.Workload unsized = workload("redis", Map.of(), "redis-server");
        assertThat(StoreMemory.toRecommend(unsized)).isEmpty();
        assertThat(StoreMemory.howToSize(unsized)).hasValueSatisfying(h -> assertThat(h).contains("used_memory_peak"));
    }

    @Test
    void jvmStoresHoldTheirHeapTwice() {
        assertThat(suggested(workload("confluentinc/cp-kafka", Map.of()))).isEqualTo(2048);
        assertThat(suggested(workload("bitnami/kafka", Map.of("KAFKA_HEAP_OPTS", "-Xms2g -Xmx2g")))).isEqualTo(4096);
        assertThat(suggested(workload("opensearchproject/opensearch", Map.of()))).isEqualTo(2048);
        assertThat(suggested(workload("elasticsearch", Map.of("ES_JAVA_OPTS", "-Xmx512m")))).isEqualTo(1024);
        assertThat(StoreMemory.of(workload("elasticsearch", Map.of())).orElseThrow().reason())
                .contains("sizes its heap to half of the limit");
        assertThat(StoreMemory.of(workload("mcr.microsoft.com/mssql/server", Map.of())).orElseThrow().minimumMib())
                .isEqualTo(2000);
    }

    @Test
    void aJvmWhoseHeapIsWrittenGetsHalfAgainBesideIt() {
        assertThat(suggested(workload("ghcr.io/acme/api", Map.of("JAVA_OPTS", "-Xms1g -Xmx1g")))).isEqualTo(1536);
        assertThat(suggested(workload(null, Map.of(), "java", "-Xmx256m", "-jar", "app.jar"))).isEqualTo(512);
        StoreMemory.Workload percentage = workload("ghcr.io/acme/api",
                Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75"));
        assertThat(StoreMemory.toRecommend(percentage)).isEmpty();
        assertThat(StoreMemory.howToSize(percentage)).hasValueSatisfying(h -> assertThat(h).contains("75%"));
    }

    @Test
    void theImageBuiltOnNamesTheStoreOfAnImageTheProjectBuilds() {
        StoreMemory.Workload built = new StoreMemory.Workload(Optional.of("registry.example.com/shop/db"),
                Optional.of("postgres"), name -> Optional.empty(), List.of("-c", "shared_buffers=256MB"));
        assertThat(suggested(built)).isEqualTo(1024);
        StoreMemory.Workload clickhouse = new StoreMemory.Workload(Optional.of("acme-events"),
                Optional.of("clickhouse/clickhouse-server"), name -> Optional.empty(), List.of());
        assertThat(StoreMemory.toRecommend(clickhouse)).isEmpty();
        assertThat(StoreMemory.howToSize(clickhouse)).hasValueSatisfying(h -> assertThat(h).startsWith("ClickHouse"));
    }

    @Test
    void unknownWorkloadsAreNotSized() {
        StoreMemory.Workload web = workload("ghcr.io/acme/web", Map.of());
        assertThat(StoreMemory.toRecommend(web)).isEmpty();
        assertThat(StoreMemory.howToSize(web)).isEmpty();
    }

    @Test
    void aKubernetesContainerGivesItsImageEnvAndArgs() {
        KubeContainer container = new KubeContainer("api", "registry.example.com/shop/api:3.2.0", 10, false,
                List.of("java"), List.of("-jar", "app.jar"), List.of(), List.of("JAVA_OPTS"), false,
                List.of(new KubeEnvVar("JAVA_OPTS", "-Xmx2g", 12)), List.of(), null, null, null, KubeSecurity.NONE,
                KubeResources.NONE, "api/Dockerfile", null, "containers/0", List.of(),
                List.of());
        StoreMemory.Workload workload = StoreMemory.Workload.of(container, Optional.of("eclipse-temurin"));
        assertThat(workload.image()).contains("registry.example.com/shop/api");
        assertThat(workload.argv()).containsExactly("java", "-jar", "app.jar");
        StoreMemory.Need need = StoreMemory.toRecommend(workload).orElseThrow();
        assertThat(need.suggestedMib()).isEqualTo(3072);
        assertThat(need.reason()).startsWith("JAVA_OPTS sets a heap of 2G");
    }

    @Test
    void aComposeServiceGivesTheSame() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  db:
                    image: postgres:17.2
                    command: ["postgres", "-c", "shared_buffers=512MB", "-c", "max_connections=300"]
                """);
        Service db = ComposeLoader.load(ComposeLoader.Options.of(dir, Map.of())).service("db").orElseThrow();
        assertThat(StoreMemory.toRecommend(db).orElseThrow().suggestedMib()).isEqualTo(2048);
        assertThat(StoreMemory.commandSetting(db, "max_connections")).contains("300");
    }

    @Test
    void sizesAreWrittenInComposeNotation() {
        assertThat(StoreMemory.size(2048)).isEqualTo("2G");
        assertThat(StoreMemory.size(1536)).isEqualTo("1536M");
        assertThat(StoreMemory.maxHeapMib("-Xms1g -Xmx1536m")).contains(1536L);
        assertThat(StoreMemory.maxHeapMib("-Xms1g")).isEmpty();
    }
}
