require "sinatra/base"

class NotesApp < Sinatra::Base
  get "/healthz" do
    "ok"
  end

  get "/notes/:id" do
    content_type :json
    { id: params[:id] }.to_json
  end
end
