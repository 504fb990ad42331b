package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.manifest;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.manifest.Manifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmControllersTest {

    private static final String MICRONAUT = """
            dependencies {
                implementation("io.micronaut:micronaut-http-server-netty")
                %s
            }
            """;
    private static final String QUARKUS = """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>org.example</groupId><artifactId>parcels</artifactId><version>1</version>
              <dependencies>
                <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency>
                %s
              </dependencies>
            </project>
            """;

    @Test
    void micronautControllerRoutes() {
        AppSource app = read(files("src/main/java/a/Books.java", """
                        package a;
                        @Controller("/books")
                        class Books {
                            @Get public String all() { return "[]"; }
                            @Get("/{id}") public String one(@PathVariable String id) { return ""; }
                            @Post(uri = "/import") void load() {}
                            @Get("/search{?q}") String search() { return ""; }
                            @Get("/files{/path:.*}") String files() { return ""; }
                        }
                        """),
                List.of(manifest("build.gradle.kts", MICRONAUT.formatted(""))), Map.of(), "java", "-jar", "app.jar");
        Routes routes = app.routes();
        assertThat(routes.all()).extracting(Route::path).containsExactly("/books", "/books/{id}", "/books/import",
                "/books/search");
        assertThat(routes.match("/books/7")).isPresent();
        assertThat(routes.determines("/health")).isTrue();
        assertThat(routes.determines("/books/files/a")).isFalse();
    }

    @Test
    void micronautManagementBesideControllers() {
        AppSource app = read(files("src/main/kotlin/a/Ping.kt", """
                        @Controller("/ping")
                        class Ping { @Get fun ping() = "pong" }
                        """),
                List.of(manifest("build.gradle.kts", MICRONAUT.formatted(
                        "implementation(\"io.micronaut:micronaut-management\")"))), Map.of(), "java", "-jar", "app.jar");
        assertThat(app.routes().match("/health/readiness")).isPresent();
        assertThat(app.routes().match("/ping")).isPresent();
        assertThat(app.routes().determines("/info")).isFalse();
        assertThat(app.routes().determines("/healthz")).isTrue();
    }

    @Test
    void micronautWithoutControllersLeavesPathsOpen() {
        AppSource app = read(files("src/main/java/a/Application.java", "class Application {}"),
                List.of(manifest("build.gradle.kts", MICRONAUT.formatted(""))), Map.of(), "java", "-jar", "app.jar");
        assertThat(app.routes().known()).isFalse();
    }

    @Test
    void moduleOfALargerBuildIsNotRead() {
        SourceSet files = files("settings.gradle", "include 'api', 'app'", "app/src/main/java/a/Books.java",
                "@Controller(\"/books\") class Books { @Get String all() { return \"\"; } }");
        List<Manifest> manifests = List.of(manifest("app/build.gradle.kts", MICRONAUT.formatted("")));
        EntryPoint ep = EntryPoints.interpret(List.of("java", "-jar", "app.jar"), false, Map.of(), "/app");
        assertThat(AppSource.read(files, "app", List.of(), ep, manifests, Map.of()).routes().determines("/health"))
                .isFalse(); // the api module, outside the folder the image is built from, may hold controllers
        assertThat(AppSource.read(files, "", List.of(), ep, manifests, Map.of()).routes().determines("/health"))
                .isTrue();
    }

    @Test
    void jaxRsResourcesUnderTheRootAndRestPaths() {
        AppSource app = read(files("src/main/resources/application.properties",
                        "quarkus.http.root-path=/parcels\nquarkus.rest.path=/api\n",
                        "src/main/java/a/Parcels.java", """
                        @Path("parcels")
                        public class Parcels {
                            @GET public String all() { return ""; }
                            @GET @Path("{id: [0-9]+}") public String one() { return ""; }
                            @Path("{id}/items") public Items items() { return null; }
                        }
                        @RegisterRestClient @Path("/remote") interface Remote { @GET String get(); }
                        """),
                List.of(manifest("pom.xml", QUARKUS.formatted(""))), Map.of(), "java", "-jar", "quarkus-run.jar");
        Routes routes = app.routes();
        assertThat(routes.all()).extracting(Route::path).containsExactly("/parcels/api/parcels");
        assertThat(routes.determines("/parcels/api/parcels/7")).isFalse();
        assertThat(routes.determines("/remote")).isTrue();
        assertThat(routes.match("/remote")).isEmpty();
        assertThat(routes.determines("/q/health")).isTrue();
    }

    @Test
    void reactiveRoutesLeaveTheApplicationOpen() {
        AppSource app = read(files("src/main/java/a/R.java", """
                        @Path("/a") class A { @GET String a() { return ""; } }
                        class B { @Route(path = "/health") void h(RoutingContext rc) {} }
                        """),
                List.of(manifest("pom.xml", QUARKUS.formatted(""))), Map.of(), "java", "-jar", "quarkus-run.jar");
        assertThat(app.routes().determines("/health")).isFalse();
    }
}
