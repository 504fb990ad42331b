import Config

if System.get_env("PHX_SERVER") do
  config :harbor, HarborWeb.Endpoint, server: true
end

if config_env() == :prod do
  port = String.to_integer(System.get_env("PORT") || "4000")
  config :harbor, HarborWeb.Endpoint, http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port]
end
