package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The servers a Ktor application starts: {@code embeddedServer(Netty, port = 8080, host = "0.0.0.0")} in its Kotlin
 * sources (port 80 and every interface when the call names none, as Ktor's defaults are), or an engine's
 * {@code EngineMain} reading {@code ktor.deployment.port} from {@code application.conf} (HOCON, where
 * {@code port = ${?PORT}} after a number lets the variable override it) or {@code application.yaml}
 * ({@code port: "$PORT:8080"}), with the command's {@code -port=} above it. A port written as an expression drydock
 * cannot evaluate, or given by an engine environment or configure block, is left untold.
 */
final class KtorServer {

    private static final Pattern EMBEDDED = Pattern.compile("\\bembeddedServer\\s*\\(");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,5}");
    private static final Pattern GETENV = Pattern.compile("getenv\\s*\\(\\s*\"(\\w+)\"\\s*\\)");
    private static final Pattern FALLBACK = Pattern.compile("(?:\\?:\\s*\"?|getOrDefault\\s*\\(\\s*\"\\w+\"\\s*,\\s*\")(\\d{1,5})\\b");
    private static final Pattern HOCON_VARIABLE = Pattern.compile("\\$\\{(\\?)?(\\w+)}");
    private static final Pattern YAML_VARIABLE = Pattern.compile("\\$\\{?(\\w+)(?::(\\d{1,5}))?}?");
    /** The modules or deployment settings of Ktor's configuration file. */
    private static final Pattern KTOR_CONFIG = Pattern.compile("(?s)\\bktor\\b.*\\b(modules|deployment)\\b");
    private static final int DEFAULT_PORT = 80;
    private static final int MAX_FILES = 400;

    private KtorServer() {}

    /** The Maven or Gradle build that depends on Ktor's server, or null. */
    static Manifest build(List<Manifest> manifests) {
        for (Manifest m : manifests) {
            if ((m.kind() == ManifestKind.POM_XML || m.kind() == ManifestKind.GRADLE) && m.dependencies().stream()
                    .anyMatch(d -> d.name().toLowerCase(Locale.ROOT).startsWith("io.ktor:ktor-server") && !d.isDev())) {
                return m;
            }
        }
        return null;
    }

    /** The application's Kotlin sources (not its tests), comments blanked, by path. */
    static Map<String, String> sources(Manifest build, SourceSet files) {
        String dir = PathNames.parent(build.file());
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : files.paths()) {
            if (p.endsWith(".kt") && PathNames.isUnder(p, dir) && !p.contains("/test/") && !p.contains("Test.kt")
                    && out.size() < MAX_FILES) {
                files.read(p).ifPresent(f -> out.put(p, KotlinText.blankComments(f.text())));
            }
        }
        return out;
    }

    /** Every server start found: the embeddedServer calls, else the EngineMain configuration. */
    static List<ServerCall> starts(Manifest build, Map<String, String> sources, SourceSet files, EntryPoint ep,
            Map<String, String> env) {
        List<ServerCall> out = new ArrayList<>();
        sources.forEach((path, text) -> {
            Matcher m = EMBEDDED.matcher(text);
            while (m.find()) {
                int open = m.end() - 1;
                int close = KotlinText.matching(text, open);
                if (close > 0) {
                    out.add(embedded(path, text, m.start(), text.substring(open + 1, close)));
                }
            }
        });
        if (out.isEmpty() && usesEngineMain(build, sources, files)) {
            out.add(engineMain(build, files, ep, env));
        }
        return out;
    }

    private static boolean usesEngineMain(Manifest build, Map<String, String> sources, SourceSet files) {
        String resources = PathNames.join(PathNames.parent(build.file()), "src/main/resources");
        return files.read(build.file()).map(f -> f.text().contains("EngineMain")).orElse(false)
                || sources.values().stream().anyMatch(t -> t.contains("EngineMain"))
                || Stream.of("application.conf", "application.yaml", "application.yml") // what only EngineMain reads
                        .anyMatch(n -> files.read(PathNames.join(resources, n)).map(f -> KTOR_CONFIG.matcher(f.text()).find())
                                .orElse(false));
    }

    private static ServerCall embedded(String path, String text, int start, String args) {
        List<String> list = KotlinText.arguments(args);
        String engine = list.isEmpty() ? "" : list.get(0);
        String port = null;
        String host = null;
        boolean configured = false;
        int positional = 0;
        for (String a : list) {
            Matcher named = Pattern.compile("^(\\w+)\\s*=(?!=)\\s*(.*)$", Pattern.DOTALL).matcher(a);
            if (named.matches()) {
                switch (named.group(1)) {
                    case "port" -> port = named.group(2).strip();
                    case "host" -> host = named.group(2).strip();
                    case "environment", "configure", "rootConfig", "serverConfig" -> configured = true;
                    default -> { }
                }
                continue;
            }
            positional++;
            if (positional == 2 && !a.startsWith("{")) {
                if (a.matches("(?s)(applicationEngineEnvironment|serverConfig|applicationEnvironment|environment)\\b.*")) {
                    configured = true;
                } else {
                    port = a;
                }
            } else if (positional == 3 && !a.startsWith("{") && !a.startsWith("::")) {
                host = a;
            }
        }
        String name = "Ktor's " + engine.replaceAll("^.*\\.", "") + " engine (embeddedServer)";
        String call = "embeddedServer(" + String.join(", ", list.stream()
                .map(a -> a.startsWith("{") || a.contains("\n") ? "..." : a).toList()) + ")";
        int line = KotlinText.line(text, start);
        if (configured && port == null) {
            return new ServerCall(name, call, false, false, path, line, host, null, null, null, null);
        }
        if (port == null) {
            return new ServerCall(name, call, false, false, path, line, host, DEFAULT_PORT, null, null, null);
        }
        String expression = port;
        if (expression.matches("\\w+") && !NUMBER.matcher(expression).matches()) {
            Matcher val = Pattern.compile("\\bva[lr]\\s+" + expression + "\\s*(?::\\s*Int\\s*)?=\\s*([^\\n]+)")
                    .matcher(text);
            if (val.find()) {
                expression = val.group(1).strip();
            }
        }
        Integer number = NUMBER.matcher(expression).matches() ? Integer.valueOf(expression) : null;
        String variable = null;
        Matcher env = GETENV.matcher(expression);
        if (number == null && env.find() && !env.find(env.end())) {
            variable = GETENV.matcher(expression).results().findFirst().orElseThrow().group(1);
            Matcher fallback = FALLBACK.matcher(expression);
            number = fallback.find() ? Integer.valueOf(fallback.group(1)) : null;
        }
        return new ServerCall(name, call, false, false, path, line, host, number, port, variable, null);
    }

    /** EngineMain: ktor.deployment.port from the configuration file, the command's -port above it. */
    private static ServerCall engineMain(Manifest build, SourceSet files, EntryPoint ep, Map<String, String> env) {
        String name = "Ktor's EngineMain";
        List<String> args = ep == null ? List.of() : ep.args();
        for (String a : args) {
            if (a.startsWith("-port=")) {
                String v = a.substring(6);
                return new ServerCall(name + " (" + a + ")", a, false, false, null, 0, null,
                        NUMBER.matcher(v).matches() ? Integer.valueOf(v) : null, v, null, null);
            }
            if (a.startsWith("-config=") || a.startsWith("-P:ktor.deployment.port")) {
                return new ServerCall(name, a, false, false, null, 0, null, null, null, null, null);
            }
        }
        String resources = PathNames.join(PathNames.parent(build.file()), "src/main/resources");
        SourceFile conf = files.read(PathNames.join(resources, "application.conf")).orElse(null);
        SourceFile yaml = files.read(PathNames.join(resources, "application.yaml"))
                .or(() -> files.read(PathNames.join(resources, "application.yml"))).orElse(null);
        if (conf != null && yaml == null) {
            return hocon(name, conf);
        }
        if (yaml != null && conf == null) {
            PropertyFiles.Document doc = PropertyFiles.first(yaml);
            Map<String, String> values = doc.values();
            Map<String, Integer> lines = doc.lines();
            String v = values.get("ktor.deployment.port");
            if (v != null) {
                String value = v.strip();
                int line = lines.get("ktor.deployment.port");
                if (NUMBER.matcher(value).matches()) {
                    return new ServerCall(name + " (ktor.deployment.port)", "port: " + value, false, false, yaml.path(),
                            line, null, Integer.valueOf(value), value, null, null);
                }
                Matcher variable = YAML_VARIABLE.matcher(value);
                if (variable.matches()) {
                    return new ServerCall(name + " (ktor.deployment.port)", "port: " + value, false, false,
                            yaml.path(), line, null, variable.group(2) == null ? null : Integer.valueOf(variable.group(2)),
                            value, variable.group(1), null);
                }
            }
        }
        return new ServerCall(name, "EngineMain", false, false, null, 0, null, null, null, null, null);
    }

    /** ktor.deployment.port from HOCON: the last number, overridden by a later {@code ${?VAR}} when VAR is set. */
    private static ServerCall hocon(String name, SourceFile conf) {
        Integer number = null;
        int line = 0;
        String variable = null;
        String written = null;
        boolean required = false;
        for (Hocon.Setting s : Hocon.settings(conf.text())) {
            if (!s.key().equals("ktor.deployment.port")) {
                continue;
            }
            String value = s.value().replaceAll("^\"|\"$", "").strip();
            Matcher v = HOCON_VARIABLE.matcher(value);
            if (NUMBER.matcher(value).matches()) {
                number = Integer.valueOf(value);
                variable = null;
                required = false;
            } else if (v.matches()) {
                variable = v.group(2);
                required = v.group(1) == null;
            } else {
                number = null;
                variable = null;
            }
            line = s.line();
            written = written == null ? value : written + ", then " + value;
        }
        if (line == 0) {
            return new ServerCall(name, "EngineMain", false, false, null, 0, null, null, null, null, null);
        }
        return new ServerCall(name + " (ktor.deployment.port)", "port = " + written, false, false, conf.path(), line,
                null, required ? null : number, written, variable, null);
    }
}
