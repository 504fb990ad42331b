package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.manifest;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarkusHealthTest {

    private static final String POM = """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>org.example</groupId><artifactId>parcels</artifactId><version>1</version>
              <dependencies>
                <dependency>
                  <groupId>io.quarkus</groupId>
                  <artifactId>quarkus-rest</artifactId>
                </dependency>
                %s
              </dependencies>
            </project>
            """;
    private static final String HEALTH = """
            <dependency>
              <groupId>io.quarkus</groupId>
              <artifactId>quarkus-smallrye-health</artifactId>
            </dependency>
            """;

    @Test
    void smallRyeHealthServesUnderTheNonApplicationRoot() {
        AppSource app = read(files(), List.of(manifest("pom.xml", POM.formatted(HEALTH))), Map.of(),
                "/opt/jboss/container/java/run/run-java.sh");
        Routes routes = app.routes();
        assertThat(app.frameworks()).containsExactly(Framework.QUARKUS);
        assertThat(routes.match("/q/health")).hasValueSatisfying(r -> assertThat(r.handler().checksDependencies()).isTrue());
        assertThat(routes.match("/q/health/live")).hasValueSatisfying(r -> assertThat(r.handler().answersConstant()).isTrue());
        assertThat(routes.readinessRoutes()).extracting(Route::path).containsExactly("/q/health/ready");
        assertThat(routes.determines("/hello")).isFalse(); // the application's own resources are not read
    }

    @Test
    void theRootPathsMoveIt() {
        AppSource app = read(files("src/main/resources/application.properties",
                        "quarkus.http.root-path=/parcels\nquarkus.http.non-application-root-path=ops\n"),
                List.of(manifest("pom.xml", POM.formatted(HEALTH))), Map.of(), "java", "-jar", "/deployments/quarkus-run.jar");
        assertThat(app.routes().match("/parcels/ops/health")).isPresent();
        AppSource absolute = read(files("src/main/resources/application.properties",
                        "quarkus.http.non-application-root-path=/internal\n"),
                List.of(manifest("pom.xml", POM.formatted(HEALTH))), Map.of(), "java", "-jar", "/deployments/quarkus-run.jar");
        assertThat(absolute.routes().match("/internal/health/ready")).isPresent();
    }

    @Test
    void withoutTheExtensionNothingIsServedThere() {
        AppSource app = read(files(), List.of(manifest("pom.xml", POM.formatted(""))), Map.of(),
                "java", "-jar", "/deployments/quarkus-run.jar");
        assertThat(app.routes().determines("/q/health")).isTrue();
        assertThat(app.routes().match("/q/health")).isEmpty();
    }
}
