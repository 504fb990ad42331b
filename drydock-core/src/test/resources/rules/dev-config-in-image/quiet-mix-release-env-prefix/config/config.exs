import Config

config :tally, TallyWeb.Endpoint,
  url: [host: "localhost"],
  pubsub_server: Tally.PubSub

import_config "#{config_env()}.exs"
