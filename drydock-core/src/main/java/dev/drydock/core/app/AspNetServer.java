package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an ASP.NET Core application chooses its own addresses, which then override ASPNETCORE_URLS and
 * ASPNETCORE_HTTP_PORTS: Kestrel's endpoints or {@code urls} in the appsettings files (appsettings.json and the
 * file of the environment ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT names, Production when neither is set; the
 * compose service's env_file and the Kubernetes containers' env may set them too, see DeployedProfiles),
 * {@code UseUrls}, {@code Listen*}, {@code Urls.Add} or {@code app.Run("http://...")} in the startup code (or in
 * another C# file of the project, whose addresses drydock leaves untold), or
 * Kestrel's settings given as variables of the container ({@code Kestrel__Endpoints__Http__Url}; not the default
 * certificate's {@code Kestrel__Certificates__Default__Path}, which binds nothing). The port is read
 * when the startup code alone chooses the addresses with literal URLs: {@code app.Urls.Add("http://+:5000")}, or
 * {@code app.Run("http://0.0.0.0:5000")}, which replaces them, else the urls setting of {@code UseUrls("http://*:8080")}
 * on the web host builder (unless the settings files write urls too); Kestrel's endpoints in the settings would override
 * them all. When the settings files alone choose the addresses, the ports of their Kestrel endpoints are read too
 * ({@link KestrelEndpoints}); a Kestrel section without endpoints leaves the addresses to the environment.
 */
final class AspNetServer {

    private static final List<String> STARTUP_FILES = List.of("Program.cs", "Startup.cs");
    private static final List<String> SETTINGS_FILES = List.of("appsettings.json", "hosting.json");
    private static final Pattern ENVIRONMENT_SETTINGS = Pattern.compile("(?i)appsettings\\.[^/]+\\.json");
    private static final Pattern IN_CODE = Pattern.compile("\\.(UseUrls|Listen|ListenAnyIP|ListenLocalhost|"
            + "ConfigureKestrel|UseKestrel)\\s*\\(|\\.Urls\\.Add\\s*\\(|\\.Run(?:Async)?\\s*\\(\\s*\"https?://");
    private static final Pattern IN_SETTINGS = Pattern.compile("\"(?i:kestrel|urls|http_ports)\"\\s*:");
    private static final Pattern KESTREL_SETTINGS = Pattern.compile("\"(?i:kestrel)\"\\s*:");
    private static final Pattern URLS_ADD = Pattern.compile("\\.Urls\\.Add\\s*\\(\\s*(\"[^\"]*\"|[^)]*)\\s*\\)");
    private static final Pattern RUN_URL = Pattern.compile("\\.Run(?:Async)?\\s*\\(\\s*(\"https?://[^\"]*\")\\s*\\)");
    private static final Pattern OTHER_BINDING = Pattern.compile("\\.(Listen|ListenAnyIP|ListenLocalhost|"
            + "ConfigureKestrel|UseKestrel)\\s*\\(");
    private static final Pattern USE_URLS = Pattern.compile("\\.UseUrls\\s*\\(([^)]*)\\)");
    private static final Pattern URLS_SETTING = Pattern.compile("\"(?i:kestrel|urls)\"\\s*:");
    private static final Pattern URL = Pattern.compile("(?i)(https?)://(\\[[^]]*]|[^:/]+)(?::(\\d{1,5}))?/?");
    static final String KESTREL = "ASP.NET Core's Kestrel";

    private AspNetServer() {}

    /**
     * Where the application sets its own addresses, as server starts: one per URL the startup code gives
     * {@code Urls.Add} or {@code Run} when nothing else in the code or the settings chooses them, else the first place
     * that does, with its port untold (the rules then say nothing about the port); empty when the environment and the
     * image decide.
     */
    static List<ServerCall> bindingsInCode(List<Manifest> manifests, SourceSet files, Map<String, String> env) {
        Optional<ServerCall> first = bindingInCode(manifests, files, env);
        if (first.isEmpty() || first.get().file() == null) {
            return first.map(List::of).orElse(List.of());
        }
        String dir = PathNames.parent(first.get().file());
        List<String> settings = settingsFiles(files, dir, env);
        if (first.get().file().endsWith(".cs") && !STARTUP_FILES.contains(PathNames.fileName(first.get().file()))) {
            return List.of(first.get()); // another source file of the project binds: drydock reads no port there
        }
        if (!STARTUP_FILES.contains(PathNames.fileName(first.get().file()))) {
            return switch (environments(env).stream().anyMatch(e -> e.contains("$")) ? new KestrelEndpoints.Untold()
                    : KestrelEndpoints.of(files, settings, AspNetServer::settingsAddress)) {
                case KestrelEndpoints.Endpoints endpoints -> endpoints.starts();
                case KestrelEndpoints.NoAddresses none -> List.of();
                case KestrelEndpoints.Untold untold -> List.of(first.get());
            };
        }
        boolean kestrelSettings = settings.stream()
                .anyMatch(path -> files.read(path).map(f -> KESTREL_SETTINGS.matcher(f.text()).find()).orElse(false));
        boolean urlsSettings = settings.stream()
                .anyMatch(path -> files.read(path).map(f -> URLS_SETTING.matcher(f.text()).find()).orElse(false));
        List<ServerCall> urls = kestrelSettings ? List.of() : urlsInCode(files, dir, !urlsSettings);
        return urls.isEmpty() ? List.of(first.get()) : urls;
    }

    /**
     * The addresses the startup files give {@code Urls.Add} and {@code Run}, when they are all the code does with the
     * addresses: {@code Run(url)} clears what {@code Urls.Add} added. A URL that is not a literal keeps its port untold.
     */
    private static List<ServerCall> urlsInCode(SourceSet files, String dir, boolean useUrlsDecides) {
        List<ServerCall> added = new ArrayList<>();
        List<ServerCall> run = new ArrayList<>();
        List<ServerCall> useUrls = new ArrayList<>();
        List<ServerCall> listens = new ArrayList<>();
        for (String name : STARTUP_FILES) {
            SourceFile file = files.read(PathNames.join(dir, name)).orElse(null);
            if (file == null) {
                continue;
            }
            String code = CStyleComments.blank(file.text(), AspNetServer::stringEnd);
            if (OTHER_BINDING.matcher(code).find()) {
                List<ServerCall> found = KestrelListens.of(file, code);
                if (found.isEmpty()) {
                    return List.of();
                }
                listens.addAll(found);
                continue;
            }
            Matcher m = URLS_ADD.matcher(code);
            while (m.find()) {
                added.add(address(file, code, m));
            }
            m = RUN_URL.matcher(code);
            while (m.find()) {
                run.add(address(file, code, m));
            }
            m = USE_URLS.matcher(code);
            while (m.find()) {
                useUrls.addAll(useUrls(file, code, m));
            }
        }
        if (!listens.isEmpty()) {
            // Listen calls replace the addresses of the urls setting, Urls.Add and Run
            return listens;
        }
        if (run.size() > 1) {
            return List.of();
        }
        // the server's addresses set in code (Run, Urls.Add) win over the urls setting UseUrls writes
        return !run.isEmpty() ? run : !added.isEmpty() ? added : useUrlsDecides ? useUrls : List.of();
    }

    /**
     * The addresses of one {@code UseUrls("http://*:8080", ...)}: each literal argument's URLs (a setting of several
     * separated by ';'); one start with its port untold when an argument is not a literal.
     */
    private static List<ServerCall> useUrls(SourceFile file, String code, Matcher at) {
        int line = code.substring(0, at.start()).split("\n", -1).length;
        String written = file.text().substring(at.start(), at.end()).strip().replaceFirst("^\\.", "");
        List<ServerCall> out = new ArrayList<>();
        for (String argument : at.group(1).split(",")) {
            String literal = argument.strip();
            if (literal.length() < 2 || !literal.startsWith("\"") || !literal.endsWith("\"")) {
                return List.of(new ServerCall(KESTREL, written, false, false, file.path(), line, null, null,
                        at.group(1).strip(), null, null));
            }
            for (String one : literal.substring(1, literal.length() - 1).split(";")) {
                Matcher url = URL.matcher(one.strip());
                if (!url.matches()) {
                    return List.of(new ServerCall(KESTREL, written, false, false, file.path(), line, null, null,
                            at.group(1).strip(), null, null));
                }
                int port = url.group(3) != null ? Integer.parseInt(url.group(3))
                        : url.group(1).equalsIgnoreCase("https") ? 443 : 80;
                out.add(new ServerCall(KESTREL, written, false, false, file.path(), line, url.group(2),
                        port > 0 && port <= 65535 ? port : null, "\"" + one.strip() + "\"", null, null)
                        .withTls(scheme(url.group(1), "\"" + one.strip() + "\"", file.path(), line)));
            }
        }
        return out;
    }

    /** One endpoint URL of the settings files as a server start whose port is told, or null when it is no literal URL. */
    private static ServerCall settingsAddress(String written, String file, int line, String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            return null;
        }
        int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : m.group(1).equalsIgnoreCase("https") ? 443 : 80;
        return port > 0 && port <= 65535
                ? new ServerCall(KESTREL, written, false, false, file, line, m.group(2), port, "\"" + url + "\"", null, null)
                        .withTls(scheme(m.group(1), written, file, line))
                : null;
    }

    /** One address of the code: host and port of a literal URL (80 or 443 when it names none), else neither. */
    private static ServerCall address(SourceFile file, String code, Matcher at) {
        String argument = at.group(1).strip();
        int line = code.substring(0, at.start()).split("\n", -1).length;
        String written = file.text().substring(at.start(), at.end()).strip().replaceFirst("^\\.", "");
        Matcher url = argument.length() >= 2 && argument.startsWith("\"") && argument.endsWith("\"")
                ? URL.matcher(argument.substring(1, argument.length() - 1).strip()) : null;
        if (url == null || !url.matches()) {
            return new ServerCall(KESTREL, written, false, false, file.path(), line, null, null, argument, null, null);
        }
        int port = url.group(3) != null ? Integer.parseInt(url.group(3))
                : url.group(1).equalsIgnoreCase("https") ? 443 : 80;
        return new ServerCall(KESTREL, written, false, false, file.path(), line, url.group(2), port > 0 && port <= 65535
                ? port : null, argument, null, null).withTls(scheme(url.group(1), argument, file.path(), line));
    }

    /** What Kestrel speaks on the port of a URL: TLS only for https, plain HTTP for http. */
    private static ServerCall.Tls scheme(String scheme, String written, String file, int line) {
        return new ServerCall.Tls(scheme.equalsIgnoreCase("https"), written + " in " + file + ":" + line);
    }

    /** The index just after the C# string that starts at {@code start} (verbatim and interpolated too), or -1. */
    private static int stringEnd(String text, int start) {
        int quote = start;
        while (quote < text.length() && (text.charAt(quote) == '@' || text.charAt(quote) == '$')) {
            quote++;
        }
        if (quote >= text.length() || text.charAt(quote) != '"' || quote > start && quote - start > 2) {
            return text.charAt(start) == '\'' ? charEnd(text, start) : -1;
        }
        boolean verbatim = text.substring(start, quote).contains("@");
        int i = quote + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && !verbatim) {
                i += 2;
            } else if (c == '"') {
                if (verbatim && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static int charEnd(String text, int start) {
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != '\'' && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, text.length());
    }

    /**
     * The first place the application sets its own addresses, as a server start whose port drydock does not
     * tell; empty when the environment and the image decide.
     */
    private static Optional<ServerCall> bindingInCode(List<Manifest> manifests, SourceSet files, Map<String, String> env) {
        for (String variable : env.keySet()) {
            String key = variable.toLowerCase(Locale.ROOT);
            boolean kestrel = key.startsWith("kestrel__") || key.startsWith("aspnetcore_kestrel__")
                    || key.startsWith("dotnet_kestrel__");
            // the default certificate Kestrel__Certificates__Default__Path names binds nothing
            if (kestrel && !key.contains("kestrel__certificates__")) {
                return Optional.of(new ServerCall(KESTREL, variable, false, false, null, 0, null,
                        null, null, null, null));
            }
        }
        for (Manifest m : manifests) {
            if (m.kind() != ManifestKind.DOTNET_PROJECT
                    || !files.read(m.file()).map(f -> AspNetProjects.isWeb(f.text())).orElse(true)) {
                continue; // a console application or a test project starts no Kestrel of the application
            }
            String dir = PathNames.parent(m.file());
            for (String name : STARTUP_FILES) {
                Optional<ServerCall> found = find(files, PathNames.join(dir, name), IN_CODE);
                if (found.isPresent()) {
                    return found;
                }
            }
            for (String path : settingsFiles(files, dir, env)) {
                Optional<ServerCall> found = find(files, path, IN_SETTINGS);
                if (found.isPresent()) {
                    return found;
                }
            }
            for (String path : ownSources(files, manifests, dir)) {
                Optional<ServerCall> found = find(files, path, IN_CODE);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The C# files of the project in {@code dir} other than its startup files: those below its folder, outside bin
     * and obj and outside the folder of another project file below it (a test project beside the application's
     * sources has its own).
     */
    private static List<String> ownSources(SourceSet files, List<Manifest> manifests, String dir) {
        List<String> nested = manifests.stream().filter(m -> m.kind() == ManifestKind.DOTNET_PROJECT)
                .map(m -> PathNames.parent(m.file())).filter(d -> !d.equals(dir) && PathNames.isUnder(d, dir)).toList();
        List<String> out = new ArrayList<>();
        for (String path : files.paths()) {
            if (path.endsWith(".cs") && PathNames.isUnder(path, dir) && !STARTUP_FILES.contains(PathNames.fileName(path))
                    && !path.matches("(.*/)?(bin|obj)/.*") && nested.stream().noneMatch(d -> PathNames.isUnder(path, d))) {
                out.add(path);
            }
        }
        return out;
    }

    /**
     * The settings files the host reads from the project's folder: appsettings.json, hosting.json and the file of
     * the environment; every appsettings.*.json when the environment is a variable drydock cannot tell. When
     * ASPNETCORE_ENVIRONMENT and DOTNET_ENVIRONMENT name different environments, the files of both: the older hosts
     * take the first, WebApplicationBuilder since .NET 7 the second.
     */
    private static List<String> settingsFiles(SourceSet files, String dir, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        SETTINGS_FILES.forEach(name -> out.add(PathNames.join(dir, name)));
        List<String> environments = environments(env);
        if (environments.stream().noneMatch(e -> e.contains("$"))) {
            environments.forEach(e -> out.add(PathNames.join(dir, "appsettings." + e + ".json")));
            return out;
        }
        for (String path : files.paths()) {
            if (PathNames.parent(path).equals(dir) && ENVIRONMENT_SETTINGS.matcher(PathNames.fileName(path)).matches()) {
                out.add(path);
            }
        }
        return out;
    }

    /** The environments the variables may choose; Production when neither is set. */
    static List<String> environments(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (String variable : List.of("ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT")) {
            String value = env.get(variable);
            if (value != null && !value.isBlank() && !out.contains(value.strip())) {
                out.add(value.strip());
            }
        }
        return out.isEmpty() ? List.of("Production") : out;
    }

    private static Optional<ServerCall> find(SourceSet files, String path, Pattern pattern) {
        SourceFile file = files.read(path).orElse(null);
        if (file == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(file.text());
        if (!m.find()) {
            return Optional.empty();
        }
        int line = file.text().substring(0, m.start()).split("\n", -1).length;
        return Optional.of(new ServerCall(KESTREL, m.group().strip(), false, false, path, line, null,
                null, null, null, null));
    }
}
