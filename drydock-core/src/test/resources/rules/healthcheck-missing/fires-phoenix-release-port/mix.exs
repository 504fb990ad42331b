defmodule Harbor.MixProject do
  use Mix.Project

  def project do
    [app: :harbor, version: "0.3.0", elixir: "~> 1.17", deps: deps()]
  end

  defp deps do
    [{:phoenix, "~> 1.7.14"}, {:bandit, "~> 1.5"}]
  end
end
