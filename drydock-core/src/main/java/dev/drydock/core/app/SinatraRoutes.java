package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of a Sinatra application, read from the Ruby files of a Gemfile project that depends on sinatra: the
 * files that require it or subclass {@code Sinatra::Base}, and their verb blocks ({@code get '/health' do ... end}).
 * Nothing is claimed where the paths cannot all be told: a {@code namespace} (sinatra-contrib) or a {@code map} in
 * config.ru puts routes under a prefix, and a path from a pattern or an interpolation is not a literal.
 */
final class SinatraRoutes {

    private static final Pattern SINATRA = Pattern.compile(
            "(?m)^\\s*require\\s*\\(?\\s*['\"]sinatra(/base)?['\"]|\\bSinatra::(Base|Application)\\b");
    private static final Pattern VERB = Pattern.compile(
            "^(\\s*)(get|post|put|patch|delete|head|options)\\b\\s*\\(?\\s*(?:(['\"])([^'\"]*)\\3)?(.*)$");
    private static final Pattern PREFIXING = Pattern.compile("(?m)^\\s*(namespace|map)\\b");
    private static final Pattern ONE_LINE = Pattern.compile("\\b(do|\\{)\\s*(.*?)\\s*(end|})\\s*$");

    private SinatraRoutes() {}

    /** The routes of the Sinatra applications of the Gemfile projects, or {@link Routes#unknown()}. */
    static Routes read(List<Manifest> manifests, SourceSet files) {
        List<Route> routes = new ArrayList<>();
        for (Manifest m : manifests) {
            if (m.kind() != ManifestKind.GEMFILE
                    || m.dependencies().stream().noneMatch(d -> d.name().equals("sinatra"))) {
                continue;
            }
            String dir = PathNames.parent(m.file());
            for (String path : files.paths()) {
                if (!(path.endsWith(".rb") || path.endsWith(".ru")) || !PathNames.isUnder(path, dir)
                        || path.contains("/spec/") || path.contains("/test/") || path.startsWith("spec/")
                        || path.startsWith("test/")) {
                    continue;
                }
                SourceFile file = files.read(path).orElse(null);
                if (file == null) {
                    continue;
                }
                if (PREFIXING.matcher(file.text()).find()) {
                    return Routes.unknown();
                }
                if (SINATRA.matcher(file.text()).find() && !routes(file, routes)) {
                    return Routes.unknown();
                }
            }
        }
        return routes.isEmpty() ? Routes.unknown() : new Routes(true, routes, List.of());
    }

    /** Adds the file's routes; false when one of them has a path that is not a literal. */
    private static boolean routes(SourceFile file, List<Route> routes) {
        for (int n = 1; n <= file.lineCount(); n++) {
            Matcher verb = VERB.matcher(file.line(n));
            if (!verb.find() || verb.group(5).strip().startsWith("=")) {
                continue;
            }
            String path = verb.group(4);
            if (path == null || path.contains("#{") || !path.startsWith("/")) {
                return false;
            }
            routes.add(new Route(verb.group(2).toUpperCase(java.util.Locale.ROOT), path, false, file.path(), n,
                    Handler.ruby(file.path(), n, body(file, n, verb.group(1).length(), verb.group(5))),
                    Framework.SINATRA));
        }
        return true;
    }

    /** The lines of the block after the verb: up to the {@code end} at the verb's indentation. */
    private static List<String> body(SourceFile file, int line, int indent, String rest) {
        Matcher oneLine = ONE_LINE.matcher(rest);
        if (oneLine.find()) {
            return List.of(oneLine.group(2));
        }
        List<String> body = new ArrayList<>();
        for (int n = line + 1; n <= file.lineCount(); n++) {
            String text = file.line(n);
            String stripped = text.strip();
            int own = text.length() - text.stripLeading().length();
            if (stripped.equals("end") && own <= indent) {
                return body;
            }
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                body.add(stripped);
            }
        }
        return List.of();
    }
}
