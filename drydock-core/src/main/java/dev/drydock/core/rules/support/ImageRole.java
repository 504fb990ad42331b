package dev.drydock.core.rules.support;

import dev.drydock.core.project.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an image built here is for, read from the command it runs: most images run an application; some
 * package a language runtime for other images to build on ({@code CMD ["python3"]}, an interactive
 * interpreter), or a stock server configured at run time ({@code postgres}, {@code nginx}), as the Docker
 * official images do. Rules about an application's user and health speak differently to the last two.
 */
public enum ImageRole {
    APPLICATION, RUNTIME_BASE, SERVER;

    private static final Set<String> INTERPRETERS = Set.of("python", "python3", "node", "nodejs", "bash", "sh", "ash",
            "zsh", "ruby", "irb", "php", "perl", "jshell", "iex", "erl", "ghci", "R", "julia", "lua", "deno", "bun");
    private static final Set<String> SERVERS = Set.of("postgres", "mysqld", "mariadbd", "mongod", "redis-server",
            "valkey-server", "memcached", "nginx", "httpd", "httpd-foreground", "apache2-foreground", "haproxy",
            "rabbitmq-server", "influxd", "etcd", "consul", "vault", "registry", "mosquitto", "traefik", "caddy");

    public static ImageRole of(Container c) {
        List<String> argv = command(c);
        if (argv.isEmpty()) {
            return APPLICATION;
        }
        String program = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        if (argv.size() == 1 && INTERPRETERS.contains(program)) {
            return RUNTIME_BASE;
        }
        return SERVERS.contains(program) ? SERVER : APPLICATION;
    }

    /** The command after any entry-point scripts ({@code docker-entrypoint.sh postgres} is {@code postgres}). */
    private static List<String> command(Container c) {
        if (c.command() == null || c.command().shellForm()) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(c.command().argv());
        while (!argv.isEmpty() && (argv.get(0).endsWith(".sh") || argv.get(0).contains("entrypoint")
                || List.of("tini", "/sbin/tini", "dumb-init", "--").contains(argv.get(0)))) {
            argv.remove(0);
        }
        return argv;
    }
}
