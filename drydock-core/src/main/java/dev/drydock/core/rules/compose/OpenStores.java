package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Caches, document stores and search engines whose pulled image lets every client in without credentials: by default
 * (the official redis, valkey and keydb images without requirepass, mongo without a root user, memcached without SASL,
 * cassandra, Elasticsearch before 8.0, CouchDB before 3.0) or by a setting that turns authentication off
 * ({@code xpack.security.enabled=false}, {@code DISABLE_SECURITY_PLUGIN=true}, {@code --noauth}). A service whose
 * start cannot be followed (an entrypoint of its own, a command that runs something else, a configuration file the
 * project does not hold) is left out.
 */
final class OpenStores {

    /** Whether clients get in because nothing asks them to log in ({@code DEFAULT}) or because a setting says so. */
    enum Why { DEFAULT, SETTING }

    /**
     * A store open to every client that reaches it: why, where to point (the setting, else the image), its name, what
     * the image does and the change that closes it.
     */
    record Open(Why why, Location at, String store, String effect, String change, Service.Port port) {

        Open(Why why, Location at, String store, String effect, String change) {
            this(why, at, store, effect, change, null);
        }
    }

    private static final Set<String> REDIS_IMAGES = Set.of("redis", "valkey/valkey", "eqalpha/keydb",
            "redis/redis-stack", "redis/redis-stack-server");

    private static final Set<String> ELASTICSEARCH_IMAGES = Set.of("elasticsearch",
            "docker.elastic.co/elasticsearch/elasticsearch");

    private static final Set<String> TRUE = Set.of("true", "yes", "1");

    private OpenStores() {}

    static Optional<Open> of(ReviewContext context, Service service, ImageReference image) {
        String name = image.familiarName();
        if (REDIS_IMAGES.contains(name)) {
            return redis(context, service, name);
        }
        if (name.equals("mongo")) {
            return mongo(service);
        }
        if (name.equals("memcached")) {
            return memcached(service);
        }
        if (ELASTICSEARCH_IMAGES.contains(name)) {
            return elasticsearch(service, image);
        }
        if (name.equals("opensearchproject/opensearch")) {
            return opensearch(service, image);
        }
        if (KafkaListeners.isKafka(name)) {
            return kafka(service, name);
        }
        if (name.equals("cassandra")) {
            return cassandra(service);
        }
        if (name.equals("couchdb") || name.equals("apache/couchdb")) {
            return couchdb(service, image);
        }
        return Optional.empty();
    }

    private static Optional<Open> redis(ReviewContext context, Service service, String image) {
        String server = image.equals("valkey/valkey") ? "valkey-server" : image.equals("eqalpha/keydb") ? "keydb-server"
                : "redis-server";
        String store = image.equals("valkey/valkey") ? "Valkey" : image.equals("eqalpha/keydb") ? "KeyDB" : "Redis";
        boolean stack = image.startsWith("redis/");
        if (service.entrypoint() != null || mentions(service, "requirepass", "aclfile", "--user")) {
            return Optional.empty();
        }
        if (stack && service.env("REDIS_ARGS").isPresent()) {
            return Optional.empty(); // the image passes these to the server: a password, or a variable's value
        }
        List<String> argv = argv(service.command());
        String config = null;
        if (!argv.isEmpty()) {
            boolean named = argv.get(0).equals(server) || argv.get(0).endsWith("/" + server);
            if (!named && !argv.get(0).startsWith("-") && !argv.get(0).endsWith(".conf")) {
                return Optional.empty(); // another program (redis-cli, sentinel, a script)
            }
            List<String> args = named ? argv.subList(1, argv.size()) : argv;
            if (args.contains("--include")) {
                return Optional.empty(); // a configuration file of its own, which may ask for a password
            }
            config = args.isEmpty() || !args.get(0).endsWith(".conf") ? null : args.get(0);
            int protectedMode = args.indexOf("--protected-mode");
            if (protectedMode >= 0 && protectedMode + 1 < args.size() && args.get(protectedMode + 1).equals("yes")) {
                return Optional.empty(); // without a password it then refuses every client but the container's own
            }
        }
        if (config == null && stack && mountsOver(service, "/redis-stack.conf")) {
            config = "/redis-stack.conf";
        }
        if (config != null) {
            Optional<SourceFile> file = mounted(context, service, config);
            if (file.isEmpty() || !redisConfigOpen(file.get())) {
                return Optional.empty(); // a file the project does not hold, or one that asks for a password
            }
        }
        String how = stack ? "`REDIS_ARGS: \"--requirepass ${REDIS_PASSWORD:?}\"`"
                : "`command: [\"" + server + "\", \"--requirepass\", \"${REDIS_PASSWORD:?}\"]`";
        return Optional.of(new Open(Why.DEFAULT, image(service), store,
                "it starts " + server + " without requirepass"
                        + (config != null ? " (" + config + " sets none)" : "") + ", and the image turns protected mode"
                        + " off, so every client that connects runs any command: reads and overwrites every key,"
                        + " FLUSHALL deletes them",
                "require a password: " + how + ", or requirepass (or an aclfile) in a mounted configuration file;"
                        + " clients then connect with it (redis://:PASSWORD@" + service.name() + ":6379)"));
    }

    /** Whether a redis.conf leaves clients in: no requirepass, aclfile or user line, and no include to follow. */
    private static boolean redisConfigOpen(SourceFile file) {
        for (String line : file.text().split("\n")) {
            String[] words = line.strip().split("\\s+");
            String directive = words[0].toLowerCase(Locale.ROOT);
            if (Set.of("requirepass", "aclfile", "user", "include").contains(directive) && words.length > 1) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Open> mongo(Service service) {
        List<String> argv = argv(service.command());
        if (service.entrypoint() != null
                || !argv.isEmpty() && !argv.get(0).startsWith("-") && !argv.get(0).equals("mongod")) {
            return Optional.empty();
        }
        Optional<Service.Command> noauth = argv.contains("--noauth") ? Optional.of(service.command()) : Optional.empty();
        if (noauth.isPresent()) {
            return Optional.of(new Open(Why.SETTING, ComposeServices.location(noauth.get().node()), "MongoDB",
                    "`--noauth` starts mongod without access control, so every client that connects reads, changes"
                            + " and drops every database",
                    "remove --noauth and set MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD_FILE (from a"
                            + " compose secret); the entry point then creates that user on an empty /data/db and"
                            + " starts mongod with --auth (on an existing volume, create the user with mongosh and"
                            + " add --auth to the command)"));
        }
        if (argv.stream().anyMatch(a -> a.equals("--auth") || a.startsWith("--keyFile") || a.equals("--config")
                || a.equals("-f") || a.startsWith("--config="))) {
            return Optional.empty();
        }
        boolean user = set(service, "MONGO_INITDB_ROOT_USERNAME") || set(service, "MONGO_INITDB_ROOT_USERNAME_FILE");
        boolean password = set(service, "MONGO_INITDB_ROOT_PASSWORD")
                || set(service, "MONGO_INITDB_ROOT_PASSWORD_FILE");
        if (user || password) {
            return Optional.empty(); // both: --auth; one alone: the entry point stops with an error
        }
        return Optional.of(new Open(Why.DEFAULT, image(service), "MongoDB",
                "without MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD the image starts mongod without"
                        + " --auth, so there is no access control: every client that connects reads, changes and"
                        + " drops every database",
                "set MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD_FILE (from a compose secret); the"
                        + " entry point then creates that user on an empty /data/db and starts mongod with --auth (on"
                        + " an existing volume, create the user with mongosh and add --auth to the command), and"
                        + " clients connect with mongodb://USER:PASSWORD@" + service.name() + ":27017"));
    }

    private static Optional<Open> memcached(Service service) {
        List<String> argv = argv(service.command());
        if (service.entrypoint() != null
                || !argv.isEmpty() && !argv.get(0).startsWith("-") && !argv.get(0).equals("memcached")
                || argv.stream().anyMatch(a -> a.equals("-S") || a.equals("--enable-sasl") || a.startsWith("-Y")
                        || a.startsWith("--auth-file"))) {
            return Optional.empty();
        }
        return Optional.of(new Open(Why.DEFAULT, image(service), "Memcached",
                "memcached asks for no credentials unless started with -S (SASL) or -Y (an auth file), so every"
                        + " client that connects reads and overwrites every cached entry (sessions, tokens, rendered"
                        + " pages) and flushes them all",
                "require credentials: start it with `-Y /run/secrets/memcached_auth` (user:password lines from a"
                        + " compose secret) and give the clients those credentials (-S, SASL, also works but only over"
                        + " the binary protocol, which few clients speak)"));
    }

    private static Optional<Open> elasticsearch(Service service, ImageReference image) {
        Optional<Service.EnvVar> security = service.env("xpack.security.enabled")
                .or(() -> service.env("ES_SETTING_XPACK_SECURITY_ENABLED"));
        String value = security.map(e -> e.value() == null ? null : e.value().value()).orElse(null);
        String clients = "ELASTIC_PASSWORD_FILE from a compose secret, and give the clients (Kibana, the application)"
                + " a user and password or an API key";
        if (value != null && value.strip().equalsIgnoreCase("false")) {
            return Optional.of(new Open(Why.SETTING, ComposeServices.envEntry(service, security.get()),
                    "Elasticsearch", "`" + security.get().name() + "=false` turns Elasticsearch's authentication off,"
                            + " so every client that connects reads, writes and deletes every index over the REST API",
                    "remove " + security.get().name() + "=false (security is on by default from 8.0; before, set"
                            + " it to true), set " + clients));
        }
        OptionalLong major = image.version() == null ? OptionalLong.empty() : image.version().major();
        if (security.isPresent() || major.isEmpty() || major.getAsLong() >= 8 || mountsUnder(service,
                "/usr/share/elasticsearch/config") || service.entrypoint() != null) {
            return Optional.empty();
        }
        return Optional.of(new Open(Why.DEFAULT, image(service), "Elasticsearch",
                "Elasticsearch " + major.getAsLong() + " keeps its security features off unless"
                        + " xpack.security.enabled is true, so every client that connects reads, writes and deletes"
                        + " every index over the REST API",
                "set xpack.security.enabled=true (the default from 8.0) with " + clients));
    }

    private static Optional<Open> opensearch(Service service, ImageReference image) {
        boolean demoAdmin = OpenSearchDemo.adminIsAdmin(image);
        for (String name : List.of("DISABLE_SECURITY_PLUGIN", "plugins.security.disabled")) {
            Optional<Service.EnvVar> env = service.env(name);
            String value = env.map(e -> e.value() == null ? null : e.value().value()).orElse(null);
            if (value != null && value.strip().equalsIgnoreCase("true")) {
                return Optional.of(new Open(Why.SETTING, ComposeServices.envEntry(service, env.get()), "OpenSearch",
                        "`" + name + "=true` turns the security plugin off, so every client that connects reads,"
                                + " writes and deletes every index over the REST API",
                        "remove " + name + (demoAdmin ? " and mount your own security configuration (internal_users.yml"
                                + " with a password hash for admin, your certificates) under /usr/share/opensearch/config:"
                                + " before 2.12 the demo configuration the image installs otherwise logs admin in with"
                                + " the password admin; 2.12 and later take it from OPENSEARCH_INITIAL_ADMIN_PASSWORD"
                                : " and set OPENSEARCH_INITIAL_ADMIN_PASSWORD (from a required variable,"
                                        + " `${OPENSEARCH_ADMIN_PASSWORD:?}`)")
                                + "; the clients then log in, and OpenSearch Dashboards needs the security plugin"
                                + " enabled too"));
            }
        }
        if (!demoAdmin || service.entrypoint() != null || OpenSearchDemo.skipped(service)
                || mountsUnder(service, OpenSearchDemo.CONFIG)) {
            return Optional.empty();
        }
        return Optional.of(new Open(Why.DEFAULT, image(service), "OpenSearch",
                "OpenSearch " + image.version().version() + " installs the security plugin's demo configuration,"
                        + " whose admin user's password is admin, so every client that connects as admin:admin reads,"
                        + " writes and deletes every index over the REST API",
                "mount your own security configuration (internal_users.yml with a password hash for admin, your"
                        + " certificates) under " + OpenSearchDemo.CONFIG + " and set DISABLE_INSTALL_DEMO_CONFIG=true,"
                        + " or move to OpenSearch 2.12 or later, whose demo configuration takes the admin password from"
                        + " OPENSEARCH_INITIAL_ADMIN_PASSWORD (from a required variable, `${OPENSEARCH_ADMIN_PASSWORD:?}`)"));
    }

    /**
     * A Kafka broker with a PLAINTEXT listener that a port published on every interface of the host (or the host's
     * network) leads to: no authentication, so whoever reaches it reads and writes every topic. A PLAINTEXT listener
     * only the compose network reaches is how most stacks run Kafka, and is left alone here.
     */
    private static Optional<Open> kafka(Service service, String image) {
        Optional<KafkaListeners.Broker> broker = KafkaListeners.of(service, image);
        if (broker.isEmpty()) {
            return Optional.empty();
        }
        List<KafkaListeners.Listener> plaintext = broker.get().listeners().stream()
                .filter(l -> "PLAINTEXT".equals(l.protocol()) && !KafkaListeners.loopback(l)).toList();
        boolean hostNetwork = service.networkMode() != null && service.networkMode().value().strip().equals("host");
        for (KafkaListeners.Listener listener : plaintext) {
            Optional<Service.Port> port = PublishedPorts.of(service).stream().filter(PublishedPorts::onAllInterfaces)
                    .filter(p -> p.targetStart() <= listener.port() && listener.port() <= p.targetEnd()).findFirst();
            if (port.isEmpty() && !hostNetwork) {
                continue;
            }
            String prefix = broker.get().prefix();
            return Optional.of(new Open(Why.DEFAULT, KafkaListeners.at(service, broker.get()), "Kafka",
                    "its listener " + listener.written() + (broker.get().setBy() == null ? " (the image's default)" : "")
                            + " speaks PLAINTEXT, which authenticates no one (every client is ANONYMOUS) and encrypts"
                            + " nothing, and no authorizer is set, so every client that connects reads and writes every"
                            + " topic, and creates and deletes topics",
                    "give the listener that leaves the host SASL: map it to SASL_SSL (SASL_PLAINTEXT only on a trusted"
                            + " network) in " + broker.get().mapVariable() + ", set " + prefix
                            + "SASL_ENABLED_MECHANISMS (SCRAM-SHA-512) and the broker's JAAS configuration with the"
                            + " clients' credentials, and keep PLAINTEXT for a listener only the compose network reaches",
                    port.orElse(null)));
        }
        return Optional.empty();
    }

    private static Optional<Open> cassandra(Service service) {
        List<String> argv = argv(service.command());
        if (service.entrypoint() != null || mountsUnder(service, "/etc/cassandra")
                || !argv.isEmpty() && !argv.get(0).startsWith("-") && !argv.get(0).equals("cassandra")) {
            return Optional.empty();
        }
        return Optional.of(new Open(Why.DEFAULT, image(service), "Cassandra",
                "the image keeps cassandra.yaml's `authenticator: AllowAllAuthenticator`, so every CQL client that"
                        + " connects reads, changes and drops every keyspace without credentials",
                "mount a cassandra.yaml with `authenticator: PasswordAuthenticator` and `authorizer:"
                        + " CassandraAuthorizer`, then replace the password of the default superuser (cassandra,"
                        + " password cassandra) with ALTER ROLE before anything else connects"));
    }

    private static Optional<Open> couchdb(Service service, ImageReference image) {
        OptionalLong major = image.version() == null ? OptionalLong.empty() : image.version().major();
        if (major.isEmpty() || major.getAsLong() >= 3 || set(service, "COUCHDB_USER") && set(service, "COUCHDB_PASSWORD")
                || service.entrypoint() != null || mountsUnder(service, "/opt/couchdb/etc")) {
            return Optional.empty(); // 3.0 and later refuse to start without an admin
        }
        return Optional.of(new Open(Why.DEFAULT, image(service), "CouchDB",
                "CouchDB " + major.getAsLong() + " without both COUCHDB_USER and COUCHDB_PASSWORD runs as an \"admin"
                        + " party\": every client that connects is a server admin and reads, changes and deletes"
                        + " every database",
                "set COUCHDB_USER and COUCHDB_PASSWORD (from a required variable, `${COUCHDB_PASSWORD:?}`), or move"
                        + " to CouchDB 3, which refuses to start without them"));
    }

    /** The words of a command as Compose passes them; empty when it has none. */
    private static List<String> argv(Service.Command command) {
        return command == null ? List.of() : command.argv();
    }

    /** Whether the service's command, entrypoint or environment values name one of the words (an option, a directive). */
    private static boolean mentions(Service service, String... words) {
        List<String> texts = new ArrayList<>(argv(service.command()));
        texts.addAll(argv(service.entrypoint()));
        for (String text : texts) {
            for (String word : words) {
                if (text.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the service sets a variable to a value, or to one a variable gives. */
    private static boolean set(Service service, String name) {
        return service.env(name).filter(e -> e.value() != null && (e.value().value() != null
                && !e.value().value().isBlank() || e.value().node() instanceof ScalarNode s && s.raw().contains("$")))
                .isPresent();
    }

    /** The project file bind-mounted at {@code path} in the container, itself or within a mounted folder. */
    private static Optional<SourceFile> mounted(ReviewContext context, Service service, String path) {
        for (Service.Volume volume : service.volumes()) {
            if (!volume.isBind() || volume.hostPath() == null || volume.target() == null) {
                continue;
            }
            String target = volume.target().replaceAll("/+$", "");
            java.nio.file.Path host = path.equals(target) ? volume.hostPath()
                    : path.startsWith(target + "/") ? volume.hostPath().resolve(path.substring(target.length() + 1))
                    : null;
            String relative = host == null ? null : ComposeServices.projectPath(context.project(), host);
            if (relative != null) {
                return context.project().source(relative);
            }
        }
        return Optional.empty();
    }

    /** Whether a volume or bind mount covers {@code path}: the file itself or a folder above it. */
    private static boolean mountsOver(Service service, String path) {
        return service.volumes().stream().map(Service.Volume::target).filter(t -> t != null)
                .map(t -> t.replaceAll("/+$", "")).anyMatch(t -> path.equals(t) || path.startsWith(t + "/"));
    }

    /** Whether a volume or bind mount puts something at or under {@code folder} (a configuration folder). */
    private static boolean mountsUnder(Service service, String folder) {
        return service.volumes().stream().map(Service.Volume::target).filter(t -> t != null)
                .map(t -> t.replaceAll("/+$", "")).anyMatch(t -> PathNames.isUnder(t, folder) || PathNames.isUnder(folder, t));
    }

    private static Location image(Service service) {
        return ComposeServices.keyed(service.image());
    }
}
