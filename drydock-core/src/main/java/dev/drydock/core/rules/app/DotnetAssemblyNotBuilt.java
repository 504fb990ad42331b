package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.DotnetAssemblies;
import dev.drydock.core.rules.support.WrittenInstructions;
import java.util.List;
import java.util.Locale;

@RuleDefinition(
        id = "dotnet-assembly-not-built",
        title = "The container runs a .NET assembly that no project of the build context builds",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "The command of a container built from the project (Dockerfile ENTRYPOINT and CMD, or compose"
                + " `command`) that runs `dotnet NAME.dll`, against the project files (.csproj, .fsproj, .vbproj) of"
                + " its build context: each builds the assembly its <AssemblyName> names, else the one named after"
                + " the project file (Orders.Api.csproj builds Orders.Api.dll). Fires when NAME.dll is none of"
                + " them. Quiet when a name is not known (an AssemblyName made of MSBuild properties, a"
                + " Directory.Build.props that sets AssemblyName), when the Dockerfile names the assembly anywhere"
                + " else (a RUN that renames it, a COPY of a prebuilt file), for a name held in a variable, and when"
                + " the build context has no project file.",
        problem = "`dotnet publish` writes the assembly under the project's name unless AssemblyName says otherwise;"
                + " an ENTRYPOINT written by hand, or left behind when the project was renamed, points at a file"
                + " that is not in the publish output.",
        impact = "The image builds, but every container exits at once: dotnet does not find the file. Nothing fails"
                + " until the image is deployed.",
        recommendation = "Run the assembly the project builds: ENTRYPOINT [\"dotnet\", \"<project name>.dll\"], or"
                + " set <AssemblyName> in the project file to the name the Dockerfile uses.",
        references = {
                "https://learn.microsoft.com/en-us/dotnet/core/project-sdk/msbuild-props#assemblyname",
                "https://learn.microsoft.com/en-us/dotnet/core/docker/build-container"},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
                        WORKDIR /src
                        COPY Notifications.Api.csproj .
                        RUN dotnet restore
                        COPY . .
                        RUN dotnet publish -c Release -o /app/publish --no-restore

                        FROM mcr.microsoft.com/dotnet/aspnet:10.0.0
                        WORKDIR /app
                        COPY --from=build /app/publish .
                        USER $APP_UID
                        ENTRYPOINT ["dotnet", "Notifications.dll"]
                        """,
                good = """
                        FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
                        WORKDIR /src
                        COPY Notifications.Api.csproj .
                        RUN dotnet restore
                        COPY . .
                        RUN dotnet publish -c Release -o /app/publish --no-restore

                        FROM mcr.microsoft.com/dotnet/aspnet:10.0.0
                        WORKDIR /app
                        COPY --from=build /app/publish .
                        USER $APP_UID
                        ENTRYPOINT ["dotnet", "Notifications.Api.dll"]
                        """,
                alongside = @ExampleFile(name = "Notifications.Api.csproj", content = """
                        <Project Sdk="Microsoft.NET.Sdk.Web">
                          <PropertyGroup>
                            <TargetFramework>net10.0</TargetFramework>
                          </PropertyGroup>
                        </Project>
                        """)))
public final class DotnetAssemblyNotBuilt implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EffectiveCommand command = c.command();
            String dll = command == null ? null : runDll(command.argv());
            if (dll == null || dll.contains("$")) {
                continue;
            }
            String name = PathNames.fileName(dll);
            List<DotnetAssemblies.Assembly> built = DotnetAssemblies.built(context, c);
            if (built.isEmpty() || built.stream().anyMatch(a -> a.dll().equalsIgnoreCase(name))
                    || namedElsewhere(command, c, name)) {
                continue;
            }
            String projects = String.join(", ", built.stream().map(a -> a.project() + " builds " + a.dll()).toList());
            DotnetAssemblies.Assembly app = DotnetAssemblies.of(context, c).orElse(null);
            context.finding(this, WrittenInstructions.commandWord(c, command, dll), "`dotnet " + dll + "` runs " + name + ", which no project of"
                            + " the build context builds (" + projects + "): the publish output has no " + name
                            + ", so every container exits at once")
                    .recommendation(app == null
                            ? "Run the assembly of the project the Dockerfile publishes, or set <AssemblyName> in that"
                                    + " project file to " + name.substring(0, name.length() - 4) + "."
                            : "Run " + app.dll() + " (ENTRYPOINT [\"dotnet\", \"" + PathNames.join(PathNames.parent(dll),
                                    app.dll()) + "\"]), or set <AssemblyName>" + name.substring(0, name.length() - 4)
                                    + "</AssemblyName> in " + app.project() + ".")
                    .add();
        }
    }

    /** The assembly {@code dotnet NAME.dll} runs, as written, or null when the command runs none. */
    private static String runDll(List<String> argv) {
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (PathNames.fileName(argv.get(i)).equals("dotnet")) {
                String next = argv.get(i + 1);
                return next.toLowerCase(Locale.ROOT).endsWith(".dll") ? next : null;
            }
        }
        return null;
    }

    /** Whether the Dockerfile's instructions mention the assembly outside the command (renamed, copied in prebuilt). */
    private static boolean namedElsewhere(EffectiveCommand command, Container c, String name) {
        if (c.build() == null || c.build().model() == null) {
            return true;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        int count = 0;
        for (Stage stage : c.build().model().stages()) {
            for (Step step : stage.steps()) {
                String text = step.instruction().rawText().toLowerCase(Locale.ROOT);
                for (int at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
                    count++;
                }
            }
        }
        boolean inDockerfile = command.origin() != null && c.build().dockerfile().equals(command.origin().file());
        return count > (inDockerfile ? 1 : 0);
    }
}
