package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.image.EntrypointScriptImages;
import dev.drydock.core.project.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an image built here is for, read from the command it runs: most images run an application; some
 * package a language runtime or tool chain for other images to build on ({@code CMD ["python3"]}, an
 * interactive interpreter or a bare build tool such as {@code mvn}; or no command and no application of its
 * own on an official image, whose default command it keeps: a distribution's shell, python's interpreter), or
 * a stock server configured at run time ({@code postgres}, {@code nginx}, {@code php-fpm}, Tomcat's
 * {@code catalina.sh}), as the Docker official images do. Rules about an application's user and health
 * speak differently to the last two.
 */
public enum ImageRole {
    APPLICATION, RUNTIME_BASE, SERVER;

    private static final Set<String> INTERPRETERS = Set.of("python", "python3", "node", "nodejs", "bash", "sh", "ash",
            "zsh", "ruby", "irb", "php", "perl", "jshell", "iex", "erl", "ghci", "R", "julia", "lua", "deno", "bun",
            "mvn", "gradle", "cargo", "rustc", "go", "dotnet", "composer");
    private static final Set<String> SERVERS = Set.of("postgres", "mysqld", "mariadbd", "mongod", "redis-server",
            "valkey-server", "memcached", "nginx", "httpd", "httpd-foreground", "apache2-foreground", "haproxy",
            "rabbitmq-server", "influxd", "etcd", "consul", "vault", "registry", "mosquitto", "traefik", "caddy",
            "php-fpm", "catalina.sh", "clickhouse-server");

    /**
     * Servers that, started as root, run their work as the unprivileged user their configuration names
     * (nginx and Apache workers, php-fpm pools, haproxy's user, mysqld --user, memcached -u, mosquitto's user).
     */
    private static final Set<String> DROPPING_SERVERS = Set.of("nginx", "httpd", "httpd-foreground",
            "apache2-foreground", "php-fpm", "haproxy", "mysqld", "mariadbd", "memcached", "mosquitto");

    /**
     * Debian's and Ubuntu's launchers of apache2: they read /etc/apache2/envvars, whose APACHE_RUN_USER (www-data) the
     * workers run as (apache2 itself fails to start without them under the default configuration).
     */
    private static final Set<String> APACHE_LAUNCHERS = Set.of("apache2ctl", "apachectl");

    /** Whether the server program drops root to a configured user for its work. */
    public static boolean dropsToConfiguredUser(String program) {
        return DROPPING_SERVERS.contains(program);
    }

    /**
     * Why a program that a supervisor (supervisord, s6, runit) starts as root keeps root by design, for a message,
     * or empty: sshd needs root to log users in and drops it for each session; a stock server's master drops its
     * workers to the user its configuration names (nginx, Apache, php-fpm's pools ...).
     */
    public static Optional<String> rootByDesign(String program) {
        if (program.equals("sshd")) {
            return Optional.of("sshd, which needs root to log users in and drops it for each session");
        }
        if (DROPPING_SERVERS.contains(name(program)) || APACHE_LAUNCHERS.contains(program)) {
            return Optional.of(program + ", whose workers drop to the user its configuration names");
        }
        return Optional.empty();
    }

    public static ImageRole of(Container c) {
        List<String> argv = command(c);
        if (argv.isEmpty()) {
            return APPLICATION;
        }
        String program = name(argv.get(0));
        if (argv.size() == 1 && INTERPRETERS.contains(program)) {
            return RUNTIME_BASE;
        }
        return SERVERS.contains(program) && !deploysWebApplication(c, program) ? SERVER : APPLICATION;
    }

    /**
     * Whether the image puts a web application into Tomcat (a .war, or anything copied into its webapps folder):
     * Tomcat runs the application's code in its own JVM and never switches users, so such an image is the
     * application's, and its user is that of the application.
     */
    private static boolean deploysWebApplication(Container c, String program) {
        if (!program.equals("catalina.sh") || c.build() == null) {
            return false;
        }
        for (Stage stage : Stages.inImage(c.build().model(), c.build().stage())) {
            for (CopyCommand copy : stage.copies()) {
                String destination = copy.containerPath() == null ? "" : copy.containerPath();
                if (destination.contains("/webapps") || destination.endsWith(".war")
                        || copy.sources().stream().anyMatch(s -> s.endsWith(".war"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The program the container's command comes down to ({@code postgres} for {@code docker-entrypoint.sh
     * postgres}; the distribution's shell when nothing sets a command), or empty when it is not known.
     */
    public static Optional<String> program(Container c) {
        List<String> argv = command(c);
        return argv.isEmpty() ? Optional.empty() : Optional.of(name(argv.get(0)));
    }

    /** Whether the command is none of the Dockerfile's but the base image's default (see {@link #of}). */
    public static boolean inheritsCommand(Container c) {
        return c.command() == null && inheritedCommand(c).isPresent();
    }

    /**
     * The command after any entry-point scripts ({@code docker-entrypoint.sh postgres} is {@code postgres}); php-fpm,
     * nginx or Apache's launcher also when a start script, {@code sh -c} or a shell-form command runs it last, as the
     * entry point reads it.
     */
    private static List<String> command(Container c) {
        if (c.command() == null) {
            return inheritedCommand(c).map(List::of).orElse(List.of());
        }
        List<String> argv = new ArrayList<>(c.command().shellForm() ? List.of() : c.command().argv());
        while (!argv.isEmpty() && !SERVERS.contains(name(argv.get(0))) && (argv.get(0).endsWith(".sh")
                || argv.get(0).contains("entrypoint") || List.of("tini", "/sbin/tini", "dumb-init", "--").contains(argv.get(0)))) {
            argv.remove(0);
        }
        boolean server = !argv.isEmpty() && SERVERS.contains(name(argv.get(0)));
        Runtime started = c.entryPoint() == null ? null : c.entryPoint().runtime();
        if (!server && (started == Runtime.PHP_FPM || started == Runtime.NGINX)) {
            return List.of(started.displayName());
        }
        if (!server && started == Runtime.APACHE && SERVERS.contains(name(c.entryPoint().args().get(0)))) {
            return List.of(name(c.entryPoint().args().get(0)));
        }
        return c.command().shellForm() ? List.of() : startedByBaseEntrypoint(c, argv);
    }

    /**
     * The command as the base image's entry-point script runs it when the image keeps that script: postgres's, mysql's
     * or redis's put their server before a CMD of options only ({@link EntrypointScriptImages}).
     */
    private static List<String> startedByBaseEntrypoint(Container c, List<String> argv) {
        if (argv.isEmpty() || c.build() == null || c.build().stage() == null || c.command().entrypoint().size() > 0
                && !c.command().inheritsEntrypoint()) {
            return argv;
        }
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        return base instanceof BaseImage.External external
                ? EntrypointScriptImages.of(external.reference()).map(script -> script.started(argv)).orElse(argv)
                : argv;
    }

    /**
     * The official base image's own command, when the image sets none and adds no application from the
     * build context or another stage (only scripts and configuration) or is built from a Dockerfile named for a base
     * image that no compose service runs, or when that command is a stock server, which serves
     * what the image copies in (nginx, httpd): an image that copies an application but no command to start
     * it otherwise stays an application.
     */
    private static Optional<String> inheritedCommand(Container c) {
        if (c.build() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        Optional<String> command = BaseImageFacts.defaultCommand(Stages.rootBase(c.build().model(), c.build().stage()));
        return command.filter(program -> SERVERS.contains(name(program)) || !copiesApplication(c) || namedBase(c));
    }

    /** A Dockerfile named for a base image (Dockerfile.base, base.Dockerfile): what it copies is for images built on it. */
    private static final Pattern BASE_FILE = Pattern.compile("(?i)(.*[.-])?base([.-].*)?");

    private static boolean namedBase(Container c) {
        return c.service() == null && BASE_FILE.matcher(name(c.build().dockerfile())).matches();
    }

    /**
     * The stock server the container runs because the image keeps its official base image's command (nginx
     * serving the files the Dockerfile copies in), or empty.
     */
    public static Optional<String> inheritedServer(Container c) {
        return c.command() != null ? Optional.empty()
                : inheritedCommand(c).map(ImageRole::name).filter(SERVERS::contains);
    }

    private static boolean copiesApplication(Container c) {
        for (Stage stage : Stages.inImage(c.build().model(), c.build().stage())) {
            for (CopyCommand copy : stage.copies()) {
                // the context, or what a stage built, unless a tool chain unpacked into / or the system's directories
                boolean ownFiles = copy.fromContext() || copy.fromStage() >= 0 && copy.containerPath() != null
                        && !copy.containerPath().equals("/") && !SystemDirectories.target(copy);
                if (ownFiles && copy.sources().stream().anyMatch(s -> !supportFile(s, copy.containerPath()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An entry-point or helper script, or a configuration file: {@code docker-entrypoint.sh}, {@code my.cnf}. */
    private static boolean supportFile(String source, String destination) {
        String name = name(source).toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".sh") || name.contains("entrypoint") || CONFIGURATION.matcher(name).find()
                || destination != null && BIN_FOLDER.matcher(destination).find();
    }

    private static final Pattern CONFIGURATION = Pattern.compile("\\.(conf|cnf|cfg|ini|ya?ml|toml|properties|xml)$");
    private static final Pattern BIN_FOLDER = Pattern.compile("^/(usr/(local/)?)?s?bin/");

    /** A packaged php-fpm names its version ({@code php-fpm8.2} on Debian, {@code php-fpm83} on Alpine). */
    private static final Pattern VERSIONED_PHP_FPM = Pattern.compile("php-fpm[\\d.]+");

    private static String name(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        return VERSIONED_PHP_FPM.matcher(name).matches() ? "php-fpm" : name;
    }
}
