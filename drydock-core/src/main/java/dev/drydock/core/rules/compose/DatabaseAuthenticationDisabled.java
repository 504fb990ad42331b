package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DataStores;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "database-authentication-disabled",
        title = "A database or cache accepts connections without credentials",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "Compose services that pull a data store image which lets clients in without credentials. By a"
                + " setting: `POSTGRES_HOST_AUTH_METHOD: trust` for the official postgres image (and postgis,"
                + " timescaledb and pgvector, built on it); `MYSQL_ALLOW_EMPTY_PASSWORD` or `MARIADB_ALLOW_EMPTY_ROOT_PASSWORD` set to"
                + " any value for mysql and mariadb while no root password (plain, _FILE, _HASH or random) is set;"
                + " `ALLOW_EMPTY_PASSWORD: yes` (or true, 1) for the Bitnami images of data stores; `--noauth` for mongo;"
                + " `xpack.security.enabled=false` (or ES_SETTING_XPACK_SECURITY_ENABLED) for Elasticsearch;"
                + " `DISABLE_SECURITY_PLUGIN=true` or `plugins.security.disabled=true` for OpenSearch. By default: redis,"
                + " valkey/valkey, eqalpha/keydb and redis/redis-stack without requirepass, aclfile or user (in the"
                + " command, REDIS_ARGS, or a mounted configuration file the project holds); mongo without"
                + " MONGO_INITDB_ROOT_USERNAME and _PASSWORD (or _FILE), --auth or a configuration file; memcached"
                + " without -S or -Y; cassandra without a mounted configuration; Elasticsearch before 8.0 without"
                + " xpack.security.enabled; CouchDB before 3.0 without both COUCHDB_USER and COUCHDB_PASSWORD (3.0 and"
                + " later do not start without an admin: database-password-missing); OpenSearch before 2.12, whose"
                + " image installs the security plugin's demo configuration with the admin password admin, unless"
                + " DISABLE_INSTALL_DEMO_CONFIG is true or a configuration is mounted under"
                + " /usr/share/opensearch/config; a Kafka broker (apache/kafka, bitnami/kafka, confluentinc/cp-kafka"
                + " and cp-server) with a PLAINTEXT listener that a port published on every interface (or network_mode:"
                + " host) leads to, by KAFKA_LISTENERS (bitnami: KAFKA_CFG_LISTENERS; cp-kafka derives them from"
                + " KAFKA_ADVERTISED_LISTENERS) and KAFKA_LISTENER_SECURITY_PROTOCOL_MAP, or the image's default"
                + " PLAINTEXT://:9092, unless an authorizer is set or a configuration is mounted. A service with an"
                + " entrypoint of its own, or a command that runs another program, is left out. Severity: critical when the"
                + " service publishes a port on every interface of the host (or uses network_mode: host), where the"
                + " scanners that sweep the internet for open databases find it within hours, low in"
                + " development files (compose.override.yml, docker-compose.dev.yml). Reached only by the compose network"
                + " or on 127.0.0.1: medium for the SQL databases, low for the settings of the other stores, and not"
                + " reported for a store open by default, the way most stacks run their cache (or Kafka); a port of a"
                + " service whose every network is `internal: true` is not published, and counts as none. The"
                + " published port itself is port-published-on-all-interfaces' finding, which gives the binding to"
                + " 127.0.0.1: this one's advice is about credentials and points there.",
        problem = "The SQL images' entry points write the setting into the server's configuration when they initialize"
                + " the data directory: postgres adds `host all all all trust` to pg_hba.conf, mysql and mariadb create"
                + " root with an empty password, Bitnami's scripts start the server without one. The official redis,"
                + " valkey and keydb images turn protected mode off and set no password; mongo enables access control"
                + " only when it creates a root user; memcached, cassandra, Elasticsearch 7 and CouchDB 2 ask for"
                + " nothing unless configured to; OpenSearch before 2.12 asks, but its demo configuration's admin"
                + " password is admin, which everyone knows.",
        impact = "Anyone who reaches the port has the whole store: the SQL superuser, every key of a cache (sessions,"
                + " tokens), every MongoDB database or search index; they read, change or delete all of it. A port"
                + " published on every interface makes that anyone who reaches the host, past ufw or firewalld.",
        recommendation = "Remove the setting and give the store a password from a compose secret"
                + " (`POSTGRES_PASSWORD_FILE: /run/secrets/db_password`) or a required variable"
                + " (`${DB_PASSWORD:?}`): requirepass for Redis, MONGO_INITDB_ROOT_USERNAME and _PASSWORD for mongo,"
                + " xpack.security.enabled=true for Elasticsearch. The init settings only act on a new data directory:"
                + " on an existing volume, also set the password in the server (ALTER USER, db.createUser) and, for"
                + " postgres, edit pg_hba.conf. Publish a store's port on 127.0.0.1 only, or not at all.",
        references = {
                "https://hub.docker.com/_/postgres#postgres_host_auth_method",
                "https://www.postgresql.org/docs/current/auth-trust.html",
                "https://hub.docker.com/_/mysql#mysql_allow_empty_password",
                "https://mariadb.com/kb/en/mariadb-server-docker-official-image-environment-variables/",
                "https://hub.docker.com/_/mongo#mongo_initdb_root_username-mongo_initdb_root_password",
                "https://redis.io/docs/latest/operate/oss_and_stack/management/security/",
                "https://www.elastic.co/guide/en/elasticsearch/reference/current/security-settings.html",
                "https://docs.opensearch.org/latest/security/configuration/demo-configuration/"},
        aliases = {},
        effort = "15 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:16.4
                            environment:
                              POSTGRES_HOST_AUTH_METHOD: trust
                            volumes:
                              - pg-data:/var/lib/postgresql/data
                        volumes:
                          pg-data:
                        """,
                good = """
                        services:
                          db:
                            image: postgres:16.4
                            environment:
                              POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                            secrets:
                              - db_password
                            volumes:
                              - pg-data:/var/lib/postgresql/data
                        secrets:
                          db_password:
                            environment: DB_PASSWORD
                        volumes:
                          pg-data:
                        """))
public final class DatabaseAuthenticationDisabled implements Rule {

    private static final List<String> ROOT_PASSWORDS = List.of("MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE",
            "MYSQL_RANDOM_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_FILE",
            "MARIADB_ROOT_PASSWORD_HASH", "MARIADB_RANDOM_ROOT_PASSWORD");

    private static final Set<String> SQL = Set.of("PostgreSQL", "MySQL", "MariaDB");

    /** A setting that turns authentication off, and what it does, for the message. */
    private record Open(Service.EnvVar env, String effect) {}

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            String image = service.build() == null ? DataStores.imageName(service).orElse(null) : null;
            if (image == null) {
                continue;
            }
            Optional<Open> open = open(service, image);
            if (open.isPresent()) {
                database(context, service, image, open.get());
                continue;
            }
            ImageReference.tryParse(service.image().value()).filter(ImageReference::isImage)
                    .flatMap(reference -> OpenStores.of(context, service, reference))
                    .ifPresent(store -> store(context, service, store, PublishedPorts.onlyInternalNetworks(ref)));
        }
    }

    /** An SQL database, or a Bitnami image of any data store, told to let clients in without a password. */
    private void database(ReviewContext context, Service service, String image, Open open) {
        Service.EnvVar env = open.env();
        boolean development = ComposeServices.isDevelopmentFile(context, env.node().file().path());
        Optional<Service.Port> published = everyInterface(service);
        boolean sql = DataStores.ofImageName(image).filter(SQL::contains).isPresent();
        Severity severity = development ? Severity.LOW : published.isPresent() ? Severity.CRITICAL
                : sql ? Severity.MEDIUM : Severity.LOW;
        String reach = published.isPresent()
                ? "; it publishes " + PublishedPorts.describe(published.get()) + " on every interface of the host,"
                        + " so any host that reaches this one can do so"
                : ": any container on its networks can do so";
        context.finding(this, ComposeServices.envEntry(service, env), service.name() + " (" + service.image().value()
                        + ") sets `" + env.name() + ": " + env.value().value() + "`: " + open.effect() + reach)
                .severity(severity)
                .recommendation(recommendation(service, image, env))
                .add();
    }

    /**
     * A cache, document store or search engine open to every client: high when a port on every interface of the host
     * leads to it; one open by default and reached only by the compose network (or on 127.0.0.1) is how most stacks
     * run their cache, and is left alone, while a setting that turns authentication off is low there.
     */
    private void store(ReviewContext context, Service service, OpenStores.Open store, boolean internal) {
        // Docker publishes no port of a container whose every network is internal
        Optional<Service.Port> published = internal ? Optional.empty()
                : store.port() != null ? Optional.of(store.port()) : everyInterface(service);
        boolean hostNetwork = service.networkMode() != null && service.networkMode().value().strip().equals("host");
        if (store.why() == OpenStores.Why.DEFAULT && published.isEmpty() && !hostNetwork) {
            return;
        }
        String exposedIn = published.map(p -> p.node().file().path())
                .orElse(hostNetwork ? service.networkMode().file().path() : store.at().file());
        boolean development = ComposeServices.isDevelopmentFile(context, exposedIn)
                || ComposeServices.isDevelopmentFile(context, store.at().file());
        boolean reachable = published.isPresent() || hostNetwork;
        Severity severity = development || !reachable ? Severity.LOW : Severity.CRITICAL;
        String reach = published.isPresent()
                ? "; it publishes " + PublishedPorts.describe(published.get()) + " on every interface of the host, so"
                        + " that is any machine that reaches the host"
                : hostNetwork ? "; with network_mode: host it listens on every interface of the host, so that is any"
                        + " machine that reaches the host"
                : "; only containers on its networks reach it";
        context.finding(this, store.at(), service.name() + " (" + service.image().value() + ", " + store.store()
                        + ") lets clients in without credentials: " + store.effect() + reach)
                .severity(severity)
                .recommendation(Character.toUpperCase(store.change().charAt(0)) + store.change().substring(1)
                        // the published port is port-published-on-all-interfaces' finding, with its own fix
                        + published.map(p -> ". The port on every interface is reported apart"
                                + " (port-published-on-all-interfaces): binding it to 127.0.0.1 narrows who reaches "
                                + service.name() + ", credentials decide who gets in.")
                                .orElse(hostNetwork ? "; also drop network_mode: host, which puts every port the store"
                                        + " listens on on the host's interfaces: on the compose network the other"
                                        + " services reach " + service.name() + " by name." : "."))
                .add();
    }

    /** The first port the service publishes on every interface of the host, if any. */
    private static Optional<Service.Port> everyInterface(Service service) {
        return PublishedPorts.of(service).stream().filter(PublishedPorts::onAllInterfaces).findFirst();
    }

    private static Optional<Open> open(Service service, String image) {
        if (DataStores.officialPostgres(image)) {
            return set(service, "POSTGRES_HOST_AUTH_METHOD").filter(e -> "trust".equals(e.value().value()))
                    .map(e -> new Open(e, "the image's entry point writes `host all all all trust` into pg_hba.conf, so"
                            + " every client logs in as any user, the superuser included, without a password"));
        }
        if (image.equals("mysql") || image.equals("mariadb")) {
            if (ROOT_PASSWORDS.stream().anyMatch(name -> set(service, name).isPresent())) {
                return Optional.empty();
            }
            return set(service, "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD").or(() -> set(service, "MYSQL_ALLOW_EMPTY_PASSWORD"))
                    .map(e -> new Open(e, "with no root password set, the image's entry point creates root with an"
                            + " empty password (any value of " + e.name() + " allows it), so every client logs in as"
                            + " root without one"));
        }
        if (image.startsWith("bitnami/") && DataStores.ofImageName(image).isPresent()) {
            return set(service, "ALLOW_EMPTY_PASSWORD")
                    .filter(e -> e.value().value() != null
                            && List.of("yes", "true", "1").contains(e.value().value().toLowerCase(Locale.ROOT)))
                    .map(e -> new Open(e, "the image starts the server without a password, so every client logs in"
                            + " without one"));
        }
        return Optional.empty();
    }

    /**
     * The variable when the service sets it to a value that is not empty, or to one a variable gives
     * ({@code ${MYSQL_ROOT_PASSWORD:?}}), which the environment that starts the stack provides.
     */
    private static Optional<Service.EnvVar> set(Service service, String name) {
        return service.env(name).filter(e -> e.value() != null && (e.value().value() != null
                && !e.value().value().isBlank() || e.value().node() instanceof ScalarNode s && s.raw().contains("$")));
    }

    private static String recommendation(Service service, String image, Service.EnvVar env) {
        String change;
        if (DataStores.officialPostgres(image)) {
            change = "set POSTGRES_PASSWORD_FILE: /run/secrets/db_password with a compose secret (`secrets:"
                    + " {db_password: {environment: DB_PASSWORD}}` at the top level, `secrets: [db_password]` in "
                    + service.name() + "); on an existing volume also set the password (ALTER USER) and replace the"
                    + " trust line of pg_hba.conf, which the entry point wrote when it initialized the data directory";
        } else if (image.startsWith("bitnami/")) {
            change = "set the image's password variable from a required variable (`${DB_PASSWORD:?}`), or its _FILE"
                    + " variable from a compose secret";
        } else {
            String prefix = image.equals("mariadb") ? "MARIADB_" : "MYSQL_";
            change = "set " + prefix + "ROOT_PASSWORD_FILE: /run/secrets/db_root_password with a compose secret, or "
                    + prefix + "RANDOM_ROOT_PASSWORD: 1 when nothing logs in as root; on an existing volume also set"
                    + " root's password (ALTER USER), since the entry point only acts on a new data directory";
        }
        return "Remove " + env.name() + " from " + service.name() + " and " + change + ".";
    }
}
