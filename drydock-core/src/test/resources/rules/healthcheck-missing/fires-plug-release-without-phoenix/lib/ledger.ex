defmodule Ledger.Application do
  use Application

  def start(_type, _args) do
    Supervisor.start_link([{Bandit, plug: Ledger.Router, port: 4000}], strategy: :one_for_one)
  end
end
