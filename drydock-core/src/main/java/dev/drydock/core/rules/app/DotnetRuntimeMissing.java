package dev.drydock.core.rules.app;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
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
import dev.drydock.core.rules.support.DotnetImages;
import dev.drydock.core.rules.support.DotnetPublishes;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.Span;
import java.util.List;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "dotnet-runtime-missing",
        title = "A framework-dependent .NET app runs on runtime-deps, which has no .NET runtime",
        severity = Severity.CRITICAL,
        category = Category.RELIABILITY,
        checks = "Containers built from the project whose final stage is based on mcr.microsoft.com/dotnet/runtime-deps"
                + " (the libraries .NET needs, without .NET): fires when the command runs `dotnet NAME.dll` (the image"
                + " has no dotnet), or the apphost ./NAME of a publish that is framework-dependent: SelfContained false"
                + " (`--no-self-contained`, -p:SelfContained=false, <SelfContained>), or not written and the project"
                + " targets .NET 8 or later (where a runtime identifier no longer makes the publish self-contained), or"
                + " no runtime identifier at all. Quiet for Native AOT (PublishAot), a self-contained publish, a"
                + " project before .NET 8 published for a runtime or as a single file (self-contained by default"
                + " then), a publish drydock cannot read (a profile, several projects), and an image that installs"
                + " .NET itself (dotnet-install, a runtime package, a COPY of /usr/share/dotnet).",
        problem = "runtime-deps is meant for self-contained and Native AOT apps, which carry their runtime. A"
                + " framework-dependent publish (the default of `dotnet publish`, and of `dotnet publish -r` since"
                + " .NET 8) holds only the app's assemblies and expects the runtime installed beside it.",
        impact = "The image builds, but every container exits at once: `dotnet` is not found, or the apphost stops"
                + " with \"You must install .NET to run this application\". Nothing fails until the image runs.",
        recommendation = "Base the final stage on the image with the runtime the project needs"
                + " (mcr.microsoft.com/dotnet/aspnet for a web project, mcr.microsoft.com/dotnet/runtime otherwise,"
                + " same tag), or publish self-contained (`--self-contained true -r linux-x64`) or with Native AOT"
                + " and run the apphost.",
        references = {
                "https://learn.microsoft.com/en-us/dotnet/core/docker/container-images",
                "https://learn.microsoft.com/en-us/dotnet/core/deploying/",
                "https://learn.microsoft.com/en-us/dotnet/core/compatibility/sdk/8.0/runtimespecific-app-default"},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
                        WORKDIR /src
                        COPY Billing.csproj .
                        RUN dotnet restore
                        COPY . .
                        RUN dotnet publish -c Release -o /app/publish --no-restore

                        FROM mcr.microsoft.com/dotnet/runtime-deps:10.0.0
                        WORKDIR /app
                        COPY --from=build /app/publish .
                        USER $APP_UID
                        ENTRYPOINT ["./Billing"]
                        """,
                good = """
                        FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
                        WORKDIR /src
                        COPY Billing.csproj .
                        RUN dotnet restore
                        COPY . .
                        RUN dotnet publish -c Release -o /app/publish --no-restore

                        FROM mcr.microsoft.com/dotnet/aspnet:10.0.0
                        WORKDIR /app
                        COPY --from=build /app/publish .
                        USER $APP_UID
                        ENTRYPOINT ["./Billing"]
                        """,
                alongside = @ExampleFile(name = "Billing.csproj", content = """
                        <Project Sdk="Microsoft.NET.Sdk.Web">
                          <PropertyGroup>
                            <TargetFramework>net10.0</TargetFramework>
                          </PropertyGroup>
                        </Project>
                        """)))
public final class DotnetRuntimeMissing implements Rule {

    /** What an image that installs .NET itself runs or copies. */
    private static final Pattern INSTALLS_DOTNET = Pattern.compile(
            "(?i)dotnet-install|aspnetcore-runtime|dotnet-runtime|/usr/share/dotnet|/usr/lib/dotnet|DOTNET_ROOT");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EffectiveCommand command = c.command();
            if (command == null || c.build().model() == null || c.build().stage() == null) {
                continue;
            }
            Stage root = Stages.rootStage(c.build().model(), c.build().stage());
            BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
            if (!DotnetImages.runtimeDeps(base) || installsDotnet(c)) {
                continue;
            }
            String dll = DotnetAssemblyNotBuilt.runDll(command.argv());
            String host = dll == null ? DotnetAssemblyNotBuilt.appHost(c) : null;
            String written = ((BaseImage.External) base).written();
            if (dll != null) {
                report(context, c, root, written, "the container runs `dotnet " + dll + "`, but " + written
                        + " has no dotnet (it holds only the libraries .NET needs)");
                continue;
            }
            DotnetPublishes.Publish publish = host == null ? null : DotnetPublishes.of(context, c).orElse(null);
            if (publish == null || !publish.frameworkDependent().orElse(false)) {
                continue;
            }
            report(context, c, root, written, "the container runs the apphost " + host + " of the framework-dependent"
                    + " publish at line " + publish.line() + " (" + why(publish) + "), but " + written
                    + " has no .NET runtime: the apphost stops with \"You must install .NET to run this application\"");
        }
    }

    private void report(ReviewContext context, Container c, Stage root, String written, String message) {
        DotnetAssemblies.Assembly app = DotnetAssemblies.of(context, c).orElse(null);
        String runtimeImage = app == null ? null : app.runtimeImage();
        String replacement = runtimeImage == null ? null : written.replaceFirst("(?i)/runtime-deps(?=[:@]|$)",
                runtimeImage.substring(runtimeImage.lastIndexOf('/')));
        Span word = Stages.imageSpan(root);
        Fix fix = replacement == null || replacement.equals(written) || written.contains("$") || written.contains("@")
                ? null : Fix.of("base the final stage on " + replacement, FixSafety.UNSAFE,
                        TextEdit.replace(c.build().dockerfile(), word, replacement));
        context.finding(this, c.build().dockerfile(), word, message + ", so every container exits at once")
                .recommendation(replacement != null && !replacement.equals(written)
                        ? "Use " + replacement + ", which has the runtime " + app.project() + " needs, or publish"
                                + " self-contained (`--self-contained true -r linux-x64`) to stay on runtime-deps."
                        : "Use mcr.microsoft.com/dotnet/aspnet (web) or mcr.microsoft.com/dotnet/runtime with the same"
                                + " tag, or publish self-contained (`--self-contained true -r linux-x64`).")
                .fix(fix)
                .add();
    }

    private static String why(DotnetPublishes.Publish publish) {
        if (Boolean.FALSE.equals(publish.properties().get("SelfContained"))) {
            return "SelfContained is false";
        }
        if (publish.targetMajor() >= 8 && publish.runtimeIdentifier()) {
            return "since .NET 8 a runtime identifier no longer makes a publish self-contained";
        }
        return "no runtime identifier and no --self-contained";
    }

    private static boolean installsDotnet(Container c) {
        List<Stage> stages = Stages.inImage(c.build().model(), c.build().stage());
        for (Stage stage : stages) {
            for (Step step : stage.steps()) {
                if (INSTALLS_DOTNET.matcher(step.instruction().rawText()).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
