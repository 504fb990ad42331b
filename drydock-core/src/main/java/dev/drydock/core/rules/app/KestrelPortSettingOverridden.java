package dev.drydock.core.rules.app;

import dev.drydock.core.app.Framework;
import dev.drydock.core.app.ServerCall;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.KestrelUrls;
import dev.drydock.core.rules.support.VariableOrigins;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "kestrel-port-setting-overridden",
        title = "An ASP.NET Core port setting is overridden by another and has no effect",
        severity = Severity.LOW,
        category = Category.RELIABILITY,
        checks = "ASP.NET Core applications whose container environment, as the project writes it (a Dockerfile's"
                + " ENV or a compose service's environment), sets ASPNETCORE_HTTP_PORTS, ASPNETCORE_HTTPS_PORTS (or"
                + " their DOTNET_ forms) while the urls setting (ASPNETCORE_URLS, DOTNET_URLS or --urls) gives other"
                + " ports, or sets ASPNETCORE_URLS, DOTNET_URLS or the port variables while the application chooses"
                + " other addresses itself (Kestrel's endpoints in appsettings.json, Listen or UseUrls in the startup"
                + " code, app.Urls.Add, app.Run(url)), whether or not they name the same ports. Quiet when the base image"
                + " sets the variable the project overrides (the .NET 8 images' ASPNETCORE_HTTP_PORTS=8080), when the"
                + " code's ports cannot be told, and when ASPNETCORE_URLS disagrees with DOTNET_URLS or --urls (which"
                + " wins depends on the host).",
        problem = "Kestrel takes its addresses from one place only: endpoints or addresses set in code or in its"
                + " Kestrel configuration first, then the urls setting, and HTTP_PORTS and HTTPS_PORTS last. The"
                + " setting that loses is dropped with a warning in the log, while whoever reads the Dockerfile or"
                + " the compose file takes its port for the one the application listens on.",
        impact = "The published port, the EXPOSE and the healthcheck are easily aligned with the setting that has no"
                + " effect, and then nothing answers on them; a later change to the dead setting changes nothing.",
        recommendation = "Keep one setting of the port: remove the overridden variable, or move the port into the"
                + " setting that wins, and align EXPOSE, published ports and probes with it.",
        references = {
                "https://learn.microsoft.com/en-us/aspnet/core/fundamentals/servers/kestrel/endpoints",
                "https://learn.microsoft.com/en-us/aspnet/core/fundamentals/host/web-host#server-urls",
                "https://learn.microsoft.com/en-us/dotnet/core/compatibility/containers/8.0/aspnet-port"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM mcr.microsoft.com/dotnet/aspnet:8.0.11
                        WORKDIR /app
                        COPY publish/ .
                        ENV ASPNETCORE_HTTP_PORTS=8080
                        ENV ASPNETCORE_URLS=http://+:5000
                        USER app
                        ENTRYPOINT ["dotnet", "Orders.Api.dll"]
                        """,
                good = """
                        FROM mcr.microsoft.com/dotnet/aspnet:8.0.11
                        WORKDIR /app
                        COPY publish/ .
                        ENV ASPNETCORE_HTTP_PORTS=5000
                        USER app
                        ENTRYPOINT ["dotnet", "Orders.Api.dll"]
                        """,
                alongside = {
                        @ExampleFile(name = "Orders.Api.csproj", content = """
                                <Project Sdk="Microsoft.NET.Sdk.Web">
                                  <PropertyGroup>
                                    <TargetFramework>net8.0</TargetFramework>
                                  </PropertyGroup>
                                </Project>
                                """),
                        @ExampleFile(name = "Program.cs", content = """
                                var builder = WebApplication.CreateBuilder(args);
                                var app = builder.Build();
                                app.MapGet("/orders", () => Results.Ok());
                                app.Run();
                                """)}))
public final class KestrelPortSettingOverridden implements Rule {

    private static final List<String> PORT_VARIABLES = List.of("ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS",
            "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS");
    private static final List<String> URL_VARIABLES = List.of("ASPNETCORE_URLS", "DOTNET_URLS");
    private static final Pattern URL_PORT = Pattern.compile("(?i)(https?)://(\\[[^]]*]|[^:/\\[]+)(?::(\\d{1,5}))?/?");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    @Override
    public void check(ReviewContext context) {
        Set<Location> seen = new HashSet<>();
        for (Container c : context.project().containers()) {
            EntryPoint ep = c.entryPoint();
            AppSource app = ep == null ? null : Apps.of(context, c);
            if (app == null || !app.frameworks().contains(Framework.ASPNET_CORE)) {
                continue;
            }
            Winner winner = winner(c, ep, app).orElse(null);
            if (winner == null) {
                continue;
            }
            for (String variable : winner.overrides()) {
                String value = ep.environment().get(variable);
                Location at = VariableOrigins.written(c, variable).orElse(null);
                Set<Integer> ports = value == null ? null : ports(variable, value);
                if (at == null || ports == null || !seen.add(at)) {
                    continue;
                }
                report(context, at, variable + "=" + value.strip(), ports, winner);
            }
        }
    }

    /**
     * What gives Kestrel its addresses and the variables it overrides.
     *
     * @param what the winning setting as the message names it
     * @param ports the ports it makes Kestrel listen on
     * @param overrides the variables whose ports it replaces
     */
    private record Winner(String what, Set<Integer> ports, List<String> overrides) {}

    /**
     * The setting Kestrel takes its addresses from, when drydock can tell its ports: the application's own
     * addresses (code or Kestrel configuration) over every variable, else the urls setting over the port variables.
     */
    private static Optional<Winner> winner(Container c, EntryPoint ep, AppSource app) {
        List<ServerCall> kestrel = app.serverCalls().stream().filter(s -> s.server() != null
                && s.server().startsWith("ASP.NET Core's Kestrel")).toList();
        if (!kestrel.isEmpty()) {
            Set<Integer> ports = new LinkedHashSet<>();
            for (ServerCall call : kestrel) {
                if (call.port() == null || call.file() == null) {
                    return Optional.empty();
                }
                ports.add(call.port());
            }
            ServerCall first = kestrel.get(0);
            List<String> overridden = new ArrayList<>(URL_VARIABLES);
            overridden.addAll(PORT_VARIABLES);
            return Optional.of(new Winner("`" + first.call() + "` (" + first.file() + ":" + first.line() + ")",
                    ports, overridden));
        }
        if (KestrelUrls.undecided(ep)) {
            return Optional.empty();
        }
        KestrelUrls.Setting urls = KestrelUrls.effective(ep).orElse(null);
        if (urls == null) {
            return Optional.empty();
        }
        Set<Integer> ports = urls.commandLine() ? ports("--urls", urls.value()) : ports(urls.name(), urls.value());
        if (ports == null) {
            return Optional.empty();
        }
        Location at = urls.commandLine() ? null : VariableOrigins.written(c, urls.name()).orElse(null);
        return Optional.of(new Winner(urls.written() + (at == null ? "" : " (" + at.file() + ":" + at.line() + ")"),
                ports, PORT_VARIABLES));
    }

    /** The ports a setting gives: each URL's (80 or 443 when it names none) or each listed port; null when not told. */
    private static Set<Integer> ports(String variable, String value) {
        Set<Integer> out = new LinkedHashSet<>();
        boolean urls = variable.equals("--urls") || URL_VARIABLES.contains(variable);
        for (String one : value.split(";")) {
            String item = one.strip();
            if (item.isEmpty()) {
                continue;
            }
            if (urls) {
                Matcher m = URL_PORT.matcher(item);
                if (!m.matches()) {
                    return null;
                }
                out.add(m.group(3) != null ? Integer.parseInt(m.group(3))
                        : m.group(1).equalsIgnoreCase("https") ? 443 : 80);
            } else if (PORT.matcher(item).matches()) {
                out.add(Integer.parseInt(item));
            } else {
                return null;
            }
        }
        return out.isEmpty() ? null : out;
    }

    private void report(ReviewContext context, Location at, String setting, Set<Integer> ports, Winner winner) {
        String listens = join(winner.ports());
        String log = " (Kestrel only says so in a warning of its startup log)";
        if (ports.equals(winner.ports())) {
            context.finding(this, at, setting + " has no effect: " + winner.what() + " replaces the addresses it"
                            + " gives; both name " + listens + " today, but changing " + setting.substring(0,
                            setting.indexOf('=')) + " will not move the server" + log)
                    .recommendation("Remove " + setting + ": " + winner.what() + " alone sets the port.")
                    .add();
            return;
        }
        context.finding(this, at, setting + " has no effect: " + winner.what() + " replaces the addresses it gives,"
                        + " so Kestrel listens on " + listens + ", not " + join(ports) + log)
                .recommendation("Remove " + setting + " and keep " + winner.what() + " as the one setting of the"
                        + " port, or move port " + join(ports) + " into it if that is the one meant; then publish,"
                        + " EXPOSE and probe the port it sets.")
                .add();
    }

    private static String join(Set<Integer> ports) {
        return String.join(" and ", ports.stream().map(String::valueOf).toList());
    }
}
