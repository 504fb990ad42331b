defmodule Board.MixProject do
  use Mix.Project

  def project, do: [app: :board, version: "0.1.0", deps: deps()]

  defp deps do
    [{:phoenix, "~> 1.7.14"}, {:phoenix_live_reload, "~> 1.2", only: :dev}]
  end
end
