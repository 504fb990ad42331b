package dev.drydock.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KtorRoutesTest {

    private static Routes routes(String... pathsAndTexts) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            sources.put(pathsAndTexts[i], KotlinText.blankComments(pathsAndTexts[i + 1]));
        }
        return KtorRoutes.read(sources);
    }

    @Test
    void nestedRoutesAndMethods() {
        Routes routes = routes("src/main/kotlin/Routing.kt", """
                fun Application.configureRouting() {
                    routing {
                        get("/health") { call.respondText("OK") }
                        route("/api") {
                            authenticate("jwt") {
                                get("/orders/{id}") {
                                    val id = call.parameters["id"] // get("/not-a-route")
                                }
                            }
                            post { call.respond(HttpStatusCode.Created) }
                        }
                    }
                }
                """);
        assertThat(routes.known()).isTrue();
        assertThat(routes.match("/health")).hasValueSatisfying(r -> assertThat(r.line()).isEqualTo(3));
        assertThat(routes.match("/api/orders/7")).isPresent();
        assertThat(routes.all()).extracting(Route::method, Route::path).hasSize(3);
        assertThat(routes.match("/not-a-route")).isEmpty();
        assertThat(routes.determines("/healthz")).isTrue();
        assertThat(routes.healthRoute()).map(Route::path).contains("/health");
    }

    @Test
    void routeExtensionsAreFollowedUnderTheirPrefix() {
        Routes routes = routes("src/main/kotlin/App.kt", """
                fun Application.module() { routing { route("/v1") { healthRoutes() } } }
                """, "src/main/kotlin/Health.kt", """
                fun Route.healthRoutes() {
                    get("/ready") { call.respond("ok") }
                }
                """);
        assertThat(routes.match("/v1/ready")).hasValueSatisfying(r -> assertThat(r.file()).isEqualTo("src/main/kotlin/Health.kt"));
        assertThat(routes.determines("/v1/other")).isTrue();
    }

    @Test
    void whatIsNotFollowedLeavesItsPrefixUndetermined() {
        Routes routes = routes("src/main/kotlin/App.kt", """
                fun Application.module() {
                    routing {
                        get("/health") { call.respondText("OK") }
                        route("/api") { userRoutes(service) }
                        staticResources("/static", "static")
                        get<Orders> { }
                    }
                }
                """);
        assertThat(routes.determines("/api/users")).isFalse();
        assertThat(routes.determines("/static/app.js")).isFalse();
        assertThat(routes.determines("/health")).isFalse(); // typed resources may answer anywhere
    }

    @Test
    void noRoutingBlockMeansUnknown() {
        assertThat(routes("src/main/kotlin/App.kt", "fun main() { println(\"hi\") }").known()).isFalse();
    }
}
