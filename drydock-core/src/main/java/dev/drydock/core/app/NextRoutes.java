package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of a Next.js application, from its files: the App Router's {@code page} and {@code route} files under
 * {@code app/} at the path of their folder (route groups {@code (name)} and parallel-route slots {@code @name} add
 * nothing to it, private folders {@code _name} are not routed), the Pages Router's files under {@code pages/}
 * ({@code pages/api} included, {@code index} for its folder, {@code _app}, {@code _document} and {@code _error} not
 * routes); {@code src/app} and {@code src/pages} when the root has no such folder. Everything is under next.config's
 * {@code basePath}. Middleware ({@code middleware.ts}, {@code proxy.ts}) may answer any path, rewrites, redirects,
 * i18n, custom page extensions and a configuration wrapped by a plugin call leave the routes unknown; {@code /_next}
 * and the files of {@code public/} are not listed.
 */
final class NextRoutes {

    private static final List<String> CONFIGS = List.of("next.config.js", "next.config.mjs", "next.config.ts",
            "next.config.cjs");
    /** Settings that answer paths no file names, or route other files. */
    private static final Pattern REROUTED = Pattern.compile("\\b(rewrites|redirects|i18n|pageExtensions)\\b");
    private static final Pattern BASE_PATH = Pattern.compile("\\bbasePath\\s*:\\s*(?:(['\"`])(/[\\w./-]*)\\1\\s*[,}\\n])?");
    /** A configuration handed to a plugin's function ({@code module.exports = withSentryConfig(...)}). */
    private static final Pattern WRAPPED = Pattern.compile(
            "(?m)^\\s*(?:module\\.exports\\s*=|export\\s+default)\\s*\\(?\\s*\\w+\\s*\\(");
    private static final Pattern PAGE = Pattern.compile("(.+)\\.(js|jsx|ts|tsx)");
    private static final Pattern APP_FILE = Pattern.compile("(page|route)\\.(js|jsx|ts|tsx)");
    private static final Pattern METADATA_ROUTE = Pattern.compile(
            "(icon|apple-icon|opengraph-image|twitter-image)\\d*\\.(js|jsx|ts|tsx)");
    private static final Pattern MIDDLEWARE = Pattern.compile("(middleware|proxy)\\.(js|mjs|ts)");

    private NextRoutes() {}

    /** The routes of the Next.js application in {@code dir}; unknown when it has no route files or its configuration moves them. */
    static Routes read(SourceSet files, String dir) {
        String basePath = "";
        SourceFile config = CONFIGS.stream().map(n -> files.read(PathNames.join(dir, n)).orElse(null))
                .filter(f -> f != null).findFirst().orElse(null);
        if (config != null) {
            String text = CStyleComments.blank(config.text(), NextRoutes::stringEnd);
            if (REROUTED.matcher(text).find() || WRAPPED.matcher(text).find()) {
                return Routes.unknown();
            }
            Matcher base = BASE_PATH.matcher(text);
            if (base.find()) {
                if (base.group(2) == null) {
                    return Routes.unknown(); // computed at build time
                }
                basePath = base.group(2).replaceAll("/+$", "");
            }
        }
        String app = folder(files, dir, "app");
        String pages = folder(files, dir, "pages");
        if (app == null && pages == null) {
            return Routes.unknown();
        }
        FileRoutes out = new FileRoutes(Framework.NEXTJS, true);
        for (String p : files.paths()) {
            String relative = p.startsWith(dir.isEmpty() ? "" : dir + "/") ? p.substring(dir.isEmpty() ? 0 : dir.length() + 1) : null;
            if (relative != null && MIDDLEWARE.matcher(relative.replaceFirst("^src/", "")).matches()) {
                out.opaque(""); // runs before every route and may answer any path
            } else if (app != null && PathNames.isUnder(p, app) && !p.equals(app)) {
                appFile(out, basePath, p.substring(app.length() + 1), p);
            } else if (pages != null && PathNames.isUnder(p, pages) && !p.equals(pages)) {
                page(out, basePath, p.substring(pages.length() + 1), p);
            }
        }
        out.opaque(basePath + "/_next");
        return out.routesUnder(basePath).withStaticFiles();
    }

    /** {@code app/} or {@code pages/} of the root, else of {@code src/}, when it holds any file. */
    private static String folder(SourceSet files, String dir, String name) {
        for (String candidate : List.of(PathNames.join(dir, name), PathNames.join(dir, "src/" + name))) {
            if (files.paths().stream().anyMatch(p -> PathNames.isUnder(p, candidate) && !p.equals(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static void appFile(FileRoutes out, String basePath, String relative, String file) {
        String name = PathNames.fileName(relative);
        boolean handler = APP_FILE.matcher(name).matches();
        boolean metadata = METADATA_ROUTE.matcher(name).matches();
        if (!handler && !metadata) {
            return;
        }
        String folder = PathNames.parent(relative);
        List<String> segments = new ArrayList<>();
        for (String segment : folder.isEmpty() ? List.<String>of() : Arrays.asList(folder.split("/"))) {
            if (segment.startsWith("_")) {
                return; // a private folder: not routed
            }
            if (segment.startsWith("(") && !segment.matches("\\([^().]*\\)")) {
                return; // an intercepting route: a direct request gets the route it intercepts
            }
            if (!segment.startsWith("@")) {
                segments.add(segment.replace("%5F", "_"));
            }
        }
        if (metadata) {
            segments.add(name.substring(0, name.lastIndexOf('.')));
        }
        out.add(name.startsWith("route.") ? "ANY" : "GET", basePath, segments, file);
    }

    private static void page(FileRoutes out, String basePath, String relative, String file) {
        Matcher m = PAGE.matcher(relative);
        if (!m.matches() || relative.matches("_(app|document|error)\\..*|(404|500)\\..*")) {
            return;
        }
        List<String> segments = new ArrayList<>(Arrays.asList(m.group(1).split("/")));
        if (segments.get(segments.size() - 1).equals("index")) {
            segments.remove(segments.size() - 1);
        }
        out.add(relative.startsWith("api/") ? "ANY" : "GET", basePath, segments, file);
    }

    /** The index just after the JavaScript string literal that starts at {@code start}, or -1. */
    private static int stringEnd(String text, int start) {
        char quote = text.charAt(start);
        if (quote != '\'' && quote != '"' && quote != '`') {
            return -1;
        }
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, text.length());
    }
}
