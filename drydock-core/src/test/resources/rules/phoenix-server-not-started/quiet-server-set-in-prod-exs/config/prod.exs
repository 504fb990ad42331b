import Config

config :tally, TallyWeb.Endpoint, server: true
