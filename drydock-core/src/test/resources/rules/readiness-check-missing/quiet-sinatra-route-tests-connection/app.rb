require "sinatra/base"
require "sequel"

DB = Sequel.connect(ENV.fetch("DATABASE_URL"))

class NotesApp < Sinatra::Base
  get "/healthz" do
    DB.test_connection
    "ok"
  rescue Sequel::DatabaseError
    halt 503
  end

  get "/notes/:id" do
    content_type :json
    { id: params[:id] }.to_json
  end
end
