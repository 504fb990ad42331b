package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes a Phoenix router declares, read from the router modules under the lib/ of each Mix project that
 * depends on phoenix ({@code use Phoenix.Router}, or {@code use MyAppWeb, :router} as phx.new writes it): the verb
 * macros ({@code get "/health", HealthController, :index}), {@code live} and {@code resources}, joined to the paths
 * of the {@code scope "/api" do ... end} blocks around them. What cannot be read leaves its paths undetermined:
 * {@code forward} and {@code live_dashboard} (another plug answers below the path), routes inside an {@code if} or
 * {@code unless} (compiled in only for some environments: the generated dev routes), a scope with a host or without
 * a literal path, a path that is not a literal, and a plug of the endpoint that phx.new does not write (it may answer
 * before the router does).
 */
final class PhoenixRoutes {

    private static final Pattern ROUTER = Pattern.compile("\\buse\\s+(?:Phoenix\\.Router\\b|[A-Z][\\w.]*\\s*,\\s*:router\\b)");
    private static final Pattern VERB = Pattern.compile(
            "^(get|post|put|patch|delete|head|options|live|resources|forward|live_dashboard)(?:\\s+|\\s*\\(\\s*)(\"([^\"]*)\")?");
    private static final Pattern MATCH = Pattern.compile("^match(?:\\s+|\\s*\\(\\s*):[\\w*]+\\s*,\\s*(\"([^\"]*)\")?");
    private static final Pattern SCOPE = Pattern.compile("^scope\\b\\s*\\(?\\s*(?:path:\\s*)?(\"([^\"]*)\")?");
    private static final Pattern DO_BLOCK = Pattern.compile("\\bdo\\s*$");
    private static final Pattern FN = Pattern.compile("\\bfn\\b");
    private static final Pattern END = Pattern.compile("(?<![:.\\w])end\\b(?!:)");
    private static final Pattern ENDPOINT_PLUG = Pattern.compile("(?m)^\\s*plug\\s*\\(?\\s*([A-Z][\\w.]*)");
    private static final Pattern SOCKET = Pattern.compile("(?m)^\\s*socket\\s*\\(?\\s*\"([^\"]*)\"");
    /** The plugs phx.new writes into an endpoint, none of which answers a request the router would. */
    private static final Set<String> GENERATED_PLUGS = Set.of("Plug.Static", "Plug.RequestId", "Plug.Telemetry",
            "Plug.Parsers", "Plug.MethodOverride", "Plug.Head", "Plug.Session", "Plug.Logger", "Phoenix.CodeReloader",
            "Phoenix.LiveReloader", "Phoenix.LiveDashboard.RequestLogger", "Phoenix.Ecto.CheckRepoStatus");

    private enum Block { SCOPE, CONDITION, OTHER }

    private record Frame(Block block, String prefix) {}

    private PhoenixRoutes() {}

    /** The routes of the Phoenix routers of the Mix projects, or {@link Routes#unknown()} when none is read. */
    static Routes read(List<Manifest> manifests, SourceSet files) {
        List<Route> routes = new ArrayList<>();
        Set<String> opaque = new LinkedHashSet<>();
        boolean read = false;
        for (Manifest m : manifests) {
            if (m.kind() != ManifestKind.MIX_EXS || m.dependencies().stream().noneMatch(d -> d.name().equals("phoenix"))) {
                continue;
            }
            String lib = PathNames.join(PathNames.parent(m.file()), "lib");
            for (String path : files.paths()) {
                if (!path.endsWith(".ex") || !PathNames.isUnder(path, lib)) {
                    continue;
                }
                SourceFile file = files.read(path).orElse(null);
                if (file == null) {
                    continue;
                }
                String text = file.text();
                if (text.contains("use Phoenix.Endpoint")) {
                    endpoint(text, opaque);
                } else if (ROUTER.matcher(text).find() && !text.contains("defmacro")) {
                    read = true;
                    router(file, routes, opaque);
                }
            }
        }
        return read && !routes.isEmpty() ? new Routes(true, routes, List.copyOf(opaque)) : Routes.unknown();
    }

    private static void endpoint(String text, Set<String> opaque) {
        Matcher plug = ENDPOINT_PLUG.matcher(text);
        while (plug.find()) {
            String module = plug.group(1);
            if (!GENERATED_PLUGS.contains(module) && !module.endsWith("Router")) {
                opaque.add("");
            }
        }
        Matcher socket = SOCKET.matcher(text);
        while (socket.find()) {
            opaque.add(socket.group(1));
        }
    }

    private static void router(SourceFile file, List<Route> routes, Set<String> opaque) {
        String[] lines = file.text().split("\n", -1);
        Deque<Frame> frames = new ArrayDeque<>();
        for (int i = 0; i < lines.length; i++) {
            String line = code(lines[i]).strip();
            int ends = count(END, line);
            if (line.startsWith("end")) {
                pop(frames, 1);
                ends--;
            }
            String prefix = prefix(frames);
            boolean conditional = frames.stream().anyMatch(f -> f.block() == Block.CONDITION);
            String name = null;
            String literal = null;
            Matcher verb = VERB.matcher(line);
            Matcher match = MATCH.matcher(line);
            if (verb.find()) {
                name = verb.group(1);
                literal = verb.group(3);
            } else if (match.find()) {
                name = "match";
                literal = match.group(2);
            }
            if (name != null) {
                if (literal == null || literal.contains("#{")) {
                    opaque.add(prefix); // a path from a variable or a module attribute
                } else if (conditional || name.equals("forward") || name.equals("live_dashboard")) {
                    opaque.add(join(prefix, literal));
                } else {
                    add(routes, file, i + 1, name, join(prefix, literal));
                }
            }
            for (int f = count(FN, line); f > 0; f--) {
                frames.push(new Frame(Block.OTHER, prefix));
            }
            pop(frames, ends);
            if (DO_BLOCK.matcher(line).find()) {
                frames.push(block(line, frames, opaque));
            }
        }
    }

    private static Frame block(String line, Deque<Frame> frames, Set<String> opaque) {
        String prefix = prefix(frames);
        if (line.startsWith("if ") || line.startsWith("if(") || line.startsWith("unless ")) {
            return new Frame(Block.CONDITION, prefix);
        }
        Matcher scope = SCOPE.matcher(line);
        if (!scope.find()) {
            return new Frame(Block.OTHER, prefix);
        }
        if (line.contains("host:") || scope.group(1) == null && line.matches("^scope\\s*\\(?\\s*[a-z@].*")) {
            opaque.add(prefix); // a scope bound to a host, or with a path from a variable
            return new Frame(Block.CONDITION, prefix);
        }
        return new Frame(Block.SCOPE, scope.group(2) == null ? prefix : join(prefix, scope.group(2)));
    }

    private static void add(List<Route> routes, SourceFile file, int line, String macro, String path) {
        String method = switch (macro) {
            case "live", "get" -> "GET";
            case "resources", "match" -> "ANY";
            default -> macro.toUpperCase(java.util.Locale.ROOT);
        };
        String p = path.replaceAll("/\\*\\w+", "/*"); // a glob segment takes the rest of the path
        routes.add(new Route(method, p, false, file.path(), line, Handler.unknown(p, file.path(), line),
                Framework.PHOENIX));
        if (macro.equals("resources")) {
            String member = join(p, ":id");
            routes.add(new Route(method, member, false, file.path(), line, Handler.unknown(member, file.path(), line),
                    Framework.PHOENIX));
        }
    }

    private static String prefix(Deque<Frame> frames) {
        return frames.isEmpty() ? "" : frames.peek().prefix();
    }

    private static void pop(Deque<Frame> frames, int n) {
        for (int k = 0; k < n && !frames.isEmpty(); k++) {
            frames.pop();
        }
    }

    private static int count(Pattern p, String line) {
        Matcher m = p.matcher(line);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String join(String prefix, String path) {
        String joined = ("/" + prefix + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** The line without its comment. */
    private static String code(String line) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && inString && i + 1 < line.length()) {
                out.append(c).append(line.charAt(++i));
                continue;
            }
            if (c == '"') {
                inString = !inString;
            } else if (c == '#' && !inString) {
                break;
            }
            out.append(c);
        }
        return out.toString();
    }
}
