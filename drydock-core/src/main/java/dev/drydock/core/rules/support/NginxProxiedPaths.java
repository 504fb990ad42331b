package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Service;
import dev.drydock.core.nginx.NginxDirective;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the nginx of a compose service sends a request path: the server that answers on the port for host localhost
 * (the one named localhost, else the port's default server), the {@code location} that takes the path (an exact
 * {@code location = /path}, else the longest prefix, then the same among the locations nested in it) and the service
 * its {@code proxy_pass} names, directly ({@code http://app:8000}) or through an {@code upstream} block whose servers
 * are all that service, with the path as it reaches that service (the part the location matched replaced by the URI of
 * proxy_pass, when it has one). Read only when nothing else can decide: every file nginx loads read, no return,
 * rewrite or if in the server, a location without return, rewrite, if, try_files, alias or error handling, no
 * regular-expression location that could take the path first, an address without variables.
 */
public final class NginxProxiedPaths {

    private NginxProxiedPaths() {}

    /**
     * A path nginx passes on to another service.
     *
     * @param backend the service proxy_pass names
     * @param port the port of the backend requests go to
     * @param forwarded the path as the backend receives it
     * @param address the proxy_pass address as written
     * @param location the location's words as written ({@code /}, {@code = /health})
     */
    public record Proxied(Service backend, Container backendContainer, int port, String forwarded, String address,
            String location, SourceFile file, int line) {

        public String where() {
            return file.path() + " line " + line;
        }

        /** The way a request for {@code path} takes, for messages: {@code `location /` passes it to app (...)}. */
        public String route(String path) {
            return "`location " + location + "` passes it to " + backend.name() + " (proxy_pass " + address
                    + ", " + where() + ")" + (forwarded.equals(path) ? "" : " as " + forwarded);
        }
    }

    /** Directives after which a location does not simply pass the path on. */
    private static final Set<String> OTHER_HANDLING = Set.of("return", "rewrite", "if", "try_files", "stub_status",
            "alias", "error_page", "auth_request");
    private static final Set<String> SERVER_HANDLING = Set.of("return", "rewrite", "if");

    /** Where the nginx of {@code c} sends a request for {@code path} on {@code port}, when it surely passes it on. */
    public static Optional<Proxied> of(ReviewContext context, Container c, int port, String path) {
        Service service = c.service();
        ComposeServices.Ref ref = service == null ? null : ComposeServices.services(context).stream()
                .filter(r -> r.service() == service).findFirst().orElse(null);
        NginxConfig config = ref == null ? null : NginxConfigs.of(context, service, c).orElse(null);
        if (config == null || !config.complete()) {
            return Optional.empty();
        }
        NginxConfig.Server server = config.serving(port, "localhost").orElse(null);
        if (server == null || server.node().block().stream().anyMatch(d -> SERVER_HANDLING.contains(d.name()))) {
            return Optional.empty(); // which server answers the probe, or what it does first, is not certain
        }
        NginxConfig.Location chosen = choose(server.locations(), path).orElse(null);
        if (chosen == null || chosen.node().block().stream().anyMatch(d -> OTHER_HANDLING.contains(d.name()))) {
            return Optional.empty();
        }
        List<NginxConfig.Pass> passes = config.passes().stream().filter(p -> p.in(chosen)).toList();
        if (passes.size() != 1 || !passes.get(0).kind().equals("proxy_pass")) {
            return Optional.empty();
        }
        NginxConfig.Pass pass = passes.get(0);
        NginxConfig.Target target = single(ref.compose(), pass).orElse(null);
        Service backend = target == null ? null : FastCgiPasses.answering(ref.compose(), target.host()).orElse(null);
        if (backend == null || backend == service || target.port() == null) {
            return Optional.empty();
        }
        String uri = pass.uri();
        String forwarded = uri == null ? path
                : chosen.modifier().equals("=") ? uri : uri + path.substring(chosen.path().length());
        NginxDirective d = pass.directive();
        return Optional.of(new Proxied(backend, ComposeServices.container(context, backend), target.port(), forwarded,
                pass.address(), chosen.display(), d.file(), d.line()));
    }

    /** The one service address a pass sends to: its own, or that of every server of its upstream block. */
    private static Optional<NginxConfig.Target> single(ComposeProject compose, NginxConfig.Pass pass) {
        List<NginxConfig.Target> targets = pass.targets();
        if (targets.isEmpty() || pass.upstream() != null && pass.upstream().targets().size()
                != pass.upstream().node().block().stream().filter(d -> d.name().equals("server")).count()) {
            return Optional.empty();
        }
        NginxConfig.Target first = targets.get(0);
        Optional<Service> service = FastCgiPasses.answering(compose, first.host());
        boolean same = targets.stream().allMatch(t -> FastCgiPasses.answering(compose, t.host()).equals(service)
                && java.util.Objects.equals(t.port(), first.port()));
        return same ? Optional.of(first) : Optional.empty();
    }

    /**
     * The location nginx picks for a path: an exact one, else the longest prefix, then the one nested in it that takes
     * the path, if any; empty when a regular-expression location could take it first (the longest prefix is not ^~)
     * or none matches.
     */
    private static Optional<NginxConfig.Location> choose(List<NginxConfig.Location> locations, String path) {
        Optional<NginxConfig.Location> exact = locations.stream()
                .filter(l -> l.modifier().equals("=") && l.path().equals(path)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        Optional<NginxConfig.Location> prefix = locations.stream()
                .filter(l -> (l.modifier().isEmpty() || l.modifier().equals("^~")) && path.startsWith(l.path()))
                .max(Comparator.comparingInt(l -> l.path().length()));
        boolean regex = locations.stream().anyMatch(NginxConfig.Location::regex);
        if (regex && prefix.filter(l -> l.modifier().equals("^~")).isEmpty()) {
            return Optional.empty();
        }
        if (prefix.isPresent() && !prefix.get().nested().isEmpty()) {
            Optional<NginxConfig.Location> inner = choose(prefix.get().nested(), path);
            boolean innerRegex = prefix.get().nested().stream().anyMatch(NginxConfig.Location::regex);
            return inner.isPresent() ? inner : innerRegex ? Optional.empty() : prefix;
        }
        return prefix;
    }
}
