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
 * The endpoints an ASP.NET Core application maps with literal paths in its startup code beside the project file
 * ({@code Program.cs}, {@code Startup.cs}): {@code app.MapHealthChecks("/healthz")}, the health check middleware's
 * {@code app.UseHealthChecks("/health")}, {@code app.MapGet("/", ...)}.
 * The attribute routes of its controllers too: the class's {@code [Route("api/[controller]")]} joined to each action's
 * {@code [HttpGet("health")]} or {@code [Route(...)]} (an action template starting with / or ~/ stands alone), with
 * {@code [controller]} and {@code [action]} replaced by the names ({@code Controller} and {@code Async} left out).
 * Conventional routes, Razor pages, middleware and routes built at run time are not read: nothing is claimed about
 * other paths.
 */
final class AspNetRoutes {

    private static final Pattern MAPPED = Pattern.compile(
            "\\.(MapHealthChecks|UseHealthChecks|MapGet)\\s*\\(\\s*\"(/?[^\"]*)\"");
    private static final List<String> STARTUP_FILES = List.of("Program.cs", "Startup.cs");

    private AspNetRoutes() {}

    /**
     * The routes mapped in the startup code, or {@link Routes#unknown()} when there is no .NET project or each one
     * read is no ASP.NET Core application ({@link AspNetProjects}).
     */
    static Routes routes(List<Manifest> manifests, SourceSet files) {
        List<Route> routes = new ArrayList<>();
        boolean project = false;
        for (Manifest m : manifests) {
            if (m.kind() != ManifestKind.DOTNET_PROJECT
                    || !files.read(m.file()).map(f -> AspNetProjects.isWeb(f.text())).orElse(true)) {
                continue;
            }
            project = true;
            String dir = PathNames.parent(m.file());
            for (String name : STARTUP_FILES) {
                SourceFile file = files.read(PathNames.join(dir, name)).orElse(null);
                if (file != null) {
                    read(file, routes);
                }
            }
            for (String path : files.paths()) {
                if (path.endsWith(".cs") && PathNames.isUnder(path, dir) && !path.matches("(.*/)?(bin|obj)/.*")) {
                    files.read(path).filter(f -> f.text().contains("Controller")).ifPresent(f -> AspNetControllers.read(f, routes));
                }
            }
        }
        return project ? new Routes(true, routes, List.of("")) : Routes.unknown();
    }

    private static void read(SourceFile file, List<Route> out) {
        Matcher m = MAPPED.matcher(file.text());
        while (m.find()) {
            String path = m.group(2).startsWith("/") ? m.group(2) : "/" + m.group(2);
            int line = file.text().substring(0, m.start()).split("\n", -1).length;
            Handler handler = m.group(1).endsWith("HealthChecks")
                    ? Handler.checking("health checks", file.path(), line,
                            "ASP.NET Core's health checks report every check registered with AddHealthChecks()")
                    : Handler.unknown(path, file.path(), line);
            out.add(new Route("GET", path, false, file.path(), line, handler, Framework.ASPNET_CORE));
        }
    }
}
