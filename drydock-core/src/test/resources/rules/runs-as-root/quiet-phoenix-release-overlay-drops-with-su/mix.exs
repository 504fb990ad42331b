defmodule LiveBeats.MixProject do
  use Mix.Project

  def project do
    [app: :live_beats, version: "0.1.0", elixir: "~> 1.12", deps: deps()]
  end

  defp deps, do: [{:phoenix, "~> 1.7.0"}]
end
