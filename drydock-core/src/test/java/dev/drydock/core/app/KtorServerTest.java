package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.manifest;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KtorServerTest {

    private static final String GRADLE = """
            plugins {
                kotlin("jvm") version "2.0.21"
                id("io.ktor.plugin") version "3.0.1"
            }
            application { mainClass.set("%s") }
            dependencies {
                implementation("io.ktor:ktor-server-core-jvm")
                implementation("io.ktor:ktor-server-netty-jvm")
            }
            """;

    private static AppSource ktor(String main, String... files) {
        return read(files(files), List.of(manifest("build.gradle.kts", GRADLE.formatted(main))), Map.of(),
                "java", "-jar", "/app/app.jar");
    }

    @Test
    void embeddedServerWithALiteralPort() {
        AppSource app = ktor("com.example.ApplicationKt", "src/main/kotlin/Application.kt", """
                fun main() {
                    // embeddedServer(CIO, port = 1)
                    embeddedServer(Netty, port = 8080, host = "0.0.0.0", module = Application::module)
                        .start(wait = true)
                }
                """);
        assertThat(app.frameworks()).containsExactly(Framework.KTOR);
        assertThat(app.serverCalls()).singleElement().satisfies(call -> {
            assertThat(call.port()).isEqualTo(8080);
            assertThat(call.host()).isEqualTo("\"0.0.0.0\"");
            assertThat(call.line()).isEqualTo(3);
            assertThat(call.server()).isEqualTo("Ktor's Netty engine (embeddedServer)");
        });
    }

    @Test
    void portFromTheEnvironmentWithADefault() {
        AppSource app = ktor("AppKt", "src/main/kotlin/App.kt", """
                val port = System.getenv("PORT")?.toIntOrNull() ?: 8081
                fun main() { embeddedServer(CIO, port) { routing { get("/") { call.respondText("hi") } } }.start(true) }
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(call -> {
            assertThat(call.port()).isEqualTo(8081);
            assertThat(call.portVariable()).isEqualTo("PORT");
        });
    }

    @Test
    void noPortMeansKtorsDefaultAndAnEngineConfigurationIsNotRead() {
        assertThat(ktor("AppKt", "src/main/kotlin/App.kt", "fun main() { embeddedServer(Netty) { }.start() }")
                .port()).contains(80);
        assertThat(ktor("AppKt", "src/main/kotlin/App.kt", """
                fun main() {
                    embeddedServer(Netty, applicationEngineEnvironment { connector { port = 9000 } }).start()
                }
                """).serverCalls()).singleElement().satisfies(call -> assertThat(call.port()).isNull());
    }

    @Test
    void engineMainReadsTheHoconPortAndItsOverride() {
        AppSource app = ktor("io.ktor.server.netty.EngineMain", "src/main/resources/application.conf", """
                ktor {
                    deployment { port = 8080
                        port = ${?PORT} }
                    application { modules = [ com.example.ApplicationKt.module ] }
                }
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(call -> {
            assertThat(call.port()).isEqualTo(8080);
            assertThat(call.portVariable()).isEqualTo("PORT");
            assertThat(call.file()).isEqualTo("src/main/resources/application.conf");
            assertThat(call.line()).isEqualTo(3);
        });
    }

    @Test
    void engineMainReadsTheYamlPort() {
        AppSource app = ktor("io.ktor.server.cio.EngineMain", "src/main/resources/application.yaml", """
                ktor:
                  deployment:
                    port: "$PORT:8090"
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(call -> {
            assertThat(call.port()).isEqualTo(8090);
            assertThat(call.portVariable()).isEqualTo("PORT");
        });
    }

    @Test
    void engineMainWithoutAPortLeavesItUntold() {
        AppSource app = ktor("io.ktor.server.netty.EngineMain", "src/main/resources/application.conf",
                "ktor.application.modules = [ AppKt.module ]\n");
        assertThat(app.serverCalls()).singleElement().satisfies(call -> assertThat(call.port()).isNull());
    }

    @Test
    void hoconSettingsHaveTheirFullKeys() {
        assertThat(Hocon.settings("""
                ktor {
                  # comment { not a block
                  deployment {
                    host = "0.0.0.0"
                  }
                }
                ktor.deployment.sslPort: 8443
                """)).extracting(Hocon.Setting::key, Hocon.Setting::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ktor.deployment.host", 4),
                        org.assertj.core.groups.Tuple.tuple("ktor.deployment.sslPort", 7));
    }
}
