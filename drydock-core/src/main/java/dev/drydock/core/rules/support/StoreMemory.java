package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.golang.GoUnits;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeEnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory a data store's container needs, for the stores whose needs are known: SQL Server refuses to start below
 * 2,000 MB; Elasticsearch, OpenSearch and Kafka run a JVM whose heap (set in their *_JAVA_OPTS or KAFKA_HEAP_OPTS, else
 * 1 GiB for OpenSearch's jvm.options and Kafka's start script) must fit under the limit with room beside it: the JVM's
 * own memory, and for the search engines Lucene's file system cache, for which Elastic advises a heap of at most half
 * the memory. Elasticsearch 7.11 and later size their heap from the limit when none is set. PostgreSQL's documentation
 * puts shared_buffers (128MB by default) at about a quarter of a server's memory; Redis and Valkey hold their
 * --maxmemory, and a background save forks a copy whose copy-on-write can take as much again. A JVM service whose
 * -Xmx is written needs its heap and the JVM's own memory beside it ({@link #toRecommend}).
 */
public final class StoreMemory {

    /**
     * @param minimumMib below this the container fails (0: it adapts to any limit): it does not start, or the kernel ends the JVM once its heap
     *                   fills
     * @param suggestedMib the limit to recommend
     * @param reason why, naming the setting it comes from
     */
    public record Need(long minimumMib, long suggestedMib, String reason) {}

    /**
     * What sizes a container's memory, as a compose service or a Kubernetes container writes it.
     *
     * @param image the familiar name of the image it runs (postgres, confluentinc/cp-kafka), if it names one
     * @param builtOn the image the Dockerfile that builds its image starts from, if known
     * @param env the literal value of an environment variable it sets
     * @param argv its command's words (under Kubernetes: command, then args)
     */
    public record Workload(Optional<String> image, Optional<String> builtOn, Function<String, Optional<String>> env,
            List<String> argv) {

        public Workload {
            argv = List.copyOf(argv);
        }

        /** A compose service, by the image it pulls. */
        public static Workload of(Service service) {
            return of(service, Optional.empty());
        }

        /** A compose service, by the image it pulls, else the one its build starts from. */
        public static Workload of(Service service, Optional<String> builtOn) {
            return new Workload(DataStores.imageName(service), builtOn,
                    name -> service.env(name).map(e -> e.value() == null ? null : e.value().value()),
                    service.command() == null ? List.of() : service.command().argv());
        }

        /** A Kubernetes container: its image, the literal values of its env, its command and args. */
        public static Workload of(KubeContainer container, Optional<String> builtOn) {
            List<String> argv = new ArrayList<>(container.command());
            argv.addAll(container.args());
            return new Workload(Optional.ofNullable(container.image()).flatMap(ImageReference::tryParse)
                    .filter(ImageReference::isImage).map(ImageReference::familiarName), builtOn,
                    name -> Optional.ofNullable(container.value(name)).map(KubeEnvVar::value), argv);
        }

        /** The data store its image runs, else the one the image it is built on runs. */
        Optional<String> store() {
            return image.flatMap(DataStores::ofImageName).or(() -> builtOn.flatMap(DataStores::ofImageName));
        }
    }

    private StoreMemory() {}

    public static Optional<Need> of(Service service) {
        return of(Workload.of(service));
    }

    public static Optional<Need> of(Workload workload) {
        Optional<String> store = workload.store();
        if (store.isEmpty()) {
            return Optional.empty();
        }
        return switch (store.get()) {
            case "SQL Server" -> Optional.of(new Need(2000, 2048,
                    "SQL Server stops at start with less than 2,000 MB of memory"));
            case "Elasticsearch" -> jvm(workload, "Elasticsearch", "ES_JAVA_OPTS", -1, "Lucene's file system cache");
            case "OpenSearch" -> jvm(workload, "OpenSearch", "OPENSEARCH_JAVA_OPTS", 1024, "Lucene's file system cache");
            case "Kafka" -> jvm(workload, "Kafka", "KAFKA_HEAP_OPTS", 1024, "the JVM's own memory and the page cache");
            case "PostgreSQL" -> Optional.of(postgres(workload));
            case "Redis", "Valkey" -> redis(workload, store.get());
            default -> Optional.empty();
        };
    }

    /** What a store needs ({@link #of}), else what a JVM service whose heap is written needs. */
    public static Optional<Need> toRecommend(Service service) {
        return toRecommend(Workload.of(service));
    }

    /** What a store needs ({@link #of}), else what a JVM whose heap is written needs. */
    public static Optional<Need> toRecommend(Workload workload) {
        return of(workload).or(() -> javaHeap(workload));
    }

    /**
     * What to look at for a store whose size drydock cannot tell from its settings, or empty: ClickHouse sizes
     * itself from the limit, Redis without maxmemory grows with its data, a JVM sized by MaxRAMPercentage takes a
     * share of whatever limit it gets.
     */
    public static Optional<String> howToSize(Workload workload) {
        Optional<String> store = workload.store();
        if (store.filter("ClickHouse"::equals).isPresent()) {
            return Optional.of("ClickHouse keeps its own use under max_server_memory_usage_to_ram_ratio (0.9) of the"
                    + " limit it runs under, and its documentation warns of memory errors below 16 GB with the default"
                    + " caches: size the limit for the data it queries, and lower its caches for a small one");
        }
        if (store.filter(s -> s.equals("Redis") || s.equals("Valkey")).isPresent()) {
            return Optional.of(store.get() + " keeps every key in memory and sets no maxmemory here, so it grows with"
                    + " its data: read used_memory_peak from `INFO memory` under load, set `--maxmemory` below the"
                    + " limit, and leave as much again for the copy a background save forks");
        }
        return javaOptions(workload).map(JvmOptions::ramPercentage).filter(p -> p > 0).map(p -> "its JVM takes "
                + formatPercent(p) + "% of the limit for its heap (MaxRAMPercentage), whatever the limit is: size the"
                + " limit from the heap it needs under load (`jcmd 1 GC.heap_info`) divided by that share");
    }

    /** PostgreSQL's shared_buffers (a `-c shared_buffers=` of its command, else 128MB), a quarter of the limit. */
    private static Need postgres(Workload workload) {
        Optional<Long> written = commandSetting(workload, "shared_buffers").flatMap(StoreMemory::postgresMib);
        long buffers = written.orElse(128L);
        long suggested = Math.max(1024, roundUp(4 * buffers));
        String source = written.isPresent() ? "its command sets shared_buffers=" + size(buffers)
                : "shared_buffers is 128MB by default";
        return new Need(written.isPresent() ? buffers + 1 : 0, suggested, source + ", and PostgreSQL's documentation"
                + " puts it at about a quarter of a server's memory (of 1 GB or more); each connection's work_mem"
                + " comes on top");
    }

    /** Redis's or Valkey's `--maxmemory`, and as much again for the copy-on-write of a background save. */
    private static Optional<Need> redis(Workload workload, String store) {
        return commandSetting(workload, "maxmemory").flatMap(StoreMemory::bytesMib).map(max -> new Need(max + 1,
                roundUp(2 * max), "its command sets maxmemory " + size(max) + ", and a background save (RDB or AOF"
                        + " rewrite) forks " + store + ", whose copy-on-write can take as much again"));
    }

    /** A JVM service whose -Xmx is written in JAVA_OPTS, JAVA_TOOL_OPTIONS, _JAVA_OPTIONS or its command. */
    private static Optional<Need> javaHeap(Workload workload) {
        return javaOptions(workload).filter(o -> o.heapMib() > 0).map(o -> new Need(o.heapMib() + 1,
                roundUp(o.heapMib() + Math.max(256, o.heapMib() / 2)), o.where() + " sets a heap of "
                        + size(o.heapMib()) + " (-Xmx): the limit must hold it and the JVM's memory beside it"
                        + " (metaspace, thread stacks, code cache, direct buffers), a half again or 256M at least"));
    }

    /** The JVM options a service writes, where: the first of its JVM variables, else its command. */
    private record JvmOptions(String where, long heapMib, double ramPercentage) {}

    private static final List<String> JVM_VARIABLES = List.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS", "JVM_OPTS");

    private static Optional<JvmOptions> javaOptions(Workload workload) {
        for (String variable : JVM_VARIABLES) {
            Optional<JvmOptions> options = jvmOptions(variable, workload.env().apply(variable).orElse(null));
            if (options.isPresent()) {
                return options;
            }
        }
        return jvmOptions("its command", String.join(" ", workload.argv()));
    }

    private static Optional<JvmOptions> jvmOptions(String where, String options) {
        long heap = maxHeapMib(options).orElse(0L);
        double percentage = 0;
        Matcher m = options == null ? null : RAM_PERCENTAGE.matcher(options);
        if (m != null && m.find()) {
            percentage = Double.parseDouble(m.group(1));
        }
        return heap > 0 || percentage > 0 ? Optional.of(new JvmOptions(where, heap, percentage)) : Optional.empty();
    }

    private static final Pattern RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");

    /**
     * The value of a `-c NAME=VALUE`, `--NAME=VALUE` or `--NAME VALUE` in the service's command; of a value written
     * as `${VARIABLE:-DEFAULT}`, its default.
     */
    public static Optional<String> commandSetting(Service service, String name) {
        return commandSetting(Workload.of(service), name);
    }

    public static Optional<String> commandSetting(Workload workload, String name) {
        return writtenSetting(workload.argv(), name).map(v -> {
            Matcher m = DEFAULTED.matcher(v);
            return m.matches() ? m.group(1) : v;
        });
    }

    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)}");

    private static Optional<String> writtenSetting(List<String> argv, String name) {
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            for (String prefix : new String[] {name + "=", "--" + name + "="}) {
                if (word.startsWith(prefix)) {
                    return Optional.of(word.substring(prefix.length()));
                }
            }
            if (word.equals("--" + name) && i + 1 < argv.size()) {
                return Optional.of(argv.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /** A PostgreSQL memory setting (128MB, 1GB, 16384 in 8kB pages) in MiB. */
    private static Optional<Long> postgresMib(String value) {
        Matcher m = POSTGRES_SIZE.matcher(value.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        long mib = switch (unit) {
            case "kB" -> n / 1024;
            case "MB" -> n;
            case "GB" -> n * 1024;
            case "TB" -> n * 1024 * 1024;
            default -> n * 8 / 1024;
        };
        return Optional.of(mib).filter(v -> v > 0);
    }

    private static final Pattern POSTGRES_SIZE = Pattern.compile("(\\d+)\\s*(kB|MB|GB|TB)?");

    /** Redis's memory notation (100mb, 2gb, 1073741824) in MiB. */
    private static Optional<Long> bytesMib(String value) {
        Matcher m = REDIS_SIZE.matcher(value.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        long bytes = switch (m.group(2) == null ? "" : m.group(2)) {
            case "k" -> n * 1000;
            case "kb" -> n * 1024;
            case "m" -> n * 1000 * 1000;
            case "mb" -> n * 1024 * 1024;
            case "g" -> n * 1000 * 1000 * 1000;
            case "gb" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
        return Optional.of(bytes / (1024 * 1024)).filter(v -> v > 0);
    }

    private static final Pattern REDIS_SIZE = Pattern.compile("(\\d+)(k|kb|m|mb|g|gb)?");

    /** Up to a whole 256 MiB. */
    private static long roundUp(long mib) {
        return (mib + 255) / 256 * 256;
    }

    private static String formatPercent(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    private static Optional<Need> jvm(Workload workload, String store, String variable, long defaultHeapMib,
            String beside) {
        Optional<Long> written = workload.env().apply(variable).flatMap(StoreMemory::maxHeapMib);
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
