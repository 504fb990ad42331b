threads 5, 5
workers 2
# expect: server-listens-on-localhost
# expect-text: server-listens-on-localhost: leaves the address to config/puma.rb, which binds Puma to tcp://127.0.0.1:3000 only
bind "tcp://127.0.0.1:3000"
preload_app!
