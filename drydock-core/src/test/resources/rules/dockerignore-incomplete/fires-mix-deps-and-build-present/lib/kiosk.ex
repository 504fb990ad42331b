defmodule Kiosk do end
