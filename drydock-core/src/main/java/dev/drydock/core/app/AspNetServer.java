package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an ASP.NET Core application chooses its own addresses, which then override ASPNETCORE_URLS and
 * ASPNETCORE_HTTP_PORTS: Kestrel's endpoints or {@code urls} in the appsettings files, {@code UseUrls},
 * {@code Listen*}, {@code Urls.Add} or {@code app.Run("http://...")} in the startup code.
 */
final class AspNetServer {

    private static final List<String> STARTUP_FILES = List.of("Program.cs", "Startup.cs");
    private static final List<String> SETTINGS_FILES = List.of("appsettings.json", "appsettings.Production.json",
            "hosting.json");
    private static final Pattern IN_CODE = Pattern.compile("\\.(UseUrls|Listen|ListenAnyIP|ListenLocalhost|"
            + "ConfigureKestrel|UseKestrel)\\s*\\(|\\.Urls\\.Add\\s*\\(|\\.Run(?:Async)?\\s*\\(\\s*\"https?://");
    private static final Pattern IN_SETTINGS = Pattern.compile("\"(?i:kestrel|urls|http_ports)\"\\s*:");

    private AspNetServer() {}

    /**
     * The first place the application sets its own addresses, as a server start whose port drydock does not
     * tell (the rules then say nothing about the port); empty when the environment and the image decide.
     */
    static Optional<ServerCall> bindingInCode(List<Manifest> manifests, SourceSet files) {
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
            for (String name : SETTINGS_FILES) {
                Optional<ServerCall> found = find(files, PathNames.join(dir, name), IN_SETTINGS);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
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
