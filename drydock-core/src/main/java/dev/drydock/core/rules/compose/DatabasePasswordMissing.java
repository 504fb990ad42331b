package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Resource;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeEnvVar;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.EmptyInterpolation;
import dev.drydock.core.rules.support.EnvFiles;
import dev.drydock.core.rules.support.RunEnvironments;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

@RuleDefinition(
        id = "database-password-missing",
        title = "A database container gets none of the password settings its first start requires",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Compose services and Kubernetes containers that run the official postgres image (or postgis,"
                + " timescaledb and pgvector, built on it), mysql, mariadb or bitnami/postgresql, pulled or as the base"
                + " of a Dockerfile they build, whose environment sets none of the variables the image's entry point"
                + " accepts: POSTGRES_PASSWORD, POSTGRES_PASSWORD_FILE or `POSTGRES_HOST_AUTH_METHOD: trust` for"
                + " postgres; MYSQL_ROOT_PASSWORD (or _FILE), MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD"
                + " for mysql; for mariadb the MARIADB_ROOT_PASSWORD (_FILE, _HASH), MARIADB_ALLOW_EMPTY_ROOT_PASSWORD"
                + " and MARIADB_RANDOM_ROOT_PASSWORD variables or their MYSQL_ names; POSTGRESQL_PASSWORD or"
                + " POSTGRES_PASSWORD (or _FILE) or `ALLOW_EMPTY_PASSWORD: yes` for bitnami/postgresql; both"
                + " COUCHDB_USER and COUCHDB_PASSWORD for couchdb 3.0 and later (and tags without a version), unless a"
                + " configuration is mounted under /opt/couchdb/etc; OPENSEARCH_INITIAL_ADMIN_PASSWORD for"
                + " opensearchproject/opensearch 2.12 and later (and tags without a version), unless"
                + " DISABLE_INSTALL_DEMO_CONFIG or DISABLE_SECURITY_PLUGIN is true or a configuration is mounted under"
                + " /usr/share/opensearch/config. The environment"
                + " is the service's `environment`, its env_file files and the Dockerfile's ENV; a value given by a"
                + " variable (`${POSTGRES_PASSWORD}`) or taken from the shell counts as set, unless the project itself"
                + " leaves it empty: .env sets the variable to nothing (`POSTGRES_PASSWORD=`), an empty default"
                + " (`${POSTGRES_PASSWORD:-}`) is taken, or no .env is there and the env template beside the compose file"
                + " (.env.example) declares the variable empty; a value written empty in the environment or an"
                + " env_file (`POSTGRES_PASSWORD=`, `MYSQL_ROOT_PASSWORD: \"\"`) is reported at that line, as written"
                + " empty; the entry points treat an empty value as unset (mysql and mariadb accept an empty root"
                + " password only with their ALLOW_EMPTY switch, bitnami/postgresql with ALLOW_EMPTY_PASSWORD)."
                + " Not reported: a service with an env_file the project does not hold or that cannot be read, a Kubernetes container with"
                + " envFrom, a service whose data directory is an external volume (created and filled outside the file),"
                + " a service or container with an entrypoint (Kubernetes: command) of its own, and a command that"
                + " does not start the server (a `pg_dump` or `mysqldump` job on the database image). mongo starts"
                + " without credentials and is not checked; SQL Server starts without an sa password (nobody can"
                + " log in as sa) and is not checked either. Also, for a compose service of mysql or mariadb whose root"
                + " setting is in order: an application account named in its environment (MYSQL_USER, MARIADB_USER; not"
                + " root) with no password for it (MYSQL_PASSWORD or _FILE; for mariadb also MARIADB_PASSWORD, its"
                + " _FILE and _HASH), or one the project leaves empty as above: the entry point creates the account"
                + " only with both, and only warns when the password is missing.",
        problem = "The entry points of postgres, mysql and mariadb check for a password setting when they find an"
                + " empty data directory and exit at once without one (\"Database is uninitialized and superuser"
                + " password is not specified\", \"password option is not specified\"); bitnami/postgresql checks at"
                + " every start, and so do CouchDB 3 (no admin, no \"Admin Party\") and OpenSearch 2.12 (each new"
                + " container installs the demo security configuration, which needs the admin password)."
                + " For the others a data directory initialized earlier hides this: the check is skipped while the"
                + " volume holds a database, and returns on a new host, in CI, or after `docker compose down -v`.",
        impact = "The database container exits at its first start and every service that needs it fails or waits"
                + " forever; on a machine where it once ran, the failure appears only when the volume is new.",
        recommendation = "Give the database its password from a compose secret (`POSTGRES_PASSWORD_FILE:"
                + " /run/secrets/db_password`, with `secrets: {db_password: {environment: DB_PASSWORD}}` at the top"
                + " level) or from a required variable (`POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}`),"
                + " so that a missing value stops `docker compose up` with a message instead of a crashing container.",
        references = {
                "https://hub.docker.com/_/postgres#environment-variables",
                "https://hub.docker.com/_/mysql#environment-variables",
                "https://hub.docker.com/_/mariadb#environment-variables",
                "https://github.com/bitnami/containers/tree/main/bitnami/postgresql#setting-the-root-password-on-first-run",
                "https://hub.docker.com/_/couchdb",
                "https://docs.opensearch.org/latest/security/configuration/demo-configuration/"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:16.4
                            environment:
                              POSTGRES_DB: shop
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
                              POSTGRES_DB: shop
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
public final class DatabasePasswordMissing implements Rule {

    /**
     * What an image's entry point needs before it starts the server.
     *
     * @param engine the database, for messages
     * @param described the settings it accepts, for messages
     * @param passwords variables any non-empty value of which satisfies it
     * @param switches variables that satisfy it only with a value the test accepts
     * @param servers the commands that start the server (and so the check); another command skips it
     * @param secretFile the variable to recommend, read from a file
     * @param plain the password variable, for a required interpolation
     * @param everyStart whether the check runs at every start, not only on an empty data directory
     * @param together variables that must be set as well as one of {@code passwords} (CouchDB's admin user)
     * @param configFolder the image's configuration folder: a mount there may hold the credentials; null for none
     * @param failure what happens without them, for messages; null for the entry point's password check
     */
    private record Requirement(String engine, String described, List<String> passwords, Map<String, Predicate<String>> switches,
            List<String> servers, String secretFile, String plain, boolean everyStart, List<String> together,
            String configFolder, String failure) {

        Requirement(String engine, String described, List<String> passwords, Map<String, Predicate<String>> switches,
                List<String> servers, String secretFile, String plain, boolean everyStart) {
            this(engine, described, passwords, switches, servers, secretFile, plain, everyStart, List.of(), null, null);
        }
    }

    private static final Requirement POSTGRES = new Requirement("PostgreSQL",
            "POSTGRES_PASSWORD, POSTGRES_PASSWORD_FILE or `POSTGRES_HOST_AUTH_METHOD: trust`",
            List.of("POSTGRES_PASSWORD", "POSTGRES_PASSWORD_FILE"),
            Map.of("POSTGRES_HOST_AUTH_METHOD", "trust"::equals), List.of("postgres"), "POSTGRES_PASSWORD_FILE",
            "POSTGRES_PASSWORD", false);

    private static final Requirement MYSQL = new Requirement("MySQL",
            "MYSQL_ROOT_PASSWORD (or _FILE), MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD",
            List.of("MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE", "MYSQL_ALLOW_EMPTY_PASSWORD",
                    "MYSQL_RANDOM_ROOT_PASSWORD"),
            Map.of(), List.of("mysqld"), "MYSQL_ROOT_PASSWORD_FILE", "MYSQL_ROOT_PASSWORD", false);

    private static final Requirement MARIADB = new Requirement("MariaDB",
            "MARIADB_ROOT_PASSWORD (or _FILE, _HASH), MARIADB_ALLOW_EMPTY_ROOT_PASSWORD or MARIADB_RANDOM_ROOT_PASSWORD"
                    + " (or their MYSQL_ names)",
            List.of("MARIADB_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_FILE", "MARIADB_ROOT_PASSWORD_HASH",
                    "MARIADB_ROOT_PASSWORD_HASH_FILE", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD",
                    "MARIADB_RANDOM_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE",
                    "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"),
            Map.of(), List.of("mariadbd", "mysqld"), "MARIADB_ROOT_PASSWORD_FILE", "MARIADB_ROOT_PASSWORD", false);

    private static final Requirement BITNAMI_POSTGRES = new Requirement("PostgreSQL",
            "POSTGRESQL_PASSWORD or POSTGRES_PASSWORD (or their _FILE) or `ALLOW_EMPTY_PASSWORD: yes`",
            List.of("POSTGRESQL_PASSWORD", "POSTGRESQL_PASSWORD_FILE", "POSTGRES_PASSWORD", "POSTGRES_PASSWORD_FILE"),
            Map.of("ALLOW_EMPTY_PASSWORD", v -> List.of("yes", "true", "1").contains(v.toLowerCase(Locale.ROOT))),
            List.of("/opt/bitnami/scripts/postgresql/run.sh"), "POSTGRESQL_PASSWORD_FILE", "POSTGRESQL_PASSWORD",
            true);

    private static final Predicate<String> TRUE = v -> v.equalsIgnoreCase("true");

    /**
     * CouchDB 3 and later: the image's entry point looks for an [admins] section in its configuration at every start
     * and exits without one; it writes one from COUCHDB_USER and COUCHDB_PASSWORD, both, into local.d (not the data
     * directory), so a re-created container needs them again.
     */
    private static final Requirement COUCHDB = new Requirement("CouchDB", "COUCHDB_USER and COUCHDB_PASSWORD",
            List.of("COUCHDB_PASSWORD"), Map.of(), List.of("couchdb"), null, "COUCHDB_PASSWORD", true,
            List.of("COUCHDB_USER"), "/opt/couchdb/etc",
            ": the image's entry point finds no admin in its configuration and exits at every start, logging"
                    + " 'CouchDB 3.0+ will no longer run in \"Admin Party\" mode', so CouchDB never starts");

    /**
     * OpenSearch 2.12 and later: each new container installs the security plugin's demo configuration, which takes
     * the admin password from OPENSEARCH_INITIAL_ADMIN_PASSWORD and stops the node without it.
     */
    private static final Requirement OPENSEARCH = new Requirement("OpenSearch",
            OpenSearchDemo.PASSWORD + " (or DISABLE_INSTALL_DEMO_CONFIG, DISABLE_SECURITY_PLUGIN)",
            List.of(OpenSearchDemo.PASSWORD), Map.of("DISABLE_INSTALL_DEMO_CONFIG", TRUE, "DISABLE_SECURITY_PLUGIN", TRUE,
                    "plugins.security.disabled", TRUE), List.of("opensearch"), null, OpenSearchDemo.PASSWORD, true,
            List.of(), OpenSearchDemo.CONFIG,
            ": each new container installs the security plugin's demo configuration, which from 2.12 on needs an"
                    + " admin password from " + OpenSearchDemo.PASSWORD + " and stops the node without one, so"
                    + " OpenSearch never starts");

    /** The requirement of an image, by its name and, for CouchDB and OpenSearch, its version; null for none. */
    private static Requirement requirement(ImageReference image) {
        String name = image.familiarName();
        if (name.equals("couchdb") || name.equals("apache/couchdb")) {
            OptionalLong major = image.version() == null ? OptionalLong.empty() : image.version().major();
            return major.isEmpty() || major.getAsLong() >= 3 ? COUCHDB : null;
        }
        if (name.equals(OpenSearchDemo.IMAGE)) {
            return OpenSearchDemo.adminIsAdmin(image) ? null : OPENSEARCH;
        }
        return IMAGES.get(name);
    }

    /** By the image's familiar name. */
    private static final Map<String, Requirement> IMAGES = Map.of(
            "postgres", POSTGRES, "postgis/postgis", POSTGRES, "timescale/timescaledb", POSTGRES,
            "pgvector/pgvector", POSTGRES, "mysql", MYSQL, "mariadb", MARIADB, "bitnami/postgresql", BITNAMI_POSTGRES);

    /** Whether a variable is set, and to what: {@code ""} for a value a variable or the shell gives. */
    private interface Environment {
        Optional<String> get(String name);
    }

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            Optional<Requirement> pulled = ComposeServices.pulledImage(service)
                    .map(DatabasePasswordMissing::requirement);
            if (pulled.isPresent()) {
                compose(context, ref.compose(), service, pulled.get(), name -> Optional.empty(),
                        ComposeServices.keyed(service.image()), service.image().value());
            }
        }
        for (BuiltImage image : BuiltImage.of(context)) {
            if (!(image.rootBase() instanceof BaseImage.External base) || base.reference() == null) {
                continue;
            }
            Requirement requirement = base.reference().familiarName() == null ? null : requirement(base.reference());
            if (requirement == null) {
                continue;
            }
            Environment dockerfile = name -> Optional.ofNullable(RunEnvironments.imageValue(image, name))
                    .filter(v -> !v.isBlank());
            for (Container c : image.containers()) {
                for (ComposeServices.Ref ref : ComposeServices.services(context)) {
                    if (ref.service() == c.service()) {
                        compose(context, ref.compose(), ref.service(), requirement, dockerfile,
                                ComposeServices.keyed(ref.service().node(), "build"),
                                "built from " + image.dockerfile() + ", FROM " + base.written());
                    }
                }
            }
        }
        for (KubeWorkload workload : context.project().kubernetesWorkloads()) {
            for (KubeContainer container : workload.containers()) {
                kubernetes(context, workload, container);
            }
        }
    }

    private void compose(ReviewContext context, ComposeProject compose, Service service, Requirement requirement,
            Environment image, Location where, String runs) {
        if (service.entrypoint() != null || service.command() != null && !startsServer(service.command().argv(),
                requirement) || requirement.configFolder() != null && mountsUnder(service, requirement.configFolder())) {
            return;
        }
        Optional<List<EnvFileEntry>> entries = envFileEntries(context.project(), service);
        if (entries.isEmpty()) {
            return; // an env file the project does not hold may set it
        }
        List<EnvFileEntry> fileEntries = entries.get();
        // a value the project leaves empty is given, and wins over the env files and the image, but sets nothing
        Map<String, String> emptied = new java.util.LinkedHashMap<>();
        Map<String, WrittenEmpty> writtenEmpty = new java.util.LinkedHashMap<>();
        Environment env = name -> {
            Optional<String> empty = service.env(name)
                    .flatMap(e -> EmptyInterpolation.why(context.project(), compose, e));
            if (empty.isPresent()) {
                emptied.put(name, empty.get());
                return Optional.empty();
            }
            Optional<Service.EnvVar> own = service.env(name);
            if (own.isPresent() && writtenEmpty(own.get())) {
                Location entry = ComposeServices.envEntry(service, own.get());
                emptied.put(name, "it is written empty in " + entry.file());
                writtenEmpty.put(name, new WrittenEmpty(entry, entry.file()));
                return Optional.empty();
            }
            if (own.isEmpty()) {
                Optional<EnvFileEntry> inFile = fileEntries.stream().filter(f -> f.entry().key().equals(name)).findFirst();
                if (inFile.isPresent() && writtenEmpty(inFile.get().entry())) {
                    emptied.put(name, "it is written empty in " + inFile.get().path() + ", which "
                            + service.name() + " reads through env_file");
                    writtenEmpty.put(name, new WrittenEmpty(new Location(inFile.get().path(),
                            inFile.get().entry().span()), inFile.get().path() + " (read through env_file)"));
                    return Optional.empty();
                }
            }
            return serviceValue(service, name).or(() -> fileValue(fileEntries, name)).or(() -> image.get(name));
        };
        if (!requirement.everyStart() && externalData(compose, service)) {
            return;
        }
        if (satisfied(requirement, env)) {
            userWithoutPassword(context, service, requirement, env, emptied, writtenEmpty, runs);
            return;
        }
        boolean onlyWritten = !emptied.isEmpty() && writtenEmpty.keySet().equals(emptied.keySet());
        String given = emptied.isEmpty() ? (requirement.together().isEmpty() ? " is given none of "
                : " is not given both ") + requirement.described()
                + " by its environment, env files or image"
                : onlyWritten ? " writes " + String.join(" and ", writtenEmpty.keySet()) + " empty in "
                        + String.join(" and ", writtenEmpty.values().stream().map(WrittenEmpty::in).distinct().toList())
                        + "; the entry point treats an empty value as unset"
                        + Optional.ofNullable(EMPTY_ALLOWED_BY.get(requirement))
                                .map(allow -> " (it accepts an empty password only with " + allow + ")").orElse("")
                        + ", so it has none of " + requirement.described()
                : " is given none of " + requirement.described() + ": its environment names "
                        + String.join(" and ", emptied.keySet()) + ", but " + String.join("; ",
                                new java.util.LinkedHashSet<>(emptied.values())) + ", and an empty value counts as unset";
        Location at = onlyWritten ? writtenEmpty.values().iterator().next().at() : where;
        context.finding(this, at, service.name() + " (" + runs + ")" + given + firstStart(requirement, service))
                .recommendation(recommendation(requirement, service.name()))
                .add();
    }

    /**
     * The account of MYSQL_USER (MARIADB_USER), which the entry point creates only with a password: a user named
     * without one is left out of the new database, with a warning in the log alone.
     */
    private void userWithoutPassword(ReviewContext context, Service service, Requirement requirement, Environment env,
            Map<String, String> emptied, Map<String, WrittenEmpty> writtenEmpty, String runs) {
        AppUser account = APP_USERS.get(requirement);
        if (account == null) {
            return;
        }
        String userVariable = account.users().stream().filter(n -> service.env(n).isPresent()).findFirst().orElse(null);
        String user = userVariable == null ? null : serviceValue(service, userVariable).orElse(null);
        if (user == null || user.isEmpty() || user.equals("root")
                || account.passwords().stream().anyMatch(n -> env.get(n).isPresent())) {
            return;
        }
        String emptiedPassword = account.passwords().stream().filter(emptied::containsKey).findFirst().orElse(null);
        Location at = emptiedPassword != null && writtenEmpty.containsKey(emptiedPassword) ? writtenEmpty.get(emptiedPassword).at()
                : ComposeServices.envEntry(service, service.env(emptiedPassword != null ? emptiedPassword : userVariable)
                        .orElseThrow());
        String why = emptiedPassword == null ? "nothing sets " + String.join(" or ", account.passwords())
                : writtenEmpty.containsKey(emptiedPassword) ? emptiedPassword + " is written empty in "
                        + writtenEmpty.get(emptiedPassword).in() + ", and the entry point treats an empty value as unset"
                : "its environment names " + emptiedPassword + ", but " + emptied.get(emptiedPassword)
                        + ", and an empty value counts as unset";
        context.finding(this, at, service.name() + " (" + runs + ") names the account "
                        + userVariable + "=" + user + " without a password: " + why + ". The image's entry point"
                        + " creates that account only with both set, so it initializes the database without " + user
                        + " (the log only warns), and the application connecting as " + user + " is refused with"
                        + " \"Access denied\" on a new deployment")
                .recommendation("Give the account its password from a compose secret (`" + account.secretFile()
                        + ": /run/secrets/db_password`), or `" + account.passwords().get(0) + ": ${"
                        + account.passwords().get(0) + ":?set " + account.passwords().get(0) + " in .env}` so that"
                        + " `docker compose up` stops with a message when it is missing; the application's connection"
                        + " settings must use the same value.")
                .add();
    }

    /**
     * The switch with which an image's entry point accepts an empty root password; without it, an empty password
     * is the same as none (postgres has no such switch: `trust` drops passwords altogether).
     */
    private static final Map<Requirement, String> EMPTY_ALLOWED_BY = Map.of(
            MYSQL, "MYSQL_ALLOW_EMPTY_PASSWORD", MARIADB,
            "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD or MYSQL_ALLOW_EMPTY_PASSWORD",
            BITNAMI_POSTGRES, "`ALLOW_EMPTY_PASSWORD: yes`");

    /** The application account an image's entry point creates: its name variables and its password settings. */
    private record AppUser(List<String> users, List<String> passwords, String secretFile) {}

    private static final Map<Requirement, AppUser> APP_USERS = Map.of(
            MYSQL, new AppUser(List.of("MYSQL_USER"), List.of("MYSQL_PASSWORD", "MYSQL_PASSWORD_FILE"),
                    "MYSQL_PASSWORD_FILE"),
            MARIADB, new AppUser(List.of("MARIADB_USER", "MYSQL_USER"), List.of("MARIADB_PASSWORD",
                    "MARIADB_PASSWORD_FILE", "MARIADB_PASSWORD_HASH", "MARIADB_PASSWORD_HASH_FILE", "MYSQL_PASSWORD",
                    "MYSQL_PASSWORD_FILE"), "MARIADB_PASSWORD_FILE"));

    private void kubernetes(ReviewContext context, KubeWorkload workload, KubeContainer container) {
        if (container.image() == null || container.init() || container.envFrom() || !container.command().isEmpty()) {
            return;
        }
        Requirement requirement = ImageReference.tryParse(container.image()).filter(ImageReference::isImage)
                .map(DatabasePasswordMissing::requirement).orElse(null);
        SourceFile file = context.project().source(workload.file()).orElse(null);
        if (requirement == null || file == null || container.line() < 1 || container.line() > file.lineCount()
                || !container.args().isEmpty() && !startsServer(container.args(), requirement)
                || requirement.configFolder() != null && container.mountPaths().stream().anyMatch(path ->
                        dev.drydock.core.discovery.PathNames.isUnder(path, requirement.configFolder())
                                || dev.drydock.core.discovery.PathNames.isUnder(requirement.configFolder(), path))) {
            return;
        }
        Environment env = name -> {
            KubeEnvVar literal = container.value(name);
            if (literal != null) {
                return Optional.ofNullable(literal.value()).filter(v -> !v.isBlank());
            }
            return container.environment().contains(name) ? Optional.of("") : Optional.empty();
        };
        if (satisfied(requirement, env)) {
            return;
        }
        context.finding(this, new Location(workload.file(), file.lines(container.line(), container.line())),
                        workload.describe(container) + " runs " + container.image() + " and its env gives it none of "
                        + requirement.described() + (requirement.failure() != null ? requirement.failure()
                                : ": " + (requirement.everyStart()
                                ? "the image's setup exits at every start without one"
                                : "the image's entry point exits when it finds an empty data directory, so the pod"
                                        + " fails on its first start with a new volume")))
                .recommendation((requirement.secretFile() == null ? "Set " : "Set " + requirement.secretFile()
                        + " to a file mounted from a Secret, or ") + String.join(", ", requirement.together())
                        + (requirement.together().isEmpty() ? "" : " and ") + requirement.plain()
                        + " from one with `valueFrom: {secretKeyRef: ...}`."
                        + randomRoot(requirement))
                .add();
    }

    /** Whether a command runs the image's server: its program, or options alone (the entry point prepends it). */
    private static boolean startsServer(List<String> argv, Requirement requirement) {
        if (argv.isEmpty()) {
            return true;
        }
        String first = argv.get(0);
        return first.startsWith("-") || requirement.servers().contains(first)
                || requirement.servers().contains(first.substring(first.lastIndexOf('/') + 1));
    }

    private static boolean satisfied(Requirement requirement, Environment env) {
        for (String name : requirement.passwords()) {
            if (env.get(name).isPresent() && requirement.together().stream().allMatch(n -> env.get(n).isPresent())) {
                return true;
            }
        }
        for (var entry : requirement.switches().entrySet()) {
            Optional<String> value = env.get(entry.getKey());
            if (value.isPresent() && (value.get().isEmpty() || entry.getValue().test(value.get().strip()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The service's own value: present when the entry has a non-empty value, one a variable gives (even an unset
     * one: another rule reports that), or none ({@code - NAME}, taken from the shell); {@code ""} stands for a value
     * not known here.
     */
    private static Optional<String> serviceValue(Service service, String name) {
        Optional<Service.EnvVar> env = service.env(name);
        if (env.isEmpty()) {
            return Optional.empty();
        }
        var value = env.get().value();
        if (value == null || value.node() instanceof ScalarNode s && s.raw().contains("$")) {
            return Optional.of("");
        }
        return Optional.ofNullable(value.value()).filter(v -> !v.isBlank());
    }

    /** An entry of one of the service's env files, and the file's project path. */
    private record EnvFileEntry(String path, DotEnvEntry entry) {}

    /** A setting written empty: where, and the file named in messages ({@code db.env (read through env_file)}). */
    private record WrittenEmpty(Location at, String in) {}

    /**
     * The entries of the service's env files, in the order compose reads them; empty when one of the files is not in
     * the project or cannot be read.
     */
    private static Optional<List<EnvFileEntry>> envFileEntries(Project project, Service service) {
        List<EnvFileEntry> out = new java.util.ArrayList<>();
        for (Service.EnvFile f : service.envFiles()) {
            String path = f.path() == null ? null : ComposeServices.projectPath(project, f.path());
            if (path == null || project.source(path).isEmpty()) {
                return Optional.empty();
            }
            EnvFiles.entries(project, path).forEach(e -> out.add(new EnvFileEntry(path, e)));
        }
        return Optional.of(out);
    }

    /** What the env files set a variable to: {@code ""} for a value a variable or the shell gives. */
    private static Optional<String> fileValue(List<EnvFileEntry> entries, String name) {
        for (EnvFileEntry entry : entries) {
            DotEnvEntry e = entry.entry();
            if (e.key().equals(name) && (e.inherited() || e.rawValue() != null && e.rawValue().contains("$")
                    || e.value() != null && !e.value().isBlank())) {
                return Optional.of(e.inherited() || e.rawValue().contains("$") ? "" : e.value());
            }
        }
        return Optional.empty();
    }

    /** {@code POSTGRES_PASSWORD=} or {@code POSTGRES_PASSWORD: ""}: a value written, and empty. */
    private static boolean writtenEmpty(Service.EnvVar env) {
        var value = env.value();
        return value != null && value.node() instanceof ScalarNode scalar && !scalar.raw().contains("$")
                && (value.value() == null || value.value().isBlank());
    }

    private static boolean writtenEmpty(DotEnvEntry entry) {
        return !entry.inherited() && entry.rawValue() != null && !entry.rawValue().contains("$")
                && (entry.value() == null || entry.value().isBlank());
    }

    /** Whether a volume or bind mount puts something at or under {@code folder} (a configuration folder). */
    private static boolean mountsUnder(Service service, String folder) {
        return service.volumes().stream().map(Service.Volume::target).filter(t -> t != null)
                .map(t -> t.replaceAll("/+$", "")).anyMatch(t -> dev.drydock.core.discovery.PathNames.isUnder(t, folder)
                        || dev.drydock.core.discovery.PathNames.isUnder(folder, t));
    }

    /** Whether a volume created outside the compose file ({@code external: true}), likely initialized, holds the data. */
    private static boolean externalData(ComposeProject compose, Service service) {
        for (Service.Volume v : service.volumes()) {
            if (v.isNamedVolume() && v.target() != null && (v.target().startsWith("/var/lib/") || v.target()
                    .startsWith("/bitnami/"))) {
                Resource volume = compose.volumes().get(v.source());
                if (volume != null && volume.external() != null && Boolean.TRUE.equals(volume.external().value())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String firstStart(Requirement requirement, Service service) {
        if (requirement.failure() != null) {
            return requirement.failure();
        }
        if (requirement.everyStart()) {
            return ": the image's setup checks for a password at every start and exits without one, so the "
                    + requirement.engine() + " server never starts";
        }
        boolean volume = service.volumes().stream().anyMatch(v -> v.target() != null
                && (v.isNamedVolume() || v.isBind()) && v.target().startsWith("/var/lib/"));
        return ": the image's entry point exits when it finds an empty data directory without a password setting, so"
                + " the " + requirement.engine() + " server never starts on a new deployment"
                + (volume ? " (a volume that already holds a database hides this until it is recreated, on another"
                        + " host or after `docker compose down -v`)" : "");
    }

    private static String recommendation(Requirement requirement, String service) {
        if (requirement.secretFile() == null) {
            return "Set " + requirement.together().stream().map(n -> "`" + n + "`").map(n -> n + ", ").reduce("", String::concat)
                    + "`" + requirement.plain() + ": ${" + requirement.plain() + ":?set " + requirement.plain()
                    + " in .env}` in " + service + "'s environment, so that `docker compose up` stops with a message"
                    + " when it is missing (the image reads no _FILE variable for it)"
                    + (requirement == OPENSEARCH ? "; the password must be strong (the demo configuration rejects a"
                            + " weak one), and the clients then log in as admin with it" : "")
                    + ".";
        }
        return "Add `" + requirement.secretFile() + ": /run/secrets/db_password` to " + service + "'s environment"
                + " with a compose secret (`secrets: {db_password: {environment: DB_PASSWORD}}` at the top level,"
                + " `secrets: [db_password]` in " + service + "), or `" + requirement.plain() + ": ${"
                + requirement.plain() + ":?set " + requirement.plain() + " in .env}` so that `docker compose up`"
                + " stops with a message when it is missing." + randomRoot(requirement);
    }

    /** For mysql and mariadb, whose applications usually connect as MYSQL_USER: a root password nobody needs to know. */
    private static String randomRoot(Requirement requirement) {
        if (requirement != MYSQL && requirement != MARIADB) {
            return "";
        }
        String prefix = requirement == MYSQL ? "MYSQL_" : "MARIADB_";
        return " When the application connects as " + prefix + "USER and nothing logs in as root, `" + prefix
                + "RANDOM_ROOT_PASSWORD: \"1\"` is enough.";
    }
}
