defmodule ShopWeb.Router do
  use ShopWeb, :router

  pipeline :api do
    plug :accepts, ["json"]
  end

  scope "/api", ShopWeb do
    pipe_through :api

    get "/health", HealthController, :show
    resources "/orders", OrderController, only: [:index, :show]
  end

  if Application.compile_env(:shop, :dev_routes) do
    import Phoenix.LiveDashboard.Router

    scope "/dev" do
      live_dashboard "/dashboard"
    end
  end
end
