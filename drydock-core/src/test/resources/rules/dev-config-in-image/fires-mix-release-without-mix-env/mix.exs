defmodule Tally.MixProject do
  use Mix.Project

  def project do
    [app: :tally, version: "1.2.0", elixir: "~> 1.17", deps: deps()]
  end

  def application do
    [mod: {Tally.Application, []}, extra_applications: [:logger]]
  end

  defp deps do
    [{:phoenix, "~> 1.7.14"}, {:bandit, "~> 1.5"}, {:jason, "~> 1.4"}]
  end
end
