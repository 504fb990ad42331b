package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.manifest;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpringActuatorTest {

    private static final String POM = """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>g</groupId><artifactId>a</artifactId><version>1</version>
              <dependencies>
                <dependency>
                  <groupId>org.springframework.boot</groupId>
                  <artifactId>spring-boot-starter-web</artifactId>
                </dependency>
                %s
              </dependencies>
            </project>
            """;
    private static final String ACTUATOR = """
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-actuator</artifactId>
            </dependency>
            """;

    @Test
    void theActuatorServesHealthUnderItsBasePath() {
        AppSource app = read(files("src/main/resources/application.properties",
                        "management.endpoints.web.base-path=/ops\nmanagement.endpoint.health.probes.enabled=true\n"),
                List.of(manifest("pom.xml", POM.formatted(ACTUATOR))), Map.of(), "java", "-jar", "/app.jar");
        Routes routes = app.routes();
        assertThat(routes.match("/ops/health")).hasValueSatisfying(r -> assertThat(r.handler().checksDependencies()).isTrue());
        assertThat(routes.match("/ops/health/liveness")).hasValueSatisfying(r -> assertThat(r.handler().answersConstant()).isTrue());
        assertThat(routes.readinessRoutes()).extracting(Route::path).containsExactly("/ops/health/readiness");
        assertThat(routes.determines("/actuator/health")).isFalse(); // outside the actuator: controllers are not read
        assertThat(routes.determines("/ops/info")).isTrue();
        assertThat(routes.match("/ops/info")).isEmpty();
        assertThat(routes.determines("/ops/health/db")).isFalse();
    }

    @Test
    void withoutTheActuatorItsPathsAreNotServed() {
        AppSource app = read(files(), List.of(manifest("pom.xml", POM.formatted(""))), Map.of(), "java", "-jar", "/app.jar");
        assertThat(app.routes().determines("/actuator/health")).isTrue();
        assertThat(app.routes().match("/actuator/health")).isEmpty();
    }

    @Test
    void yamlAndTheEnvironmentAreRead() {
        AppSource app = read(files("src/main/resources/application.yml", "management:\n  endpoints:\n    web:\n"
                        + "      base-path: /manage   # ops\n"),
                List.of(manifest("pom.xml", POM.formatted(ACTUATOR))), Map.of(), "java", "-jar", "/app.jar");
        assertThat(app.routes().match("/manage/health")).isPresent();
        AppSource env = read(files(), List.of(manifest("pom.xml", POM.formatted(ACTUATOR))),
                Map.of("MANAGEMENT_ENDPOINTS_WEB_BASEPATH", "/x"), "java", "-jar", "/app.jar");
        assertThat(env.routes().match("/x/health")).isPresent();
    }
}
