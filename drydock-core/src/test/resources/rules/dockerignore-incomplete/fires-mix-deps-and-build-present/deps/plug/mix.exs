defmodule Plug.MixProject do end
