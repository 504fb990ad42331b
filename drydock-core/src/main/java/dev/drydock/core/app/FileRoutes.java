package dev.drydock.core.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes that files answer at the path their folders and name make, as SvelteKit's {@code src/routes}, Nitro's
 * {@code server/api} and {@code server/routes} and Nuxt's {@code pages} lay them out: a {@code [param]} segment takes
 * any one segment; a rest ({@code [...slug]}) or optional ({@code [[lang]]}) parameter makes the folder's prefix
 * opaque, as does a route group ({@code (admin)}) where the framework's handling of it is not relied on.
 */
final class FileRoutes {

    private static final Pattern PARAM = Pattern.compile("\\[(\\w+)(?:=\\w+)?]");
    private static final Pattern GROUP = Pattern.compile("\\(.*\\)");

    private final Framework framework;
    private final boolean groupsLeaveThePath;
    private final List<Route> routes = new ArrayList<>();
    private final List<String> opaque = new ArrayList<>();

    /** @param groupsLeaveThePath whether a {@code (group)} folder adds nothing to the path (SvelteKit's route groups) */
    FileRoutes(Framework framework, boolean groupsLeaveThePath) {
        this.framework = framework;
        this.groupsLeaveThePath = groupsLeaveThePath;
    }

    /**
     * The route {@code file} answers for {@code method} under {@code prefix} at the path its {@code segments} make
     * (the caller leaves out an {@code index} file's name); an opaque prefix instead where a segment cannot be
     * followed.
     */
    void add(String method, String prefix, List<String> segments, String file) {
        StringBuilder path = new StringBuilder(prefix);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            if (GROUP.matcher(segment).matches()) {
                if (groupsLeaveThePath) {
                    continue;
                }
                opaque(path.toString());
                return;
            }
            if (segment.contains("[[") || segment.contains("[...") || segment.matches(".*\\[[xu]\\+.*")) {
                opaque(path.toString());
                return;
            }
            Matcher m = PARAM.matcher(segment);
            String written = m.replaceAll("{$1}");
            if (written.contains("[") || written.contains("]")) {
                opaque(path.toString());
                return;
            }
            path.append('/').append(written);
        }
        String full = path.isEmpty() ? "/" : path.toString();
        routes.add(new Route(method, full, false, file, 1, Handler.unknown(null, file, 1), framework));
    }

    /** Marks a prefix under which the application may answer paths no file names ("" for everywhere). */
    void opaque(String prefix) {
        if (!opaque.contains(prefix)) {
            opaque.add(prefix);
        }
    }

    Routes routes() {
        return new Routes(true, routes, opaque);
    }

    /** The routes, with nothing served outside {@code root} (a base path every route is under). */
    Routes routesUnder(String root) {
        return root.isEmpty() ? routes() : new Routes(true, routes, opaque, List.of(), root);
    }
}
