package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.manifest;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoServerTest {

    private static final String GO_MOD = "module example.com/svc\n\ngo 1.23\n";

    private static AppSource go(String main, String... argv) {
        return read(files("go.mod", GO_MOD, "main.go", main), List.of(manifest("go.mod", GO_MOD)), Map.of(),
                argv.length == 0 ? new String[] {"/svc"} : argv);
    }

    @Test
    void literalAddressOfListenAndServe() {
        AppSource app = go("""
                package main

                import "net/http"

                func main() {
                	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {})
                	http.ListenAndServe("127.0.0.1:8080", nil)
                }
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(c -> {
            assertThat(c.host()).isEqualTo("127.0.0.1");
            assertThat(c.port()).isEqualTo(8080);
            assertThat(c.line()).isEqualTo(7);
            assertThat(c.portVariable()).isNull();
        });
        assertThat(app.routes().match("/healthz")).isPresent();
        assertThat(app.routes().determines("/health")).isTrue();
    }

    @Test
    void portVariableWithDefaultInServerAddr() {
        AppSource app = go("""
                package main

                import (
                	"net/http"
                	"os"
                )

                func main() {
                	port := os.Getenv("PORT")
                	if port == "" {
                		port = "8080"
                	}
                	srv := &http.Server{
                		Handler: nil,
                		Addr:    ":" + port,
                	}
                	srv.ListenAndServe()
                }
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(c -> {
            assertThat(c.port()).isEqualTo(8080);
            assertThat(c.portVariable()).isEqualTo("PORT");
            assertThat(c.addressVariable()).isFalse();
            assertThat(c.line()).isEqualTo(15);
            assertThat(c.host()).isNull();
        });
    }

    @Test
    void portVariableFilledFromAConstantAsInKnightHacksUsers() {
        AppSource app = go("""
                package main

                import (
                	"log"
                	"os"

                	"github.com/gin-gonic/gin"
                )

                const defaultPort = "8080"

                func main() {
                	port := os.Getenv("PORT")
                	if port == "" {
                		port = defaultPort
                	}
                	r := gin.Default()
                	log.Fatalln(r.Run(":" + port))
                }
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(c -> {
            assertThat(c.port()).isEqualTo(8080);
            assertThat(c.portVariable()).isEqualTo("PORT");
        });
    }

    @Test
    void flagDefaultFromAnEnvironmentHelperAsInTheGoCleanExample() throws Exception {
        String main = Files.readString(Path.of("../examples/go-clean/main.go"));
        assertThat(go(main).serverCalls()).singleElement().satisfies(c -> {
            assertThat(c.port()).isEqualTo(8080);
            assertThat(c.portVariable()).isEqualTo("ADDR");
            assertThat(c.addressVariable()).isTrue();
        });
        assertThat(go(main, "/svc", "-addr", ":9000").serverCalls()).singleElement()
                .satisfies(c -> assertThat(c.port()).isNull());
    }

    @Test
    void ginRunWithoutAddressReadsPortElse8080() {
        AppSource app = go("""
                package main

                import "github.com/gin-gonic/gin"

                func main() {
                	r := gin.Default()
                	v1 := r.Group("/api/v1")
                	v1.GET("/status", func(c *gin.Context) {})
                	r.Run()
                }
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(c -> {
            assertThat(c.port()).isEqualTo(8080);
            assertThat(c.portVariable()).isEqualTo("PORT");
            assertThat(c.server()).isEqualTo("Gin's server");
        });
        assertThat(app.frameworks()).containsExactly(Framework.GIN);
        assertThat(app.routes().match("/api/v1/status")).isPresent();
        assertThat(app.routes().match("/status")).isEmpty();
    }

    @Test
    void clientAddressesAreNotListeners() {
        AppSource app = go("""
                package main

                import (
                	"database/sql"
                	"github.com/redis/go-redis/v9"
                	"github.com/labstack/echo/v4"
                )

                func main() {
                	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
                	db, _ := sql.Open("postgres", "host=localhost port=5432")
                	_, _ = rdb, db
                	e := echo.New()
                	e.Logger.Fatal(e.Start(":1323")) // not e.Start("127.0.0.1:1")
                }
                """);
        assertThat(app.serverCalls()).singleElement().satisfies(c -> {
            assertThat(c.port()).isEqualTo(1323);
            assertThat(c.host()).isNull();
            assertThat(c.server()).isEqualTo("Echo's server");
        });
    }

    @Test
    void pathsHeldInVariablesAndSubtreesAreUndetermined() {
        AppSource app = go("""
                package main

                import "net/http"

                func main() {
                	mux := http.NewServeMux()
                	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {})
                	mux.Handle("/static/", http.FileServer(http.Dir("web")))
                	mux.HandleFunc(metricsPath, nil)
                	http.ListenAndServe(":8080", mux)
                }
                """);
        assertThat(app.routes().match("/healthz")).isPresent();
        assertThat(app.routes().determines("/ready")).isFalse();
    }

    @Test
    void onlyTheMainPackageTheDockerfileBuilds() {
        SourceSet files = files("go.mod", GO_MOD,
                "cmd/api/main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n",
                "cmd/admin/main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":9090\", nil) }\n");
        List<GoSources> all = GoSources.of(List.of(manifest("go.mod", GO_MOD)), files, null);
        List<GoSources> api = GoSources.of(List.of(manifest("go.mod", GO_MOD)), files, "cmd/api");
        assertThat(GoServer.starts(all, false)).hasSize(2);
        assertThat(GoServer.starts(api, false)).singleElement().satisfies(c -> assertThat(c.port()).isEqualTo(8080));
    }
}
