defmodule LiveBeats.MixProject do
  use Mix.Project

  def project do
    [app: :live_beats, version: "0.1.1", elixir: "~> 1.12", start_permanent: Mix.env() == :prod, deps: deps()]
  end

  def application, do: [mod: {LiveBeats.Application, []}, extra_applications: [:logger, :runtime_tools]]

  defp deps do
    [{:phoenix, "~> 1.7.1"}, {:phoenix_ecto, "~> 4.4"}, {:postgrex, ">= 0.0.0"}, {:plug_cowboy, "~> 2.5"}]
  end
end
