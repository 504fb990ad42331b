require "sinatra/base"
require "sequel"

DB = Sequel.connect(ENV.fetch("DATABASE_URL"))

class NotesApp < Sinatra::Base
  # expect: readiness-check-missing
  # expect-text: readiness-check-missing: `DB.test_connection` (Sequel)
  get "/healthz" do
    "ok"
  end

  get "/notes/:id" do
    content_type :json
    { id: params[:id] }.to_json
  end
end
