defmodule Ledger.MixProject do
  use Mix.Project

  def project, do: [app: :ledger, version: "0.1.0", elixir: "~> 1.16", deps: deps()]

  def application, do: [extra_applications: [:logger], mod: {Ledger.Application, []}]

  defp deps, do: [{:bandit, "~> 1.5"}, {:plug, "~> 1.16"}]
end
