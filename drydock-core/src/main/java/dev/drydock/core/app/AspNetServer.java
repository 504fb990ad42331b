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
 * file of the environment ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT names, Production when neither is set),
 * {@code UseUrls}, {@code Listen*}, {@code Urls.Add} or {@code app.Run("http://...")} in the startup code, or
 * Kestrel's settings given as variables of the container ({@code Kestrel__Endpoints__Http__Url}).
 */
final class AspNetServer {

    private static final List<String> STARTUP_FILES = List.of("Program.cs", "Startup.cs");
    private static final List<String> SETTINGS_FILES = List.of("appsettings.json", "hosting.json");
    private static final Pattern ENVIRONMENT_SETTINGS = Pattern.compile("(?i)appsettings\\.[^/]+\\.json");
    private static final Pattern IN_CODE = Pattern.compile("\\.(UseUrls|Listen|ListenAnyIP|ListenLocalhost|"
            + "ConfigureKestrel|UseKestrel)\\s*\\(|\\.Urls\\.Add\\s*\\(|\\.Run(?:Async)?\\s*\\(\\s*\"https?://");
    private static final Pattern IN_SETTINGS = Pattern.compile("\"(?i:kestrel|urls|http_ports)\"\\s*:");

    private AspNetServer() {}

    /**
     * The first place the application sets its own addresses, as a server start whose port drydock does not
     * tell (the rules then say nothing about the port); empty when the environment and the image decide.
     */
    static Optional<ServerCall> bindingInCode(List<Manifest> manifests, SourceSet files, Map<String, String> env) {
        for (String variable : env.keySet()) {
            String key = variable.toLowerCase(Locale.ROOT);
            if (key.startsWith("kestrel__") || key.startsWith("aspnetcore_kestrel__")
                    || key.startsWith("dotnet_kestrel__")) {
                return Optional.of(new ServerCall("ASP.NET Core's Kestrel", variable, false, false, null, 0, null,
                        null, null, null, null));
            }
        }
        for (Manifest m : manifests) {
            if (m.kind() != ManifestKind.DOTNET_PROJECT) {
                continue;
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
        }
        return Optional.empty();
    }

    /**
     * The settings files the host reads from the project's folder: appsettings.json, hosting.json and the file of
     * the environment; every appsettings.*.json when the environment is a variable drydock cannot tell.
     */
    private static List<String> settingsFiles(SourceSet files, String dir, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        SETTINGS_FILES.forEach(name -> out.add(PathNames.join(dir, name)));
        String environment = env.getOrDefault("ASPNETCORE_ENVIRONMENT", env.getOrDefault("DOTNET_ENVIRONMENT",
                "Production"));
        if (!environment.contains("$")) {
            out.add(PathNames.join(dir, "appsettings." + environment.strip() + ".json"));
            return out;
        }
        for (String path : files.paths()) {
            if (PathNames.parent(path).equals(dir) && ENVIRONMENT_SETTINGS.matcher(PathNames.fileName(path)).matches()) {
                out.add(path);
            }
        }
        return out;
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
        return Optional.of(new ServerCall("ASP.NET Core's Kestrel", m.group().strip(), false, false, path, line, null,
                null, null, null, null));
    }
}
