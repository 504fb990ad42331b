package dev.drydock.core.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The TCP ports well-known server images listen on as they are published, and what in a container's start moves
 * them: the command options and environment variables the server reads, after the image's own ENTRYPOINT and CMD.
 * Where a container mounts something over the server's configuration, passes it a configuration file, sets a variable
 * that moves it to a value drydock cannot read, or runs another program, the port is unknown ({@link #listening} is
 * empty).
 *
 * <ul>
 * <li>nginx: 80, the listen of the image's conf.d/default.conf; nginxinc/nginx-unprivileged (Docker Hub, ghcr.io,
 * quay.io, Amazon ECR): 8080, the same image otherwise; bitnami/nginx: 8080 since it runs as a non-root user (1.14),
 * NGINX_HTTP_PORT_NUMBER moving it.
 * <li>httpd: 80, the Listen of /usr/local/apache2/conf/httpd.conf.
 * <li>redis: 6379; {@code --port N}; a first argument that is no option is a configuration file.
 * <li>postgres: 5432; {@code -p N}, {@code -c port=N} or {@code --port=N}, else PGPORT, which postgres reads as its
 * default port.
 * <li>mysql: 3306 and X Protocol's 33060; {@code --port} or {@code -P}, else MYSQL_TCP_PORT, which mysqld reads
 * before its options; {@code --mysqlx-port}. mariadb: 3306, moved the same way.
 * <li>mongo: 27017; {@code --port}; 27018 with {@code --shardsvr}, 27019 with {@code --configsvr}.
 * <li>memcached: 11211; {@code -p N} or {@code --port=N}; {@code -s}, a unix socket, turns TCP off.
 * <li>Grafana: 3000; GF_SERVER_HTTP_PORT (GF_&lt;SECTION&gt;_&lt;KEY&gt; overrides grafana.ini).
 * <li>Prometheus: 9090; each {@code --web.listen-address}.
 * <li>rabbitmq: AMQP's 5672, epmd's 4369, the inter-node 25672 and the Prometheus plugin's 15692, which the image
 * enables; its -management tags enable the management plugin, on 15672.
 * <li>Elasticsearch: 9200 (HTTP) and 9300 (transport), moved by settings in its environment or its config folder.
 * <li>MinIO: {@code minio server} on 9000 ({@code --address}, MINIO_ADDRESS); its console on the port of
 * {@code --console-address} (MINIO_CONSOLE_ADDRESS), else on one MinIO picks at random.
 * </ul>
 * Read in the images' Dockerfiles and entry-point scripts (docker-library, nginxinc/docker-nginx-unprivileged,
 * bitnami/containers, MinIO's dockerscripts) and the servers' manuals.
 */
public enum ServerImagePorts {

    NGINX("nginx", List.of(80), List.of("/docker-entrypoint.sh"), List.of("nginx", "-g", "daemon off;"),
            Set.of("nginx", "nginx-debug"), Nginx.CONFIGURATION, Set.of(), null, Nginx::writesConfiguration,
            "the listen of the image's default server, /etc/nginx/conf.d/default.conf", null, Nginx::read),
    NGINX_UNPRIVILEGED("nginx", List.of(8080), NGINX.entrypoint, NGINX.cmd, NGINX.programs, Nginx.CONFIGURATION,
            Set.of(), null, Nginx::writesConfiguration,
            "the listen of nginx-unprivileged's default server, /etc/nginx/conf.d/default.conf", null, Nginx::read),
    BITNAMI_NGINX("nginx", List.of(8080), List.of("/opt/bitnami/scripts/nginx/entrypoint.sh"),
            List.of("/opt/bitnami/scripts/nginx/run.sh"), Set.of("/opt/bitnami/scripts/nginx/run.sh"),
            List.of("/opt/bitnami/nginx/conf", "/bitnami/nginx", "/docker-entrypoint-initdb.d"), Set.of(),
            "NGINX_HTTP_PORT_NUMBER", name -> name.equals("NGINX_HTTPS_PORT_NUMBER"),
            "bitnami/nginx's default HTTP port; NGINX_HTTP_PORT_NUMBER moves it", null, ServerImagePorts::noArguments),
    HTTPD("Apache httpd", List.of(80), List.of(), List.of("httpd-foreground"), Set.of("httpd-foreground", "httpd"),
            List.of("/usr/local/apache2/conf"), Set.of(), null, null,
            "the Listen of the image's /usr/local/apache2/conf/httpd.conf", null, ServerImagePorts::httpd),
    REDIS("Redis", List.of(6379), List.of("docker-entrypoint.sh"), List.of("redis-server"), Set.of("redis-server"),
            List.of(), Set.of(), null, null, "Redis's default port; `--port` in its command moves it",
            "--port %d", ServerImagePorts::redis),
    POSTGRES("PostgreSQL", List.of(5432), List.of("docker-entrypoint.sh"), List.of("postgres"), Set.of("postgres"),
            List.of("/etc/postgresql"), Set.of("postgresql.conf", "postgresql.auto.conf"), "PGPORT", null,
            "PostgreSQL's default port; PGPORT or `-p` in its command moves it", "-p %d", ServerImagePorts::postgres),
    MYSQL("MySQL", List.of(3306, 33060), List.of("docker-entrypoint.sh"), List.of("mysqld"), Set.of("mysqld"),
            Mysql.CONFIGURATION, Set.of(), "MYSQL_TCP_PORT", Mysql::movesPort,
            "MySQL's default ports, 33060 for X Protocol; MYSQL_TCP_PORT or `--port` moves 3306", "--port=%d",
            Mysql::withX),
    MARIADB("MariaDB", List.of(3306), List.of("docker-entrypoint.sh"), List.of("mariadbd"),
            Set.of("mariadbd", "mysqld"), Mysql.CONFIGURATION, Set.of(), "MYSQL_TCP_PORT", Mysql::movesPort,
            "MariaDB's default port; MYSQL_TCP_PORT or `--port` moves it", "--port=%d", Mysql::withoutX),
    MONGO("MongoDB", List.of(27017), List.of("docker-entrypoint.sh"), List.of("mongod"), Set.of("mongod"), List.of(),
            Set.of(), null, null, "mongod's default port; `--port` in its command moves it", "--port %d",
            ServerImagePorts::mongo),
    MEMCACHED("memcached", List.of(11211), List.of("docker-entrypoint.sh"), List.of("memcached"),
            Set.of("memcached"), List.of(), Set.of(), null, null,
            "memcached's default port; `-p` in its command moves it", "-p %d", ServerImagePorts::memcached),
    GRAFANA("Grafana", List.of(3000), List.of("/run.sh"), List.of(), Set.of("/run.sh"),
            List.of("/etc/grafana/grafana.ini"), Set.of(), "GF_SERVER_HTTP_PORT",
            name -> name.startsWith("GF_SERVER_HTTP_PORT_") || name.equals("GF_SERVER_PROTOCOL")
                    || name.startsWith("GF_PATHS_CONFIG"),
            "Grafana's default port; GF_SERVER_HTTP_PORT moves it", null, ServerImagePorts::noArguments),
    PROMETHEUS("Prometheus", List.of(9090), List.of("/bin/prometheus"),
            List.of("--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"),
            Set.of("prometheus"), List.of(), Set.of(), null, null,
            "Prometheus's default --web.listen-address", "--web.listen-address=:%d", ServerImagePorts::prometheus),
    RABBITMQ("RabbitMQ", List.of(5672, 4369, 25672, 15692), List.of("docker-entrypoint.sh"),
            List.of("rabbitmq-server"), Set.of("rabbitmq-server"), List.of("/etc/rabbitmq"), Set.of(), null,
            name -> name.startsWith("RABBITMQ_") && !Set.of("RABBITMQ_DEFAULT_USER", "RABBITMQ_DEFAULT_PASS",
                    "RABBITMQ_DEFAULT_VHOST", "RABBITMQ_ERLANG_COOKIE", "RABBITMQ_NODENAME").contains(name),
            "RabbitMQ's AMQP, epmd, inter-node and Prometheus ports", null, ServerImagePorts::noArguments),
    ELASTICSEARCH("Elasticsearch", List.of(9200, 9300),
            List.of("/bin/tini", "--", "/usr/local/bin/docker-entrypoint.sh"), List.of("eswrapper"),
            Set.of("eswrapper"), List.of("/usr/share/elasticsearch/config"), Set.of(), null,
            name -> name.toLowerCase(Locale.ROOT).contains("port"),
            "Elasticsearch's default HTTP and transport ports", null, ServerImagePorts::noArguments),
    MINIO("MinIO", List.of(9000), List.of("/usr/bin/docker-entrypoint.sh"), List.of("minio"), Set.of("minio"),
            List.of(), Set.of(), null, name -> name.equals("MINIO_CONFIG_ENV_FILE") || name.equals("MINIO_OPTS"),
            "MinIO's default API port", "--address :%d", Minio::read);

    /**
     * How a container starts the image.
     *
     * @param entrypoint the entrypoint it sets (compose {@code entrypoint}, a Kubernetes container's {@code command}),
     *     or null for the image's own
     * @param command the command it sets (compose {@code command}, Kubernetes {@code args}), or null for the image's
     *     CMD, which an entrypoint of the container's own clears; a word drydock cannot read is passed as written
     *     ({@code ${PORT}}, {@code $(PORT)})
     * @param environment the variables it sets, with a null value where drydock cannot read it
     * @param moreEnvironment whether something drydock does not read may set more of them (env_file, envFrom)
     * @param mounts the paths in the container where volumes, files, configs or secrets are mounted
     */
    public record Start(List<String> entrypoint, List<String> command, Map<String, String> environment,
            boolean moreEnvironment, List<String> mounts) {

        public Start {
            entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
            command = command == null ? null : List.copyOf(command);
            environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
            mounts = List.copyOf(mounts);
        }
    }

    /**
     * Where the server listens.
     *
     * @param ports the TCP ports, its main one first
     * @param because why it listens there, for messages ({@code PGPORT=5433 in its environment})
     * @param variable the environment variable that moves the main port, or null when none does
     * @param option the command option that moves it, as a format ({@code --port %d}), or null when none does
     */
    public record Listening(List<Integer> ports, String because, String variable, String option) {}

    /**
     * What the arguments after the server's program make of its ports.
     *
     * @param ports the ports, null to keep the image's
     * @param because why, or null for the image's default
     * @param mainSet whether they set the main port (an environment variable then no longer moves it)
     */
    record Read(List<Integer> ports, String because, boolean mainSet) {

        static final Read UNKNOWN = new Read(List.of(), null, true);
        static final Read DEFAULTS = new Read(null, null, false);

        static Read moved(List<Integer> ports, String because) {
            return new Read(List.copyOf(ports), because, true);
        }
    }

    /** Reads the arguments after the server's program, with the container's environment. */
    @FunctionalInterface
    interface ArgumentReader {
        Read read(List<String> args, Map<String, String> environment);
    }

    private static final Set<String> INITS = Set.of("tini", "tini-static", "dumb-init");
    private static final Set<String> UNPRIVILEGED_NAMES = Set.of("docker.io/nginxinc/nginx-unprivileged",
            "ghcr.io/nginxinc/nginx-unprivileged", "quay.io/nginx/nginx-unprivileged",
            "public.ecr.aws/nginx/nginx-unprivileged");
    private static final Map<String, ServerImagePorts> OFFICIAL = Map.of("nginx", NGINX, "httpd", HTTPD, "redis", REDIS,
            "postgres", POSTGRES, "mysql", MYSQL, "mariadb", MARIADB, "mongo", MONGO, "memcached", MEMCACHED,
            "rabbitmq", RABBITMQ, "elasticsearch", ELASTICSEARCH);
    private static final Map<String, ServerImagePorts> VENDOR = Map.ofEntries(
            Map.entry("docker.io/bitnami/nginx", BITNAMI_NGINX),
            Map.entry("docker.io/grafana/grafana", GRAFANA), Map.entry("docker.io/grafana/grafana-oss", GRAFANA),
            Map.entry("docker.io/grafana/grafana-enterprise", GRAFANA),
            Map.entry("docker.io/prom/prometheus", PROMETHEUS), Map.entry("quay.io/prometheus/prometheus", PROMETHEUS),
            Map.entry("docker.elastic.co/elasticsearch/elasticsearch", ELASTICSEARCH),
            Map.entry("docker.io/minio/minio", MINIO), Map.entry("quay.io/minio/minio", MINIO));

    private final String server;
    private final List<Integer> defaults;
    private final List<String> entrypoint;
    private final List<String> cmd;
    private final Set<String> programs;
    private final List<String> configuration;
    private final Set<String> configurationFiles;
    private final String portVariable;
    private final Predicate<String> otherVariables;
    private final String byDefault;
    private final String option;
    private final ArgumentReader reader;

    /**
     * @param entrypoint the image's ENTRYPOINT
     * @param cmd the image's CMD
     * @param programs the programs that start the server: a file name, or a path the command must name as it is
     * @param configuration the paths of the configuration a mount may replace (at, inside or above them)
     * @param configurationFiles configuration file names a mount anywhere may replace
     * @param portVariable the environment variable that moves the main port, or null
     * @param otherVariables the environment variables that move the ports in ways not read here, or null for none
     * @param byDefault why it listens on its defaults
     * @param option the command option that moves the main port, as a format ({@code --port %d}), or null
     */
    ServerImagePorts(String server, List<Integer> defaults, List<String> entrypoint, List<String> cmd,
            Set<String> programs, List<String> configuration, Set<String> configurationFiles, String portVariable,
            Predicate<String> otherVariables, String byDefault, String option, ArgumentReader reader) {
        this.server = server;
        this.defaults = defaults;
        this.entrypoint = entrypoint;
        this.cmd = cmd;
        this.programs = programs;
        this.configuration = configuration;
        this.configurationFiles = configurationFiles;
        this.portVariable = portVariable;
        this.otherVariables = otherVariables;
        this.byDefault = byDefault;
        this.option = option;
        this.reader = reader;
    }

    /** The server the image runs, when it is one of these images. */
    public static Optional<ServerImagePorts> of(ImageReference ref) {
        if (ref == null || !ref.isImage() || ref.fullName() == null) {
            return Optional.empty();
        }
        if (ref.isOfficialImage()) {
            return Optional.ofNullable(OFFICIAL.get(ref.imageName()));
        }
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        if (UNPRIVILEGED_NAMES.contains(name)) {
            return Optional.of(NGINX_UNPRIVILEGED);
        }
        ServerImagePorts vendor = VENDOR.get(name);
        return vendor == BITNAMI_NGINX && !nonRootBitnami(ref) ? Optional.empty() : Optional.ofNullable(vendor);
    }

    /** Whether the image is nginx-unprivileged (Docker Hub, ghcr.io, quay.io or ECR Public). */
    public static boolean nginxUnprivileged(ImageReference ref) {
        return ref != null && ref.fullName() != null && UNPRIVILEGED_NAMES.contains(ref.fullName().toLowerCase(Locale.ROOT));
    }

    /** bitnami/nginx runs as a non-root user on 8080 from 1.14 on; the tags of older releases listened on 80. */
    private static boolean nonRootBitnami(ImageReference ref) {
        TagVersion version = ref.version();
        if (version == null || !version.hasVersion()) {
            return true; // latest, or a digest
        }
        long major = version.major().orElse(0);
        return major > 1 || major == 1 && version.minor().orElse(0) >= 14;
    }

    /** What messages call the server: {@code nginx}, {@code PostgreSQL}. */
    public String server() {
        return server;
    }

    /** The ports it listens on as published, its main one first. */
    public List<Integer> defaultPorts() {
        return defaults;
    }

    /**
     * The ports the server of {@code ref} (one of this entry's images: rabbitmq's -management tags add 15672)
     * listens on as the container starts it; empty when drydock cannot tell.
     */
    public Optional<Listening> listening(ImageReference ref, Start start) {
        Map<String, String> environment = start.environment();
        if (start.mounts().stream().anyMatch(this::overConfiguration)
                || otherVariables != null && environment.keySet().stream().anyMatch(otherVariables)
                || start.moreEnvironment() && (portVariable != null || otherVariables != null)) {
            return Optional.empty();
        }
        List<String> argv = started(ref, start);
        Read read = argv == null ? Read.UNKNOWN : reader.read(argv.subList(1, argv.size()), environment);
        if (read == Read.UNKNOWN) {
            return Optional.empty();
        }
        List<Integer> ports = new ArrayList<>(read.ports() == null ? defaults : read.ports());
        String because = read.because() == null ? byDefault : read.because();
        if (!read.mainSet() && portVariable != null && environment.containsKey(portVariable)) {
            Integer moved = port(environment.get(portVariable));
            if (moved == null) {
                return Optional.empty();
            }
            ports.set(0, moved);
            because = portVariable + "=" + moved + " in its environment";
        }
        if (this == RABBITMQ && ref != null && ref.effectiveTagLowerCase().contains("management")) {
            ports.add(15672);
        }
        return ports.isEmpty() ? Optional.empty()
                : Optional.of(new Listening(List.copyOf(ports), because, portVariable, option));
    }

    /** Whether a mount at {@code path} may put configuration of its own where the server reads it. */
    private boolean overConfiguration(String path) {
        String mount = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String name = fileName(mount);
        if (configurationFiles.contains(name) || (this == MYSQL || this == MARIADB) && name.endsWith(".cnf")) {
            return true;
        }
        return configuration.stream().anyMatch(p -> mount.equals(p) || mount.equals("/")
                || mount.startsWith(p + "/") || p.startsWith(mount + "/"));
    }

    /**
     * The command the server runs with, its program first, once the image's entry-point script has put the server
     * before options; null when the container runs another program or nothing.
     */
    private List<String> started(ImageReference ref, Start start) {
        List<String> argv = new ArrayList<>(start.entrypoint() == null ? entrypoint : start.entrypoint());
        argv.addAll(start.command() != null ? start.command() : start.entrypoint() == null ? cmd : List.of());
        if (!argv.isEmpty() && INITS.contains(fileName(argv.get(0)))) {
            argv.remove(0);
            if (!argv.isEmpty() && argv.get(0).equals("--")) {
                argv.remove(0);
            }
        }
        String script = entrypoint.isEmpty() || isProgram(entrypoint.get(0)) ? null
                : entrypoint.get(entrypoint.size() - 1);
        if (script != null && !argv.isEmpty() && (argv.get(0).equals(script)
                || !script.contains("/") && fileName(argv.get(0)).equals(script))) {
            argv = afterScript(ref, argv.subList(1, argv.size()));
        }
        return argv == null || argv.isEmpty() || !isProgram(argv.get(0)) ? null : argv;
    }

    /** Whether the word starts the server: a program of it by file name, or by the path the image gives it. */
    private boolean isProgram(String word) {
        return programs.contains(word) || programs.contains(fileName(word));
    }

    /** What the image's entry-point script runs for these arguments. */
    private List<String> afterScript(ImageReference ref, List<String> args) {
        return switch (this) {
            case REDIS, POSTGRES, MYSQL, MARIADB, MONGO -> EntrypointScriptImages.of(ref)
                    .map(script -> new ArrayList<>(script.started(args))).orElse(null);
            case MEMCACHED -> !args.isEmpty() && args.get(0).startsWith("-") ? prepend("memcached", args) : args;
            case MINIO -> !args.isEmpty() && !args.get(0).equals("minio") ? prepend("minio", args) : args;
            default -> args;
        };
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The port a word gives ({@code 6380}), or null when it is no port number. */
    static Integer port(String word) {
        if (word == null || !word.strip().matches("[0-9]{1,5}")) {
            return null;
        }
        int port = Integer.parseInt(word.strip());
        return port > 0 && port < 65536 ? port : null;
    }

    /** The port of a listen address ({@code :9091}, {@code 0.0.0.0:9091}, {@code [::]:9091}), or null. */
    static Integer addressPort(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        return colon < 0 ? null : port(address.substring(colon + 1));
    }

    /**
     * The value of the option {@code name} when {@code args[i]} is it: the next word ({@code --port 6380}), after
     * {@code =} ({@code --port=6380}), or with {@code attached} glued to it ({@code -p6380}); null when it is not.
     */
    static String value(List<String> args, int i, String name, boolean attached) {
        String word = args.get(i);
        if (word.equals(name)) {
            return i + 1 < args.size() ? args.get(i + 1) : "";
        }
        if (word.startsWith(name + "=")) {
            return word.substring(name.length() + 1);
        }
        return attached && word.startsWith(name) && word.length() > name.length() ? word.substring(name.length())
                : null;
    }

    private static Read noArguments(List<String> args, Map<String, String> environment) {
        return args.isEmpty() ? Read.DEFAULTS : Read.UNKNOWN;
    }

    /** httpd's -D definitions keep the Listen of httpd.conf; -f, -C, -c and the others leave it unknown. */
    private static Read httpd(List<String> args, Map<String, String> environment) {
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (word.equals("-D") || word.equals("-e") || word.equals("-E")) {
                i++;
            } else if (!word.startsWith("-D") && !word.startsWith("-e") && !word.startsWith("-E")
                    && !word.equals("-X")) {
                return Read.UNKNOWN;
            }
        }
        return Read.DEFAULTS;
    }

    /** redis-server [configfile] [--option value ...], the last --port winning. */
    private static Read redis(List<String> args, Map<String, String> environment) {
        if (!args.isEmpty() && !args.get(0).startsWith("--")) {
            return Read.UNKNOWN; // a configuration file, or - for standard input
        }
        Integer port = null;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (word.equals("--port")) {
                port = i + 1 < args.size() ? port(args.get(++i)) : null;
                if (port == null) {
                    return Read.UNKNOWN; // 0 turns TCP off; a variable
                }
            } else if (Set.of("--tls-port", "--include", "--sentinel", "--cluster-enabled", "--test-memory")
                    .contains(word) || word.startsWith("--port=")) {
                return Read.UNKNOWN;
            }
        }
        return port == null ? Read.DEFAULTS : Read.moved(List.of(port), "`--port " + port + "` in its command");
    }

    /** postgres -p N, -c port=N, --port=N; another configuration file, or a run that does not serve, is unknown. */
    private static Read postgres(List<String> args, Map<String, String> environment) {
        Integer port = null;
        String written = null;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            String setting = null;
            if (word.equals("-p") || word.startsWith("-p") && !word.startsWith("--")) {
                String given = word.equals("-p") ? (i + 1 < args.size() ? args.get(++i) : "") : word.substring(2);
                port = port(given);
                written = "-p " + given;
            } else if (word.equals("-c")) {
                setting = i + 1 < args.size() ? args.get(++i) : "";
            } else if (word.startsWith("-c") && !word.startsWith("--")) {
                setting = word.substring(2);
            } else if (word.startsWith("--") && word.contains("=")) {
                setting = word.substring(2);
            } else if (Set.of("-C", "-V", "-?", "--single", "--boot", "--describe-config", "--version", "--help",
                    "--check").contains(word)) {
                return Read.UNKNOWN;
            }
            if (setting != null) {
                int equals = setting.indexOf('=');
                String name = equals < 0 ? "" : setting.substring(0, equals).replace('-', '_');
                if (name.equals("port")) {
                    port = port(setting.substring(equals + 1));
                    written = (word.startsWith("--") ? "--" : "-c ") + setting;
                } else if (name.isEmpty() || name.equals("config_file")) {
                    return Read.UNKNOWN;
                }
            }
            if (written != null && port == null) {
                return Read.UNKNOWN;
            }
        }
        return port == null ? Read.DEFAULTS : Read.moved(List.of(port), "`" + written + "` in its command");
    }

    /** mongod --port N; --shardsvr and --configsvr change the default; a configuration file is unknown. */
    private static Read mongo(List<String> args, Map<String, String> environment) {
        Integer port = null;
        Integer role = null;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            String given = value(args, i, "--port", false);
            if (given != null) {
                port = port(given);
                if (port == null) {
                    return Read.UNKNOWN;
                }
                i += word.equals("--port") ? 1 : 0;
            } else if (word.equals("--shardsvr")) {
                role = 27018;
            } else if (word.equals("--configsvr")) {
                role = 27019;
            } else if (word.equals("-f") || word.startsWith("--config") || Set.of("-h", "--help", "--version")
                    .contains(word)) {
                return Read.UNKNOWN;
            }
        }
        if (port != null) {
            return Read.moved(List.of(port), "`--port " + port + "` in its command");
        }
        return role == null ? Read.DEFAULTS : Read.moved(List.of(role), "mongod's default port with "
                + (role == 27018 ? "--shardsvr" : "--configsvr"));
    }

    /** memcached -p N (--port=N); -s, a unix socket, turns TCP off. */
    private static Read memcached(List<String> args, Map<String, String> environment) {
        Integer port = null;
        String written = null;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            String given = value(args, i, "-p", true);
            given = given != null ? given : value(args, i, "--port", false);
            if (given != null) {
                port = port(given);
                if (port == null) {
                    return Read.UNKNOWN;
                }
                written = word.startsWith("--") ? "--port=" + port : "-p " + port;
                i += word.equals("-p") || word.equals("--port") ? 1 : 0;
            } else if (word.startsWith("-s") || word.startsWith("--unix-socket")
                    || Set.of("-h", "--help", "-V", "--version").contains(word)) {
                return Read.UNKNOWN;
            }
        }
        return port == null ? Read.DEFAULTS : Read.moved(List.of(port), "`" + written + "` in its command");
    }

    /** prometheus [flags]: every --web.listen-address. */
    private static Read prometheus(List<String> args, Map<String, String> environment) {
        List<Integer> ports = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            String address = value(args, i, "--web.listen-address", false);
            address = address != null ? address : value(args, i, "-web.listen-address", false);
            if (address != null) {
                Integer port = addressPort(address);
                if (port == null) {
                    return Read.UNKNOWN;
                }
                ports.add(port);
                written.add("--web.listen-address=" + address);
                i += word.endsWith("web.listen-address") ? 1 : 0;
            } else if (!word.startsWith("-") || Set.of("-h", "--help", "--version").contains(word)) {
                return Read.UNKNOWN;
            }
        }
        return ports.isEmpty() ? Read.DEFAULTS
                : Read.moved(ports, "`" + String.join(" ", written) + "` in its command");
    }

    /** nginx's options: another configuration file or prefix, or a test or signal run, leave the ports unknown. */
    static final class Nginx {

        private Nginx() {}

        static final List<String> CONFIGURATION = List.of("/etc/nginx/nginx.conf", "/etc/nginx/conf.d",
                "/etc/nginx/templates", "/docker-entrypoint.d");

        /** The image's entrypoint writes conf.d from the templates of another folder, or into another one. */
        static boolean writesConfiguration(String name) {
            return name.equals("NGINX_ENVSUBST_TEMPLATE_DIR") || name.equals("NGINX_ENVSUBST_OUTPUT_DIR");
        }

        static Read read(List<String> args, Map<String, String> environment) {
            for (int i = 0; i < args.size(); i++) {
                String word = args.get(i);
                if (word.equals("-g") || word.equals("-e")) {
                    String given = i + 1 < args.size() ? args.get(++i) : "";
                    if (word.equals("-g") && (given.contains("include") || given.contains("{"))) {
                        return Read.UNKNOWN; // -g sets main-context directives only, unless it includes a file
                    }
                } else if (!word.equals("-q")) {
                    return Read.UNKNOWN; // -c, -p, -t, -T, -s, -v ...
                }
            }
            return Read.DEFAULTS;
        }
    }

    /** mysqld's and mariadbd's options (long names with - or _, a loose- prefix) and option files. */
    static final class Mysql {

        private Mysql() {}

        static final List<String> CONFIGURATION = List.of("/etc/mysql", "/etc/my.cnf", "/etc/my.cnf.d");

        private static final Set<String> NOT_SERVING = Set.of("defaults-file", "defaults-extra-file",
                "skip-networking", "help", "version", "verbose", "validate-config", "initialize",
                "initialize-insecure");

        static boolean movesPort(String name) {
            return name.equals("MARIADB_TCP_PORT") || name.equals("MYSQLX_TCP_PORT");
        }

        static Read withX(List<String> args, Map<String, String> environment) {
            return read(args, true);
        }

        static Read withoutX(List<String> args, Map<String, String> environment) {
            return read(args, false);
        }

        private static Read read(List<String> args, boolean xProtocol) {
            Integer port = null;
            Integer x = xProtocol ? 33060 : null;
            String written = null;
            for (int i = 0; i < args.size(); i++) {
                String word = args.get(i);
                if (word.startsWith("-P")) {
                    String given = word.equals("-P") ? (i + 1 < args.size() ? args.get(++i) : "") : word.substring(2);
                    port = port(given);
                    written = "-P " + given;
                } else if (word.startsWith("--")) {
                    int equals = word.indexOf('=');
                    String name = (equals < 0 ? word.substring(2) : word.substring(2, equals)).replace('_', '-');
                    name = name.startsWith("loose-") ? name.substring("loose-".length()) : name;
                    if (NOT_SERVING.contains(name)) {
                        return Read.UNKNOWN;
                    }
                    if (name.equals("port") || name.equals("mysqlx-port") && xProtocol) {
                        String given = equals >= 0 ? word.substring(equals + 1)
                                : i + 1 < args.size() ? args.get(++i) : "";
                        if (port(given) == null) {
                            return Read.UNKNOWN;
                        }
                        if (name.equals("port")) {
                            port = port(given);
                            written = "--port=" + given;
                        } else {
                            x = port(given);
                        }
                    } else if (xProtocol && (name.equals("skip-mysqlx") || name.equals("disable-mysqlx")
                            || name.equals("mysqlx") && equals >= 0 && Set.of("off", "0", "false")
                                    .contains(word.substring(equals + 1).toLowerCase(Locale.ROOT)))) {
                        x = null;
                    }
                } else if (word.equals("-V") || word.equals("-?")) {
                    return Read.UNKNOWN;
                }
                if (written != null && port == null) {
                    return Read.UNKNOWN;
                }
            }
            if (port == null && java.util.Objects.equals(x, xProtocol ? 33060 : null)) {
                return Read.DEFAULTS;
            }
            List<Integer> ports = new ArrayList<>();
            ports.add(port == null ? 3306 : port);
            if (x != null) {
                ports.add(x);
            }
            String because = written != null ? "`" + written + "` in its command"
                    : x == null ? "MySQL's default port, with X Protocol turned off" : "`--mysqlx-port=" + x
                            + "` in its command";
            return new Read(List.copyOf(ports), because, port != null);
        }
    }

    /** minio server [--address ADDR] [--console-address ADDR] DIR...; the flags win over MINIO_ADDRESS and co. */
    static final class Minio {

        private Minio() {}

        static Read read(List<String> args, Map<String, String> environment) {
            if (args.isEmpty() || !args.get(0).equals("server")) {
                return Read.UNKNOWN;
            }
            String api = null;
            String console = null;
            for (int i = 1; i < args.size(); i++) {
                String word = args.get(i);
                String a = value(args, i, "--address", false);
                String c = value(args, i, "--console-address", false);
                if (a != null) {
                    api = a;
                } else if (c != null) {
                    console = c;
                } else if (word.startsWith("--ftp") || word.startsWith("--sftp") || word.equals("--help")
                        || word.equals("-h")) {
                    return Read.UNKNOWN; // FTP and SFTP servers listen on ports of their own
                }
                i += word.equals("--address") || word.equals("--console-address") ? 1 : 0;
            }
            List<String> why = new ArrayList<>();
            if (api == null && environment.containsKey("MINIO_ADDRESS")) {
                api = environment.get("MINIO_ADDRESS");
                why.add("MINIO_ADDRESS=" + api + " in its environment");
            } else {
                why.add(api == null ? "MinIO's default API port" : "`--address " + api + "` in its command");
            }
            if (console == null && environment.containsKey("MINIO_CONSOLE_ADDRESS")) {
                console = environment.get("MINIO_CONSOLE_ADDRESS");
                why.add("MINIO_CONSOLE_ADDRESS=" + console + " in its environment");
            } else {
                why.add(console == null ? "its console listens on a port MinIO picks at random, as no"
                        + " --console-address sets one" : "`--console-address " + console + "` in its command");
            }
            Integer apiPort = api == null ? Integer.valueOf(9000) : addressPort(api);
            Integer consolePort = console == null ? null : addressPort(console);
            if (apiPort == null || console != null && consolePort == null) {
                return Read.UNKNOWN;
            }
            return Read.moved(consolePort == null ? List.of(apiPort) : List.of(apiPort, consolePort),
                    String.join("; ", why));
        }
    }
}
