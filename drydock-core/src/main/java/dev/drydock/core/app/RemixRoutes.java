package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of a Remix 2 or React Router 7 application that {@code remix-serve} or {@code react-router-serve} runs,
 * from the flat route files of {@code app/routes}: a module's name, split at its unescaped dots, is its path
 * ({@code api.health.ts} at /api/health, {@code [.]} escaping a dot); {@code _index} is its parent's index,
 * a segment starting with {@code _} is a pathless layout and one ending with {@code _} loses the underscore;
 * {@code $name} is a parameter, a lone {@code $} (splat) or an optional {@code (segment)} leaves its prefix open.
 * A folder of {@code app/routes} is a route whose module is its {@code route} or {@code index} file. The root route
 * answers /. React Router 7 reads its routes from {@code app/routes.ts}, whose only routes must be
 * {@code flatRoutes()}'s; routes defined in the configuration, another app directory or ignored route files (Remix),
 * and a base name that is not a literal leave the routes unknown. Remix 1's nested folder convention is not read.
 */
final class RemixRoutes {

    private static final Pattern REMIX_VERSION = Pattern.compile(
            "\"@remix-run/(?:dev|serve|react|node)\"\\s*:\\s*\"[\\^~>=v ]*(\\d+)");
    private static final Pattern REACT_ROUTER = Pattern.compile("\"(?:@react-router/(?:dev|serve|node)|react-router)\"\\s*:");
    private static final List<String> VITE_CONFIGS = List.of("vite.config.ts", "vite.config.js", "vite.config.mjs",
            "vite.config.mts");
    private static final List<String> REMIX_CONFIGS = List.of("remix.config.js", "remix.config.mjs", "remix.config.cjs");
    private static final List<String> REACT_ROUTER_CONFIGS = List.of("react-router.config.ts", "react-router.config.js");
    /** Remix settings that define or drop routes, or move the app directory. */
    private static final Pattern REMIX_REROUTED = Pattern.compile("\\b(routes|appDirectory|ignoredRouteFiles)\\s*[:(]");
    private static final Pattern DEFAULT_IGNORED = Pattern.compile(
            "\\bignoredRouteFiles\\s*:\\s*\\[\\s*['\"]\\*\\*/\\.\\*['\"]\\s*,?\\s*]");
    private static final Pattern REACT_ROUTER_MOVED = Pattern.compile("\\b(appDirectory|ssr)\\s*:");
    private static final Pattern BASENAME = Pattern.compile("\\bbasename\\s*:\\s*(?:(['\"`])(/[\\w./-]*)\\1\\s*[,}\\n])?");
    /** An {@code app/routes.ts} whose routes are exactly those of the file convention. */
    private static final Pattern ONLY_FLAT_ROUTES = Pattern.compile(
            "export\\s+default\\s+(?:await\\s+)?flatRoutes\\(\\s*\\)\\s*(?:satisfies\\s+RouteConfig\\s*)?;?");
    private static final Pattern MODULE = Pattern.compile("(.+)\\.(js|jsx|ts|tsx|md|mdx)");

    private RemixRoutes() {}

    /** Whether {@code program}, the command's first word, is the server of Remix or React Router. */
    static boolean serves(String program) {
        String name = program == null ? "" : PathNames.fileName(program);
        return name.equals("remix-serve") || name.equals("react-router-serve");
    }

    /** The routes of the application in {@code dir}; unknown when its route files cannot all be told. */
    static Routes read(SourceSet files, String dir) {
        String pkg = text(files, PathNames.join(dir, "package.json")).orElse("");
        String routesConfig = text(files, PathNames.join(dir, "app/routes.ts")).orElse(null);
        String basename = "";
        Framework framework;
        if (routesConfig != null && REACT_ROUTER.matcher(pkg).find()) {
            framework = Framework.REACT_ROUTER;
            if (!ONLY_FLAT_ROUTES.matcher(routesConfig).find() || routesConfig.matches("(?s).*\\b(route|index|layout|prefix)\\s*\\(.*")) {
                return Routes.unknown();
            }
            String config = first(files, dir, REACT_ROUTER_CONFIGS).orElse("");
            if (REACT_ROUTER_MOVED.matcher(config).find()) {
                return Routes.unknown();
            }
            basename = basename(config);
        } else {
            Matcher version = REMIX_VERSION.matcher(pkg);
            if (!version.find() || !version.group(1).equals("2")) {
                return Routes.unknown(); // Remix 1 nests folders another way
            }
            framework = Framework.REMIX;
            String config = first(files, dir, VITE_CONFIGS).or(() -> first(files, dir, REMIX_CONFIGS)).orElse("");
            if (REMIX_REROUTED.matcher(DEFAULT_IGNORED.matcher(config).replaceAll("")).find()) {
                return Routes.unknown();
            }
            basename = basename(config);
        }
        if (basename == null) {
            return Routes.unknown();
        }
        return routes(files, dir, framework, basename);
    }

    private static Routes routes(SourceSet files, String dir, Framework framework, String basename) {
        String root = PathNames.join(dir, "app/routes");
        FileRoutes out = new FileRoutes(framework, true);
        String rootRoute = files.paths().stream().filter(p -> PathNames.parent(p).equals(PathNames.join(dir, "app"))
                && PathNames.fileName(p).matches("root\\.(js|jsx|ts|tsx)")).findFirst().orElse(null);
        if (rootRoute == null) {
            return Routes.unknown(); // the application's sources are not among the files
        }
        out.add("GET", basename, List.of(), rootRoute); // the root route answers /
        for (String p : files.paths()) {
            if (!PathNames.isUnder(p, root) || p.equals(root)) {
                continue;
            }
            String relative = p.substring(root.length() + 1);
            String[] parts = relative.split("/");
            String name;
            if (parts.length == 1) {
                Matcher m = MODULE.matcher(parts[0]);
                if (!m.matches()) {
                    continue;
                }
                name = m.group(1);
            } else if (parts.length == 2 && parts[1].matches("(route|index)\\.(js|jsx|ts|tsx|md|mdx)")) {
                name = parts[0];
            } else {
                continue; // a module beside a folder's route: not a route
            }
            if (name.startsWith(".") || name.matches(".*\\.(server|client)")) {
                continue;
            }
            List<String> segments = segments(name);
            if (segments == null) {
                out.opaque(basename + prefix(name));
            } else {
                out.add("GET", basename, segments, p);
            }
        }
        return out.routesUnder(basename).withStaticFiles();
    }

    /**
     * The path segments a route name makes, parameters as {@code [name]}, pathless and index segments left out; null
     * for a splat or an optional segment.
     */
    private static List<String> segments(String name) {
        List<String> out = new ArrayList<>();
        for (String written : split(name)) {
            String segment = written.replace("\u0000", ".");
            if (segment.equals("$") || segment.contains("(")) {
                return null;
            }
            if (segment.equals("_index") || segment.startsWith("_")) {
                continue;
            }
            if (segment.endsWith("_")) {
                segment = segment.substring(0, segment.length() - 1);
            }
            out.add(segment.startsWith("$") ? "[" + segment.substring(1) + "]" : segment);
        }
        return out;
    }

    /** The path before a splat or optional segment, for an opaque prefix. */
    private static String prefix(String name) {
        StringBuilder out = new StringBuilder();
        for (String written : split(name)) {
            if (written.equals("$") || written.contains("(")) {
                break;
            }
            if (!written.startsWith("_")) {
                out.append('/').append(written.replaceAll("_$", "").replace("\u0000", "."));
            }
        }
        return out.toString();
    }

    /** The name's segments at its unescaped dots; an escaped dot ({@code [.]}) kept as a NUL. */
    private static List<String> split(String name) {
        String escaped = name.replaceAll("\\[([^\\]]*)]", "$1").equals(name) ? name
                : Pattern.compile("\\[([^\\]]*)]").matcher(name).replaceAll(m -> m.group(1).replace(".", "\u0000"));
        return List.of(escaped.split("\\."));
    }

    /** The literal base name, "" when none is written, null when it is computed. */
    private static String basename(String config) {
        Matcher m = BASENAME.matcher(config);
        if (!m.find()) {
            return "";
        }
        return m.group(2) == null ? null : m.group(2).replaceAll("/+$", "");
    }

    private static Optional<String> first(SourceSet files, String dir, List<String> names) {
        return names.stream().map(n -> text(files, PathNames.join(dir, n)).orElse(null)).filter(t -> t != null)
                .findFirst();
    }

    private static Optional<String> text(SourceSet files, String path) {
        return files.read(path).map(f -> f.text());
    }
}
