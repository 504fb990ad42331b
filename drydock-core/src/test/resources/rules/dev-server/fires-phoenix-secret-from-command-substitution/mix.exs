defmodule Shop.MixProject do
  use Mix.Project

  def project, do: [app: :shop, version: "0.1.0", elixir: "~> 1.16", deps: deps()]

  defp deps, do: [{:phoenix, "~> 1.7.14"}, {:bandit, "~> 1.5"}]
end
