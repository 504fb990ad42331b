package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.manifest;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AspNetRoutesTest {

    private static final String PROJECT = """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup>
            </Project>
            """;

    @Test
    void healthChecksAndMinimalEndpointsMappedInProgramCs() {
        AppSource app = read(files("src/Depot/Program.cs", """
                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddHealthChecks();
                        var app = builder.Build();
                        app.MapHealthChecks("/healthz");
                        app.MapGet("/parcels", () => Results.Ok());
                        app.Run();
                        """),
                List.of(manifest("src/Depot/Depot.csproj", PROJECT)), Map.of(), "./Depot");
        assertThat(app.frameworks()).containsExactly(Framework.ASPNET_CORE);
        assertThat(app.routes().healthRoute()).hasValueSatisfying(r -> {
            assertThat(r.path()).isEqualTo("/healthz");
            assertThat(r.line()).isEqualTo(4);
            assertThat(r.handler().checksDependencies()).isTrue();
        });
        assertThat(app.routes().match("/parcels")).isPresent();
        assertThat(app.routes().determines("/orders")).isFalse(); // controllers and pages are not read
    }

    @Test
    void aConsoleProjectIsNoAspNetCoreApplication() {
        String console = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup>
                </Project>
                """;
        AppSource app = read(files("Cache.csproj", console, "Program.cs", "new CacheServer(args).Start();\n"),
                List.of(manifest("Cache.csproj", console)), Map.of(), "./Cache");
        assertThat(app.frameworks()).doesNotContain(Framework.ASPNET_CORE);
    }

    @Test
    void aConsoleProjectReferencingTheAspNetCoreFrameworkIsOne() {
        String worker = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup><FrameworkReference Include="Microsoft.AspNetCore.App" /></ItemGroup>
                </Project>
                """;
        AppSource app = read(files("Worker.csproj", worker), List.of(manifest("Worker.csproj", worker)), Map.of(),
                "./Worker");
        assertThat(app.frameworks()).containsExactly(Framework.ASPNET_CORE);
    }

    @Test
    void aProjectWithoutMappedPathsClaimsNothing() {
        AppSource app = read(files(), List.of(manifest("Depot.csproj", PROJECT)), Map.of(), "dotnet", "Depot.dll");
        assertThat(app.routes().healthRoute()).isEmpty();
        assertThat(app.routes().determines("/health")).isFalse();
    }

    @Test
    void controllerAttributeRoutesJoinTheClassTemplate() {
        AppSource app = read(files("src/Depot/Program.cs", """
                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddControllers();
                        var app = builder.Build();
                        app.MapControllers();
                        app.Run();
                        """,
                "src/Depot/Controllers/HealthController.cs", """
                        using Microsoft.AspNetCore.Mvc;

                        namespace Depot.Controllers;

                        [ApiController]
                        [Route("[controller]")]
                        public class HealthController : ControllerBase
                        {
                            [HttpGet]
                            public IActionResult Get() => Ok("healthy");

                            [HttpGet("ready")]
                            public async Task<IActionResult> ReadyAsync() => Ok();

                            [HttpGet("/healthz")] public IActionResult Liveness() => Ok();
                        }
                        """,
                "src/Depot/Controllers/ParcelsController.cs", """
                        [Route("api/v1/[controller]")]
                        public class ParcelsController : Controller
                        {
                            [HttpGet("{id:int}")]
                            public IActionResult Find(int id) => Ok();

                            [Route("[action]")]
                            public IActionResult Count() => Ok();

                            [HttpGet("[area]/x")]
                            public IActionResult InArea() => Ok();
                        }
                        """),
                List.of(manifest("src/Depot/Depot.csproj", PROJECT)), Map.of(), "./Depot");
        assertThat(app.routes().match("/Health")).hasValueSatisfying(r -> {
            assertThat(r.file()).isEqualTo("src/Depot/Controllers/HealthController.cs");
            assertThat(r.line()).isEqualTo(10);
        });
        assertThat(app.routes().match("/Health/ready")).isPresent();
        assertThat(app.routes().match("/healthz")).isPresent();
        assertThat(app.routes().match("/api/v1/Parcels/7")).isPresent();
        assertThat(app.routes().match("/api/v1/Parcels/Count")).isPresent();
        assertThat(app.routes().all()).noneMatch(r -> r.path().contains("area"));
        assertThat(app.routes().determines("/orders")).isFalse(); // conventional routes and pages are not read
    }
}
