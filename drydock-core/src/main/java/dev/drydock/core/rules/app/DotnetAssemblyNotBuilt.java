package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
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
import dev.drydock.core.rules.support.DotnetPublishes;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.WrittenInstructions;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "dotnet-assembly-not-built",
        title = "The container runs a .NET assembly or executable that the publish output does not have",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "The command of a container built from the project (Dockerfile ENTRYPOINT and CMD, or compose"
                + " `command`) that runs `dotnet NAME.dll`, or the apphost ./NAME (or /WORKDIR/NAME) when a stage of"
                + " the image runs `dotnet publish`, against the project files (.csproj, .fsproj, .vbproj) of its"
                + " build context: each builds the assembly its <AssemblyName> names, else the one named after the"
                + " project file (Orders.Api.csproj builds Orders.Api.dll and the apphost Orders.Api). Fires when"
                + " NAME is none of them; when `dotnet NAME.dll` runs an assembly the publish bundles into its"
                + " executable (PublishSingleFile) or compiles to native code (PublishAot), set in the project file"
                + " or as -p:NAME=true; when ./NAME runs an apphost the publish leaves out (UseAppHost=false); and"
                + " when `dotnet NAME` names a built assembly without its .dll (dotnet takes NAME for an SDK command)."
                + " Quiet when a name is not known (an AssemblyName made of MSBuild properties, a"
                + " Directory.Build.props that sets AssemblyName, a PublishProfile), when the Dockerfile names the"
                + " file anywhere else (a RUN that renames it, a COPY of a prebuilt file), for a name held in a"
                + " variable, for a program that may come from the build context (a file of that name, a COPY of"
                + " the build context into the image), and when the build context has no project file.",
        problem = "`dotnet publish` writes the assembly, and beside it an executable (the apphost), under the"
                + " project's name unless AssemblyName says otherwise; PublishSingleFile and PublishAot leave only the"
                + " executable, UseAppHost=false only the assembly. An ENTRYPOINT written by hand, left behind when"
                + " the project was renamed or the publish options changed, points at a file that is not in the"
                + " publish output.",
        impact = "The image builds, but every container exits at once: dotnet, or the shell, does not find the file."
                + " Nothing fails until the image is deployed.",
        recommendation = "Run what the publish writes: ENTRYPOINT [\"dotnet\", \"<project name>.dll\"], or"
                + " [\"./<project name>\"] for a self-contained or single-file publish; or set <AssemblyName> in the"
                + " project file to the name the Dockerfile uses.",
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

    /** Programs that are scripts, not an apphost: an apphost's name is the assembly's, which ends in none of these. */
    private static final Pattern SCRIPT = Pattern.compile("(?i).*\\.(sh|bash|py|pl|rb|js|ps1|dll|exe)");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EffectiveCommand command = c.command();
            if (command == null) {
                continue;
            }
            String dll = runDll(command.argv());
            String bare = dll == null ? runBare(command.argv()) : null;
            if (dll != null) {
                checkDll(context, c, command, dll);
            } else if (bare != null) {
                checkBare(context, c, command, bare);
            } else {
                String host = appHost(c);
                if (host != null) {
                    checkAppHost(context, c, command, host);
                }
            }
        }
    }

    private void checkDll(ReviewContext context, Container c, EffectiveCommand command, String dll) {
        if (dll.contains("$")) {
            return;
        }
        String name = PathNames.fileName(dll);
        List<DotnetAssemblies.Assembly> built = DotnetAssemblies.built(context, c);
        if (built.isEmpty() || namedElsewhere(command, c, name)) {
            return;
        }
        String bare = name.substring(0, name.length() - 4);
        if (built.stream().anyMatch(a -> a.dll().equalsIgnoreCase(name))) {
            DotnetPublishes.Publish publish = DotnetPublishes.of(context, c).orElse(null);
            String bundled = publish == null ? null : publish.withoutDll();
            if (bundled != null) {
                context.finding(this, WrittenInstructions.commandWord(c, command, dll), "`dotnet " + dll + "` runs "
                                + name + ", but the publish at line " + publish.line() + " sets " + bundled + ", which "
                                + (bundled.equals("PublishAot") ? "compiles it to native code" : "bundles it")
                                + " into the executable " + bare + ": the publish output has no " + name
                                + ", so every container exits at once")
                        .recommendation("Run the executable: ENTRYPOINT [\"" + PathNames.join(dirOrDot(dll), bare)
                                + "\"].")
                        .add();
            }
            return;
        }
        String projects = String.join(", ", built.stream().map(a -> a.project() + " builds " + a.dll()).toList());
        DotnetAssemblies.Assembly app = DotnetAssemblies.of(context, c).orElse(null);
        context.finding(this, WrittenInstructions.commandWord(c, command, dll), "`dotnet " + dll + "` runs " + name
                        + ", which no project of the build context builds (" + projects + "): the publish output has no "
                        + name + ", so every container exits at once")
                .recommendation(app == null
                        ? "Run the assembly of the project the Dockerfile publishes, or set <AssemblyName> in that"
                                + " project file to " + bare + "."
                        : "Run " + app.dll() + " (ENTRYPOINT [\"dotnet\", \"" + PathNames.join(PathNames.parent(dll),
                                app.dll()) + "\"]), or set <AssemblyName>" + bare + "</AssemblyName> in "
                                + app.project() + ".")
                .add();
    }

    /**
     * {@code dotnet NAME} without .dll, NAME being an assembly a project of the build context builds: the muxer runs
     * only a path to an assembly, and takes any other word for an SDK command ({@code dotnet-NAME}).
     */
    private void checkBare(ReviewContext context, Container c, EffectiveCommand command, String bare) {
        String name = PathNames.fileName(bare);
        boolean built = DotnetAssemblies.built(context, c).stream()
                .anyMatch(a -> a.dll().equalsIgnoreCase(name + ".dll"));
        if (!built || name.contains("$")) {
            return;
        }
        context.finding(this, WrittenInstructions.commandWord(c, command, bare), "`dotnet " + bare + "` names the"
                        + " assembly without its .dll: dotnet runs an assembly only by the path of its .dll, and " + name
                        + " is at most the native apphost, so dotnet looks for an SDK command dotnet-" + name
                        + " or cannot load the file, and every container exits at once")
                .recommendation("Run the assembly: ENTRYPOINT [\"dotnet\", \"" + bare + ".dll\"].")
                .add();
    }

    /**
     * An apphost (the executable `dotnet publish` writes beside the assembly, named after it) the container runs:
     * ./Orders.Api, or /app/Orders.Api in the working directory, when a stage of the image publishes and neither the
     * build context nor another instruction of the Dockerfile has a file of that name.
     */
    private void checkAppHost(ReviewContext context, Container c, EffectiveCommand command, String host) {
        String name = PathNames.fileName(host);
        DotnetPublishes.Publish publish = DotnetPublishes.of(context, c).orElse(null);
        List<DotnetAssemblies.Assembly> built = DotnetAssemblies.built(context, c);
        if (publish == null || built.isEmpty() || hostNamedElsewhere(c, name) || fromContext(context, c, name)) {
            return;
        }
        boolean builtHere = built.stream().anyMatch(a -> a.dll().equalsIgnoreCase(name + ".dll"));
        if (builtHere && !publish.appHost()) {
            context.finding(this, WrittenInstructions.commandWord(c, command, host), "`" + host + "` runs the apphost "
                            + name + ", but the publish at line " + publish.line() + " sets UseAppHost to false: the"
                            + " publish output has " + name + ".dll and no " + name + " executable, so every container"
                            + " exits at once")
                    .recommendation("Run the assembly (ENTRYPOINT [\"dotnet\", \"" + name + ".dll\"]), or drop"
                            + " UseAppHost=false from the publish.")
                    .add();
            return;
        }
        if (builtHere) {
            return;
        }
        String projects = String.join(", ", built.stream().map(a -> a.project() + " builds "
                + a.dll().substring(0, a.dll().length() - 4)).toList());
        DotnetAssemblies.Assembly app = DotnetAssemblies.of(context, c).orElse(null);
        context.finding(this, WrittenInstructions.commandWord(c, command, host), "`" + host + "` runs " + name
                        + ", but `dotnet publish` names the executable after the assembly, and no project of the build"
                        + " context builds " + name + " (" + projects + "): the publish output has no " + name
                        + ", so every container exits at once")
                .recommendation(app == null
                        ? "Run the executable of the project the Dockerfile publishes, or set <AssemblyName>" + name
                                + "</AssemblyName> in that project file."
                        : "Run " + PathNames.join(dirOrDot(host), app.dll().substring(0, app.dll().length() - 4))
                                + ", or set <AssemblyName>" + name + "</AssemblyName> in " + app.project() + ".")
                .add();
    }

    private static String dirOrDot(String path) {
        String dir = PathNames.parent(path);
        return dir.isEmpty() ? "." : dir;
    }

    /** The assembly {@code dotnet NAME.dll} runs, as written, or null when the command runs none. */
    static String runDll(List<String> argv) {
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (PathNames.fileName(argv.get(i)).equals("dotnet")) {
                String next = argv.get(i + 1);
                return next.toLowerCase(Locale.ROOT).endsWith(".dll") ? next : null;
            }
        }
        return null;
    }

    /** The word after {@code dotnet} when it is neither an option nor an assembly's path (NAME.dll), or null. */
    static String runBare(List<String> argv) {
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (PathNames.fileName(argv.get(i)).equals("dotnet")) {
                String next = argv.get(i + 1);
                String file = PathNames.fileName(next);
                return next.startsWith("-") || file.isEmpty() || file.toLowerCase(Locale.ROOT).endsWith(".dll")
                        ? null : next;
            }
        }
        return null;
    }

    /** The program the container runs when it may be an apphost: ./NAME, or an absolute path in the working directory. */
    static String appHost(Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null || ep.runtime() != Runtime.BINARY || ep.target().value() == null) {
            return null;
        }
        String program = ep.target().value();
        if (program.contains("$") || SCRIPT.matcher(program).matches() || PathNames.fileName(program).isEmpty()) {
            return null;
        }
        boolean inWorkdir = program.startsWith("./") && program.indexOf('/', 2) < 0
                || program.startsWith("/") && PathNames.parent(program).equals(ep.workdir());
        return inWorkdir ? program : null;
    }

    /**
     * Whether the program may come from the build context: a file of that name discovery found, or a COPY or ADD of
     * the build context into the image's stages (a folder of scripts copied in whole).
     */
    private static boolean fromContext(ReviewContext context, Container c, String name) {
        return context.project().layout().entries().stream().anyMatch(e -> e.name().equalsIgnoreCase(name))
                || Stages.inImage(c.build().model(), c.build().stage()).stream()
                        .anyMatch(stage -> stage.copies().stream().anyMatch(CopyCommand::fromContext));
    }

    /**
     * Whether an instruction of the Dockerfile names the apphost as a word of its own (not as the start of
     * NAME.csproj or NAME.dll) outside the command: a RUN that builds or renames it, a COPY of it.
     */
    private static boolean hostNamedElsewhere(Container c, String name) {
        Pattern word = Pattern.compile("(?<![\\w.-])" + Pattern.quote(name) + "(?![\\w.-])", Pattern.CASE_INSENSITIVE);
        int count = 0;
        for (Stage stage : c.build().model().stages()) {
            for (Step step : stage.steps()) {
                Instruction instruction = step.instruction();
                if (instruction.kind() != InstructionKind.ENTRYPOINT && instruction.kind() != InstructionKind.CMD
                        && word.matcher(instruction.rawText()).find()) {
                    count++;
                }
            }
        }
        return count > 0;
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
