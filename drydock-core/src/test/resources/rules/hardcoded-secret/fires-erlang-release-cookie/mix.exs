defmodule Nopea.MixProject do
  use Mix.Project

  def project do
    [app: :nopea, version: "0.1.0", elixir: "~> 1.18", deps: [{:plug_cowboy, "~> 2.7"}]]
  end

  def application, do: [mod: {Nopea.Application, []}, extra_applications: [:logger]]
end
