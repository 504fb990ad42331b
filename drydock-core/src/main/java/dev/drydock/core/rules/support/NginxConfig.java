package dev.drydock.core.rules.support;

import dev.drydock.core.nginx.NginxDirective;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The nginx configuration a container runs, read from its main file through its includes: the HTTP servers
 * with their listen addresses, names and locations, the listen addresses of the stream servers (nested ones too), the upstream blocks, and every directive passing
 * requests on ({@code proxy_pass}, {@code fastcgi_pass}, {@code uwsgi_pass}, {@code grpc_pass}).
 *
 * @param main the directives of the main context of the project's own nginx.conf, its includes spliced in (pid,
 *     user, worker_processes, the http block ...); empty when nginx starts from the image's nginx.conf or one drydock
 *     cannot tell
 * @param streamListens the {@code listen} directives of the servers of the {@code stream} context (TCP and UDP proxies)
 * @param listensKnown whether the listen directives read are all nginx has (no RUN rewrites the files, no template
 *     or variable address, and the main file is known or the project's default.conf replaces the image's)
 * @param complete whether every file nginx loads was read (an include of a file the project does not hold, a main
 *     file drydock cannot tell, or configuration templates make it partial: what was read still runs)
 */
public record NginxConfig(List<NginxDirective> main, List<Server> servers, List<Listen> streamListens,
        Map<String, Upstream> upstreams, List<Pass> passes, boolean complete, boolean listensKnown) {

    /** The first directive of this name in the project's nginx.conf, at any depth of its blocks and includes. */
    public Optional<NginxDirective> find(String name) {
        return find(main, name);
    }

    private static Optional<NginxDirective> find(List<NginxDirective> dirs, String name) {
        for (NginxDirective d : dirs) {
            if (d.name().equals(name)) {
                return Optional.of(d);
            }
            if (d.block() != null) {
                Optional<NginxDirective> inner = find(d.block(), name);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A {@code listen} of a server, and where its address is written.
     *
     * @param port the TCP port, null for a Unix socket ({@code unix:/run/nginx.sock}) or an address with a variable
     * @param ipv6 whether the address is an IPv6 one ({@code [::]:80})
     * @param defaultServer whether it is marked {@code default_server}
     * @param stock whether it is the image's own default server's, not a file of the project's
     */
    public record Listen(NginxDirective directive, NginxDirective.Word address, Integer port, boolean ipv6,
            boolean unix, boolean defaultServer, boolean ssl, boolean stock) {

        public String file() {
            return directive.file().path();
        }

        /** The line of the address. */
        public int line() {
            return directive.file().position(address.start()).line();
        }
    }

    /** A {@code server} block of the http context. */
    public record Server(NginxDirective node, List<Listen> listens, List<String> names, List<Location> locations) {

        /** Whether the server takes connections on the TCP port (80 when no {@code listen} is written). */
        public boolean listensOn(int port) {
            return listens.isEmpty() ? port == 80 : listens.stream().anyMatch(l -> l.port() != null && l.port() == port);
        }
    }

    /** A {@code location} block: its modifier ({@code =}, {@code ^~}, {@code ~}, {@code ~*} or none), path and nested locations. */
    public record Location(NginxDirective node, String modifier, String path, List<Location> nested) {

        public boolean regex() {
            return modifier.startsWith("~");
        }

        /** The location's words as written: {@code /api/}, {@code = /health}. */
        public String display() {
            return (modifier.isEmpty() ? "" : modifier + " ") + path;
        }
    }

    /** An {@code upstream NAME { server HOST:PORT; ... }} block. */
    public record Upstream(String name, NginxDirective node, List<Target> targets) {}

    /**
     * An address requests are passed to: a {@code server} of an upstream block, or the address of a pass directive.
     *
     * @param port the port written or implied by the scheme, null when neither says
     * @param resolvedLater whether nginx resolves the name when requests come (a variable, or {@code resolve}), not
     *     at start-up
     */
    public record Target(String host, Integer port, boolean resolvedLater, NginxDirective directive,
            NginxDirective.Word address) {

        public String where() {
            return directive.where();
        }
    }

    /**
     * A directive passing requests on, in its server and locations (outermost first).
     *
     * @param scheme http, https, grpc, fastcgi, uwsgi...
     * @param uri the URI part of a proxy_pass address ({@code /} in {@code http://app:8000/}), or null
     * @param target the address when it names a host, null for an upstream name, a Unix socket or a variable
     * @param upstream the upstream block it names, or null
     */
    public record Pass(NginxDirective directive, Server server, List<Location> locations, String scheme, String uri,
            Target target, Upstream upstream) {

        public String kind() {
            return directive.name();
        }

        public String address() {
            return directive.arg(0);
        }

        public boolean variable() {
            return address().contains("$");
        }

        /** Whether the directive is written directly in {@code location}'s block (not a nested one). */
        public boolean in(Location location) {
            return !locations.isEmpty() && locations.get(locations.size() - 1).node().equals(location.node());
        }

        /** The addresses requests go to: the target, or the servers of the upstream block. */
        public List<Target> targets() {
            return target != null ? List.of(target) : upstream != null ? upstream.targets() : List.of();
        }
    }

    /** Every {@code listen} of the http servers, then those of the stream servers, in the order nginx reads them. */
    public List<Listen> listens() {
        return java.util.stream.Stream.concat(servers.stream().flatMap(s -> s.listens().stream()),
                streamListens.stream()).toList();
    }

    /** The ports nginx listens on, each once: those of the project's files first, then the image's own. */
    public List<Integer> ports() {
        return java.util.stream.Stream.concat(listens().stream().filter(l -> !l.stock()),
                        listens().stream().filter(Listen::stock))
                .map(Listen::port).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** The first IPv4 listen on {@code port} when no listen takes IPv6 connections on it, else empty. */
    public Optional<Listen> ipv4Only(int port) {
        List<Listen> on = listens().stream().filter(l -> l.port() != null && l.port() == port).toList();
        return on.stream().anyMatch(Listen::ipv6) ? Optional.empty() : on.stream().findFirst();
    }

    /** The directives that pass requests on, as nginx names them. */
    static final Set<String> PASSES = Set.of("proxy_pass", "fastcgi_pass", "uwsgi_pass", "grpc_pass", "scgi_pass");

    /**
     * The server that answers a request on {@code port} for host {@code host}: the one naming it, else the port's
     * default server (marked default_server, else the first); empty when none listens there or a wildcard or
     * regular-expression name could take it.
     */
    public Optional<Server> serving(int port, String host) {
        List<Server> on = servers.stream().filter(s -> s.listensOn(port)).toList();
        Optional<Server> named = on.stream().filter(s -> s.names().contains(host.toLowerCase(Locale.ROOT))).findFirst();
        if (named.isPresent()) {
            return named;
        }
        if (on.stream().flatMap(s -> s.names().stream()).anyMatch(n -> n.startsWith("~") || n.contains("*"))) {
            return Optional.empty();
        }
        return on.stream().filter(s -> s.listens().stream().anyMatch(l -> l.port() == port && l.defaultServer()))
                .findFirst().or(() -> on.stream().findFirst());
    }
}
