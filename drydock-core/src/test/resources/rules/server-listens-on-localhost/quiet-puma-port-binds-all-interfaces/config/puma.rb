threads 3, 3
port ENV.fetch("PORT", 3000)
# metrics for the sidecar, on loopback only
bind "tcp://127.0.0.1:9394"
