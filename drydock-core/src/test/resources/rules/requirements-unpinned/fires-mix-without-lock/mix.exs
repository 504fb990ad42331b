defmodule Board.MixProject do
  use Mix.Project

  def project, do: [app: :board, version: "0.1.0", deps: deps()]

  defp deps do
    [
      # expect: requirements-unpinned
      {:plug_cowboy, "~> 2.7"},
      {:jason, "1.4.4"}
    ]
  end
end
