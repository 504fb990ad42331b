package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.manifest;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhoenixRoutesTest {

    private static final String MIX = """
            defmodule Depot.MixProject do
              use Mix.Project
              def project, do: [app: :depot, deps: deps()]
              defp deps do
                [{:phoenix, "~> 1.7"}, {:bandit, "~> 1.5"}]
              end
            end
            """;

    @Test
    void scopesNestAndBlocksThatCloseOnTheirLineDoNotShiftThem() {
        AppSource app = read(files("lib/depot_web/router.ex", """
                        defmodule DepotWeb.Router do
                          use DepotWeb, :router

                          pipeline :api do
                            plug :accepts, ["json"] # "/ignored"
                          end

                          scope "/api", DepotWeb do
                            pipe_through :api
                            get "/parcels", ParcelController, :index
                            scope "/v2" do
                              post("/parcels", ParcelController, :create, assigns: Enum.map([1], fn x -> x end))
                            end
                            live "/track/:id", TrackLive
                          end

                          get "/health", HealthController, :show
                        end
                        """),
                List.of(manifest("mix.exs", MIX)), Map.of(), "/app/bin/server");
        assertThat(app.frameworks()).containsExactly(Framework.PHOENIX);
        assertThat(app.routes().all()).extracting(Route::path)
                .containsExactly("/api/parcels", "/api/v2/parcels", "/api/track/:id", "/health");
        assertThat(app.routes().healthRoute()).hasValueSatisfying(r -> assertThat(r.line()).isEqualTo(17));
        assertThat(app.routes().determines("/healthz")).isTrue();
    }

    @Test
    void routesCompiledInForSomeEnvironmentsAndForwardedPathsAreUndetermined() {
        AppSource app = read(files("lib/depot_web/router.ex", """
                        defmodule DepotWeb.Router do
                          use Phoenix.Router

                          get "/", DepotWeb.PageController, :home
                          forward "/ops", DepotWeb.OpsRouter

                          if Mix.env() in [:dev, :test] do
                            scope "/dev" do
                              get "/health", DepotWeb.DevController, :health
                            end
                          end
                        end
                        """),
                List.of(manifest("mix.exs", MIX)), Map.of(), "/app/bin/server");
        assertThat(app.routes().healthRoute()).isEmpty();
        assertThat(app.routes().determines("/ops/health")).isFalse();
        assertThat(app.routes().determines("/dev/health")).isFalse();
        assertThat(app.routes().determines("/health")).isTrue();
    }

    @Test
    void aPlugOfTheEndpointThatPhoenixDoesNotWriteMakesEveryPathUndetermined() {
        AppSource app = read(files("lib/depot_web/router.ex", """
                        defmodule DepotWeb.Router do
                          use Phoenix.Router
                          get "/", DepotWeb.PageController, :home
                        end
                        """, "lib/depot_web/endpoint.ex", """
                        defmodule DepotWeb.Endpoint do
                          use Phoenix.Endpoint, otp_app: :depot
                          plug DepotWeb.Healthz
                          plug Plug.RequestId
                          plug DepotWeb.Router
                        end
                        """),
                List.of(manifest("mix.exs", MIX)), Map.of(), "/app/bin/server");
        assertThat(app.routes().known()).isTrue();
        assertThat(app.routes().determines("/healthz")).isFalse();
    }

    @Test
    void aMixProjectWithoutPhoenixIsNotRead() {
        AppSource app = read(files("lib/depot/router.ex", """
                        defmodule Depot.Router do
                          use Plug.Router
                          get "/health" do
                            send_resp(conn, 200, "ok")
                          end
                        end
                        """),
                List.of(manifest("mix.exs", MIX.replace("{:phoenix, \"~> 1.7\"}, ", ""))), Map.of(), "/app/bin/server");
        assertThat(app.routes().known()).isFalse();
    }
}
