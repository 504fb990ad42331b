require "sinatra/base"
require "sinatra/namespace"

class NotesApp < Sinatra::Base
  register Sinatra::Namespace

  namespace "/api" do
    get "/health" do
      "ok"
    end
  end
end
