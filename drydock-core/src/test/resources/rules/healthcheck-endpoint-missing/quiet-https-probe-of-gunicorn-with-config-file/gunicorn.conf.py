certfile = "/run/secrets/tls.crt"
keyfile = "/run/secrets/tls.key"
