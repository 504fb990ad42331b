defmodule Harbor.MixProject do
  use Mix.Project

  def project do
    [app: :harbor, version: "0.3.0", elixir: "~> 1.17", start_permanent: Mix.env() == :prod, deps: deps()]
  end

  def application do
    [mod: {Harbor.Application, []}, extra_applications: [:logger]]
  end

  defp deps do
    [
      {:phoenix, "~> 1.7.14"},
      {:phoenix_live_view, "~> 1.0"},
      {:esbuild, "~> 0.8", runtime: Mix.env() == :dev},
      {:jason, "~> 1.4"},
      {:bandit, "~> 1.5"}
    ]
  end
end
