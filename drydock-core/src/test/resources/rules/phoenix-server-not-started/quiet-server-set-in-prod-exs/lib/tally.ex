defmodule Tally do
end
