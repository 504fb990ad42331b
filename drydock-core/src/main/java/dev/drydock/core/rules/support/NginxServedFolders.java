package dev.drydock.core.rules.support;

import dev.drydock.core.nginx.NginxDirective;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The folders an nginx configuration serves files from: the {@code root} or {@code alias} in force in each block
 * that answers requests with files rather than passing them on. A location serves files unless it passes requests
 * ({@code proxy_pass}, {@code fastcgi_pass}...) or answers with {@code return}; a server serves files from its root
 * for the requests none of its locations take, unless a {@code location /} takes them all. The root is inherited from
 * the http block through the server into nested locations; a location's own {@code root} or {@code alias} stands in
 * for it. Folders written with a variable or as a relative path (below nginx's prefix) are left out.
 */
public final class NginxServedFolders {

    private NginxServedFolders() {}

    /**
     * A folder served, and the directive naming it.
     *
     * @param path the absolute folder, without a trailing slash
     * @param directive the {@code root} or {@code alias} directive
     * @param server the server block it serves in
     */
    public record Folder(String path, NginxDirective directive, NginxConfig.Server server) {

        public String kind() {
            return directive.name();
        }
    }

    /** The folders the configuration's servers serve files from, each directive once, in file order. */
    public static List<Folder> of(NginxConfig config) {
        NginxDirective httpRoot = config.find("http").flatMap(http -> own(http.block())).orElse(null);
        Map<NginxDirective, Folder> out = new LinkedHashMap<>();
        for (NginxConfig.Server server : config.servers()) {
            List<NginxDirective> block = server.node().block();
            NginxDirective root = own(block).orElse(httpRoot);
            boolean everyPathTaken = server.locations().stream()
                    .anyMatch(l -> l.path().equals("/") && (l.modifier().isEmpty() || l.modifier().equals("^~")));
            if (!everyPathTaken) {
                add(out, root, server);
            }
            walk(block, root, server, out);
        }
        return List.copyOf(out.values());
    }

    private static void walk(List<NginxDirective> block, NginxDirective inherited, NginxConfig.Server server,
            Map<NginxDirective, Folder> out) {
        for (NginxDirective d : block) {
            if (!d.name().equals("location") || d.block() == null) {
                continue;
            }
            NginxDirective root = own(d.block()).orElse(inherited);
            if (servesFiles(d.block())) {
                add(out, root, server);
            }
            walk(d.block(), root, server, out);
        }
    }

    /** Whether a location answers with files: no pass and no return in its block or its if blocks. */
    private static boolean servesFiles(List<NginxDirective> block) {
        for (NginxDirective d : block) {
            if (NginxConfig.PASSES.contains(d.name()) || d.name().equals("return")) {
                return false;
            }
            if (d.name().equals("if") && d.block() != null && !servesFiles(d.block())) {
                return false;
            }
        }
        return true;
    }

    /** The block's own root or alias (the last written, as nginx keeps). */
    private static java.util.Optional<NginxDirective> own(List<NginxDirective> block) {
        NginxDirective found = null;
        for (NginxDirective d : block == null ? List.<NginxDirective>of() : block) {
            if ((d.name().equals("root") || d.name().equals("alias")) && d.args().size() == 1) {
                found = d;
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    private static void add(Map<NginxDirective, Folder> out, NginxDirective d, NginxConfig.Server server) {
        if (d == null || out.containsKey(d)) {
            return;
        }
        String path = d.arg(0);
        if (path.contains("$") || !path.startsWith("/")) {
            return;
        }
        String clean = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        out.put(d, new Folder(clean, d, server));
    }
}
