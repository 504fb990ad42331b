package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.golang.GoUnits;
import java.util.Optional;

/**
 * The memory a data store's container needs, for the stores whose needs are known: SQL Server refuses to start below
 * 2,000 MB; Elasticsearch, OpenSearch and Kafka run a JVM whose heap (set in their *_JAVA_OPTS or KAFKA_HEAP_OPTS, else
 * 1 GiB for OpenSearch's jvm.options and Kafka's start script) must fit under the limit with room beside it: the JVM's
 * own memory, and for the search engines Lucene's file system cache, for which Elastic advises a heap of at most half
 * the memory. Elasticsearch 7.11 and later size their heap from the limit when none is set.
 */
public final class StoreMemory {

    /**
     * @param minimumMib below this the container fails (0: it adapts to any limit): it does not start, or the kernel ends the JVM once its heap
     *                   fills
     * @param suggestedMib the limit to recommend
     * @param reason why, naming the setting it comes from
     */
    public record Need(long minimumMib, long suggestedMib, String reason) {}

    private StoreMemory() {}

    public static Optional<Need> of(Service service) {
        Optional<String> store = DataStores.ofImage(service);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        return switch (store.get()) {
            case "SQL Server" -> Optional.of(new Need(2000, 2048,
                    "SQL Server stops at start with less than 2,000 MB of memory"));
            case "Elasticsearch" -> jvm(service, "Elasticsearch", "ES_JAVA_OPTS", -1, "Lucene's file system cache");
            case "OpenSearch" -> jvm(service, "OpenSearch", "OPENSEARCH_JAVA_OPTS", 1024, "Lucene's file system cache");
            case "Kafka" -> jvm(service, "Kafka", "KAFKA_HEAP_OPTS", 1024, "the JVM's own memory and the page cache");
            default -> Optional.empty();
        };
    }

    private static Optional<Need> jvm(Service service, String store, String variable, long defaultHeapMib,
            String beside) {
        Optional<Long> written = service.env(variable).map(e -> e.value() == null ? null : e.value().value())
                .flatMap(StoreMemory::maxHeapMib);
        if (written.isEmpty() && defaultHeapMib < 0) {
            return Optional.of(new Need(0, 2048, store + " sizes its heap to half of the limit when " + variable
                    + " sets none: 2G gives it a heap of 1 GiB and as much again for " + beside));
        }
        long heap = written.orElse(defaultHeapMib);
        String source = written.isPresent() ? variable + " sets a heap of " + size(heap)
                : store + "'s default heap is " + size(heap) + " (" + variable + " does not set one)";
        return Optional.of(new Need(heap + 1, 2 * heap, source + ": the limit must hold the heap and as much again"
                + " beside it for " + beside));
    }

    /** The -Xmx of JVM options, in MiB. */
    static Optional<Long> maxHeapMib(String options) {
        if (options == null) {
            return Optional.empty();
        }
        Long found = null;
        for (String option : options.trim().split("\\s+")) {
            if (option.startsWith("-Xmx") && option.length() > 4) {
                try {
                    found = GoUnits.ramInBytes(option.substring(4)) / (1024 * 1024);
                } catch (IllegalArgumentException e) {
                    found = null;
                }
            }
        }
        return Optional.ofNullable(found).filter(mib -> mib > 0);
    }

    /** A size in compose's notation: 2G, 1536M. */
    public static String size(long mib) {
        return mib % 1024 == 0 ? (mib / 1024) + "G" : mib + "M";
    }
}
