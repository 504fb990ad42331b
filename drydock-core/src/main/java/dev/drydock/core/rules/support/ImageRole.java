package dev.drydock.core.rules.support;

import dev.drydock.core.project.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an image built here is for, read from the command it runs: most images run an application; some
 * package a language runtime or tool chain for other images to build on ({@code CMD ["python3"]}, an
 * interactive interpreter, or no command at all on a distribution's image, whose default is its shell), or
 * a stock server configured at run time ({@code postgres}, {@code nginx}, {@code php-fpm}, Tomcat's
 * {@code catalina.sh}), as the Docker official images do. Rules about an application's user and health
 * speak differently to the last two.
 */
public enum ImageRole {
    APPLICATION, RUNTIME_BASE, SERVER;

    private static final Set<String> INTERPRETERS = Set.of("python", "python3", "node", "nodejs", "bash", "sh", "ash",
            "zsh", "ruby", "irb", "php", "perl", "jshell", "iex", "erl", "ghci", "R", "julia", "lua", "deno", "bun");
    private static final Set<String> SERVERS = Set.of("postgres", "mysqld", "mariadbd", "mongod", "redis-server",
            "valkey-server", "memcached", "nginx", "httpd", "httpd-foreground", "apache2-foreground", "haproxy",
            "rabbitmq-server", "influxd", "etcd", "consul", "vault", "registry", "mosquitto", "traefik", "caddy",
            "php-fpm", "catalina.sh");

    public static ImageRole of(Container c) {
        List<String> argv = command(c);
        if (argv.isEmpty()) {
            return APPLICATION;
        }
        String program = name(argv.get(0));
        if (argv.size() == 1 && INTERPRETERS.contains(program)) {
            return RUNTIME_BASE;
        }
        return SERVERS.contains(program) ? SERVER : APPLICATION;
    }

    /**
     * The program the container's command comes down to ({@code postgres} for {@code docker-entrypoint.sh
     * postgres}; the distribution's shell when nothing sets a command), or empty when it is not known.
     */
    public static Optional<String> program(Container c) {
        List<String> argv = command(c);
        return argv.isEmpty() ? Optional.empty() : Optional.of(name(argv.get(0)));
    }

    /** Whether the command is none of the Dockerfile's: the base image's default shell. */
    public static boolean inheritsShell(Container c) {
        return c.command() == null && inheritedShell(c).isPresent();
    }

    /** The command after any entry-point scripts ({@code docker-entrypoint.sh postgres} is {@code postgres}). */
    private static List<String> command(Container c) {
        if (c.command() == null) {
            return inheritedShell(c).map(List::of).orElse(List.of());
        }
        if (c.command().shellForm()) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(c.command().argv());
        while (!argv.isEmpty() && !SERVERS.contains(name(argv.get(0))) && (argv.get(0).endsWith(".sh")
                || argv.get(0).contains("entrypoint") || List.of("tini", "/sbin/tini", "dumb-init", "--").contains(argv.get(0)))) {
            argv.remove(0);
        }
        return argv;
    }

    private static Optional<String> inheritedShell(Container c) {
        if (c.build() == null) {
            return Optional.empty();
        }
        return BaseImageFacts.defaultShell(Stages.rootBase(c.build().model(), c.build().stage()));
    }

    private static String name(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }
}
