package dev.drydock.core.rules.context;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeEdits;
import dev.drydock.core.rules.support.ComposeListEdits;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DataStores;
import dev.drydock.core.rules.support.ImageFilledVolumes;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@RuleDefinition(
        id = "named-volumes",
        title = "Database or application data is not kept in a named volume",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The volumes of every compose service. A strength for each named volume mounted (one per volume and"
                + " compose file, naming the services that mount it), except one over a"
                + " directory a service's image fills, in that service or another that mounts it"
                + " (volume-hides-image-content: it keeps stale files), and none for the volumes of a service whose"
                + " data directory no volume holds (redis_data:/var/lib/redis/data beside redis' /data). A finding for a"
                + " service of a well-known stateful image (postgres, mysql, mariadb, mongo, redis, rabbitmq,"
                + " elasticsearch, influxdb, clickhouse, mssql ...) or of a well-known application image that keeps its"
                + " state on disk (wordpress and nextcloud in /var/www/html, grafana in /var/lib/grafana or GF_PATHS_DATA,"
                + " gitea in /data, prometheus in /prometheus or its --storage.tsdb.path, jenkins in /var/jenkins_home,"
                + " ghost in /var/lib/ghost/content, registry in /var/lib/registry; ollama's pulled models in /root/.ollama"
                + " or OLLAMA_MODELS; the Hugging Face cache of vLLM in /root/.cache/huggingface or its --download-dir"
                + " and of text-generation-inference in /data, or HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE or HF_HOME, only"
                + " at low since the server downloads the weights again), run as its server (not with an entrypoint"
                + " of its own such as a backup script, nor a command that starts one of its clients: pg_dump, psql,"
                + " redis-cli, mongodump ...), whose data directory no named volume"
                + " or bind mount holds, outside development files; a tmpfs on it is taken as a deliberate choice. A mount above the"
                + " directory does not hold it when the image declares a VOLUME between the two (postgres up to 17 at"
                + " /var/lib/postgresql/data, mysql, mariadb, mongo, redis): the engine mounts an anonymous volume"
                + " there. PostgreSQL 18 and later (also the tags without a version, latest and alpine) keep their data"
                + " in /var/lib/postgresql/MAJOR/docker under a VOLUME at /var/lib/postgresql, which a mount at the old"
                + " /var/lib/postgresql/data misses; PGDATA set on the service moves the data. WordPress, Nextcloud,"
                + " Gitea, Prometheus, Jenkins, Ghost and the registry declare their data directory as a VOLUME too."
                + " RabbitMQ (official image) keeps its data in /var/lib/rabbitmq/mnesia (or RABBITMQ_MNESIA_BASE,"
                + " RABBITMQ_MNESIA_DIR) under a VOLUME at /var/lib/rabbitmq, which a mount at /var/lib/rabbitmq/data"
                + " misses; in a folder named after the node, rabbit@HOSTNAME, so a service whose volume holds it but"
                + " that sets no `hostname:` (nor a RABBITMQ_NODENAME with a host part, nor network_mode: host) is"
                + " reported too, and its volume earns no strength: the hostname is the container's ID, new each"
                + " time Compose re-creates it."
                + " Redis and Valkey (official images) started without a configuration file still snapshot to"
                + " /data/dump.rdb (Redis's default save points), so they are reported too; a cache, whose command"
                + " evicts any key (--maxmemory-policy allkeys-...) without --appendonly yes, or whose service or"
                + " container name says cache and whose command configures no persistence (no --appendonly yes, no"
                + " --save with save points, no configuration file), only at low (its"
                + " snapshot spares a cold start, no data); nothing when `--save \"\"` turns snapshots off and"
                + " --appendonly is not yes, since nothing is written.",
        problem = "Without a named volume the database writes into an anonymous volume (or the container layer):"
                + " `docker compose down` leaves that volume behind unnamed and the next `up` starts with an empty"
                + " one.",
        impact = "The data seems to be kept until the first `down`/`up` or host migration, then it is gone, and"
                + " backups cannot find it by name.",
        recommendation = "Mount a named volume, declared under the top-level volumes:, on the data directory of every"
                + " stateful service.",
        references = {
                "https://docs.docker.com/engine/storage/volumes/",
                "https://docs.docker.com/reference/compose-file/volumes/",
                "https://docs.docker.com/reference/compose-file/services/#volumes"},
        fix = FixSafety.UNSAFE,
        effort = "10 min",
        strength = "Persistent data in named volumes",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:17.2
                        """,
                good = """
                        services:
                          db:
                            image: postgres:17.2
                            volumes:
                              - db-data:/var/lib/postgresql/data
                        volumes:
                          db-data:
                        """))
public final class NamedVolumes implements Rule {

    @Override
    public void check(ReviewContext context) {
        List<Kept> kept = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            Optional<DataStores.DataLocation> data = DataStores.dataDirectory(service);
            Optional<Miss> miss = data.isEmpty() ? Optional.empty() : miss(service, data.get());
            boolean nodeRenamed = DataStores.rabbitmqNodeNameChanges(service);
            // a service whose data directory no volume holds earns no strength for the folders its volumes do keep
            for (Service.Volume volume : miss.isPresent() || nodeRenamed ? List.<Service.Volume>of() : service.volumes()) {
                if (volume.isNamedVolume() && !ImageFilledVolumes.holdsImageFiles(context, volume)) {
                    kept.add(new Kept(ref, volume));
                }
            }
            RedisRole role = miss.isEmpty() ? null : redisRole(service);
            if (miss.isEmpty() && nodeRenamed && !ref.inDevelopmentFile()) {
                nodeRenamed(context, ref, data.get());
            }
            if (miss.isEmpty() || ref.inDevelopmentFile() || role == RedisRole.NOTHING_WRITTEN) {
                continue;
            }
            DataStores.DataLocation where = data.get();
            String image = service.image().value();
            String volumeName = service.name() + "-data";
            String mountAt = where.imageVolume() != null && PathNames.isUnder(where.directory(), where.imageVolume())
                    ? where.imageVolume() : where.directory();
            Location at = miss.get().at() != null ? ComposeServices.location(miss.get().at())
                    : ComposeServices.keyed(service.node(), "image");
            context.finding(this, at != null ? at : ref.nameLocation(), service.name() + " (" + image
                            + (where.why() == null ? "" : ", " + where.why()) + ") keeps its data in "
                            + where.directory() + ", which " + miss.get().why() + ": it lands in an anonymous volume"
                            + (miss.get().at() == null ? " or the container itself" : "")
                            + ", which `docker compose down` orphans; the next `up` starts "
                            + DataStores.applicationState(service).map(state -> "without " + state).orElse("empty")
                            + (role == RedisRole.CACHE ? "; as a cache (" + (namedCache(service) ? "its name says so"
                                    + " and its command configures no persistence" : "its command evicts any key")
                                    + ") it loses only warm entries, a cold start rather than data" : ""))
                    .severity(role == RedisRole.CACHE || DataStores.keepsDownloadCache(service) ? Severity.LOW
                            : Severity.MEDIUM)
                    .implicit()
                    .recommendation(miss.get().at() != null
                            ? "Change the target of this mount to " + mountAt + (where.imageVolume() != null
                                    && where.imageVolume().startsWith("/var/lib/postgresql")
                                    ? " (a volume that already holds the data of another PostgreSQL major version"
                                            + " needs pg_upgrade before the image uses it)." : ".")
                            : "Mount a named volume on " + mountAt + ": `volumes: [\"" + volumeName + ":" + mountAt
                                    + "\"]` under " + service.name() + ", and declare `" + volumeName + ":` under the"
                                    + " top-level volumes: of " + ref.file() + "."
                                    + (nodeRenamed ? " Give it a fixed `hostname:` too: RabbitMQ names its data"
                                            + " folder after the node, rabbit@HOSTNAME, and the hostname is the"
                                            + " container's ID, new with each container." : ""))
                    .fix(miss.get().at() == null ? mountFix(context, ref, volumeName, mountAt) : null)
                    .add();
        }
        strengths(context, kept);
    }

    /**
     * A RabbitMQ service whose volume holds /var/lib/rabbitmq but whose node name follows the container's ID: the
     * volume keeps the old node's folder, and the node of a re-created container starts in a new, empty one.
     */
    private void nodeRenamed(ReviewContext context, ComposeServices.Ref ref, DataStores.DataLocation data) {
        Service service = ref.service();
        String folder = data.why() == null ? data.directory() + "/rabbit@HOSTNAME" : data.directory();
        TextEdit hostname = ComposeEdits.addEntry(service.node(), List.of("image", "container_name"),
                "hostname: " + service.name());
        context.finding(this, ref.nameLocation(), service.name() + " (" + service.image().value() + ") keeps its"
                        + " data in " + folder + ", a folder named after the node, and sets no"
                        + " `hostname:`: the hostname is the container's ID, which changes each time Compose re-creates"
                        + " the container (a new image, a changed setting), so the new node finds no folder of its name"
                        + " in the volume and starts empty: its queues, messages, users and vhosts stay behind in the"
                        + " old node's folder")
                .implicit()
                .recommendation("Add `hostname: " + service.name() + "` to " + service.name() + " (the node becomes"
                        + " rabbit@" + service.name() + "), or set RABBITMQ_NODENAME to a name with a host part"
                        + " (rabbit@" + service.name() + "). A running broker's data is in the folder of its current"
                        + " node: export its definitions first (`rabbitmqctl export_definitions /var/lib/rabbitmq/"
                        + "definitions.json`) and import them into the renamed node; messages still queued are not"
                        + " carried over.")
                .fix(hostname == null ? null : Fix.of("give " + service.name() + " the fixed hostname "
                        + service.name(), FixSafety.UNSAFE, hostname))
                .add();
    }

    /** A named volume that keeps a folder of a service. */
    private record Kept(ComposeServices.Ref ref, Service.Volume volume) {}

    /**
     * One strength per named volume of a compose file, at its first mount, naming every service that mounts it and
     * where: services sharing one mount through a YAML anchor, or each writing its own.
     */
    private void strengths(ReviewContext context, List<Kept> kept) {
        Map<String, List<Kept>> byVolume = new LinkedHashMap<>();
        for (Kept k : kept) {
            byVolume.computeIfAbsent(k.ref().file() + "\n" + k.volume().source(), x -> new ArrayList<>()).add(k);
        }
        for (List<Kept> group : byVolume.values()) {
            Map<String, List<String>> servicesByTarget = new LinkedHashMap<>();
            group.forEach(k -> servicesByTarget.computeIfAbsent(k.volume().target(), x -> new ArrayList<>())
                    .add(k.ref().name()));
            String folders = String.join(" and ", servicesByTarget.entrySet().stream()
                    .map(e -> e.getKey() + " of " + ComposeServices.names(e.getValue())).toList());
            context.strength(this, ComposeServices.location(group.get(0).volume().node()), "the named volume "
                    + group.get(0).volume().source() + " keeps " + folders + " when the "
                    + (group.stream().map(k -> k.ref().name()).distinct().count() == 1 ? "container is" : "containers are")
                    + " re-created or the stack is taken down");
        }
    }

    /**
     * The named volume mounted on the data directory and declared in the file that mounts it. Unsafe: a stack that
     * runs already keeps its data in the anonymous volume, which the re-created container no longer mounts.
     */
    private static Fix mountFix(ReviewContext context, ComposeServices.Ref ref, String volumeName, String mountAt) {
        MapNode service = ref.service().node();
        Optional<Service.Volume> anonymous = ref.service().volumes().stream().filter(Service.Volume::isAnonymous)
                .filter(v -> v.target() != null && PathNames.normalizeAbsolute("/", v.target()).equals(mountAt))
                .findFirst();
        if (anonymous.isPresent() && service.has("extends") && !ComposeEdits.within(service, anonymous.get().node())) {
            return null; // the anonymous volume is the extended service's: naming it there changes every service that extends it
        }
        TextEdit mount = anonymous.isPresent() ? naming(anonymous.get(), volumeName + ":" + mountAt)
                : ComposeListEdits.addItem(service, "volumes", volumeName + ":" + mountAt);
        SourceFile mountedIn = anonymous.isPresent() ? anonymous.get().node().file()
                : ComposeListEdits.fileOfItems(service, "volumes");
        TextEdit declare = ComposeEdits.declare(context, ref.compose().root(), mountedIn, "volumes", volumeName);
        return mount == null || declare == null ? null
                : Fix.of("keep " + mountAt + " of " + ref.name() + " in the named volume " + volumeName,
                        FixSafety.UNSAFE, mount, declare);
    }

    /**
     * The anonymous volume already mounted at the data directory, given the named volume as its source: a second
     * entry at the same target would be one Compose drops. Null when the entry is not a short-syntax scalar whose
     * text maps exactly onto the file.
     */
    private static TextEdit naming(Service.Volume anonymous, String mount) {
        if (!anonymous.shortSyntax() || !(anonymous.node() instanceof ScalarNode scalar) || !scalar.hasExactText()
                || scalar.raw().contains(":")) {
            return null;
        }
        return TextEdit.replace(scalar.file().path(), scalar.spanOf(0, scalar.raw().length()), mount);
    }

    /** What a Redis-compatible server's command line says it keeps: nothing, a cache's snapshot, or data. */
    private enum RedisRole { NOTHING_WRITTEN, CACHE, DATA }

    private static final java.util.Set<String> REDIS_IMAGES = java.util.Set.of("redis", "valkey/valkey");

    /**
     * For the official Redis and Valkey images (which run redis-server/valkey-server in /data, where it writes):
     * without a configuration file the server snapshots to dump.rdb by default, so only {@code --save ""} with no
     * {@code --appendonly yes} writes nothing; an eviction policy of all keys ({@code --maxmemory-policy allkeys-lru})
     * makes it a cache, whose snapshot only spares a cold start. Null for other images.
     */
    private static RedisRole redisRole(Service service) {
        if (!DataStores.imageName(service).filter(REDIS_IMAGES::contains).isPresent()) {
            return null;
        }
        List<String> words = service.command() == null ? List.of() : service.command().argv();
        boolean snapshotsOff = false;
        boolean snapshotsSet = false;
        boolean appendOnly = false;
        boolean evictsAll = false;
        boolean configFile = false;
        for (int i = 0; i < words.size(); i++) {
            String next = i + 1 < words.size() ? words.get(i + 1) : null;
            switch (words.get(i)) {
                case "--save" -> {
                    snapshotsOff = next != null && next.isEmpty();
                    snapshotsSet = next != null && !next.isEmpty();
                }
                case "--appendonly" -> appendOnly = "yes".equals(next);
                case "--maxmemory-policy" -> evictsAll = next != null && next.startsWith("allkeys-");
                default -> configFile |= words.get(i).endsWith(".conf");
            }
        }
        if (snapshotsOff && !appendOnly) {
            return RedisRole.NOTHING_WRITTEN;
        }
        boolean persistenceConfigured = appendOnly || snapshotsSet || configFile;
        return evictsAll && !appendOnly || namedCache(service) && !persistenceConfigured ? RedisRole.CACHE
                : RedisRole.DATA;
    }

    private static final java.util.regex.Pattern NAME_WORDS = java.util.regex.Pattern.compile("[-_.]");

    /** Whether the service's name or container_name has the word cache in it (cache, app-cache, redis_cache). */
    private static boolean namedCache(Service service) {
        List<String> names = new ArrayList<>(List.of(service.name()));
        if (service.containerName() != null) {
            names.add(service.containerName().value());
        }
        return names.stream().flatMap(n -> NAME_WORDS.splitAsStream(n.toLowerCase(java.util.Locale.ROOT)))
                .anyMatch(w -> w.equals("cache"));
    }

    /** Why no mount keeps the data, and the mount entry that misses it (null when there is none to point at). */
    private record Miss(String why, Node at) {}

    /**
     * Whether the data directory escapes the service's mounts: no named volume, bind mount or tmpfs at it or
     * above it (one below it is taken as holding it), or the nearest one above it is itself above the
     * image's VOLUME, where the engine mounts an anonymous volume that hides it.
     */
    private static Optional<Miss> miss(Service service, DataStores.DataLocation data) {
        String dir = data.directory();
        String holder = null;
        Node holderNode = null;
        boolean kept = false;
        for (Service.Volume v : service.volumes()) {
            if (v.target() == null) {
                continue;
            }
            String target = PathNames.normalizeAbsolute("/", v.target());
            boolean keeps = v.isNamedVolume() || v.isBind() || "tmpfs".equals(v.type());
            if (keeps && PathNames.isUnder(target, dir) && !target.equals(dir)) {
                return Optional.empty();
            }
            if (PathNames.isUnder(dir, target) && (holder == null || PathNames.isUnder(target, holder))) {
                holder = target;
                holderNode = v.node();
                kept = keeps;
            }
        }
        for (var tmpfs : service.tmpfs()) {
            String target = PathNames.normalizeAbsolute("/", tmpfs.value().split(":")[0]);
            if (PathNames.isUnder(dir, target) && (holder == null || PathNames.isUnder(target, holder))) {
                holder = target;
                holderNode = tmpfs.node();
                kept = true;
            }
        }
        String volume = data.imageVolume();
        if (holder != null && kept && volume != null && PathNames.isUnder(dir, volume) && !volume.equals(holder)
                && PathNames.isUnder(volume, holder)) {
            return Optional.of(new Miss("the mount at " + holder + " does not hold (the image declares a VOLUME at "
                    + volume + ", inside it)", holderNode));
        }
        if (holder != null && kept) {
            return Optional.empty();
        }
        for (Service.Volume v : service.volumes()) {
            String target = v.target() == null ? null : PathNames.normalizeAbsolute("/", v.target());
            if (target != null && (v.isNamedVolume() || v.isBind()) && volume != null && PathNames.isUnder(target, volume)) {
                return Optional.of(new Miss("the mount at " + target + " does not hold (the image's VOLUME is " + volume
                        + ")", v.node()));
            }
        }
        return Optional.of(new Miss("no named volume holds", null));
    }
}
