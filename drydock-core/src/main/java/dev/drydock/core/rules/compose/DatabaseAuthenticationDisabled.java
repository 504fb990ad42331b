package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
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

@RuleDefinition(
        id = "database-authentication-disabled",
        title = "A database accepts connections without a password",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "Compose services that pull a database image and tell its entry point to let clients in without a"
                + " password: `POSTGRES_HOST_AUTH_METHOD: trust` for the official postgres image (and postgis,"
                + " timescaledb, built on it); `MYSQL_ALLOW_EMPTY_PASSWORD` or `MARIADB_ALLOW_EMPTY_ROOT_PASSWORD` set to"
                + " any value for mysql and mariadb while no root password (plain, _FILE, _HASH or random) is set;"
                + " `ALLOW_EMPTY_PASSWORD: yes` (or true, 1) for the Bitnami images. High when the service publishes a"
                + " port on every interface of the host, medium when only the compose network reaches it, low in"
                + " development files (compose.override.yml, docker-compose.dev.yml).",
        problem = "The entry point writes the setting into the server's configuration when it initializes the data"
                + " directory: postgres adds `host all all all trust` to pg_hba.conf, mysql and mariadb create root"
                + " with an empty password, Bitnami's scripts start the server without one.",
        impact = "Anyone who reaches the port logs in as the superuser: every container on the compose network, and"
                + " every host that reaches a published port; they read, change or drop every database.",
        recommendation = "Remove the setting and give the database a password from a compose secret"
                + " (`POSTGRES_PASSWORD_FILE: /run/secrets/db_password`) or a required variable"
                + " (`${DB_PASSWORD:?}`). The setting only acts on a new data directory: on an existing volume, also"
                + " set the password in the server (ALTER USER) and, for postgres, edit pg_hba.conf.",
        references = {
                "https://hub.docker.com/_/postgres#postgres_host_auth_method",
                "https://www.postgresql.org/docs/current/auth-trust.html",
                "https://hub.docker.com/_/mysql#mysql_allow_empty_password",
                "https://mariadb.com/kb/en/mariadb-server-docker-official-image-environment-variables/"},
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

    private static final List<String> POSTGRES_IMAGES = List.of("postgres", "postgis/postgis", "timescale/timescaledb");

    private static final List<String> ROOT_PASSWORDS = List.of("MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE",
            "MYSQL_RANDOM_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_FILE",
            "MARIADB_ROOT_PASSWORD_HASH", "MARIADB_RANDOM_ROOT_PASSWORD");

    /** A setting that turns authentication off, and what it does, for the message. */
    private record Open(Service.EnvVar env, String effect) {}

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            String image = service.build() == null ? DataStores.imageName(service).orElse(null) : null;
            Optional<Open> open = image == null ? Optional.empty() : open(service, image);
            if (open.isEmpty()) {
                continue;
            }
            Service.EnvVar env = open.get().env();
            boolean development = ComposeServices.isDevelopmentFile(context, env.node().file().path());
            Optional<Service.Port> published = PublishedPorts.of(service).stream()
                    .filter(PublishedPorts::onAllInterfaces).findFirst();
            Severity severity = development ? Severity.LOW : published.isPresent() ? Severity.HIGH : Severity.MEDIUM;
            String reach = published.isPresent()
                    ? "; it publishes " + PublishedPorts.describe(published.get()) + " on every interface of the host,"
                            + " so any host that reaches this one can do so"
                    : ": any container on its networks can do so";
            context.finding(this, ComposeServices.envEntry(service, env), service.name() + " (" + service.image().value()
                            + ") sets `" + env.name() + ": " + env.value().value() + "`: " + open.get().effect() + reach)
                    .severity(severity)
                    .recommendation(recommendation(service, image, env))
                    .add();
        }
    }

    private static Optional<Open> open(Service service, String image) {
        if (POSTGRES_IMAGES.contains(image)) {
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
        if (image.startsWith("bitnami/")) {
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
        if (POSTGRES_IMAGES.contains(image)) {
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
