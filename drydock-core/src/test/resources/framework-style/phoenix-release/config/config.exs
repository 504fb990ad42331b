import Config
config :harbor, HarborWeb.Endpoint, adapter: Bandit.PhoenixAdapter
import_config "#{config_env()}.exs"
