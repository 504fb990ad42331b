defmodule Kiosk.MixProject do
  use Mix.Project

  def project do
    [
      app: :kiosk,
      version: "0.1.0",
      elixir: "~> 1.16",
      start_permanent: Mix.env() == :prod,
      aliases: aliases(),
      deps: deps()
    ]
  end

  defp deps do
    [
      {:phoenix, "~> 1.7.14"},
      {:ecto_sql, "3.11.3"},
      # {:commented_out, "~> 1.0"},
      {:jason, ">= 0.0.0", override: true},
      {:phoenix_live_reload, "~> 1.2", only: :dev},
      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},
      {:floki, ">= 0.30.0", only: :test},
      {:heroicons, github: "tailwindlabs/heroicons", tag: "v2.1.1", sparse: "optimized", app: false, compile: false},
      {:shared, in_umbrella: true}
    ]
  end

  defp aliases do
    [setup: ["deps.get", "ecto.setup"], test: ["ecto.create --quiet", "test"]]
  end
end
