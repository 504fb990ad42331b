package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.manifest;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quarkus' and Micronaut's HTTP server ports and Micronaut's health endpoint. */
class JvmServersTest {

    private static final String QUARKUS = """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>org.example</groupId><artifactId>parcels</artifactId><version>1</version>
              <dependencies>
                <dependency><groupId>io.quarkus</groupId><artifactId>%s</artifactId></dependency>
              </dependencies>
            </project>
            """;
    private static final String MICRONAUT = """
            plugins { id("io.micronaut.application") version "4.4.4" }
            micronaut { runtime("netty") }
            dependencies {
                implementation("io.micronaut:micronaut-runtime")
                %s
            }
            """;

    @Test
    void quarkusListensOn8080UnlessThePropertiesSayOtherwise() {
        AppSource plain = read(files(), List.of(manifest("pom.xml", QUARKUS.formatted("quarkus-rest"))), Map.of(),
                "java", "-jar", "/deployments/quarkus-run.jar");
        assertThat(plain.serverCalls()).singleElement().satisfies(call -> {
            assertThat(call.port()).isEqualTo(8080);
            assertThat(call.defaultPort()).isTrue();
        });
        AppSource prod = read(files("src/main/resources/application.properties",
                        "quarkus.http.port=9000\n%prod.quarkus.http.port=9100\n%dev.quarkus.http.port=9200\n"),
                List.of(manifest("pom.xml", QUARKUS.formatted("quarkus-rest"))), Map.of(), "/work/application");
        assertThat(prod.port()).contains(9100);
        assertThat(prod.serverCalls().get(0).line()).isEqualTo(2);
    }

    @Test
    void quarkusNativeArgumentsAndLaunchScriptsOverrideThePort() {
        AppSource argument = read(files(), List.of(manifest("pom.xml", QUARKUS.formatted("quarkus-rest"))), Map.of(),
                "/work/application", "-Dquarkus.http.host=0.0.0.0", "-Dquarkus.http.port=8181");
        assertThat(argument.port()).contains(8181);
        AppSource script = read(files(), List.of(manifest("pom.xml", QUARKUS.formatted("quarkus-rest"))),
                Map.of("JAVA_OPTS", "-Dquarkus.http.port=8282"), "/opt/jboss/container/java/run/run-java.sh");
        assertThat(script.serverCalls()).singleElement().satisfies(call -> assertThat(call.port()).isNull());
    }

    @Test
    void quarkusWithoutAnHttpExtensionServesNothing() {
        AppSource worker = read(files(), List.of(manifest("pom.xml", QUARKUS.formatted("quarkus-rest-client-jackson"))),
                Map.of(), "/app/api");
        assertThat(worker.serverCalls()).isEmpty();
    }

    /** A Micronaut build with {@code dependency} and the files given, run by {@code argv}. */
    private static AppSource micronaut(String dependency, List<String> more, String... argv) {
        String gradle = MICRONAUT.formatted(dependency);
        List<String> all = new java.util.ArrayList<>(List.of("build.gradle.kts", gradle));
        all.addAll(more);
        return read(files(all.toArray(String[]::new)), List.of(manifest("build.gradle.kts", gradle)), Map.of(), argv);
    }

    @Test
    void micronautPortFromConfigurationOrCommand() {
        AppSource yaml = micronaut("", List.of("src/main/resources/application.yml",
                "micronaut:\n  server:\n    port: ${PORT:8085}\n"), "java", "-jar", "/app.jar");
        assertThat(yaml.frameworks()).containsExactly(Framework.MICRONAUT);
        assertThat(yaml.serverCalls()).singleElement().satisfies(call -> {
            assertThat(call.port()).isEqualTo(8085);
            assertThat(call.portVariable()).isEqualTo("PORT");
            assertThat(call.line()).isEqualTo(3);
        });
        AppSource command = micronaut("", List.of(), "java", "-Dmicronaut.server.port=80", "-jar", "/app.jar");
        assertThat(command.port()).contains(80);
        assertThat(command.routes().known()).isFalse(); // no management: controllers may serve anything
        AppSource environment = micronaut("", List.of("src/main/resources/application-k8s.yml",
                "micronaut:\n  server:\n    port: 8090\n"), "java", "-jar", "/app.jar");
        assertThat(environment.serverCalls()).singleElement().satisfies(call -> assertThat(call.port()).isNull());
    }

    @Test
    void micronautManagementServesHealth() {
        String management = "implementation(\"io.micronaut:micronaut-management\")";
        AppSource app = micronaut(management, List.of(), "java", "-jar", "/app.jar");
        assertThat(app.routes().match("/health")).isPresent();
        assertThat(app.routes().match("/health/readiness")).isPresent();
        assertThat(app.routes().determines("/health/other")).isTrue();
        assertThat(app.routes().determines("/api/items")).isFalse();
        AppSource moved = micronaut(management, List.of("src/main/resources/application.properties",
                "endpoints.all.path=/ops\n"), "java", "-jar", "/app.jar");
        assertThat(moved.routes().known()).isFalse();
    }
}
