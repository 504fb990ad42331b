package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import java.util.Map;
import java.util.Optional;

/**
 * The health checks stock server images can run against themselves with the programs they ship: a
 * database's own client ({@code pg_isready}, {@code redis-cli ping}), Traefik's {@code traefik healthcheck},
 * php-fpm's ping page asked over FastCGI (php-fpm speaks no HTTP, so an HTTP request to its port gets no answer).
 * For a HEALTHCHECK in a Dockerfile built on such an image, where an HTTP request to an application's
 * route would not fit.
 */
public final class ServerProbes {

    private ServerProbes() {}

    /**
     * A HEALTHCHECK for a server.
     *
     * @param instruction the instruction as it is written in the Dockerfile
     * @param condition what must hold for it to work, as a clause ("" when nothing)
     */
    public record Probe(String instruction, String condition) {}

    private static final Map<String, Probe> PROBES = Map.of(
            "postgres", new Probe("HEALTHCHECK CMD pg_isready -U \"${POSTGRES_USER:-postgres}\"", ""),
            "mysqld", new Probe("HEALTHCHECK CMD mysqladmin ping -h 127.0.0.1 --silent", ""),
            "mariadbd", new Probe("HEALTHCHECK CMD [\"healthcheck.sh\", \"--connect\", \"--innodb_initialized\"]", ""),
            "redis-server", new Probe("HEALTHCHECK CMD [\"redis-cli\", \"ping\"]", ""),
            "rabbitmq-server", new Probe("HEALTHCHECK CMD [\"rabbitmq-diagnostics\", \"-q\", \"ping\"]", ""),
            "php-fpm", new Probe("HEALTHCHECK --interval=30s --timeout=5s --start-period=10s CMD"
                    + " SCRIPT_NAME=/ping SCRIPT_FILENAME=/ping REQUEST_METHOD=GET cgi-fcgi -bind -connect 127.0.0.1:9000"
                    + " | grep -q pong",
                    "which asks php-fpm's ping page over FastCGI (php-fpm speaks no HTTP: an HTTP request to port 9000"
                    + " gets no answer), with the page enabled in the pool configuration (RUN echo 'ping.path = /ping'"
                    + " >> /usr/local/etc/php-fpm.d/zz-docker.conf in the php images) and cgi-fcgi installed (apk add"
                    + " fcgi on Alpine, apt-get install libfcgi-bin on Debian and Ubuntu)"),
            "traefik", new Probe("HEALTHCHECK CMD [\"traefik\", \"healthcheck\", \"--ping\"]",
                    "with the ping endpoint enabled (ping: {} in Traefik's static configuration)"));

    /**
     * The check the server program runs against itself, or empty when drydock knows none; for mongod, with the shell
     * of the mongo image the build starts from.
     */
    public static Optional<Probe> of(String program, BaseImage base) {
        if (program.equals("mongod")) {
            return Optional.of(new Probe("HEALTHCHECK CMD " + MongoShell.execForm(MongoShell.of(base)), ""));
        }
        return Optional.ofNullable(PROBES.get(program));
    }
}
