threads 5, 5
port ENV.fetch("PORT") { 3000 }
environment ENV.fetch("RAILS_ENV") { "development" }
# expect: main-process-daemonizes
# expect-text: main-process-daemonizes: `daemonize` in config/puma.rb, which rails server loads
daemonize
plugin :tmp_restart
