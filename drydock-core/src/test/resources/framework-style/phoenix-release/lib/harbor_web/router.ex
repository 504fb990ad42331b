defmodule HarborWeb.Router do
  use HarborWeb, :router

  scope "/", HarborWeb do
    get "/", PageController, :home
  end
end
