package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.manifest;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AspNetServerTest {

    private static final String PROJECT = """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
            </Project>
            """;

    private static AppSource app(String program, String... moreFiles) {
        String[] all = new String[moreFiles.length + 2];
        all[0] = "Program.cs";
        all[1] = program;
        System.arraycopy(moreFiles, 0, all, 2, moreFiles.length);
        return read(files(all), List.of(manifest("Api.csproj", PROJECT)), Map.of(), "dotnet", "Api.dll");
    }

    @Test
    void urlsAddedInCodeGiveTheirPorts() {
        AppSource app = app("""
                var builder = WebApplication.CreateBuilder(args);
                var app = builder.Build();
                app.MapGet("/", () => "ok");
                // app.Urls.Add("http://+:9999");
                app.Urls.Add("http://+:5000");
                app.Urls.Add("https://0.0.0.0");
                app.Run();
                """);
        assertThat(app.serverCalls()).hasSize(2);
        assertThat(app.serverCalls().get(0)).satisfies(c -> {
            assertThat(c.host()).isEqualTo("+");
            assertThat(c.port()).isEqualTo(5000);
            assertThat(c.line()).isEqualTo(5);
            assertThat(c.call()).isEqualTo("Urls.Add(\"http://+:5000\")");
        });
        assertThat(app.serverCalls().get(1).port()).isEqualTo(443);
    }

    @Test
    void runWithAUrlReplacesTheAddedOnes() {
        AppSource app = app("""
                var app = WebApplication.Create(args);
                app.Urls.Add("http://+:5000");
                app.MapGet("/", () => "ok");
                app.Run("http://0.0.0.0:8081");
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(c -> {
            assertThat(c.host()).isEqualTo("0.0.0.0");
            assertThat(c.port()).isEqualTo(8081);
            assertThat(c.line()).isEqualTo(4);
        });
    }

    @Test
    void aUrlBuiltAtRunTimeLeavesThePortUntold() {
        AppSource app = app("""
                var app = WebApplication.Create(args);
                var port = Environment.GetEnvironmentVariable("PORT") ?? "8080";
                app.MapGet("/", () => "ok");
                app.Urls.Add($"http://*:{port}");
                app.Run();
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(c -> assertThat(c.port()).isNull());
    }

    @Test
    void kestrelEndpointsInTheSettingsOverrideTheCode() {
        AppSource app = app("""
                var app = WebApplication.Create(args);
                app.MapGet("/", () => "ok");
                app.Run("http://0.0.0.0:8081");
                """, "appsettings.json", """
                {"Kestrel": {"Endpoints": {"Http": {"Url": "http://+:9000"}}}}
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(c -> assertThat(c.port()).isNull());
    }

    @Test
    void listenCallsInCodeReplaceTheUrls() {
        AppSource app = app("""
                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.ConfigureKestrel(o => o.ListenAnyIP(7000));
                var app = builder.Build();
                app.Urls.Add("http://+:5000");
                app.MapGet("/", () => "ok");
                app.Run();
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(c -> {
            assertThat(c.port()).isEqualTo(7000);
            assertThat(c.line()).isEqualTo(2);
            assertThat(c.tls().on()).isFalse();
        });
    }

    @Test
    void useHttpsInAListenCallTakesOnlyTls() {
        AppSource app = app("""
                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.ConfigureKestrel(options =>
                {
                    options.Listen(IPAddress.Any, 8080);
                    options.ListenAnyIP(8443, listen =>
                    {
                        listen.UseHttps("/certs/api.pfx", "changeit");
                    });
                });
                var app = builder.Build();
                app.Run();
                """);
        assertThat(app.serverCalls()).hasSize(2);
        assertThat(app.serverCalls().get(0)).satisfies(c -> {
            assertThat(c.port()).isEqualTo(8080);
            assertThat(c.tls().on()).isFalse();
        });
        assertThat(app.serverCalls().get(1)).satisfies(c -> {
            assertThat(c.port()).isEqualTo(8443);
            assertThat(c.line()).isEqualTo(5);
            assertThat(c.tls().on()).isTrue();
            assertThat(c.tls().because()).isEqualTo("UseHttps in ListenAnyIP(8443, ...) at Program.cs:5");
        });
    }

    @Test
    void listenCallsKeepThePortUntoldWhenDrydockCannotFollowThem() {
        for (String options : List.of("o.ListenAnyIP(port)", "o.ListenLocalhost(5000)",
                "{ o.ListenAnyIP(5000); o.ConfigureEndpointDefaults(l => l.UseHttps()); }")) {
            AppSource app = app("""
                    var builder = WebApplication.CreateBuilder(args);
                    builder.WebHost.ConfigureKestrel(o => %s);
                    var app = builder.Build();
                    app.Run();
                    """.formatted(options));
            assertThat(app.serverCalls()).as(options).singleElement().satisfies(c -> assertThat(c.port()).isNull());
        }
    }

    @Test
    void theSchemeOfASettingsEndpointTellsItsTls() {
        AppSource app = app(PLAIN_PROGRAM, "appsettings.json", """
                {"Kestrel": {"Endpoints": {
                  "Http": {"Url": "http://+:8080"},
                  "Https": {"Url": "https://+:8443"}}}}
                """);
        assertThat(app.serverCalls()).extracting(c -> c.port() + " " + c.tls().on())
                .containsExactly("8080 false", "8443 true");
        assertThat(app.serverCalls().get(1).tls().because())
                .isEqualTo("Kestrel:Endpoints:Https:Url = https://+:8443 in appsettings.json:3");
    }

    @Test
    void withoutAddressesInCodeTheEnvironmentDecides() {
        AppSource app = app("""
                var app = WebApplication.Create(args);
                app.MapGet("/", () => "ok");
                app.Run();
                """);
        assertThat(app.serverCalls()).isEmpty();
    }

    @Test
    void useUrlsOnTheWebHostGivesItsPorts() {
        AppSource app = app("""
                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.UseUrls("http://*:8080;http://*:8081");
                var app = builder.Build();
                app.MapGet("/", () => "ok");
                app.Run();
                """);
        assertThat(app.serverCalls()).extracting(ServerCall::port).containsExactly(8080, 8081);
        assertThat(app.serverCalls().get(0).line()).isEqualTo(2);
    }

    @Test
    void useUrlsInAnotherFileOfTheProjectLeavesThePortUntold() {
        AppSource app = app("await new RpcHost(settings).RunAsync();\n", "Hosting/RpcHost.cs", """
                var host = WebHost.CreateDefaultBuilder().UseStartup<Startup>().UseUrls(urls).Build();
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(c -> {
            assertThat(c.file()).isEqualTo("Hosting/RpcHost.cs");
            assertThat(c.port()).isNull();
        });
    }

    @Test
    void useUrlsInAnotherProjectBelowIsNotTheApplications() {
        AppSource app = read(files("Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n",
                        "Api.Tests/Api.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />",
                        "Api.Tests/HostTest.cs", "builder.UseUrls(\"http://localhost:5555\");\n"),
                List.of(manifest("Api.csproj", PROJECT), manifest("Api.Tests/Api.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />")),
                Map.of(), "dotnet", "Api.dll");
        assertThat(app.serverCalls()).isEmpty();
    }

    @Test
    void useUrlsOnAHostBuilderWithSeveralArguments() {
        AppSource app = app("""
                public class Program
                {
                    public static void Main(string[] args) => CreateHostBuilder(args).Build().Run();

                    public static IHostBuilder CreateHostBuilder(string[] args) =>
                        Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web =>
                        {
                            web.UseStartup<Startup>();
                            web.UseUrls("http://0.0.0.0:5000", "https://0.0.0.0:5001");
                        });
                }
                """);
        assertThat(app.serverCalls()).extracting(ServerCall::port).containsExactly(5000, 5001);
    }

    @Test
    void urlsAddedInCodeWinOverUseUrlsAndAVariableLeavesThePortUntold() {
        assertThat(app("""
                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.UseUrls("http://*:8080");
                var app = builder.Build();
                app.Urls.Add("http://*:9000");
                app.Run();
                """).serverCalls()).extracting(ServerCall::port).containsExactly(9000);
        assertThat(app("""
                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.UseUrls(address);
                var app = builder.Build();
                app.Run();
                """).serverCalls()).singleElement().satisfies(c -> assertThat(c.port()).isNull());
    }

    @Test
    void urlsInTheSettingsLeaveUseUrlsUntold() {
        AppSource app = app("""
                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.UseUrls("http://*:8080");
                builder.Build().Run();
                """, "appsettings.json", "{\"urls\": \"http://*:7000\"}");
        assertThat(app.serverCalls()).singleElement().satisfies(c -> assertThat(c.port()).isNull());
    }

    private static AppSource appIn(Map<String, String> env, String... files) {
        return read(files(files), List.of(manifest("Api.csproj", PROJECT)), env, "dotnet", "Api.dll");
    }

    private static final String PLAIN_PROGRAM = """
            var app = WebApplication.Create(args);
            app.MapGet("/", () => "ok");
            app.Run();
            """;
    private static final String STAGING_ENDPOINTS = """
            {"Kestrel": {"Endpoints": {"Http": {"Url": "http://+:7000"}}}}
            """;

    @Test
    void theSettingsFileOfTheEnvironmentTheVariableNamesChoosesTheAddresses() {
        String[] files = {"Program.cs", PLAIN_PROGRAM, "appsettings.json", "{}", "appsettings.Staging.json", STAGING_ENDPOINTS};
        assertThat(appIn(Map.of(), files).serverCalls()).isEmpty();
        assertThat(appIn(Map.of("ASPNETCORE_ENVIRONMENT", "Development"), files).serverCalls()).isEmpty();
        assertThat(appIn(Map.of("DOTNET_ENVIRONMENT", "Staging"), files).serverCalls()).singleElement()
                .satisfies(c -> {
                    assertThat(c.file()).isEqualTo("appsettings.Staging.json");
                    assertThat(c.port()).isEqualTo(7000);
                });
    }

    @Test
    void kestrelEndpointsOfTheSettingsTellTheirPortsAndALaterFileReplacesAnEndpointOfTheSameName() {
        String[] files = {"Program.cs", PLAIN_PROGRAM,
                "appsettings.json", "{\"Kestrel\": {\"Endpoints\": {\"Http\": {\"Url\": \"http://0.0.0.0:5000\"}}}}",
                "appsettings.Production.json", "{\"Kestrel\": {\"Endpoints\": {\"http\": {\"Url\": \"http://+:8080\"}}}}"};
        assertThat(appIn(Map.of(), files).serverCalls()).singleElement()
                .satisfies(c -> assertThat(c.port()).isEqualTo(8080));
    }

    @Test
    void aKestrelSectionWithoutEndpointsLeavesTheAddressesToTheEnvironment() {
        String[] files = {"Program.cs", PLAIN_PROGRAM,
                "appsettings.json", "{\"Kestrel\": {\"Limits\": {\"MaxRequestBodySize\": 1024}}}"};
        assertThat(appIn(Map.of(), files).serverCalls()).isEmpty();
    }

    @Test
    void anEndpointWhoseUrlIsNoLiteralOrAUrlsSettingLeavesThePortUntold() {
        String[] unix = {"Program.cs", PLAIN_PROGRAM,
                "appsettings.json", "{\"Kestrel\": {\"Endpoints\": {\"Sock\": {\"Url\": \"http://unix:/tmp/k.sock\"}}}}"};
        assertThat(appIn(Map.of(), unix).serverCalls()).singleElement().satisfies(c -> assertThat(c.port()).isNull());
        String[] urls = {"Program.cs", PLAIN_PROGRAM, "appsettings.json", "{\"urls\": \"http://*:5000\"}"};
        assertThat(appIn(Map.of(), urls).serverCalls()).singleElement().satisfies(c -> assertThat(c.port()).isNull());
    }

    @Test
    void differentEnvironmentsInBothVariablesReadTheFilesOfBoth() {
        // WebApplicationBuilder has taken DOTNET_ENVIRONMENT over ASPNETCORE_ENVIRONMENT since .NET 7; older hosts the other
        String[] files = {"Program.cs", PLAIN_PROGRAM, "appsettings.Staging.json", STAGING_ENDPOINTS};
        assertThat(appIn(Map.of("ASPNETCORE_ENVIRONMENT", "Production", "DOTNET_ENVIRONMENT", "Staging"), files)
                .serverCalls()).singleElement().satisfies(c -> assertThat(c.file()).isEqualTo("appsettings.Staging.json"));
        assertThat(AspNetServer.environments(Map.of("ASPNETCORE_ENVIRONMENT", "Staging", "DOTNET_ENVIRONMENT", "Staging")))
                .containsExactly("Staging");
        assertThat(AspNetServer.environments(Map.of())).containsExactly("Production");
    }

    @Test
    void anEnvironmentDrydockCannotTellReadsEveryEnvironmentFile() {
        String[] files = {"Program.cs", PLAIN_PROGRAM, "appsettings.Staging.json", STAGING_ENDPOINTS};
        assertThat(appIn(Map.of("ASPNETCORE_ENVIRONMENT", "${ASPNETCORE_ENVIRONMENT}"), files).serverCalls())
                .singleElement().satisfies(c -> assertThat(c.file()).isEqualTo("appsettings.Staging.json"));
    }
}
