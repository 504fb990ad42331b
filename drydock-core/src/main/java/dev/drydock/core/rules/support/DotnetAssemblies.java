package dev.drydock.core.rules.support;

import dev.drydock.core.app.AspNetProjects;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The .NET application a container builds, read from its project file: the assembly `dotnet publish` writes
 * ({@code <AssemblyName>}, else the project file's name: Orders.Api.csproj gives Orders.Api.dll) and the image
 * it runs on (an ASP.NET Core project, {@link AspNetProjects}, on aspnet, any other on runtime).
 */
public final class DotnetAssemblies {

    private static final Pattern ASSEMBLY_NAME = Pattern.compile("<AssemblyName>\\s*([\\w.-]+)\\s*</AssemblyName>");
    private static final Pattern TEST_PROJECT = Pattern.compile("(?i)<IsTestProject>\\s*true|Microsoft\\.NET\\.Test\\.Sdk");

    /** One application project: the assembly's file name and the runtime image it needs. */
    public record Assembly(String dll, String project, boolean web) {

        /** {@code mcr.microsoft.com/dotnet/aspnet} or {@code mcr.microsoft.com/dotnet/runtime}. */
        public String runtimeImage() {
            return "mcr.microsoft.com/dotnet/" + (web ? "aspnet" : "runtime");
        }
    }

    private DotnetAssemblies() {}

    /**
     * The application the container's project files describe: the one project that is not a test project; empty
     * when there is none, more than one (the Dockerfile then chooses, and drydock does not tell which), or when its
     * assembly's name is not known.
     */
    public static Optional<Assembly> of(ReviewContext context, Container c) {
        List<Read> found = all(context, c).stream().filter(r -> !r.test()).toList();
        return found.size() == 1 ? Optional.ofNullable(found.get(0).assembly()) : Optional.empty();
    }

    /**
     * Every assembly the container's project files build, test projects included; empty when a name is not known:
     * an AssemblyName built from MSBuild properties, or a Directory.Build.props that may set one for all projects.
     */
    public static List<Assembly> built(ReviewContext context, Container c) {
        List<Read> read = all(context, c);
        return read.stream().anyMatch(r -> r.assembly() == null) ? List.of()
                : read.stream().map(Read::assembly).toList();
    }

    private record Read(Assembly assembly, boolean test) {}

    private static List<Read> all(ReviewContext context, Container c) {
        List<Read> found = new ArrayList<>();
        for (Manifest m : c.manifests()) {
            if (m.kind() != ManifestKind.DOTNET_PROJECT) {
                continue;
            }
            SourceFile file = context.project().source(m.file()).orElse(null);
            if (file == null) {
                continue;
            }
            String text = file.text();
            boolean test = TEST_PROJECT.matcher(text).find();
            if (text.contains("<AssemblyName") && !ASSEMBLY_NAME.matcher(text).find() || sharedProps(context, m.file())) {
                found.add(new Read(null, test));
                continue;
            }
            Matcher named = ASSEMBLY_NAME.matcher(text);
            String fileName = PathNames.fileName(m.file());
            String name = named.find() ? named.group(1) : fileName.substring(0, fileName.lastIndexOf('.'));
            found.add(new Read(new Assembly(name + ".dll", m.file(), AspNetProjects.isWeb(text)), test));
        }
        return found;
    }

    /** Whether a Directory.Build.props in the project's folder or above it sets an AssemblyName. */
    private static boolean sharedProps(ReviewContext context, String projectFile) {
        String dir = PathNames.parent(projectFile);
        while (true) {
            SourceFile props = context.project().source(PathNames.join(dir, "Directory.Build.props")).orElse(null);
            if (props != null && props.text().contains("<AssemblyName")) {
                return true;
            }
            if (dir.isEmpty()) {
                return false;
            }
            dir = PathNames.parent(dir);
        }
    }
}
