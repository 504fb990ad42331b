defmodule ShopWeb.Router do
  use Phoenix.Router

  scope "/" do
    get "/", ShopWeb.PageController, :home
    forward "/ops", ShopWeb.OpsRouter
  end
end
