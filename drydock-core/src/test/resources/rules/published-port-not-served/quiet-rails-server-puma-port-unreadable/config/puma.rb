threads 1, 1
port ENV.fetch("RAILS_PORT") { ENV.fetch("PORT", 3000) }
